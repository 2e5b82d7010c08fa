"""At a glance: freshness, crossings, verified and unverified counts, spreads, latest events."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import citelist, crossings, display, eventcols, fatalities, glance
from dashboard.analysis.claims import shown_comparisons
from dashboard.charts import palette
from dashboard.contract.confirmations import counts_of
from dashboard.contract.schema import VERIFICATION_MEANING, VERIFIED
from dashboard.history.changes import glance_line
from dashboard.query.dates import describe_event_dates, format_day
from dashboard.query.page import Page
from dashboard.ui.widgets import caption

NO_DELTA_STYLE = {"delta_color": "off", "delta_arrow": "off"}
GRADE_SHORT = {"reported": "rep.", "claimed": "claimed", "disputed": "disp."}


def render(page: Page) -> None:
    if page.since:
        since_line(page)
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
    if data_has_fatalities(page):
        deadliest(page)
    st.subheader("Latest events", anchor=False)
    latest = page.cached("latest events", lambda: glance.latest_events(page.view.tables["events"]))
    if latest.empty:
        st.info("No events in this view.")
    for _, event in latest.iterrows():
        verification = palette.verification_label(event["verification"])
        st.text(f"{describe_event_dates(event)} · {event['title']} · {verification}")


def since_line(page: Page) -> None:
    """One line of what changed since the link's `since`, or why it cannot say."""
    changes = page.changes()
    line = glance_line(changes.version, page.shown_changes())
    with st.container(border=True):  # plain text: crossing names are data, never Markdown
        if line is None:
            st.text(f"⚠ Changes: {changes.note or 'no earlier version'}")
        else:
            st.text(f"↻ {line[0].upper() + line[1:]}")


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
        width="content",
        help="Best estimates added up over the events in view; the range adds the low and "
        "high estimates. Events without a figure are unknown and never counted as zero.",
        **NO_DELTA_STYLE,
    )


def data_has_fatalities(page: Page) -> bool:
    return page.of_data(
        "has fatalities", lambda: eventcols.has_fatalities(page.dataset.tables["events"])
    )


def metrics(page: Page, board: list | None) -> None:
    """Freshness, crossings (with crossing tables), verified facts (when the dataset
    verifies any), unverified facts and fatalities (when recorded), then the grades."""
    tables = page.dataset.tables
    known = page.of_data("latest known", lambda: glance.latest_known(tables))
    as_of = known[0] if known else None
    counts = page.cached("grade counts", lambda: glance.verification_counts(page.view.tables))
    grades = page.of_data("grades in use", lambda: glance.grades_in_use(tables))
    with_deaths = data_has_fatalities(page)
    # A row that wraps, each figure as wide as its words: none is ever cut with "…" (fixed
    # columns cut "15,747 of 100,0…" at 1,400 px and every date at 1,024 px).
    row = st.container(horizontal=True, gap="small")
    row.metric(
        "Data as of",
        format_day(as_of) if as_of else "no dates",
        f"{glance.age_words(as_of, page.today)} · {known[1]}" if known else None,
        border=True,
        width="content",
        help="The latest date the data knows (an event's start, a claim, a crossing report "
        "or a source's publication; never the end of an imprecise range such as a month), "
        "how long ago that is, and which it is.",
        **NO_DELTA_STYLE,
    )
    if board is not None:
        status = crossings.status_counts(board)
        row.metric(
            "Crossings closed",
            f"{palette.STATUS_SYMBOLS['closed']} {status['closed']} of {len(board)}",
            f"{status['open']} open · {status['restricted']} restricted",
            border=True,
            width="content",
            help="Current status = each crossing's latest report in this view.",
            **NO_DELTA_STYLE,
        )
    if VERIFIED in grades:
        row.metric(
            "Verified facts",
            f"{palette.VERIFICATION_SYMBOLS[VERIFIED]} {counts[VERIFIED]}",
            border=True,
            width="content",
            help=VERIFICATION_MEANING[VERIFIED],
        )
    unverified = [grade for grade in grades if grade != VERIFIED]
    row.metric(
        "Unverified facts",
        f"{glance.unverified_count(counts):,}",
        " · ".join(f"{counts[g]:,} {GRADE_SHORT[g]}" for g in unverified) or None,
        border=True,
        width="content",
        help=", ".join(f"{counts[g]:,} {g}" for g in unverified)
        + " events, claims and crossing reports.",
        **NO_DELTA_STYLE,
    )
    if with_deaths:
        fatality_metric(page, row)
    caption(glance.grades_words(grades))
    none, one, total = citelist.one_origin_or_none(page.view.tables, counts_of(page.dataset))
    caption(citelist.origin_words(none, one, total))
