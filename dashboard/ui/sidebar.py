"""The sidebar: filters (each bound to its URL parameter), the caption, the snapshot."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.analysis import glance
from dashboard.contract.dataset import Dataset
from dashboard.contract.schema import EVENT_TYPES, UNVERIFIED, VERIFICATION_MEANING, VERIFIED
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import brief_file_name, render_brief
from dashboard.export.snapshot import build_snapshot, snapshot_file_name
from dashboard.history.changes import history_lines, history_manifest
from dashboard.query import link, linkcheck
from dashboard.query.dates import DateFrame
from dashboard.query.filters import VERIFICATION_CHOICES, Filters
from dashboard.query.lookups import party_names
from dashboard.query.page import Page, build_page
from dashboard.query.params import (
    DEFAULT_VIEW,
    FILTER_PARAMS,
    PARAM_CONFIRMATIONS,
    PARAM_DATES,
    PARAM_PARTY,
    PARAM_SINCE,
    PARAM_TYPE,
    PARAM_VERIFICATION,
    PARAM_VIEW,
)
from dashboard.query.solidity import CONFIRMATION_CHOICES
from dashboard.query.viewlist import absent_view_note
from dashboard.query.words import background_note
from dashboard.runtime import clock
from dashboard.ui.textsafe import escape_markdown
from dashboard.ui.widgets import download_on_click

NOTICES_KEY = "url_notices"
FRAME_KEY = "dates_offered"  # the data's date frame when the date widget was last drawn
PARTY_SYNCED_KEY = "party_from_link"  # set once the party picker has read the link
DATES_SYNCED_KEY = "dates_from_link"  # set once the date widget has read the link
CLAIMS_UNDER_PARTY_FILTER = (
    "Claims: every party's position on each topic a chosen party speaks on or whose event "
    "it is actor or target of, the chosen parties' first."
)
PARTY_HELP = (
    "Type a name or an id. Events and crossings: a chosen party is actor, target or a "
    "side. Claims: every topic on which a chosen party takes a position or whose event it "
    "is actor or target of, with every party's position on it (both sides)."
)

CONFIRMATIONS_HELP = (
    "Keeps facts confirmed by at least this many independent origins. A source's origin "
    "is the party it speaks for, or else the source it repeats (followed to the original): "
    "five papers reprinting one wire story are one origin, a ministry and an army of one "
    "party are one. A verified row's own source confirms it; a claimant never confirms "
    "its own claim."
)


def remember_url_notices(dataset: Dataset) -> list[str]:
    """The link's problems, found once per session (the widgets drop bad values silently):
    the limits that bit, then each problem, or one notice counting many."""
    if NOTICES_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in linkcheck.LINK_PARAMS}
        read, cut = linkcheck.read_link(params)
        party_ids = list(dataset.tables["parties"]["party_id"])
        notices = linkcheck.link_notices(read, party_ids, date_frame(dataset))
        absent = absent_view_note(st.query_params.get(PARAM_VIEW), dataset.tables)
        notices += [absent] if absent else []
        st.session_state[NOTICES_KEY] = linkcheck.notice_boxes(cut, notices)
    return st.session_state[NOTICES_KEY]


def sidebar(dataset: Dataset) -> Page:
    """The filter widgets, and the page they select."""
    with st.sidebar:
        st.header("Filters", anchor=False)
        frame = date_frame(dataset)
        filter_widgets(dataset, frame)
        chosen = filters_of_the_link(dataset, frame)
        page = build_page(dataset, chosen, clock.today(), st.query_params.get(PARAM_SINCE))
        st.caption(escape_markdown(page.caption))
        if frame.background_before() and (chosen.date_from, chosen.date_to) == frame.default():
            st.caption(escape_markdown(background_note(frame)))
        if chosen.parties and dataset.has("topics", "claims"):
            st.caption(CLAIMS_UNDER_PARTY_FILTER)
        snapshot_download(page)
        brief_download(page)
        if dataset.problems:
            st.badge(
                f"{len(dataset.problems)} data problems ({len(dataset.errors)} errors) — "
                "see Data quality",
                icon=":material/warning:",
                color="orange",
            )
    return page


def date_frame(dataset: Dataset) -> DateFrame:
    """The data's dates and the date filter's default start, once per data version."""
    return glance.dataset_date_frame(dataset, clock.today())


def filters_of_the_link(dataset: Dataset, frame: DateFrame) -> Filters:
    """The one parse per rerun: the link (which the filter widgets above keep, each bound
    to its parameter) as ``Filters``, as a shared link and the command line are read."""
    read, _ = linkcheck.read_link({key: st.query_params.get_all(key) for key in FILTER_PARAMS})
    party_ids = list(dataset.tables["parties"]["party_id"])
    chosen, _ = link.filters_from_query(read, party_ids, frame)
    return chosen


def filter_widgets(dataset: Dataset, frame: DateFrame) -> None:
    """The filter widgets; each keeps its value in its link parameter."""
    party_picker(dataset)
    follow_the_data(frame)
    low, high = date_widget_bounds(frame)
    st.date_input(
        "Dates",
        value=(frame.start, frame.last),
        min_value=low,
        max_value=high,
        format="YYYY-MM-DD",
        key=PARAM_DATES,
        bind="query-params",
        help="Keeps rows whose date range overlaps the chosen range. It starts after the "
        "background events that lie before the rest (a treaty of 1893, say); the earliest "
        "date in the data stays reachable.",
    )
    st.segmented_control(
        "Facts",
        options=list(VERIFICATION_CHOICES),
        default="all",
        required=True,
        key=PARAM_VERIFICATION,
        bind="query-params",
        help=f"verified = {VERIFICATION_MEANING[VERIFIED]}. unverified = "
        f"{', '.join(UNVERIFIED[:-1])} or {UNVERIFIED[-1]}.",
    )
    st.segmented_control(
        "Independent confirmations, at least",
        options=[str(choice) for choice in CONFIRMATION_CHOICES],
        default="0",
        required=True,
        key=PARAM_CONFIRMATIONS,
        bind="query-params",
        help=CONFIRMATIONS_HELP,
    )
    bound_multiselect("Event types", list(EVENT_TYPES), "All types", PARAM_TYPE)


def party_picker(dataset: Dataset) -> None:
    """Parties by name (searchable by name and id) while the link keeps `party=<id>`: a
    bound widget would write the names into the link, so this one is synced by hand, read
    from the link on the session's first run and written back on every change."""
    names = party_names(dataset.tables["parties"])
    if PARTY_SYNCED_KEY not in st.session_state:
        st.session_state[PARTY_SYNCED_KEY] = True
        given = st.query_params.get_all(PARAM_PARTY)
        read, _ = linkcheck.read_link({PARAM_PARTY: given})
        st.session_state[PARAM_PARTY] = link.known_parties(read.get(PARAM_PARTY, []), names)
        if st.session_state[PARAM_PARTY] != given:  # the link keeps only what is used
            write_party_link()
    current = st.session_state.get(PARAM_PARTY) or []
    known = link.known_parties(current, names)
    if known != list(current):  # a party gone from the data (an edited parties.csv)
        st.session_state[PARAM_PARTY] = known
        write_party_link()
    st.multiselect(
        "Parties",
        options=list(names),
        format_func=lambda party_id: link.party_label(party_id, names),
        placeholder="All parties",
        key=PARAM_PARTY,
        help=PARTY_HELP,
        on_change=write_party_link,
        filter_mode="contains",  # "Select all matches" picks only names or ids containing it
    )


