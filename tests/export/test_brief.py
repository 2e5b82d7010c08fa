"""The brief (issue 23): its PDF and Markdown read back as text hold the view's key
figures, stay within their pages, and keep hostile data text as text."""

from __future__ import annotations

import html
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from markdown_it import MarkdownIt

from dashboard.analysis.display import BRIEF_SOURCE_LIMIT
from dashboard.cli import main
from dashboard.contract.loader import load_dataset
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import render_brief
from dashboard.query.filters import Filters, apply_filters
from tests.minidata import set_cell, tables_copy, write_mini_dataset

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CURATED = PROJECT_ROOT / "data"
TODAY = date(2025, 10, 20)
ZERO_WIDTH_SPACE = "\u200b"


def brief_of(directory: Path, filters: Filters | None = None, since: date | None = None):
    filters = filters or Filters()
    dataset = load_dataset(directory)
    view = apply_filters(dataset, filters)
    return dataset, view, build_brief(dataset, filters, view, TODAY, since=since, environ={})


def pdf_text(data: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages), reader


def squeezed(text: str) -> str:
    """Text without whitespace (PDF text extraction breaks lines where the layout does)."""
    return "".join(text.replace(ZERO_WIDTH_SPACE, "").split())


@pytest.fixture(scope="module")
def curated_pdf() -> tuple[str, pypdf.PdfReader]:
    _, _, brief = brief_of(CURATED, since=date(2025, 10, 12))
    return pdf_text(render_brief(brief, "pdf"))


def test_curated_pdf_is_one_page_with_the_key_figures(curated_pdf) -> None:
    text, reader = curated_pdf
    assert len(reader.pages) == 1
    flat = squeezed(text)
    for expected in (
        "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)",
        "Data as of 12 Oct 2025",
        "all parties · all dates · verified and unverified · 17 events · 18 claims",
        "Events17allinthedata",
        "2 of 2",  # crossings closed
        "Torkham",
        "Closed since 12 Oct 2025",
        "Pakistani soldiers killed, night of 11–12 Oct 2025",
        "says 58 · ○ claimed · 0 independent confirmations",  # nothing confirms a toll
        "What changed since 12 Oct 2025",
        "reliability F",
        "F: reliability cannot be judged",
        "Reopen this view: http://localhost:8501/",
    ):
        assert squeezed(expected) in flat, expected


def test_curated_pdf_has_a_title_a_language_and_words_for_status(curated_pdf) -> None:
    text, reader = curated_pdf
    assert reader.metadata.title == (
        "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
    )
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("en")
    # status in words and symbols, not colour alone
    assert "Closed" in text and "claimed" in text and "unconfirmed" in text


def test_the_link_reopens_the_filtered_view(tmp_path: Path) -> None:
    dataset = load_dataset(CURATED)
    filters = Filters(parties=("pak",), verification="unverified")
    view = apply_filters(dataset, filters)
    environ = {"DASHBOARD_PUBLIC_URL": "https://dash.example.org/"}
    brief = build_brief(dataset, filters, view, TODAY, environ=environ)
    # all dates, written out: a link without dates opens the default range (after the
    # 1893 background), which is another view
    assert brief.link == (
        "https://dash.example.org/?party=pak&dates=0001-01-01&dates=9999-12-31"
        "&verification=unverified"
    )
    text, _ = pdf_text(render_brief(brief, "pdf"))
    assert squeezed(brief.link) in squeezed(text)
    assert squeezed("1 party (Pakistan) · all dates · unverified only · 8 of 17 events") in (
        squeezed(text)
    )


def test_realistic_pdf_and_markdown_hold_its_figures_within_two_pages(realistic_dir) -> None:
    dataset, _, brief = brief_of(realistic_dir)
    events = dataset.tables["events"]
    best = events["fatalities"].astype("Int64")
    known = best.notna()
    low = events["fatalities_low"].astype("Int64").fillna(best)[known].sum()
    high = events["fatalities_high"].astype("Int64").fillna(best)[known].sum()
    expected = [
        f"{len(events):,}",
        f"{int(best[known].sum()):,}",
        f"range {int(low):,}–{int(high):,}",
        f"{int((~known).sum()):,} of {len(events):,} events unknown",
    ]
    text, reader = pdf_text(render_brief(brief, "pdf"))
    assert 1 <= len(reader.pages) <= 2
    markdown = render_brief(brief, "md").decode("utf-8")
    for figure in expected:
        assert squeezed(figure) in squeezed(text), figure
        assert figure in plain_markdown(markdown), figure
    assert len(brief.topics) == 5 and "5 of " in brief.topics_note


