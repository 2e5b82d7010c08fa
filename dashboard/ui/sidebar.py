"""The sidebar: filters (each bound to its URL parameter), the caption, the snapshot."""

from __future__ import annotations

import streamlit as st

from dashboard import clock, filters, glance
from dashboard.filters import VERIFICATION_CHOICES
from dashboard.loader import Dataset
from dashboard.lookups import party_names
from dashboard.page import Page, build_page
from dashboard.params import (
    PARAM_DATES,
    PARAM_PARTY,
    PARAM_TYPE,
    PARAM_VERIFICATION,
)
from dashboard.schema import EVENT_TYPES, UNVERIFIED, VERIFICATION_MEANING, VERIFIED
from dashboard.snapshot import build_snapshot, snapshot_file_name
from dashboard.textsafe import escape_markdown

NOTICES_KEY = "url_notices"
BOUNDS_KEY = "dates_offered"  # the data's date range when the date widget was last drawn


def remember_url_notices(dataset: Dataset) -> list[str]:
    """The link's problems, found once per session (the widgets drop bad values silently)."""
    if NOTICES_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        party_ids = list(dataset.tables["parties"]["party_id"])
        bounds = glance.date_bounds(dataset.tables, clock.today())
        st.session_state[NOTICES_KEY] = filters.link_notices(params, party_ids, bounds)
    return st.session_state[NOTICES_KEY]


def sidebar(dataset: Dataset) -> Page:
    """The filter widgets, and the page they select."""
    with st.sidebar:
        st.header("Filters", anchor=False)
        query, bounds = filter_widgets(dataset)
        party_ids = list(dataset.tables["parties"]["party_id"])
        chosen, _ = filters.filters_from_query(query, party_ids, bounds=bounds)
        page = build_page(dataset, chosen, clock.today())
        st.caption(escape_markdown(page.caption))
        snapshot_download(page)
        if dataset.problems:
            st.badge(
                f"{len(dataset.problems)} data problems ({len(dataset.errors)} errors) — "
                "see Data quality",
                icon=":material/warning:",
                color="orange",
            )
    return page


def filter_widgets(dataset: Dataset) -> tuple[dict[str, list[str]], tuple]:
    """The four filters as link parameters (what the URL holds), and the data's date range."""
    names = party_names(dataset.tables["parties"])
    # Options are the party ids themselves: a bound widget writes its option labels into
    # the URL, and the link contract is `party=<party id>`.
    parties = bound_multiselect(
        "Parties",
        list(names),
        "All parties",
        PARAM_PARTY,
        help="Keeps rows where a chosen party is actor, target, claimant or a side of a "
        "crossing. " + "; ".join(f"{k} = {escape_markdown(v)}" for k, v in names.items()),
    )
    low, high = glance.date_bounds(dataset.tables, clock.today())
    follow_the_data((low, high))
    picked = st.date_input(
        "Dates",
        value=(low, high),
        min_value=low,
        max_value=high,
        format="YYYY-MM-DD",
        key=PARAM_DATES,
        bind="query-params",
        help="Keeps rows whose date range overlaps the chosen range.",
    )
    verification = st.segmented_control(
        "Facts",
        options=list(VERIFICATION_CHOICES),
        default="all",
        required=True,
        key=PARAM_VERIFICATION,
        bind="query-params",
        help=f"verified = {VERIFICATION_MEANING[VERIFIED]}. unverified = "
        f"{', '.join(UNVERIFIED[:-1])} or {UNVERIFIED[-1]}.",
    )
    types = bound_multiselect("Event types", list(EVENT_TYPES), "All types", PARAM_TYPE)
    dates = filters.dates_from_widget(picked, (low, high))
    return filters.selection_query(parties, dates, verification, types), (low, high)


def follow_the_data(bounds: tuple) -> None:
    """A date widget still on the whole range follows the data when its range changes (new
    events, a half-written file): a session that did not pick dates sees all dates."""
    offered = st.session_state.get(BOUNDS_KEY)
    current = st.session_state.get(PARAM_DATES)
    if offered is not None and offered != bounds:
        if current is None or tuple(current) == tuple(offered):
            st.session_state[PARAM_DATES] = bounds
    elif current is not None and len(current) == 2:
        clamped = filters.clamp_dates(current, bounds)  # a brush wider than the data
        if clamped != tuple(current):
            st.session_state[PARAM_DATES] = clamped
    st.session_state[BOUNDS_KEY] = bounds


def bound_multiselect(
    label: str, options: list[str], placeholder: str, key: str, help: str | None = None
) -> list[str]:
    """A multiselect whose values live in the URL parameter ``key``."""
    return st.multiselect(
        label, options=options, placeholder=placeholder, key=key, bind="query-params", help=help
    )


def snapshot_download(page: Page) -> None:
    moment = clock.now()
    st.download_button(
        "Download snapshot (ZIP)",
        data=lambda: build_snapshot(page.dataset, page.view, generated_at=moment),
        file_name=snapshot_file_name(page.dataset, moment),
        mime="application/zip",
        on_click="ignore",
        icon=":material/download:",
        help="Every table filtered as on screen, with datapackage.json, manifest.json and "
        "the source documents: unzipped, it is a data directory of its own.",
    )