def write_party_link() -> None:
    """The picked party ids into the link (`party=<id>`, repeated; none: no parameter)."""
    chosen = st.session_state.get(PARAM_PARTY) or []
    if chosen:
        st.query_params[PARAM_PARTY] = chosen
    elif PARAM_PARTY in st.query_params:
        del st.query_params[PARAM_PARTY]


def date_widget_bounds(frame: DateFrame) -> tuple[date, date]:
    """The date widget's first and last dates: the data's, but on a session's first run an
    open end of the link (0001-01-01 or 9999-12-31, as snapshots and briefs write one) is
    let in, since the widget drops a date outside its bounds and the link's dates with it.
    The next run cuts the range to the data's dates (``follow_the_data``)."""
    if DATES_SYNCED_KEY in st.session_state:
        return frame.first, frame.last
    st.session_state[DATES_SYNCED_KEY] = True
    open_start, open_end = link.open_ends(st.query_params.get_all(PARAM_DATES))
    return (date.min if open_start else frame.first), (date.max if open_end else frame.last)


def follow_the_data(frame: DateFrame) -> None:
    """A date widget still on its default range, or on the whole range (all dates),
    follows the data when the data's dates change (new events, a half-written file); a
    chosen range is cut to the data's dates."""
    offered = st.session_state.get(FRAME_KEY)
    current = st.session_state.get(PARAM_DATES)
    if offered is not None and offered != frame:
        if current is None or tuple(current) == (offered.start, offered.last):
            st.session_state[PARAM_DATES] = (frame.start, frame.last)
        elif tuple(current) == (offered.first, offered.last):
            st.session_state[PARAM_DATES] = (frame.first, frame.last)
    elif current is not None and len(current) == 2:
        clamped = link.clamp_dates(current, (frame.first, frame.last))  # a brush too wide
        if clamped != tuple(current):
            st.session_state[PARAM_DATES] = clamped
    st.session_state[FRAME_KEY] = frame