def plain_markdown(markdown: str) -> str:
    """What a reader sees of the Markdown: rendered, tags stripped, entities decoded."""
    rendered = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace(ZERO_WIDTH_SPACE, "")


def test_curated_markdown_holds_the_key_figures() -> None:
    _, _, brief = brief_of(CURATED, since=date(2025, 10, 12))
    seen = plain_markdown(render_brief(brief, "md").decode("utf-8"))
    for expected in (
        "# Afghanistan–Pakistan",
        "Events: 17 (all in the data)",
        "Crossings closed: ✖ 2 of 2",
        "Torkham: ✖ Closed since 12 Oct 2025",
        "Afghanistan (Taliban government) says 58 · ○ claimed",
        "What changed since 12 Oct 2025",
        "Reopen this view: http://localhost:8501/",
    ):
        assert expected.lstrip("# ") in seen, expected


# --- hostile text ---------------------------------------------------------------------------

PAYLOAD = '=HYPERLINK("x") <b>B</b> *em* #panic("T") ]$x$[ [l](https://evil.example) www.ev.example'


def write_hostile_brief_data(directory: Path) -> Path:
    """The invented conflict with markup of every kind in the texts a brief prints."""
    tables = tables_copy()
    for name, column in (("sources", "title"), ("topics", "question"), ("events", "title")):
        header, *rows = tables[name]
        index = header.index(column)
        for row in rows:
            row[index] = PAYLOAD
    return write_mini_dataset(directory, tables)


def test_hostile_text_stays_text_in_every_format(tmp_path: Path) -> None:
    directory = write_hostile_brief_data(tmp_path / "hostile")
    dataset, _, brief = brief_of(directory, since=date(2000, 1, 1))
    assert dataset.errors == []
    text, reader = pdf_text(render_brief(brief, "pdf"))
    assert len(reader.pages) <= 2
    assert squeezed(PAYLOAD) in squeezed(text)  # printed as written, never evaluated
    markdown = render_brief(brief, "md").decode("utf-8")
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<a " not in rendered and "<b>" not in rendered and "<em>em" not in rendered
    assert PAYLOAD in plain_markdown(markdown)
    assert "www\u200b\\.ev" in markdown  # no autolink can form
    assert "https\\:\u200b\\/\\/" in markdown
    page = render_brief(brief, "html").decode("utf-8")
    assert "<b>B</b>" not in page and "<a " not in page and "<script" not in page
    assert html.escape(PAYLOAD, quote=True) in page


# --- the command ----------------------------------------------------------------------------


