"""The brief's timeline and map as SVG images, drawn offline from the dashboard's own
Vega-Lite specifications (vl-convert bundles Vega; no data or font is fetched).

vl-convert keeps one JavaScript engine per process; starting it takes about two seconds,
so ``warm_up`` starts it on a thread of its own (it releases the GIL) while the brief's
figures are being computed, once per process."""

from __future__ import annotations

import copy
import threading
from functools import lru_cache
from typing import Any

from dashboard.export.brief_fonts import FONT_FAMILY, brief_font

TIMELINE_WIDTH = 520  # pixels of the drawing; the PDF scales it to its column
MAP_WIDTH = 480
MAP_HEIGHT = 320
_WARMING = threading.Lock()
_warm: list[threading.Thread] = []  # the warm-up thread of this process, once started
_TINY_CHART = {"mark": "point", "data": {"values": [{"x": 1}]}}


@lru_cache(maxsize=1)
def _converter() -> Any:
    """vl-convert, with the brief's font registered once per process when there is one."""
    import vl_convert  # a few MB of bundled JavaScript: loaded only when a brief is drawn

    font = brief_font()
    if font.directory is not None:
        vl_convert.register_font_directory(str(font.directory))
    return vl_convert


def warm_up() -> None:
    """Start vl-convert's engine in the background, once per process (no wait)."""
    with _WARMING:
        if _warm:
            return
        thread = threading.Thread(target=_draw_tiny_chart, name="brief-charts-warm-up", daemon=True)
        _warm.append(thread)
        thread.start()


def _draw_tiny_chart() -> None:
    try:
        _converter().vegalite_to_svg(_TINY_CHART, allowed_base_urls=[])
    except Exception:  # a warm-up only: the real drawing reports its own error
        return


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
    config = {"font": FONT_FAMILY} if brief_font().directory is not None else {}
    return _converter().vegalite_to_svg(spec, allowed_base_urls=[], config=config)


def timeline_svg(spec: dict[str, Any] | None) -> str | None:
    """The timeline drawn for the brief, or None without one."""
    return None if spec is None else chart_svg(print_spec(spec, TIMELINE_WIDTH))


def map_svg(spec: dict[str, Any] | None) -> str | None:
    """The map drawn for the brief, or None without one."""
    return None if spec is None else chart_svg(print_spec(spec, MAP_WIDTH, MAP_HEIGHT))
