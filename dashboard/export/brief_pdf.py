"""The brief as an A4 PDF, set by Typst from the brief's JSON (never from markup)."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.export.brief import Brief
from dashboard.export.brief_charts import FONT_DIR, map_svg, timeline_svg

TEMPLATE = Path(__file__).resolve().parent / "brief.typ"


def brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes: real text, a title, a language; charts as vector images."""
    import typst  # the compiler is embedded in the package; only the PDF needs it

    charts = {"timeline": timeline_svg(brief.timeline_spec), "map": map_svg(brief.map_spec)}
    fonts = [str(FONT_DIR)] if FONT_DIR.is_dir() else []
    return typst.compile(
        str(TEMPLATE),
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs={
            "brief": json.dumps(brief.texts(), ensure_ascii=False),
            "charts": json.dumps(charts, ensure_ascii=False),
        },
        format="pdf",
    )
