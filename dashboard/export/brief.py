"""What a brief says: a plain model of the view's content, aggregates only, never rows.

``build_brief(dataset, filters, view, today)`` gathers the title, "data as of", the
filters in words, the key figures, what each side claims on the leading topics, the
crossings, what changed since a date (when asked), the sources and the dashboard's own
timeline and map specifications. Every list is bounded and every text clipped, so a
brief of a million events is as long as one of seventeen (one or two A4 pages). The
renderers (``brief_text`` for Markdown and HTML, ``brief_pdf`` for the PDF) only lay out
what this module decided to say.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from dashboard.analysis import crossings, eventcols, fatalities, glance
from dashboard.analysis.claims import TopicComparison, shown_comparisons
from dashboard.analysis.sources import citation_counts
from dashboard.charts import palette
from dashboard.contract.confirmations import counts_of
from dashboard.contract.dataset import Dataset
from dashboard.contract.schema import RELIABILITY_MEANING, VERIFIED
from dashboard.export.brief_limits import (
    CHANGE_LIMIT,
    CROSSING_LIMIT,
    NOTE_LIMIT,
    PARTY_LIMIT,
    SOURCE_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    TOPIC_LIMIT,
    bite,
    clip,
    limits_words,
    noting_limits,
    stop_noting,
)
from dashboard.export.brief_specs import Charts, chart_specs, view_board
from dashboard.query.dates import DateFrame, describe_event_dates, format_day
from dashboard.query.filters import FilteredView, Filters
from dashboard.query.link import query_string
from dashboard.query.page import Page
from dashboard.query.params import PARAM_SINCE
from dashboard.query.words import view_caption

PUBLIC_URL_VARIABLE = "DASHBOARD_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


@dataclass(frozen=True)
class Figure:
    """One key figure: a label, the figure, and the words under it."""

    label: str
    value: str
    words: str = ""


@dataclass(frozen=True)
class PositionLine:
    """One party's latest position on a topic, with its grade as symbol and word."""

    party: str
    says: str  # "says 58", "denies", "no comment", "denies, says 3"
    grade: str  # "○ claimed"


@dataclass(frozen=True)
class TopicLine:
    """A leading topic: the question, each side's latest position, and its status."""

    question: str
    positions: list[PositionLine]
    more_parties: int  # positions left out (over PARTY_LIMIT)
    status: str  # "✔ confirmed (a verified position)" or "unconfirmed"


@dataclass(frozen=True)
class CrossingLine:
    """A crossing's current status in words and symbol, since when, and the latest report."""

    name: str
    status: str  # "✖ Closed"
    since: str  # "since 12 Oct 2025 (at least 9 days)" or "no report"
    latest: str  # "latest report 20 Oct 2025 · reported"


@dataclass(frozen=True)
class SourceLine:
    """A source with its reliability grade and how many rows of the view cite it."""

    title: str
    publisher: str
    reliability: str  # "B — usually reliable"
    rows: int


@dataclass(frozen=True)
class Changes:
    """What the view holds dated on or after ``since`` (by the data's own dates)."""

    since: str
    figures: list[str]  # "3 events", "5 claims", "2 crossing reports"
    crossings: list[str]  # "Ford crossing: ✖ Closed since 12 Oct 2025"
    events: list[str]  # the newest events, "12 Oct 2025 · title · ○ claimed"
    more_events: int


@dataclass(frozen=True)
class Brief:
    """Everything a brief says, in the order it says it; texts are plain (unescaped)."""

    title: str
    data_as_of: str
    made_on: str
    filters: str
    link: str
    figures: list[Figure]
    grades: str
    topics: list[TopicLine]
    topics_note: str
    crossings: list[CrossingLine]
    crossings_note: str
    changes: Changes | None
    sources: list[SourceLine]
    sources_note: str
    timeline_spec: dict[str, Any] | None = field(default=None, repr=False)
    map_spec: dict[str, Any] | None = field(default=None, repr=False)
    chart_notes: list[str] = field(default_factory=list)
    timeline_caption: str = ""
    map_caption: str = ""
    limits: str = ""  # the brief's limits that left something out, with their settings
    history: list[str] = field(default_factory=list)  # versions compared: summary, notable

    def texts(self) -> dict[str, Any]:
        """The brief without its chart specifications, as JSON values."""
        content = asdict(self)
        content.pop("timeline_spec")
        content.pop("map_spec")
        return content


