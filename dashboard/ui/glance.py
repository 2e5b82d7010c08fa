"""At a glance: freshness, crossings, verified and unverified counts, spreads, latest events."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import crossings, display, eventcols, fatalities, glance
from dashboard.analysis.claims import shown_comparisons
from dashboard.charts import palette
from dashboard.contract.schema import VERIFICATION_MEANING, VERIFIED
from dashboard.query.dates import describe_event_dates, format_day
from dashboard.query.page import Page
from dashboard.ui.widgets import caption

NO_DELTA_STYLE = {"delta_color": "off", "delta_arrow": "off"}
GRADE_SHORT = {"reported": "rep.", "claimed": "claimed", "disputed": "disp."}


def render(page: Page) -> None:
    board = page.cached("board", lambda: crossings.view_board(page.view, page.today))
    metrics(page, board)
    st.subheader("What each side claims", anchor=False)
    tables = page.dataset.tables
    comparisons, note = page.cached(
        "comparisons", lambda: shown_comparisons(page.view, tables["parties"], tables["sources"])
    )
    numeric = [c for c in comparisons if c.numeric]
    if not numeric:
        st.info("No numeric claims in this view.")
    for comparison in numeric:
        st.text(f"• {comparison.spread}")
    if note:
        caption(note)
    if board:
        st.subheader("Crossings", anchor=False)
        for state in board[: display.CARD_LIMIT]:
            st.text(f"{state.name}: {crossings.describe_state(state)}")
        if len(board) > display.CARD_LIMIT:
            note = display.limit_note(display.CARD_LIMIT, len(board), "crossings, closed first")
            caption(f"{note}; see the Crossings view")
    if eventcols.has_fatalities(page.dataset.tables["events"]):
        deadliest(page)
    st.subheader("Latest events", anchor=False)
    latest = page.cached("latest events", lambda: glance.latest_events(page.view.tables["events"]))
    if latest.empty:
        st.info("No events in this view.")
    for _, event in latest.iterrows():
        verification = palette.verification_label(event["verification"])
        st.text(f"{describe_event_dates(event)} · {event['title']} · {verification}")


def deadliest(page: Page) -> None:
    st.subheader("Deadliest events", anchor=False)
    events = page.cached(
        "deadliest events", lambda: fatalities.deadliest_events(page.view.tables["events"])
    )
    if events.empty:
        st.info("No event in this view has a fatality figure.")
    for _, event in events.iterrows():
        deaths = fatalities.fatalities_text(
            event["fatalities"], event.get("fatalities_low"), event.get("fatalities_high")
        )
        st.text(f"{deaths} killed · {describe_event_dates(event)} · {event['title']}")


def fatality_metric(page: Page, column) -> None:
    figure, words = page.cached(
        "fatality words",
        lambda: fatalities.summary_words(fatalities.fatality_summary(page.view.tables["events"])),
    )
    column.metric(
        "Fatalities",
        figure,
        words,
        border=True,
        help="Best estimates added up over the events in view; the range adds the low and "
        "high estimates. Events without a figure are unknown and never counted as zero.",
        **NO_DELTA_STYLE,
    )


def metrics(page: Page, board: list | None) -> None:
    """Freshness, crossings (with crossing tables), verified facts (when the dataset
    verifies any), unverified facts and fatalities (when recorded), then the grades."""
    as_of = glance.data_as_of(page.dataset.tables)
    counts = glance.verification_counts(page.view.tables)
    grades = glance.grades_in_use(page.dataset.tables)
    with_deaths = eventcols.has_fatalities(page.dataset.tables["events"])
    slots = 2 + (board is not None) + (VERIFIED in grades) + with_deaths
    columns = iter(st.columns(slots))
    next(columns).metric(
        "Data as of",
        format_day(as_of) if as_of else "no dates",
        glance.age_words(as_of, page.today) if as_of else None,
        border=True,
        help="The latest date anywhere in the data, and how long ago that is.",
        **NO_DELTA_STYLE,
    )
    if board is not None:
        status = crossings.status_counts(board)
        next(columns).metric(
            "Crossings closed",
            f"{palette.STATUS_SYMBOLS['closed']} {status['closed']} of {len(board)}",
            f"{status['open']} open · {status['restricted']} restricted",
            border=True,
            help="Current status = each crossing's latest report in this view.",
            **NO_DELTA_STYLE,
        )
    if VERIFIED in grades:
        next(columns).metric(
            "Verified facts",
            f"{palette.VERIFICATION_SYMBOLS[VERIFIED]} {counts[VERIFIED]}",
            border=True,
            help=VERIFICATION_MEANING[VERIFIED],
        )
    unverified = [grade for grade in grades if grade != VERIFIED]
    next(columns).metric(
        "Unverified facts",
        f"{glance.unverified_count(counts):,}",
        " · ".join(f"{counts[g]:,} {GRADE_SHORT[g]}" for g in unverified) or None,
        border=True,
        help=", ".join(f"{counts[g]:,} {g}" for g in unverified)
        + " events, claims and crossing reports.",
        **NO_DELTA_STYLE,
    )
    if with_deaths:
        fatality_metric(page, next(columns))
    caption(glance.grades_words(grades))
