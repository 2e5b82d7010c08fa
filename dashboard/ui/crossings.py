"""Crossings: each crossing's current status (symbol, word and colour), since when, history."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import crossings, display, glance
from dashboard.analysis.crossings import CrossingState
from dashboard.charts import crossings as charts_crossings
from dashboard.charts import palette
from dashboard.query.lookups import party_name
from dashboard.query.page import Page
from dashboard.ui.textsafe import escape_markdown
from dashboard.ui.widgets import caption, csv_download, source_line

BADGE_COLORS = {"closed": "red", "restricted": "orange", "open": "green"}


def render(page: Page) -> None:
    board = page.cached("board", lambda: crossings.view_board(page.view, page.today))
    if board is None:
        st.info("This dataset has no crossings and crossing_status tables.")
        return
    if not board:
        st.info("No crossings match the filters.")
        return
    if len(board) > display.CARD_LIMIT:
        note = display.limit_note(display.CARD_LIMIT, len(board), "crossings, closed first")
        caption(f"{note}, and so does the crossings CSV")
    columns = st.columns(min(3, len(board)))
    for index, state in enumerate(board[: display.CARD_LIMIT]):
        with columns[index % len(columns)]:
            crossing_card(page, state)
    spec, notes = page.cached("history", lambda: history_spec(page, board))
    if spec is not None:
        st.vega_lite_chart(spec, width="stretch")
    for note in notes:
        caption(f"{note[0].upper()}{note[1:]}; the snapshot has all.")
    csv_download(
        "Download crossings (CSV)", crossings.board_frame(board), "crossings-view", "cross_csv"
    )


def history_spec(page: Page, board: list[CrossingState]) -> tuple[dict | None, list[str]]:
    """The status history chart's specification (None without status runs) and notes on
    what it leaves out."""
    end = glance.data_as_of(page.dataset.tables) or page.today
    tables = page.view.tables
    runs, notes = crossings.bounded_runs(
        tables["crossings"],
        tables["crossing_status"],
        end,
        [state.crossing_id for state in board],
        display.HISTORY_CROSSING_LIMIT,
        display.HISTORY_RUN_LIMIT,
    )
    if runs.empty:
        return None, notes
    return charts_crossings.crossing_history_chart(runs).to_dict(validate=False), notes


def crossing_card(page: Page, state: CrossingState) -> None:
    parties = page.dataset.tables["parties"]
    with st.container(border=True):
        st.subheader(escape_markdown(state.name), anchor=False)
        reported = state.status != palette.NO_REPORT
        st.badge(
            palette.status_label(state.status) if reported else "No report",
            color=BADGE_COLORS.get(state.status, "gray"),
        )
        st.text(crossings.describe_state(state))
        sides = f"{party_name(parties, state.party_a)} – {party_name(parties, state.party_b)}"
        for label, value in (
            ("Detail", state.detail),
            ("Quote", state.quote),
            ("Between", sides),
            ("About", state.description),
        ):
            if value:
                st.text(f"{label}: {value}")
        source_line(page, state.source_id)
