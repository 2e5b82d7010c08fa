"""The views by name (the names are the link's `view` values, from dashboard.params)."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.page import Page
from dashboard.params import VIEWS
from dashboard.ui import claims, crossings, glance, quality, sources, timeline
from dashboard.ui import map as map_view

RENDERERS: dict[str, Callable[[Page], None]] = {
    "glance": glance.render,
    "timeline": timeline.render,
    "claims": claims.render,
    "crossings": crossings.render,
    "map": map_view.render,
    "sources": sources.render,
    "quality": quality.render,
}
assert tuple(RENDERERS) == VIEWS, "every view in the link vocabulary has a renderer"
