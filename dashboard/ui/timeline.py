"""Timeline: events by party (single marks, or counts when there are many), details, table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, display
from dashboard.page import Page
from dashboard.ui.widgets import caption, csv_download, event_details

CHART_KEY = "timeline_chart"
PICK_KEY = "event_pick"


def render(page: Page) -> None:
    events = page.view.tables["events"]
    parties = page.dataset.tables["parties"]
    if events.empty:
        st.info("No events match the filters.")
        return
    if charts.use_counts_timeline(events):
        render_counts(page, events, parties)
        return
    plotted, outside = charts.timeline_frame(events, parties)
    st.altair_chart(
        charts.timeline_chart(plotted, parties),
        on_select=pick_clicked_event,
        selection_mode=charts.TIMELINE_SELECTION,
        key=CHART_KEY,
        width="stretch",
    )
    st.caption(
        "Filled marks are verified facts, hollow marks unverified ones; a bar is a "
        "date range, a dot a single day. Click a mark to see its details."
    )
    if not outside.empty:
        listed = "; ".join(f"{row.title} ({row.dates})" for row in outside.itertuples())
        caption(
            f"{len(outside)} background events lie far outside the chart and are listed "
            f"in the table below: {listed}"
        )
    event_picker(page, events, "Event details", "Click a mark or pick an event")
    events_table(page, events)


def render_counts(page: Page, events: pd.DataFrame, parties: pd.DataFrame) -> None:
    """Too many events for single marks: counts per day and party, then the latest events."""
    counts = charts.timeline_counts(events, parties)
    st.altair_chart(charts.timeline_counts_chart(counts, parties), width="stretch")
    caption(charts.counts_note(len(events)))
    latest, _ = display.limit_rows(events, display.PICK_LIMIT, latest_by="date_start")
    label = f"Event details (the latest {len(latest):,} events)"
    event_picker(page, latest, label, "Pick an event")
    events_table(page, events)


def event_picker(page: Page, events: pd.DataFrame, label: str, placeholder: str) -> None:
    """A list of the events by title (keyboard-friendly, and what a chart click sets);
    the picked event's details below it."""
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    picked = st.selectbox(
        label,
        options=list(titles),
        index=None,
        format_func=lambda event_id: str(titles[event_id]),
        placeholder=placeholder,
        key=PICK_KEY,
    )
    if picked:
        event_details(page, events[events["event_id"] == picked].iloc[0])


def events_table(page: Page, events: pd.DataFrame) -> None:
    st.subheader("Events", anchor=False)
    tables = page.dataset.tables
    latest, note = display.limit_rows(events, latest_by="date_start")
    if note:
        caption(f"Latest events: {note}")
    st.dataframe(
        display.events_table(latest, tables["parties"], tables["sources"]),
        hide_index=True,
        column_config={
            "link": st.column_config.LinkColumn("Source link"),
            "start": st.column_config.DateColumn("Start"),
            "end": st.column_config.DateColumn("End"),
        },
    )
    csv_download(
        "Download events (CSV)",
        lambda: display.events_table(events, tables["parties"], tables["sources"]),
        "events-view",
        "events_csv",
    )


def pick_clicked_event() -> None:
    """A click on a timeline mark picks that event in "Event details". A keyed selectbox
    ignores a changed ``index``, so the pick is written to its state before the rerun."""
    selected = charts.selected_event_ids(st.session_state.get(CHART_KEY))
    if selected:
        st.session_state[PICK_KEY] = selected[0]
