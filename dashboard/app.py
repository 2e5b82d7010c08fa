"""Streamlit app layer: wires sidebar widgets and views to the pure modules. No logic here.

Start with ``streamlit run dashboard/app.py`` (data/) or add ``-- --data-dir PATH``, or set
DASHBOARD_DATA_DIR. Every filter and the open view live in the URL.
"""

import os
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd
import streamlit as st

from dashboard import charts, claims, crossings, display, filters, glance, palette, sources
from dashboard.config import data_fingerprint, resolve_data_dir
from dashboard.filters import FilteredView, Filters
from dashboard.loader import DataDirectoryError, Dataset, load_dataset
from dashboard.problems import problems_frame
from dashboard.schema import EVENT_TYPES, RELIABILITY_MEANING, VERIFICATION_MEANING
from dashboard.snapshot import build_snapshot, snapshot_file_name, view_csv
from dashboard.textsafe import escape_markdown, highlight_markdown

# Bound widgets put their option labels into the URL, so the labels are the URL values.
VIEWS = ("glance", "timeline", "claims", "crossings", "map", "sources", "quality")
BADGE_COLORS = {"closed": "red", "restricted": "orange", "open": "green"}


@dataclass
class Page:
    """What every view needs: the data, the filtered view and today's date."""

    dataset: Dataset
    filters: Filters
    view: FilteredView
    caption: str
    today: date


@st.cache_resource(max_entries=4, show_spinner="Loading data…")
def cached_dataset(data_dir: str, fingerprint: tuple) -> Dataset:
    """Loaded once per version of the files (the fingerprint changes when a file does).
    Never mutated by the app, so the cached object is shared without copying."""
    del fingerprint  # part of the cache key only
    return load_dataset(data_dir)


def main() -> None:
    st.set_page_config(page_title="Conflict claims dashboard", page_icon="🗺️", layout="wide")
    data_dir = resolve_data_dir(sys.argv[1:], os.environ)
    try:
        dataset = cached_dataset(str(data_dir), data_fingerprint(data_dir))
    except DataDirectoryError as error:
        st.error(f"Cannot open the data: {escape_markdown(str(error))}")
        st.stop()
    remember_url_notices(dataset)
    page = sidebar(dataset)
    st.title(escape_markdown(dataset.title), anchor=False)
    if dataset.description:
        st.caption(escape_markdown(dataset.description))
    for notice in st.session_state.get("url_notices", []):
        st.warning(f"Link: {escape_markdown(notice)}", icon=":material/link_off:")
    choice = st.segmented_control(
        "View",
        options=list(VIEWS),
        default="glance",
        required=True,
        key="view",
        bind="query-params",
        label_visibility="collapsed",
    )
    RENDERERS[choice or "glance"](page)


# --- sidebar -----------------------------------------------------------------------------


def remember_url_notices(dataset: Dataset) -> None:
    """Check the link's parameters once per session; the widgets drop bad values silently."""
    if "url_notices" in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    party_ids = list(dataset.tables["parties"]["party_id"])
    _, notices = filters.filters_from_query(
        params, party_ids, bounds=glance.date_bounds(dataset.tables, date.today())
    )
    for value in params.get(filters.PARAM_VIEW, []):
        if value not in VIEWS:
            notices.append(
                f"unknown view {filters.quote_for_notice(value)} in the link was ignored"
            )
    st.session_state["url_notices"] = notices


