"""Claims: one card per topic with every party's position side by side, a chart of the
figures (a numeric topic) and the topic's event one click away; the order and the page live
in the link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis import citelist, claims, display
from dashboard.analysis.claims import TopicComparison, TopicPage
from dashboard.charts import claims as charts_claims
from dashboard.charts import palette
from dashboard.contract.confirmations import counts_of
from dashboard.history.changes import topic_marks
from dashboard.query.linkcheck import page_number
from dashboard.query.page import Page
from dashboard.query.params import DEFAULT_ORDER, PARAM_ORDER, PARAM_PAGE, TOPIC_ORDERS
from dashboard.ui.textsafe import escape_markdown
from dashboard.ui.widgets import caption, csv_download, data_table, event_details

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
PARTY_FILTER_WORDS = (
    "With a party filter, a topic is shown when a chosen party takes a position on it or is "
    "the actor or target of its event, and every party's position on it is kept (the chosen "
    "parties' first); dates, facts and event types still filter the claims."
)


def render(page: Page) -> None:
    if not page.dataset.has("topics", "claims"):
        st.info("This dataset has no topics and claims tables, so there is nothing to compare.")
        return
    parties, sources = page.dataset.tables["parties"], page.dataset.tables["sources"]
    order = order_control()
    asked = current_page()
    shown = page.cached(
        "claims page",
        lambda: claims.topic_page(page.view, parties, sources, order, asked),
        order,
        asked,
    )
    if not shown.comparisons:
        st.info("No claims match the filters.")
        return
    if asked > shown.pages:
        caption(
            f"page {asked:,} is past the last page, {shown.pages:,}; showing page {shown.page:,}"
        )
    page_control(shown)
    if page.filters.parties:
        caption(PARTY_FILTER_WORDS)
    colors = palette.dataset_colors(page.dataset)
    if any(c.numeric for c in shown.comparisons):
        caption(" · ".join(charts_claims.CLAIMS_KEY))
    events = topic_events(page, shown.comparisons)
    changed = topic_marks(page.shown_changes()) if page.since else {}
    for number, comparison in enumerate(shown.comparisons, start=shown.first):
        topic_card(
            page,
            comparison,
            colors,
            number,
            events.get(comparison.event_id or ""),
            changed.get(comparison.topic_id),
        )
    csv_download(
        "Download claims (CSV)",
        lambda: claims.positions_frame(claims.view_comparisons(page.view, parties, sources)),
        "claims-view",
        "claims_csv",
    )


def order_control() -> str:
    """The topic order, bound to the link's `order` parameter (the options are the link's
    values themselves: a bound widget writes its option labels into the link)."""
    choice = st.segmented_control(
        "Order topics by",
        help="latest claim · largest disagreement (highest figure ÷ lowest) · most parties "
        "· largest figure",
        options=list(TOPIC_ORDERS),
        default=DEFAULT_ORDER,
        required=True,
        key=PARAM_ORDER,
        bind="query-params",
        on_change=first_page,
    )
    return choice or DEFAULT_ORDER


def first_page() -> None:
    """A new order starts on its first page."""
    st.session_state[PARAM_PAGE] = "1"


def current_page() -> int:
    """The page asked for (the widget's value, or the link's on the first run)."""
    value = st.session_state.get(PARAM_PAGE) or st.query_params.get(PARAM_PAGE, "1")
    return page_number(value) or 1


def page_control(shown: TopicPage) -> None:
    """'topics 11–20 of 214 · …', and a page picker bound to the link's `page` parameter."""
    if shown.pages == 1:
        caption(shown.words())
        return
    options = [str(n) for n in range(1, shown.pages + 1)]
    if st.session_state.get(PARAM_PAGE) not in (None, *options):
        st.session_state[PARAM_PAGE] = str(shown.page)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with right:
        st.selectbox(
            "Page", options=options, index=shown.page - 1, key=PARAM_PAGE, bind="query-params"
        )
    with left:
        caption(f"{shown.words()} · the snapshot and the claims CSV have every topic in view")


def solidity_of(page: Page, comparison: TopicComparison) -> list[str]:
    """'2 sources · 0 independent confirmations · 0 contradictions' per position."""
    ids = [p.claim_id for p in comparison.positions]
    return citelist.words_by_id(page.dataset.tables, counts_of(page.dataset), "claims", ids)


def topic_events(page: Page, comparisons: list[TopicComparison]) -> dict[str, pd.Series]:
    """The event of each shown topic that has one (from the whole dataset: a topic's event
    is shown even when the filters leave it out of the timeline), by event id."""
    wanted = {c.event_id for c in comparisons if c.event_id}
    events = page.dataset.tables["events"]
    found = events[events["event_id"].isin(wanted)].drop_duplicates("event_id")
    return {row["event_id"]: row for _, row in found.iterrows()}


def topic_card(
    page: Page,
    comparison: TopicComparison,
    colors: palette.PartyColors,
    number: int,
    event: pd.Series | None,
    since: str | None = None,
) -> None:
    """The topic's question, its summary (and what changed since `since`), its chart (a
    numeric topic), its event one click away, and every position as a table with how
    solid each is."""
    solidity = solidity_of(page, comparison)
    with st.container(border=True):
        st.subheader(escape_markdown(comparison.question), anchor=False)
        if since:
            st.badge(f"since then: {since}", icon=":material/history:", color="blue")
        st.text(claims.positions_summary(comparison))
        ratio = claims.ratio_words(comparison)
        if ratio:
            caption(ratio)
        if comparison.numeric:
            spec = charts_claims.topic_chart(comparison, colors, number)
            st.vega_lite_chart(spec, width="stretch", key=f"claims_chart_{comparison.topic_id}")
        if event is not None:
            with st.expander(f"Event: {escape_markdown(str(event['title']))}"):
                event_details(page, event)
        frame = claims.positions_frame([comparison])
        shown = frame[CARD_COLUMNS].copy()
        shown["verification"] = shown["verification"].map(palette.verification_label)
        if solidity is not None:
            shown.insert(shown.columns.get_loc("verification") + 1, "sources", solidity)
        shown["spokesperson"] = shown["spokesperson"].fillna("")
        # by party as the chart; only a cut table says "latest" and so is latest first
        cut = len(shown) > display.TABLE_ROW_LIMIT
        shown, note = display.limit_rows(shown, latest_by="date" if cut else None)
        if note:
            caption(f"Latest positions: {note}")
        data_table(
            shown,
            column_config={"date": st.column_config.DateColumn("date")},
            key=f"claims_{comparison.topic_id}",
        )
