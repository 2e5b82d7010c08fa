"""Map: located events and crossings (no tiles, so it works offline)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, crossings, display
from dashboard.page import Page
from dashboard.ui.widgets import caption, csv_download


def render(page: Page) -> None:
    board = crossings.view_board(page.view, page.today)
    board_table = crossings.board_frame(board) if board else None
    points, missing, sample_note = charts.map_frame(
        page.view.tables["events"], board_table, page.dataset.tables["parties"]
    )
    if points.empty:
        st.info("No event or crossing in this view has coordinates.")
    else:
        st.altair_chart(charts.map_chart(points), width="stretch")
        st.caption(
            "Circles are events (colour = acting party), squares are crossings "
            "(colour and label = status). No base map is loaded: the grid lines are "
            "degrees of latitude and longitude."
        )
    if sample_note:
        caption(f"Sampled: {sample_note}.")
    if missing:
        st.caption(
            f"{missing} rows in this view have no coordinates and are not on the map; "
            "they are in the Timeline and Crossings views."
        )
    if not points.empty:
        shown, note = display.limit_rows(points.drop(columns=["color"]))
        if note:
            caption(f"Map points: {note}")
        st.dataframe(shown, hide_index=True)
        csv_download("Download map points (CSV)", points, "map-view", "map_csv")
