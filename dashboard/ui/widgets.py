"""Widgets more than one view uses: CSV downloads, the source line, event details."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.analysis import citelist, display
from dashboard.charts import palette
from dashboard.contract.confirmations import counts_of
from dashboard.contract.schema import RELIABILITY_MEANING
from dashboard.export.csvsafe import view_csv
from dashboard.query.dates import describe_event_dates
from dashboard.query.lookups import row_by_id
from dashboard.query.page import Page
from dashboard.ui.textsafe import escape_markdown


def download_on_click(
    label: str,
    build: Callable[[], bytes | str],
    file_name: str,
    mime: str,
    icon: str,
    help: str | None = None,
    key: str | None = None,
) -> None:
    """A download button whose file is built only when clicked (and no rerun then)."""
    st.download_button(
        label,
        data=build,
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        icon=icon,
        help=help,
        key=key,
    )


def csv_download(
    label: str, frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str
) -> None:
    """A CSV of ``frame`` (a DataFrame, or a function giving one), built only on click."""
    download_on_click(
        label,
        lambda: view_csv(frame() if callable(frame) else frame),
        f"{name}.csv",
        "text/csv",
        ":material/table:",
        key=key,
    )


def data_table(
    frame: pd.DataFrame, column_config: dict | None = None, key: str | None = None
) -> None:
    """``st.dataframe`` without an index, where an empty text cell shows nothing (not
    "None"); configured columns (links, dates) show their own empty cells."""
    shown = display.blank_missing_text(frame, keep=set(column_config or {}))
    st.dataframe(shown, hide_index=True, column_config=column_config, key=key)


def caption(text: str) -> None:
    """Data-bearing words as a caption, never as markup."""
    st.caption(escape_markdown(text))


def source_line(page: Page, source_id: str | None) -> None:
    """'Source: title — publisher (reliability X: meaning)' and a link button."""
    source = (
        row_by_id(page.dataset.tables["sources"], "source_id", source_id) if source_id else None
    )
    if source is None:
        return
    st.text(
        f"Source: {source['title']} — {source['publisher']} "
        f"(reliability {source['reliability']}: {RELIABILITY_MEANING[source['reliability']]})"
    )
    if pd.notna(source["url"]):
        st.link_button("Open source", source["url"], icon=":material/open_in_new:")


def event_details(page: Page, event: pd.Series) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(str(event['title']))}**")
        st.text(
            f"{describe_event_dates(event)} · {event['event_type']} · "
            f"{palette.verification_label(event['verification'])}"
        )
        facts = display.event_facts(event)
        if facts:
            st.text(facts)
        if pd.notna(event["description"]):
            st.text(event["description"])
        if pd.notna(event["quote"]):
            st.text(f"Quote: “{event['quote']}”")
        source_line(page, event["source_id"])
        row_solidity(page, "events", event)


def row_solidity(page: Page, table: str, row: pd.Series) -> None:
    """'3 sources · 1 independent confirmation · 0 contradictions' and every source of the
    row with its reliability, support, quote and origin."""
    words = citelist.row_words(counts_of(page.dataset), table, row.name)
    if words is None:
        return
    st.text(f"{palette.verification_label(row['verification'])} · {words}")
    listed = citelist.row_sources(page.dataset.tables, table, row)
    if len(listed) > 1 or listed["origin"].ne("").any():
        st.dataframe(listed.drop(columns="source_id"), hide_index=True)
