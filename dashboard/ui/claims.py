"""Claims: one card per topic with every party's position side by side."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, claims, display, palette
from dashboard.claims import TopicComparison
from dashboard.page import Page
from dashboard.textsafe import escape_markdown
from dashboard.ui.widgets import caption, csv_download

CARD_COLUMNS = [
    "party",
    "stance",
    "figure",
    "spokesperson",
    "date",
    "revision",
    "verification",
    "statement",
    "source_id",
    "quote",
]


def render(page: Page) -> None:
    if not page.dataset.has("topics", "claims"):
        st.info("This dataset has no topics and claims tables, so there is nothing to compare.")
        return
    parties, sources = page.dataset.tables["parties"], page.dataset.tables["sources"]
    comparisons, note = claims.shown_comparisons(page.view, parties, sources)
    if not comparisons:
        st.info("No claims match the filters.")
        return
    if note:
        caption(note)
    for comparison in comparisons:
        topic_card(page, comparison)
    csv_download(
        "Download claims (CSV)",
        lambda: claims.positions_frame(claims.view_comparisons(page.view, parties, sources)),
        "claims-view",
        "claims_csv",
    )


def topic_card(page: Page, comparison: TopicComparison) -> None:
    with st.container(border=True):
        st.subheader(escape_markdown(comparison.question), anchor=False)
        st.text(claims.positions_summary(comparison))
        ratio = claims.ratio_words(comparison)
        if ratio:
            caption(ratio)
        frame = claims.positions_frame([comparison])
        shown = frame[CARD_COLUMNS].copy()
        shown["verification"] = shown["verification"].map(palette.verification_label)
        shown, note = display.limit_rows(shown, latest_by="date")
        if note:
            caption(f"Latest positions: {note}")
        st.dataframe(
            shown,
            hide_index=True,
            column_config={"date": st.column_config.DateColumn("date")},
            key=f"claims_{comparison.topic_id}",
        )
        with_value = frame[frame["value"].notna()].copy()
        if comparison.numeric and not with_value.empty:
            with_value["verified"] = with_value["verification"] == "verified"
            st.altair_chart(
                charts.claims_chart(
                    with_value, page.dataset.tables["parties"], comparison.question, comparison.unit
                ),
                width="stretch",
            )