def sidebar(dataset: Dataset) -> Page:
    with st.sidebar:
        st.header("Filters", anchor=False)
        parties = dataset.tables["parties"]
        names = dict(zip(parties["party_id"], parties["name"], strict=True))
        # Options are the party ids themselves: a bound widget writes its option labels
        # into the URL, and the link contract is `party=<party id>`.
        chosen_parties = st.multiselect(
            "Parties",
            options=list(names),
            placeholder="All parties",
            key="party",
            bind="query-params",
            help="Keeps rows where a chosen party is actor, target, claimant or a side of a "
            "crossing. " + "; ".join(f"{k} = {escape_markdown(str(v))}" for k, v in names.items()),
        )
        low, high = glance.date_bounds(dataset.tables, date.today())
        picked = st.date_input(
            "Dates",
            value=(low, high),
            min_value=low,
            max_value=high,
            format="YYYY-MM-DD",
            key="dates",
            bind="query-params",
            help="Keeps rows whose date range overlaps the chosen range.",
        )
        verification = st.segmented_control(
            "Facts",
            options=list(filters.VERIFICATION_CHOICES),
            default="all",
            required=True,
            key="verification",
            bind="query-params",
            help="verified = " + VERIFICATION_MEANING["verified"] + ". unverified = reported, "
            "claimed or disputed.",
        )
        types = st.multiselect(
            "Event types",
            options=list(EVENT_TYPES),
            placeholder="All types",
            key="type",
            bind="query-params",
        )
        date_from, date_to = filters.dates_from_widget(picked, (low, high))
        chosen = Filters(
            tuple(chosen_parties), date_from, date_to, verification or "all", tuple(types)
        )
        view = filters.apply_filters(dataset, chosen)
        caption = filters.describe_filters(chosen, dataset, view)
        st.caption(escape_markdown(caption))
        page = Page(dataset, chosen, view, caption, datetime.now(UTC).date())
        sidebar_downloads(page)
        if dataset.problems:
            errors = len(dataset.errors)
            st.badge(
                f"{len(dataset.problems)} data problems ({errors} errors) — see Data quality",
                icon=":material/warning:",
                color="orange",
            )
    return page


def sidebar_downloads(page: Page) -> None:
    moment = datetime.now(UTC).replace(microsecond=0)
    st.download_button(
        "Download snapshot (ZIP)",
        data=lambda: build_snapshot(page.dataset, page.filters, generated_at=moment),
        file_name=snapshot_file_name(page.dataset, moment),
        mime="application/zip",
        on_click="ignore",
        icon=":material/download:",
        help="Every table filtered as on screen, with datapackage.json, manifest.json and "
        "the source documents: unzipped, it is a data directory of its own.",
    )