def build_brief(
    dataset: Dataset,
    filters: Filters,
    view: FilteredView,
    today: date,
    since: date | None = None,
    environ: Mapping[str, str] | None = None,
    with_charts: bool = True,
    history: Sequence[str] = (),
    since_link: str | None = None,
) -> Brief:
    """The brief of ``view`` (``dataset`` filtered by ``filters``) on ``today``, and of
    what changed since ``since`` when given (``history``: the history store's summary line
    and notable changes between the version then and now, see ``history_lines``).
    Aggregates only: the crossing board, the timeline and the map come from the dataset's
    memo under the keys the views use, so the brief of the view on screen reuses what the
    page has computed."""
    if with_charts:
        from dashboard.export.brief_charts import warm_up

        warm_up()  # vl-convert's engine starts on its own thread while figures are computed
    page = brief_page(dataset, filters, view, today)
    bitten, token = noting_limits()
    try:
        brief = _brief(dataset, page, since, environ)
        charts = chart_specs(dataset, page) if with_charts else Charts()
    finally:
        stop_noting(token)
    return replace(
        brief,
        timeline_spec=charts.timeline_spec,
        map_spec=charts.map_spec,
        chart_notes=charts.notes[:NOTE_LIMIT],
        timeline_caption=charts.timeline_caption,
        map_caption=charts.map_caption,
        limits=limits_words(bitten),
        history=history_section(history),
        link=view_link(
            filters, environ or os.environ, since_link, glance.dataset_date_frame(dataset, today)
        ),
    )


def history_section(lines: Sequence[str]) -> list[str]:
    """The history store's summary line and the first notable changes (each on one line),
    saying how many more were left out."""
    shown = [clip(line, 2 * TEXT_LIMIT) for line in lines[: CHANGE_LIMIT + 1]]
    left = len(lines) - len(shown)
    if left > 0:
        shown.append(
            f"and {left:,} more notable changes "
            "(BRIEF_CHANGE_LIMIT in dashboard/analysis/display.py)"
        )
    return shown


def brief_page(dataset: Dataset, filters: Filters, view: FilteredView, today: date) -> Page:
    """The page whose memo keys (``Page.cached``) the brief shares with the views."""
    return Page(dataset, filters, view, view_caption(dataset, view), today)


def _brief(
    dataset: Dataset, page: Page, since: date | None, environ: Mapping[str, str] | None
) -> Brief:
    environ = os.environ if environ is None else environ
    view, filters, today = page.view, page.filters, page.today
    as_of = glance.data_as_of(dataset.tables)
    board = view_board(page)
    topics, topics_note = topic_lines(view, dataset)
    crossing_lines, crossings_note = crossing_section(board)
    source_lines, sources_note = source_section(view)
    return Brief(
        title=clip(dataset.title, TITLE_LIMIT),
        data_as_of=f"{format_day(as_of)} ({glance.age_words(as_of, today)})"
        if as_of
        else "no dates",
        made_on=format_day(today),
        filters=page.caption,
        link=view_link(filters, environ, frame=glance.dataset_date_frame(dataset, today)),
        figures=key_figures(dataset, view, board),
        grades=glance.grades_words(glance.grades_in_use(dataset.tables)),
        topics=topics,
        topics_note=topics_note,
        crossings=crossing_lines,
        crossings_note=crossings_note,
        changes=None if since is None else changes_since(view, board, since),
        sources=source_lines,
        sources_note=sources_note,
    )


def view_link(
    filters: Filters,
    environ: Mapping[str, str],
    since: str | None = None,
    frame: DateFrame | None = None,
) -> str:
    """The link that reopens the view: $DASHBOARD_PUBLIC_URL (default localhost) + filters
    (+ the link's ``since``); with the app's date ``frame``, all dates are written out where
    a link without dates would mean the default range."""
    base = (environ.get(PUBLIC_URL_VARIABLE) or DEFAULT_PUBLIC_URL).strip().rstrip("/")
    query = query_string(filters, frame)
    if since:
        query = "&".join(part for part in (query, urlencode({PARAM_SINCE: since})) if part)
    return f"{base}/?{query}" if query else f"{base}/"


