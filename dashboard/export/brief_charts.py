"""The brief's timeline and map as SVG images, drawn offline from the dashboard's own
Vega-Lite specifications (vl-convert bundles Vega; no data or font is fetched)."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

# The system fonts .ci/run installs (Debian's fonts-dejavu-core); the brief's text and its
# charts use the same family, so what the charts say is set in the brief's own font.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu Sans"
TIMELINE_WIDTH = 520  # pixels of the drawing; the PDF scales it to its column
MAP_WIDTH = 480
MAP_HEIGHT = 320


@lru_cache(maxsize=1)
def _converter() -> Any:
    """vl-convert, with the DejaVu fonts registered once per process when present."""
    import vl_convert  # a few MB of bundled JavaScript: loaded only when a brief is drawn

    if FONT_DIR.is_dir():
        vl_convert.register_font_directory(str(FONT_DIR))
    return vl_convert


def print_spec(spec: dict[str, Any], width: int, height: int | None = None) -> dict[str, Any]:
    """A copy of a dashboard chart for paper: a fixed width (and height), no title (the
    brief says what the chart shows in its own text, without the screen's click hints)."""
    printed = copy.copy(spec)
    printed.pop("title", None)
    printed["width"] = width
    if height is not None:
        printed["height"] = height
    return printed


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document; no URL may be read while drawing it."""
    return _converter().vegalite_to_svg(spec, allowed_base_urls=[], config={"font": FONT_FAMILY})


def timeline_svg(spec: dict[str, Any] | None) -> str | None:
    """The timeline drawn for the brief, or None without one."""
    return None if spec is None else chart_svg(print_spec(spec, TIMELINE_WIDTH))


def map_svg(spec: dict[str, Any] | None) -> str | None:
    """The map drawn for the brief, or None without one."""
    return None if spec is None else chart_svg(print_spec(spec, MAP_WIDTH, MAP_HEIGHT))
