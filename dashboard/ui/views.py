"""The views by name (the names are the link's `view` values, from dashboard.query.params)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from dashboard.query.page import Page
from dashboard.query.params import VIEWS
from dashboard.ui import changes, claims, crossings, glance, quality, sources, timeline
from dashboard.ui import map as map_view

RENDERERS: dict[str, Callable[[Page], None]] = {
    "glance": glance.render,
    "timeline": timeline.render,
    "claims": claims.render,
    "crossings": crossings.render,
    "map": map_view.render,
    "sources": sources.render,
    "quality": quality.render,
    "changes": changes.render,
}
assert tuple(RENDERERS) == VIEWS, "every view in the link vocabulary has a renderer"

LOG = logging.getLogger(__name__)


def render_view(name: str, page: Page) -> None:
    """The view, or a short message if it fails: the other views keep working, and the
    traceback goes to the server's log only."""
    try:
        RENDERERS[name](page)
    except Exception:
        LOG.exception("the %s view failed", name)
        st.error(
            f"The {name} view could not be shown. The other views still work; the details "
            "are in the server's log.",
            icon=":material/error:",
        )
