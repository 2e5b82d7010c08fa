"""The brief as an A4 PDF, set by Typst from the brief's JSON (never from markup).

One Typst compiler is kept per process (its fonts are read once); a lock lets one brief
at a time use it."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.export.brief import Brief
from dashboard.export.brief_charts import map_svg, timeline_svg
from dashboard.export.brief_fonts import brief_font

TEMPLATE = Path(__file__).resolve().parent / "brief.typ"
_COMPILING = threading.Lock()


@lru_cache(maxsize=1)
def _compiler() -> Any:
    """The process's Typst compiler of the brief's template, with the brief's font."""
    import typst  # the compiler is embedded in the package; only the PDF needs it

    font = brief_font()
    fonts = [str(font.directory)] if font.directory is not None else []
    return typst.Compiler(str(TEMPLATE), font_paths=fonts, ignore_system_fonts=True)


def brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes: real text, a title, a language; charts as vector images."""
    charts = {"timeline": timeline_svg(brief.timeline_spec), "map": map_svg(brief.map_spec)}
    inputs = {
        "brief": json.dumps(brief.texts(), ensure_ascii=False),
        "charts": json.dumps(charts, ensure_ascii=False),
        "fonts": json.dumps(brief_font().families),
    }
    with _COMPILING:
        return _compiler().compile(format="pdf", sys_inputs=inputs)