def key_figures(
    dataset: Dataset, view: FilteredView, board: list[crossings.CrossingState] | None
) -> list[Figure]:
    """Events in view, fatalities (best, low–high, unknown), crossings closed, grades."""
    events = view.tables["events"]
    total = len(dataset.tables["events"])
    shown = f"of {total:,} in the data" if len(events) != total else "all in the data"
    figures = [Figure("Events", f"{len(events):,}", shown)]
    if eventcols.has_fatalities(dataset.tables["events"]):
        value, words = fatalities.summary_words(fatalities.fatality_summary(events))
        figures.append(Figure("Fatalities (best estimate)", value, words))
    if board is not None:
        status = crossings.status_counts(board)
        figures.append(
            Figure(
                "Crossings closed",
                f"{palette.STATUS_SYMBOLS['closed']} {status['closed']} of {len(board)}",
                f"{status['open']} open · {status['restricted']} restricted",
            )
        )
    counts = glance.verification_counts(view.tables)
    figures.append(
        Figure(
            "Verified facts",
            f"{palette.VERIFICATION_SYMBOLS[VERIFIED]} {counts[VERIFIED]:,}",
            f"{glance.unverified_count(counts):,} unverified events, claims and crossing reports",
        )
    )
    return figures


def topic_lines(view: FilteredView, dataset: Dataset) -> tuple[list[TopicLine], str]:
    """The leading topics (latest claims first) and a note on how many there are."""
    tables = dataset.tables
    comparisons, _ = shown_comparisons(view, tables["parties"], tables["sources"], TOPIC_LIMIT)
    total = len(view.tables["topics"]) if view.has("topics", "claims") else 0
    with_claims = (
        view.tables["claims"]["topic_id"].nunique() if view.has("topics", "claims") else total
    )
    confirmed = confirmations_by_claim(dataset) if comparisons else {}
    lines = [topic_line(comparison, confirmed) for comparison in comparisons]
    if not lines:
        return [], "No claims in this view."
    if with_claims > len(lines):
        bite("BRIEF_TOPIC_LIMIT")
        return lines, (
            f"{len(lines)} of {with_claims:,} topics: those with the latest claims "
            "(BRIEF_TOPIC_LIMIT)."
        )
    return lines, "Every topic of the view, latest claims first."


def confirmations_by_claim(dataset: Dataset) -> dict[str, int]:
    """claim_id -> independent confirmations (the counting rule of the contract)."""
    claims = dataset.tables["claims"]
    found = counts_of(dataset)["claims"]["confirmations"].reindex(claims.index).fillna(0)
    return dict(zip(claims["claim_id"], found.astype("int64"), strict=True))


def topic_line(comparison: TopicComparison, confirmed: Mapping[str, int]) -> TopicLine:
    """One topic: question (with unit), each party's latest position with its grade and
    independent confirmations, confirmed or not."""
    question = comparison.question + (f" ({comparison.unit})" if comparison.unit else "")
    positions = [
        PositionLine(
            clip(position.party_name, 60),
            clip(_says(position.stance, position.figure), 60),
            f"{palette.verification_label(position.verification)} · "
            f"{_confirmations_words(confirmed.get(position.claim_id, 0))}",
        )
        for position in comparison.latest[:PARTY_LIMIT]
    ]
    status = "✔ confirmed (a verified position)" if comparison.confirmed else "unconfirmed"
    if len(comparison.latest) > PARTY_LIMIT:
        bite("BRIEF_PARTY_LIMIT")
    return TopicLine(
        clip(question), positions, max(0, len(comparison.latest) - PARTY_LIMIT), status
    )


def _confirmations_words(count: int) -> str:
    return f"{count} independent confirmation{'' if count == 1 else 's'}"


def _says(stance: str, figure: str) -> str:
    if stance == "no-comment":
        return "no comment"
    if stance == "denies":
        return f"denies, says {figure}" if figure else "denies"
    if figure:
        return f"says {figure}"
    return stance