def bound_multiselect(
    label: str, options: list[str], placeholder: str, key: str, help: str | None = None
) -> list[str]:
    """A multiselect whose values live in the URL parameter ``key``."""
    return st.multiselect(
        label, options=options, placeholder=placeholder, key=key, bind="query-params", help=help
    )


def snapshot_download(page: Page) -> None:
    moment = clock.now()
    download_on_click(
        "Download snapshot (ZIP)",
        lambda: build_snapshot(
            page.dataset, page.view, moment, open_view(), history=snapshot_history(page)
        ),
        snapshot_file_name(page.dataset, moment),
        "application/zip",
        ":material/download:",
        help="Every table filtered as on screen, with datapackage.json, manifest.json and "
        "the source documents: unzipped, it is a data directory of its own.",
    )


def open_view() -> str:
    """The view on screen (the view bar's value, or the link's on a first run)."""
    return str(st.session_state.get(PARAM_VIEW) or st.query_params.get(PARAM_VIEW, DEFAULT_VIEW))


def brief_download(page: Page) -> None:
    """The view on screen as a one- or two-page PDF brief, made only when clicked (and
    then kept per data version and filters, like the views' own figures)."""
    moment = clock.now()
    download_on_click(
        "Download brief (PDF)",
        lambda: page.cached("brief_pdf", lambda: brief_pdf_bytes(page), page.since),
        brief_file_name(page.dataset, moment),
        "application/pdf",
        ":material/description:",
        help="A one- or two-page PDF of this view to hand on: key figures, what each side "
        "claims, crossings, timeline and map, sources, and the link that reopens the view.",
    )


def brief_pdf_bytes(page: Page) -> bytes:
    """The PDF brief of the page's view and, with the link's ``since``, of what changed
    between that version and this one (as the changes view says it)."""
    history = history_lines(page.changes(), page.shown_changes()) if page.since else ()
    brief = build_brief(
        page.dataset,
        page.filters,
        page.view,
        page.today,
        history=history,
        since_link=page.since,
    )
    return render_brief(brief, "pdf")


def snapshot_history(page: Page) -> dict:
    """The version the snapshot is taken from, and the changes since `since` when set."""
    changes = page.changes()
    shown = page.shown_changes() if page.since else None
    return history_manifest(page.dataset, changes, shown, page.since)