def csv_download(label: str, frame, name: str, key: str) -> None:
    """A CSV of ``frame`` (a DataFrame, or a function giving one), built only on click."""
    st.download_button(
        label,
        data=lambda: view_csv(frame() if callable(frame) else frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/table:",
        key=key,
    )


# --- views -------------------------------------------------------------------------------


def render_glance(page: Page) -> None:
    tables = page.view.tables
    as_of = glance.data_as_of(page.dataset.tables)
    counts = glance.verification_counts(tables)
    unverified = counts["reported"] + counts["claimed"] + counts["disputed"]
    board = crossing_board(page)
    columns = st.columns(4)
    columns[0].metric(
        "Data as of",
        filters.format_day(as_of) if as_of else "no dates",
        glance.age_words(as_of, page.today) if as_of else None,
        delta_color="off",
        delta_arrow="off",
        border=True,
        help="The latest date anywhere in the data, and how long ago that is.",
    )
    if board is None:
        columns[1].metric("Crossings", "no crossing tables", border=True)
    else:
        status = crossings.status_counts(board)
        columns[1].metric(
            "Crossings closed",
            f"{palette.STATUS_SYMBOLS['closed']} {status['closed']} of {len(board)}",
            f"{status['open']} open · {status['restricted']} restricted",
            delta_color="off",
            delta_arrow="off",
            border=True,
            help="Current status = each crossing's latest report in this view.",
        )
    columns[2].metric(
        "Verified facts",
        f"{palette.VERIFICATION_SYMBOLS['verified']} {counts['verified']}",
        border=True,
        help=VERIFICATION_MEANING["verified"],
    )
    columns[3].metric(
        "Unverified facts",
        f"{unverified}",
        f"{counts['reported']} rep. · {counts['claimed']} claimed · {counts['disputed']} disp.",
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=f"{counts['reported']} reported, {counts['claimed']} claimed and "
        f"{counts['disputed']} disputed events, claims and crossing reports.",
    )
    st.subheader("What each side claims", anchor=False)
    comparisons, note = shown_topic_comparisons(page)
    numeric = [c for c in comparisons if c.numeric]
    if not numeric:
        st.info("No numeric claims in this view.")
    for comparison in numeric:
        st.text(f"• {comparison.spread}")
    if note:
        st.caption(escape_markdown(note))
    if board:
        st.subheader("Crossings", anchor=False)
        for state in board[: display.CARD_LIMIT]:
            st.text(f"{state.name}: {crossings.describe_state(state)}")
        if len(board) > display.CARD_LIMIT:
            note = display.limit_note(display.CARD_LIMIT, len(board), "crossings, closed first")
            st.caption(escape_markdown(f"{note}; see the Crossings view"))
    st.subheader("Latest events", anchor=False)
    latest = glance.latest_events(tables["events"])
    if latest.empty:
        st.info("No events in this view.")
    for _, event in latest.iterrows():
        dates = filters.describe_dates(event["date_start"].date(), event_end(event).date())
        st.text(f"{dates} · {event['title']} · {palette.verification_label(event['verification'])}")


def event_end(event: pd.Series) -> pd.Timestamp:
    return event["date_end"] if pd.notna(event["date_end"]) else event["date_start"]


def render_timeline(page: Page) -> None:
    events = page.view.tables["events"]
    parties = page.dataset.tables["parties"]
    if events.empty:
        st.info("No events match the filters.")
        return
    if charts.use_counts_timeline(events):
        render_counts_timeline(page, events, parties)
        return
    plotted, outside = charts.timeline_frame(events, parties)
    st.altair_chart(
        charts.timeline_chart(plotted, parties),
        on_select=pick_clicked_event,
        selection_mode=charts.TIMELINE_SELECTION,
        key="timeline_chart",
        width="stretch",
    )
    st.caption(
        "Filled marks are verified facts, hollow marks unverified ones; a bar is a "
        "date range, a dot a single day. Click a mark to see its details."
    )
    if not outside.empty:
        listed = "; ".join(f"{row.title} ({row.dates})" for row in outside.itertuples())
        st.caption(
            escape_markdown(
                f"{len(outside)} background events lie far outside the chart and are listed "
                f"in the table below: {listed}"
            )
        )
    render_event_picker(page, events, "Event details", "Click a mark or pick an event")
    render_events_table(page, events)


def render_counts_timeline(page: Page, events: pd.DataFrame, parties: pd.DataFrame) -> None:
    """Too many events for single marks: counts per day and party, then the latest events."""
    counts = charts.timeline_counts(events, parties)
    st.altair_chart(charts.timeline_counts_chart(counts, parties), width="stretch")
    st.caption(escape_markdown(charts.counts_note(len(events))))
    latest, _ = display.limit_rows(events, display.PICK_LIMIT, latest_by="date_start")
    label = f"Event details (the latest {len(latest):,} events)"
    render_event_picker(page, latest, label, "Pick an event")
    render_events_table(page, events)


def render_event_picker(page: Page, events: pd.DataFrame, label: str, placeholder: str) -> None:
    """A list of the events by title (keyboard-friendly, and what a chart click sets);
    the picked event's details below it."""
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    picked = st.selectbox(
        label,
        options=list(titles),
        index=None,
        format_func=lambda event_id: str(titles[event_id]),
        placeholder=placeholder,
        key="event_pick",
    )
    if picked:
        render_event_details(page, events[events["event_id"] == picked].iloc[0])


def render_events_table(page: Page, events: pd.DataFrame) -> None:
    st.subheader("Events", anchor=False)
    latest, note = display.limit_rows(events, latest_by="date_start")
    tables = page.dataset.tables
    table = display.events_table(latest, tables["parties"], tables["sources"])
    if note:
        st.caption(escape_markdown(f"Latest events: {note}"))
    st.dataframe(
        table,
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
    selected = selected_event_ids(st.session_state.get("timeline_chart"))
    if selected:
        st.session_state["event_pick"] = selected[0]


def selected_event_ids(selection) -> list[str]:
    try:
        points = selection.selection.get(charts.TIMELINE_SELECTION, [])
    except AttributeError:
        return []
    return [p["event_id"] for p in points if isinstance(p, dict) and "event_id" in p]


def render_event_details(page: Page, event: pd.Series) -> None:
    source = source_row(page, event["source_id"])
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(str(event['title']))}**")
        st.text(
            f"{filters.describe_dates(event['date_start'].date(), event_end(event).date())}"
            f" · {event['event_type']} · {palette.verification_label(event['verification'])}"
        )
        if pd.notna(event["description"]):
            st.text(event["description"])
        if pd.notna(event["quote"]):
            st.text(f"Quote: “{event['quote']}”")
        render_source_line(source)


def source_row(page: Page, source_id: str) -> pd.Series | None:
    sources_table = page.dataset.tables["sources"]
    match = sources_table[sources_table["source_id"] == source_id]
    return None if match.empty else match.iloc[0]


def render_source_line(source: pd.Series | None) -> None:
    if source is None:
        return
    st.text(
        f"Source: {source['title']} — {source['publisher']} "
        f"(reliability {source['reliability']}: {RELIABILITY_MEANING[source['reliability']]})"
    )
    if pd.notna(source["url"]):
        st.link_button("Open source", source["url"], icon=":material/open_in_new:")


def topic_comparisons(page: Page) -> list:
    tables = page.view.tables
    if not page.view.has("topics", "claims"):
        return []
    return claims.compare_claims(
        tables["topics"],
        tables["claims"],
        page.dataset.tables["parties"],
        page.dataset.tables["sources"],
    )


def shown_topic_comparisons(page: Page) -> tuple[list, str | None]:
    """The comparisons of at most CARD_LIMIT topics (those with the latest claims), and a
    note when there are more."""
    if not page.view.has("topics", "claims"):
        return [], None
    tables = page.view.tables
    topics, total = claims.latest_topics(tables["topics"], tables["claims"], display.CARD_LIMIT)
    comparisons = claims.compare_claims(
        topics,
        tables["claims"][tables["claims"]["topic_id"].isin(topics["topic_id"])],
        page.dataset.tables["parties"],
        page.dataset.tables["sources"],
    )
    if total <= len(topics):
        return comparisons, None
    note = display.limit_note(len(topics), total, "topics (those with the latest claims)")
    return comparisons, f"{note}; so does the claims CSV"


def render_claims(page: Page) -> None:
    if not page.dataset.has("topics", "claims"):
        st.info("This dataset has no topics and claims tables, so there is nothing to compare.")
        return
    comparisons, note = shown_topic_comparisons(page)
    if not comparisons:
        st.info("No claims match the filters.")
        return
    if note:
        st.caption(escape_markdown(note))
    for comparison in comparisons:
        render_topic_card(page, comparison)
    csv_download(
        "Download claims (CSV)",
        lambda: claims.positions_frame(topic_comparisons(page)),
        "claims-view",
        "claims_csv",
    )


def render_topic_card(page: Page, comparison) -> None:
    with st.container(border=True):
        st.subheader(escape_markdown(comparison.question), anchor=False)
        st.text(claims.positions_summary(comparison))
        ratio = claims.ratio_words(comparison)
        if ratio:
            st.caption(escape_markdown(ratio))
        frame = claims.positions_frame([comparison])
        shown = frame[
            [
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
        ].copy()
        shown["verification"] = shown["verification"].map(palette.verification_label)
        shown, note = display.limit_rows(shown, latest_by="date")
        if note:
            st.caption(escape_markdown(f"Latest positions: {note}"))
        st.dataframe(
            shown,
            hide_index=True,
            column_config={"date": st.column_config.DateColumn("date")},
            key=f"claims_{comparison.topic_id}",
        )
        with_value = frame[frame["value"].notna()].copy()
        if comparison.numeric and not with_value.empty:
            with_value["verified"] = with_value["verification"] == "verified"
            st.altair_chart(
                charts.claims_chart(
                    with_value,
                    page.dataset.tables["parties"],
                    comparison.question,
                    comparison.unit,
                ),
                width="stretch",
            )


def crossing_board(page: Page):
    if not page.view.has("crossings", "crossing_status"):
        return None
    board = crossings.crossing_board(
        page.view.tables["crossings"], page.view.tables["crossing_status"], page.today
    )
    return crossings.by_urgency(board)


def render_crossings(page: Page) -> None:
    board = crossing_board(page)
    if board is None:
        st.info("This dataset has no crossings and crossing_status tables.")
        return
    if not board:
        st.info("No crossings match the filters.")
        return
    if len(board) > display.CARD_LIMIT:
        note = display.limit_note(display.CARD_LIMIT, len(board), "crossings, closed first")
        st.caption(escape_markdown(f"{note}, and so does the crossings CSV"))
    columns = st.columns(min(3, len(board)))
    for index, state in enumerate(board[: display.CARD_LIMIT]):
        with columns[index % len(columns)], st.container(border=True):
            st.subheader(escape_markdown(state.name), anchor=False)
            st.badge(
                palette.status_label(state.status)
                if state.status != palette.NO_REPORT
                else "No report",
                color=BADGE_COLORS.get(state.status, "gray"),
            )
            st.text(crossings.describe_state(state))
            for label, value in (
                ("Detail", state.detail),
                ("Quote", state.quote),
                (
                    "Between",
                    f"{party_name(page, state.party_a)} – {party_name(page, state.party_b)}",
                ),
                ("About", state.description),
            ):
                if value:
                    st.text(f"{label}: {value}")
            if state.source_id:
                render_source_line(source_row(page, state.source_id))
    end = glance.data_as_of(page.dataset.tables) or page.today
    runs = crossings.status_runs(
        page.view.tables["crossings"], page.view.tables["crossing_status"], end
    )
    if not runs.empty:
        st.altair_chart(charts.crossing_history_chart(runs), width="stretch")
    csv_download(
        "Download crossings (CSV)", crossings.board_frame(board), "crossings-view", "cross_csv"
    )


def party_name(page: Page, party_id: str) -> str:
    names = page.dataset.tables["parties"].set_index("party_id")["name"]
    return str(names.get(party_id, party_id))


def render_map(page: Page) -> None:
    board = crossing_board(page)
    board_table = crossings.board_frame(board) if board else None
    drawn, unlocated, sample_note = charts.sample_events_for_map(page.view.tables["events"])
    points, missing = charts.map_points(drawn, board_table, page.dataset.tables["parties"])
    missing += unlocated
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
        st.caption(escape_markdown(f"Sampled: {sample_note}."))
    if missing:
        st.caption(
            f"{missing} rows in this view have no coordinates and are not on the map; "
            "they are in the Timeline and Crossings views."
        )
    if not points.empty:
        shown, note = display.limit_rows(points.drop(columns=["color"]))
        if note:
            st.caption(escape_markdown(f"Map points: {note}"))
        st.dataframe(shown, hide_index=True)
        csv_download("Download map points (CSV)", points, "map-view", "map_csv")


def render_sources(page: Page) -> None:
    shown = sources.citation_counts(page.view.tables)
    total = sources.citation_counts(page.dataset.tables)
    frame = sources.sources_frame(page.dataset.tables["sources"], shown, total)
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "url": st.column_config.LinkColumn("link"),
            "published": st.column_config.DateColumn("published"),
        },
    )
    csv_download("Download sources (CSV)", frame, "sources-view", "sources_csv")
    for source_id, document in page.dataset.documents.items():
        source = source_row(page, source_id)
        title = source["title"] if source is not None else source_id
        quotes = sources.quotes_of_source(page.view.tables, source_id)
        spans = sources.quote_spans(document, quotes)
        label = f"Document: {escape_markdown(str(title))} — {len(spans)} quoted passages"
        with st.expander(label, expanded=len(page.dataset.documents) == 1):
            st.caption("Quoted passages are bold on a highlighted background.")
            for paragraph, local in sources.paragraphs_with_spans(document, spans):
                st.markdown(highlight_markdown(paragraph, local))


def render_quality(page: Page) -> None:
    dataset = page.dataset
    counts = display.table_counts(dataset)
    if not dataset.problems:
        st.success("No problems: every row of every table follows the data contract.")
    else:
        st.warning(
            f"{len(dataset.problems)} problems, {dataset.rows_rejected} rows rejected. Rejected "
            "rows are not shown in the other views; each is listed here with its line."
        )
        problems = problems_frame(dataset.problems)
        shown, _ = display.limit_rows(problems)
        if len(shown) < len(problems):
            note = display.limit_note(len(shown), len(problems), where="the problems CSV")
            st.caption(escape_markdown(f"Problems: {note}"))
        st.dataframe(shown, hide_index=True)
        csv_download("Download problems (CSV)", problems, "data-problems", "problems_csv")
    st.subheader("Rows per table", anchor=False)
    st.dataframe(counts, hide_index=True)
    st.caption(escape_markdown(f"Data directory: {dataset.data_dir}"))


RENDERERS = {
    "glance": render_glance,
    "timeline": render_timeline,
    "claims": render_claims,
    "crossings": render_crossings,
    "map": render_map,
    "sources": render_sources,
    "quality": render_quality,
}

main()
