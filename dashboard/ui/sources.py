"""Sources: reliability grades, citations per source, stored documents with quotes marked."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import display, passages, sources
from dashboard.query.lookups import row_by_id
from dashboard.query.page import Page
from dashboard.ui.textsafe import escape_markdown
from dashboard.ui.widgets import caption, csv_download, data_table

PAGE_KEY = "sources_page"


def render(page: Page) -> None:
    table = page.dataset.tables["sources"]
    shown = sources.citation_counts(page.view.tables)
    total = sources.citation_counts(page.dataset.tables)
    frame = sources.sources_frame(table, shown, total)
    frame = sources.with_origins(frame, page.dataset.tables)
    data_table(
        sources.shown_frame(frame),
        column_config={
            "url": st.column_config.LinkColumn("link"),
            "published": st.column_config.DateColumn("published"),
        },
    )
    csv_download("Download sources (CSV)", frame, "sources-view", "sources_csv")
    quotes = page.cached("quotes", lambda: sources.quotes_by_source(page.view.tables))
    documents = list(page.dataset.documents)
    for source_id in documents_on_page(documents):
        document_excerpt(page, source_id, quotes.get(source_id, []), len(documents) == 1)


def documents_on_page(documents: list[str]) -> list[str]:
    """The stored documents of the chosen page (DOCUMENT_PAGE_SIZE per page), with a page
    picker and a note when there is more than one page."""
    size = display.DOCUMENT_PAGE_SIZE
    pages = max(1, -(-len(documents) // size))
    if pages == 1:
        return documents
    number = st.selectbox("Documents page", options=range(1, pages + 1), key=PAGE_KEY) or 1
    first = (number - 1) * size
    shown = documents[first : first + size]
    caption(
        f"documents {first + 1:,}–{first + len(shown):,} of {len(documents):,} "
        f"({size} per page: DOCUMENT_PAGE_SIZE in dashboard/analysis/display.py)"
    )
    return shown


def document_excerpt(page: Page, source_id: str, quotes: list[str], expanded: bool) -> None:
    """One stored document: its quoted paragraphs with context, as one Markdown element."""
    source = row_by_id(page.dataset.tables["sources"], "source_id", source_id)
    title = source["title"] if source is not None else source_id

    def compute() -> tuple[int, passages.Excerpt]:
        document = page.dataset.documents[source_id]
        spans = sources.quote_spans(document, quotes)
        return len(spans), passages.quoted_excerpt(document, spans)

    count, excerpt = page.cached("excerpt", compute, source_id)
    label = f"Document: {escape_markdown(str(title))} — {count} quoted passages"
    with st.expander(label, expanded=expanded):
        st.caption(
            "Quoted passages are bold on a highlighted background; only the paragraphs "
            "that hold a quote are shown, with the paragraph before and after."
        )
        if excerpt.note():
            caption(excerpt.note() or "")
        if excerpt.markdown:
            st.markdown(excerpt.markdown)