def test_brief_command_writes_a_new_file_and_never_overwrites(tmp_path: Path, capsys) -> None:
    out = tmp_path / "brief.md"
    args = ["brief", str(CURATED), "--party", "pak", "--since", "2025-10-12", "--out", str(out)]
    assert main(args) == 0
    written = out.read_text(encoding="utf-8")
    assert "8 of 17 events" in plain_markdown(written)
    assert "What changed since 12 Oct 2025" in plain_markdown(written)
    assert main(args) == 2  # exists: refused, left as it was
    assert out.read_text(encoding="utf-8") == written
    assert "exists" in capsys.readouterr().err
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "elsewhere.pdf")
    assert main(["brief", str(CURATED), "--out", str(link)]) == 2
    assert not (tmp_path / "elsewhere.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "link.pdf"]


def test_brief_command_pdf_and_html_by_flag(tmp_path: Path) -> None:
    pdf = tmp_path / "brief.out"
    assert main(["brief", str(CURATED), "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    page = tmp_path / "brief.html"
    assert main(["brief", str(CURATED), "--out", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="en"' in text
    assert text.count('<img alt="') == 2  # timeline and map, drawn offline
    assert main(["brief", str(CURATED), "--party", "nobody", "--out", str(tmp_path / "x")]) == 2


def test_changes_since_count_by_the_datas_dates() -> None:
    dataset, _, brief = brief_of(CURATED, since=date(2025, 10, 12))
    events = dataset.tables["events"]
    new = int((events["date_start"] >= pd.Timestamp("2025-10-12")).sum())
    assert brief.changes is not None
    assert brief.changes.figures[0] == f"{new:,} events"
    assert len(brief.changes.events) + brief.changes.more_events == new


def test_100k_events_brief_is_within_two_pages_and_names_the_limits_that_bit(synth_100k) -> None:
    dataset = synth_100k
    view = apply_filters(dataset, Filters())
    brief = build_brief(dataset, Filters(), view, TODAY, environ={})
    text, reader = pdf_text(render_brief(brief, "pdf"))
    assert 1 <= len(reader.pages) <= 2
    assert squeezed("100,000") in squeezed(text)
    topics = dataset.tables["claims"]["topic_id"].nunique()
    crossings = len(dataset.tables["crossings"])
    sources = len(dataset.tables["sources"])
    assert len(brief.topics) == 5 and topics > 5
    assert brief.topics_note == (
        f"5 of {topics:,} topics: those with the latest claims (BRIEF_TOPIC_LIMIT)."
    )
    assert brief.crossings_note.startswith(f"6 of {crossings:,} crossings")
    assert f"{BRIEF_SOURCE_LIMIT} of {sources:,} sources: the most cited" in brief.sources_note
    for setting in ("BRIEF_TOPIC_LIMIT", "BRIEF_CROSSING_LIMIT", "BRIEF_SOURCE_LIMIT"):
        assert setting in brief.limits
        assert squeezed(setting) in squeezed(text)
    assert squeezed("dashboard/analysis/display.py") in squeezed(text)


def test_curated_brief_names_only_the_limit_that_bit() -> None:
    dataset, _, brief = brief_of(CURATED)
    topics = dataset.tables["claims"]["topic_id"].nunique()
    assert topics > 5 and len(brief.topics) == 5
    assert brief.limits == (
        "Limits that left something out to fit the page: 5 topics (BRIEF_TOPIC_LIMIT); "
        f"{BRIEF_SOURCE_LIMIT} sources (BRIEF_SOURCE_LIMIT); settings in "
        "dashboard/analysis/display.py. The dashboard and the snapshot have everything."
    )
    markdown = brief_markdown_text(brief)
    assert "BRIEF_TOPIC_LIMIT" in markdown and "BRIEF_CROSSING_LIMIT" not in markdown


def test_a_long_title_is_cut_and_the_cut_named(tmp_path: Path) -> None:
    write_mini_dataset(tmp_path / "data")
    set_cell(tmp_path / "data", "events", 1, "title", "word " * 60)
    _, _, brief = brief_of(tmp_path / "data", since=date(1900, 1, 1))
    assert brief.limits.startswith("Limits that left something out to fit the page:")
    assert "texts cut to 120 characters (BRIEF_TEXT_CHARS)" in brief.limits
    assert "BRIEF_TEXT_CHARS" in brief_markdown_text(brief)


def brief_markdown_text(brief) -> str:
    """The Markdown brief with its escapes undone (``BRIEF\\_TOPIC\\_LIMIT`` as written)."""
    return render_brief(brief, "md").decode("utf-8").replace("\\", "")


def test_fonts_are_found_by_fc_match_else_the_debian_path_else_typst_embedded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dashboard.export import brief_fonts, brief_pdf

    if shutil.which("fc-match") and brief_fonts.fc_match_dir("DejaVu Sans"):
        assert (brief_fonts.fc_match_dir("DejaVu Sans") / "DejaVuSans.ttf").is_file()
    assert brief_fonts.fc_match_dir("No Such Family Anywhere") is None
    monkeypatch.setattr(brief_fonts, "program_output", lambda *args: None)  # no fc-match
    monkeypatch.setattr(brief_fonts, "DEBIAN_FONT_DIR", Path("/nonexistent/fonts"))
    brief_fonts.brief_font.cache_clear()
    brief_pdf._compiler.cache_clear()
    try:
        font = brief_fonts.brief_font()
        assert (font.directory, font.found_by) == (None, "embedded")
        _, _, brief = brief_of(CURATED)
        text, reader = pdf_text(brief_pdf.brief_pdf(brief))
        assert len(reader.pages) == 1 and "Crossings closed" in text
    finally:
        brief_fonts.brief_font.cache_clear()
        brief_pdf._compiler.cache_clear()
