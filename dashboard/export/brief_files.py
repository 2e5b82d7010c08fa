"""A brief in the chosen format, its file name, and writing it without losing a file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dashboard.contract.dataset import Dataset
from dashboard.export.brief import Brief
from dashboard.export.snapshot import dataset_name

FORMATS: tuple[str, ...] = ("pdf", "md", "html")
SUFFIXES: dict[str, str] = {".pdf": "pdf", ".md": "md", ".markdown": "md", ".html": "html"}
MIME_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "md": "text/markdown",
    "html": "text/html",
}


def render_brief(brief: Brief, fmt: str) -> bytes:
    """The brief as PDF, Markdown or HTML bytes (UTF-8 for the texts)."""
    if fmt == "md":
        from dashboard.export.brief_text import brief_markdown

        return brief_markdown(brief).encode("utf-8")
    if fmt == "html":
        from dashboard.export.brief_charts import map_svg, timeline_svg
        from dashboard.export.brief_text import brief_html

        page = brief_html(brief, timeline_svg(brief.timeline_spec), map_svg(brief.map_spec))
        return page.encode("utf-8")
    if fmt == "pdf":
        from dashboard.export.brief_pdf import brief_pdf

        return brief_pdf(brief)
    raise ValueError(f"unknown brief format {fmt!r} (choose from: {', '.join(FORMATS)})")


def format_of(path: str) -> str | None:
    """The format a file name asks for by its suffix, or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


def brief_file_name(dataset: Dataset, moment: datetime, fmt: str = "pdf") -> str:
    """'riverland-clashes-brief-20251012T101500Z.pdf'."""
    stamp = moment.astimezone(UTC) if moment.tzinfo else moment
    return f"{dataset_name(dataset)}-brief-{stamp:%Y%m%dT%H%M%SZ}.{fmt}"
