"""Map: country borders (offline, Natural Earth), events as points or hexagons, crossings
with their status symbols."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import crossings, display, eventcols
from dashboard.charts import map as charts_map
from dashboard.charts import palette, style
from dashboard.query.page import Page
from dashboard.ui.widgets import caption, csv_download, data_table

MEASURE_KEY = "map_measure"


def render(page: Page) -> None:
    events = page.view.tables["events"]
    board = page.cached("board", lambda: crossings.view_board(page.view, page.today))
    board_table = crossings.board_frame(board) if board else None
    metric = "events"
    if page.cached("has fatalities", lambda: eventcols.has_fatalities(events)):
        metric = (
            st.segmented_control(
                "Measure",
                options=list(style.METRICS),
                default="events",
                required=True,
                key=MEASURE_KEY,
            )
            or "events"
        )
    colors = palette.dataset_colors(page.dataset)
    chart = page.cached(
        "map", lambda: charts_map.map_chart(events, board_table, colors, metric), metric
    )
    if chart.spec is None:
        st.info("No event or crossing in this view has coordinates.")
    else:
        st.vega_lite_chart(chart.spec, width="stretch")
    for note in chart.notes:
        caption(note)
    located, (shown, note) = page.cached("located events", lambda: located_events(events))
    if not located.empty:
        if note:
            caption(f"Located events: {note}")
        data_table(shown)
        csv_download("Download located events (CSV)", located, "map-view", "map_csv")


def located_events(events) -> tuple:
    """The events with coordinates, and the latest TABLE_ROW_LIMIT of them with the note."""
    located = charts_map.located_events_table(events)
    return located, display.limit_rows(located, latest_by="date_start")
