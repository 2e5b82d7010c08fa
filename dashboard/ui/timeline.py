"""Timeline: events by party over any span (marks or counts per period), brushing sets the
dates, an event picker that finds any event, and the events table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis import display, eventcols, glance
from dashboard.analysis.eventsearch import event_labels, find_events, search_limit_note
from dashboard.charts import palette, style, timeline
from dashboard.contract.confirmations import counts_of
from dashboard.history.changes import marks
from dashboard.query.page import Page
from dashboard.query.params import PARAM_DATES
from dashboard.ui.widgets import caption, csv_download, data_table, event_details

CHART_KEY = "timeline_chart"
PICK_KEY = "event_pick"
SEARCH_KEY = "event_search"
MEASURE_KEY = "timeline_measure"


def render(page: Page) -> None:
    events = page.view.tables["events"]
    if events.empty:
        st.info("No events match the filters.")
        return
    metric = measure_choice(page)
    colors = palette.dataset_colors(page.dataset)
    chart = page.cached("timeline", lambda: timeline.timeline_chart(events, colors, metric), metric)
    modes = [timeline.BRUSH] + ([timeline.EVENT_SELECTION] if chart.mode == "marks" else [])
    st.vega_lite_chart(
        chart.spec, on_select=on_chart_select, selection_mode=modes, key=CHART_KEY, width="stretch"
    )
    # what the marks mean and how to brush is in the chart's own subtitle: said once
    for note in chart.notes:
        caption(note)
    if page.filters.date_from or page.filters.date_to:
        st.button("Show all dates", on_click=reset_dates, args=(page,), icon=":material/undo:")
    event_picker(page, events)
    events_table(page, events)


def measure_choice(page: Page) -> str:
    """Events or fatalities per period (offered when the view has fatality figures)."""
    events = page.view.tables["events"]
    if not page.cached("has fatalities", lambda: eventcols.has_fatalities(events)):
        return "events"
    choice = st.segmented_control(
        "Measure", options=list(style.METRICS), default="events", required=True, key=MEASURE_KEY
    )
    return choice or "events"


def on_chart_select() -> None:
    """A brushed span becomes the date filter (and so the link); a clicked mark is picked."""
    state = st.session_state.get(CHART_KEY)
    span = timeline.brush_dates(state)
    if span is not None:
        st.session_state[PARAM_DATES] = span
        return
    picked = selected_event_ids(state)
    if picked:
        st.session_state[PICK_KEY] = picked[0]


def selected_event_ids(state: object) -> list[str]:
    try:
        points = state.selection.get(timeline.EVENT_SELECTION, [])  # type: ignore[attr-defined]
    except AttributeError:
        return []
    return [p["event_id"] for p in points if isinstance(p, dict) and "event_id" in p]


def reset_dates(page: Page) -> None:
    st.session_state[PARAM_DATES] = glance.date_bounds(page.dataset.tables, page.today)


def event_picker(page: Page, events: pd.DataFrame) -> None:
    """Find any event by title, place or date; the picked event's details below."""
    query = st.text_input(
        "Find an event",
        key=SEARCH_KEY,
        placeholder="a title, a place or a date (2025-10-12, Oct 2025, 2025)",
        max_chars=display.SEARCH_CHAR_LIMIT,
    )
    matches = page.cached("event search", lambda: find_events(events, query or ""), query or "")
    if matches.cut:
        caption(search_limit_note(matches.cut))
    options, labels = list(matches.ids), dict(zip(matches.ids, matches.labels, strict=True))
    clicked = st.session_state.get(PICK_KEY)
    if clicked and clicked not in labels and clicked in set(events["event_id"]):
        one = events[events["event_id"] == clicked]
        options.insert(0, clicked)
        labels[clicked] = event_labels(one)[0]
    if matches.total > len(matches.ids):
        caption(
            f"{matches.total:,} events match; the list shows the latest {len(matches.ids):,}. "
            "Type more of a title, a place or a date to narrow it."
        )
    picked = st.selectbox(
        f"Event details ({matches.total:,} found)" if query else "Event details",
        options=options,
        index=None,
        format_func=lambda event_id: labels.get(event_id, event_id),
        placeholder="Click a mark or pick an event",
        key=PICK_KEY,
    )
    if picked:
        event_details(page, events[events["event_id"] == picked].iloc[0])


def events_table(page: Page, events: pd.DataFrame) -> None:
    st.subheader("Events", anchor=False)
    tables = page.dataset.tables
    counts = counts_of(page.dataset)["events"]
    shown, note = page.cached("events table", lambda: latest_events_table(events, tables, counts))
    if note:
        caption(f"Latest events: {note}")
    if page.since:  # a word, not a colour: new or changed since `since`
        marked = marks(page.shown_changes(), "events")
        shown = shown.copy()  # the memo's frame is shared by every session: never mutated
        shown.insert(0, "since", shown["event_id"].map(marked).fillna(""))
    data_table(
        shown,
        column_config={
            "link": st.column_config.LinkColumn("Source link"),
            "start": st.column_config.DateColumn("Start"),
            "end": st.column_config.DateColumn("End"),
        },
    )
    csv_download(
        "Download events (CSV)",
        lambda: display.events_table(events, tables["parties"], tables["sources"], counts),
        "events-view",
        "events_csv",
    )


def latest_events_table(
    events: pd.DataFrame, tables: dict, counts: pd.DataFrame
) -> tuple[pd.DataFrame, str | None]:
    """The latest TABLE_ROW_LIMIT events shaped for display (with how solid each is), and
    the note of the limit."""
    latest, note = display.limit_rows(events, latest_by="date_start")
    return display.events_table(latest, tables["parties"], tables["sources"], counts), note