def crossing_section(
    board: list[crossings.CrossingState] | None,
) -> tuple[list[CrossingLine], str]:
    """The crossings, closed first, at most CROSSING_LIMIT, and a note."""
    if board is None:
        return [], "This dataset has no crossing tables."
    if not board:
        return [], "No crossing in this view."
    lines = [crossing_line(state) for state in board[:CROSSING_LIMIT]]
    if len(board) > len(lines):
        bite("BRIEF_CROSSING_LIMIT")
        shown = f"{len(lines)} of {len(board):,} crossings"
        return lines, f"{shown}, closed first (BRIEF_CROSSING_LIMIT)."
    return lines, ""


def crossing_line(state: crossings.CrossingState) -> CrossingLine:
    """A crossing's status with its symbol and word, since when, and the latest report."""
    if state.since is None or state.latest_as_of is None:
        return CrossingLine(clip(state.name, 60), "no report", "", "")
    days = state.run_days or 1
    since = f"since {format_day(state.since)} (at least {days} day{'s' if days != 1 else ''})"
    latest = f"latest report {format_day(state.latest_as_of)}"
    if state.verification:
        latest += f" · {palette.verification_label(state.verification)}"
    if state.other_statuses:
        latest += f" · sources disagree: also {', '.join(state.other_statuses)}"
    return CrossingLine(clip(state.name, 60), palette.status_label(state.status), since, latest)


SOURCE_TITLE_CHARS = 70  # a source's title in the list (the sources view has it whole)


def source_section(view: FilteredView) -> tuple[list[SourceLine], str]:
    """The sources cited in view, most cited first, with their reliability."""
    sources = view.tables["sources"]
    cited = citation_counts(view.tables)
    if "citations" in view.tables:  # a source cited only through citations.csv counts too
        further = view.tables["citations"]["source_id"].value_counts()
        cited = cited.add(further, fill_value=0)
    rows = sources["source_id"].map(cited).fillna(0).astype("int64")
    order = rows.sort_values(ascending=False, kind="stable").index[:SOURCE_LIMIT]
    lines = [
        SourceLine(
            clip(sources.at[index, "title"], SOURCE_TITLE_CHARS),
            clip(sources.at[index, "publisher"], 60),
            str(sources.at[index, "reliability"]),
            int(rows[index]),
        )
        for index in order
    ]
    grades = sorted({line.reliability for line in lines})
    meanings = "; ".join(f"{g}: {RELIABILITY_MEANING.get(g, 'not graded')}" for g in grades)
    note = f"Reliability (Admiralty code) {meanings}." if grades else ""
    if len(sources) > len(lines):
        bite("BRIEF_SOURCE_LIMIT")
        note += (
            f" {len(lines)} of {len(sources):,} sources: the most cited in view "
            "(BRIEF_SOURCE_LIMIT)."
        )
    return lines, note.strip()


def changes_since(
    view: FilteredView, board: list[crossings.CrossingState] | None, since: date
) -> Changes:
    """Events, claims and crossing reports of the view dated on or after ``since``, the
    crossings whose current status began then, and the newest of those events."""
    start = pd.Timestamp(since)
    tables = view.tables
    events = tables["events"]
    new_events = events[events["date_start"] >= start]
    figures = [f"{len(new_events):,} events"]
    if "claims" in tables:
        figures.append(f"{int((tables['claims']['date'] >= start).sum()):,} claims")
    if "crossing_status" in tables:
        reports = int((tables["crossing_status"]["as_of"] >= start).sum())
        figures.append(f"{reports:,} crossing reports")
    changed = [
        f"{clip(state.name, 60)}: {palette.status_label(state.status)} since "
        f"{format_day(state.since)}"
        for state in board or []
        if state.since is not None and state.since >= since
    ][:CROSSING_LIMIT]
    newest = new_events.sort_values("date_start", ascending=False, kind="stable")
    if len(new_events) > CHANGE_LIMIT:
        bite("BRIEF_CHANGE_LIMIT")
    listed = [
        f"{describe_event_dates(event)} · {clip(event['title'])} · "
        f"{palette.verification_label(event['verification'])}"
        for _, event in newest.head(CHANGE_LIMIT).iterrows()
    ]
    return Changes(
        format_day(since), figures, changed, listed, max(0, len(new_events) - len(listed))
    )
