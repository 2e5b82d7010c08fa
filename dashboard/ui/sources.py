"""Sources: reliability grades, citations per source, stored documents with quotes marked."""

from __future__ import annotations

import streamlit as st

from dashboard import sources
from dashboard.lookups import row_by_id
from dashboard.page import Page
from dashboard.textsafe import escape_markdown, highlight_markdown
from dashboard.ui.widgets import csv_download


def render(page: Page) -> None:
    table = page.dataset.tables["sources"]
    shown = sources.citation_counts(page.view.tables)
    total = sources.citation_counts(page.dataset.tables)
    frame = sources.sources_frame(table, shown, total)
    frame = sources.with_origins(frame, page.dataset.tables)
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "url": st.column_config.LinkColumn("link"),
            "published": st.column_config.DateColumn("published"),
        },
    )
    csv_download("Download sources (CSV)", frame, "sources-view", "sources_csv")
    quotes = page.cached("quotes", lambda: sources.quotes_by_source(page.view.tables))
    for source_id, document in page.dataset.documents.items():
        source = row_by_id(table, "source_id", source_id)
        title = source["title"] if source is not None else source_id
        spans = sources.quote_spans(document, quotes.get(source_id, []))
        label = f"Document: {escape_markdown(str(title))} — {len(spans)} quoted passages"
        with st.expander(label, expanded=len(page.dataset.documents) == 1):
            st.caption("Quoted passages are bold on a highlighted background.")
            for paragraph, local in sources.paragraphs_with_spans(document, spans):
                st.markdown(highlight_markdown(paragraph, local))
