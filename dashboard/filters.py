"""The dashboard's filters: what they select, and how they say so in words and in a URL.

A ``Filters`` value is applied to a loaded ``Dataset`` with ``apply_filters``; the result
is a ``FilteredView`` whose tables are themselves a consistent data directory (every id a
row points at is present), so a snapshot of it loads back as exactly the same view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlencode

import pandas as pd

from dashboard import solidity
from dashboard.arrowtext import is_in
from dashboard.confirmations import counts_of
from dashboard.dates import describe_dates, event_ends
from dashboard.loader import Dataset
from dashboard.lookups import party_names
from dashboard.params import (
    PARAM_CONFIRMATIONS,
    PARAM_DATES,
    PARAM_PARTY,
    PARAM_TYPE,
    PARAM_VERIFICATION,
    PARAM_VIEW,
    SINGLE_VALUE_PARAMS,
    VIEWS,
)
from dashboard.schema import EVENT_TYPES, FACT_TABLES, VERIFIED

VerificationChoice = Literal["all", "verified", "unverified"]
VERIFICATION_CHOICES: tuple[str, ...] = ("all", "verified", "unverified")


@dataclass(frozen=True)
class Filters:
    """What the user selected; empty tuples and None mean 'no restriction'."""

    parties: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    verification: VerificationChoice = "all"
    types: tuple[str, ...] = ()
    confirmations: int = 0  # least independent confirmations a fact must have

    def is_default(self) -> bool:
        return self == Filters()


@dataclass
class FilteredView:
    """The filtered tables (same names and columns as the dataset) and the row counts."""

    filters: Filters
    tables: dict[str, pd.DataFrame]
    total_rows: int
    shown_rows: int
    dropped_topic_links: int = 0  # topics whose event lies outside the view
    notices: list[str] = field(default_factory=list)

    def has(self, *names: str) -> bool:
        return all(name in self.tables for name in names)


def apply_filters(dataset: Dataset, filters: Filters) -> FilteredView:
    """Every table filtered as the dashboard shows it."""
    tables = dataset.tables
    if filters.is_default():  # nothing to select but the sources that rows cite
        total = sum(len(tables[name]) for name in FACT_TABLES if name in tables)
        everything = dict(tables)
        everything["sources"] = solidity.sources_in_view(tables["sources"], tables)
        return FilteredView(filters, everything, total, total)
    counts = counts_of(dataset) if filters.confirmations else {}
    confirmed = solidity.confirmed_tables(tables, counts, filters.confirmations)
    events = _filter_events(confirmed["events"], filters)
    result: dict[str, pd.DataFrame] = {"events": events}
    dropped_links = 0
    if dataset.has("topics", "claims"):
        claims, topics, dropped_links = _filter_claims(
            confirmed["claims"], tables["topics"], tables["events"], events, filters
        )
        result["topics"], result["claims"] = topics, claims
    elif dataset.has("topics"):
        result["topics"] = tables["topics"].iloc[0:0]
    if dataset.has("crossings", "crossing_status"):
        crossings, status = _filter_crossings(
            tables["crossings"], confirmed["crossing_status"], filters
        )
        result["crossings"], result["crossing_status"] = crossings, status
    elif dataset.has("crossings"):
        result["crossings"] = _crossings_of_parties(tables["crossings"], filters.parties)
    if dataset.has("citations"):
        result["citations"] = solidity.citations_in_view(tables["citations"], result)
    result["sources"] = solidity.sources_in_view(tables["sources"], result)
    speakers = solidity.speaking_parties(result["sources"]) if filters.parties else set()
    result["parties"] = _parties_in_view(tables["parties"], result, (*filters.parties, *speakers))
    ordered = {name: result[name] for name in tables if name in result}
    total = sum(len(tables[name]) for name in FACT_TABLES if name in tables)
    shown = sum(len(ordered[name]) for name in FACT_TABLES if name in ordered)
    return FilteredView(filters, ordered, total, shown, dropped_links)


def overlaps(
    starts: pd.Series, ends: pd.Series, date_from: date | None, date_to: date | None
) -> pd.Series:
    """Rows whose [start, end] range (end empty = start) overlaps [date_from, date_to]."""
    ends = ends.fillna(starts)
    keep = pd.Series(True, index=starts.index)
    if date_from is not None:
        keep &= ends >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= starts <= pd.Timestamp(date_to)
    return keep


def verification_mask(values: pd.Series, choice: str) -> pd.Series:
    """'verified' keeps only verified rows; 'unverified' keeps reported, claimed, disputed."""
    if choice == "verified":
        return values == VERIFIED
    if choice == "unverified":
        return values != VERIFIED
    return pd.Series(True, index=values.index)


def _filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = overlaps(events["date_start"], event_ends(events), filters.date_from, filters.date_to)
    keep &= verification_mask(events["verification"], filters.verification)
    if filters.parties:
        keep &= events["actor"].isin(filters.parties) | events["target"].isin(filters.parties)
    if filters.types:
        keep &= events["event_type"].isin(filters.types)
    return events[keep]


def _filter_claims(
    claims: pd.DataFrame,
    topics: pd.DataFrame,
    all_events: pd.DataFrame,
    shown_events: pd.DataFrame,
    filters: Filters,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Claims by date, verification and the type of their topic's event; the party filter
    selects topics (see ``_topics_of_parties``) and keeps every party's claims on them, so
    a comparison keeps both sides."""
    keep = overlaps(claims["date"], claims["date"], filters.date_from, filters.date_to)
    keep &= verification_mask(claims["verification"], filters.verification)
    if filters.types:
        event_types = all_events.set_index("event_id")["event_type"]
        topic_type = topics.set_index("topic_id")["event_id"].map(event_types)
        allowed = topic_type.isna() | topic_type.isin(filters.types)
        keep &= claims["topic_id"].map(allowed).fillna(True).astype(bool)
    claims = claims[keep]
    if filters.parties:
        chosen = _topics_of_parties(claims, topics, all_events, filters.parties)
        claims = claims[claims["topic_id"].isin(chosen)]
    topics = topics[topics["topic_id"].isin(claims["topic_id"])].copy()
    outside = topics["event_id"].notna() & ~is_in(topics["event_id"], shown_events["event_id"])
    topics.loc[outside, "event_id"] = pd.NA
    return claims, topics, int(outside.sum())


def _topics_of_parties(
    claims: pd.DataFrame, topics: pd.DataFrame, events: pd.DataFrame, parties: Sequence[str]
) -> set[str]:
    """Topics on which a chosen party takes a position (among ``claims``) or whose event
    has a chosen party as actor or target."""
    chosen = set(claims.loc[claims["party_id"].isin(parties), "topic_id"])
    involved = events["actor"].isin(parties) | events["target"].isin(parties)
    their_events = set(events.loc[involved, "event_id"])
    chosen.update(topics.loc[topics["event_id"].isin(their_events), "topic_id"])
    return chosen


def _crossings_of_parties(crossings: pd.DataFrame, parties: Sequence[str]) -> pd.DataFrame:
    if not parties:
        return crossings
    return crossings[crossings["party_a"].isin(parties) | crossings["party_b"].isin(parties)]


def _filter_crossings(
    crossings: pd.DataFrame, status: pd.DataFrame, filters: Filters
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Crossings by their sides; reports by date and verification; type must admit 'crossing'."""
    crossings = _crossings_of_parties(crossings, filters.parties)
    keep = status["crossing_id"].isin(crossings["crossing_id"])
    keep &= overlaps(status["as_of"], status["as_of"], filters.date_from, filters.date_to)
    keep &= verification_mask(status["verification"], filters.verification)
    if filters.types and "crossing" not in filters.types:
        keep &= False
    return crossings, status[keep]


def _parties_in_view(
    parties: pd.DataFrame, tables: Mapping[str, pd.DataFrame], selected: Sequence[str]
) -> pd.DataFrame:
    """The selected parties (and those shown sources speak for) and every party a shown
    row points at."""
    if not selected:
        return parties
    wanted = set(selected)
    columns = {
        "events": ("actor", "target"),
        "claims": ("party_id",),
        "crossings": ("party_a", "party_b"),
    }
    for name, names in columns.items():
        if name in tables:
            for column in names:
                wanted.update(tables[name][column].dropna().unique())
    return parties[parties["party_id"].isin(wanted)]


# --- words -------------------------------------------------------------------------------


def describe_filters(filters: Filters, dataset: Dataset, view: FilteredView) -> str:
    """The filters in words, e.g. '2 parties (Northland, Southland) · 1–12 Oct 2025 ·
    unverified only · 14 of 17 events · 9 of 18 claims'."""
    parts = [
        _describe_parties(filters.parties, dataset),
        describe_dates(filters.date_from, filters.date_to),
        {
            "all": "verified and unverified",
            "verified": "verified only",
            "unverified": "unverified only",
        }[filters.verification],
    ]
    if filters.types:
        noun = "type" if len(filters.types) == 1 else "types"
        parts.append(f"{len(filters.types)} event {noun} ({', '.join(filters.types)})")
    if solidity.least_words(filters.confirmations):
        parts.append(solidity.least_words(filters.confirmations))
    parts.append(count_words(dataset, view))
    return " · ".join(parts)


KIND_NOUNS: dict[str, tuple[str, str]] = {
    "events": ("event", "events"),
    "claims": ("claim", "claims"),
    "crossing_status": ("crossing report", "crossing reports"),
}


def count_words(dataset: Dataset, view: FilteredView) -> str:
    """What is counted, per kind: '6,416 events · 200 claims · 12 crossing reports', or
    '14 of 17 events · 9 of 18 claims' when a filter is set."""
    parts = []
    for name, (one, many) in KIND_NOUNS.items():
        if name not in dataset.tables:
            continue
        total = len(dataset.tables[name])
        shown = len(view.tables[name]) if name in view.tables else 0
        noun = one if total == 1 else many
        if view.filters.is_default():
            parts.append(f"{total:,} {noun}")
        else:
            parts.append(f"{shown:,} of {total:,} {noun}")
    return " · ".join(parts)


def _describe_parties(parties: Sequence[str], dataset: Dataset) -> str:
    if not parties:
        return "all parties"
    names = party_names(dataset.tables["parties"])
    labels = [names.get(p, p) for p in parties]
    noun = "party" if len(parties) == 1 else "parties"
    if len(labels) <= 3:
        return f"{len(parties)} {noun} ({', '.join(labels)})"
    return f"{len(parties)} {noun}"


# --- URL ---------------------------------------------------------------------------------


def filters_to_query(filters: Filters) -> dict[str, list[str]]:
    """The URL parameters that reopen this selection (defaults are left out)."""
    params: dict[str, list[str]] = {}
    if filters.parties:
        params[PARAM_PARTY] = list(filters.parties)
    if filters.date_from is not None or filters.date_to is not None:
        params[PARAM_DATES] = [
            (filters.date_from or date.min).isoformat(),
            (filters.date_to or date.max).isoformat(),
        ]
    if filters.verification != "all":
        params[PARAM_VERIFICATION] = [filters.verification]
    if filters.types:
        params[PARAM_TYPE] = list(filters.types)
    if filters.confirmations:
        params[PARAM_CONFIRMATIONS] = [str(filters.confirmations)]
    return params


def query_string(filters: Filters) -> str:
    """'party=north&party=south&dates=2025-10-01&dates=2025-10-12' (empty for defaults)."""
    return urlencode(filters_to_query(filters), doseq=True)


def filters_from_query(
    params: Mapping[str, Sequence[str]],
    party_ids: Sequence[str],
    bounds: tuple[date, date] | None = None,
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; every value that cannot be used gives a notice.
    With ``bounds`` (the data's first and last dates), dates outside them are refused."""
    notices: list[str] = []
    parties = _known_values(params.get(PARAM_PARTY, ()), party_ids, "party", notices)
    types = _known_values(params.get(PARAM_TYPE, ()), EVENT_TYPES, "event type", notices)
    verification = None
    for value in params.get(PARAM_VERIFICATION, ()):
        if value in VERIFICATION_CHOICES:
            verification = verification or value  # the first, as the widget takes it
        else:
            notices.append(
                f"verification {quote_for_notice(value)} is not one of: "
                f"{', '.join(VERIFICATION_CHOICES)} — showing all"
            )
    date_from, date_to = _dates_from(params.get(PARAM_DATES, ()), notices)
    if bounds and date_from and date_to and (date_from < bounds[0] or date_to > bounds[1]):
        notices.append(
            f"the link's dates {describe_dates(date_from, date_to)} reach outside the data "
            f"({describe_dates(*bounds)}); showing all dates"
        )
        date_from = date_to = None
    least = solidity.least_from_query(params.get(PARAM_CONFIRMATIONS, ()), notices)
    grade = verification or "all"
    filters = Filters(tuple(parties), date_from, date_to, grade, tuple(types), least)
    return filters, notices


def link_notices(
    params: Mapping[str, Sequence[str]],
    party_ids: Sequence[str],
    bounds: tuple[date, date] | None = None,
) -> list[str]:
    """Every problem of a link: values that cannot be used, unknown views, and a second
    value for a parameter that takes one."""
    _, notices = filters_from_query(params, party_ids, bounds)
    notices += [
        f"unknown view {quote_for_notice(value)} in the link was ignored"
        for value in params.get(PARAM_VIEW, ())
        if value not in VIEWS
    ]
    for name in SINGLE_VALUE_PARAMS:
        values = list(params.get(name, ()))
        if len(values) > 1:
            listed = ", ".join(quote_for_notice(v) for v in values[:5])
            notices.append(
                f"the link gives {name} {len(values)} values ({listed}); it takes one, so only "
                f"the first, {quote_for_notice(values[0])}, is used"
            )
    return notices


def _known_values(
    values: Sequence[str], known: Sequence[str], noun: str, notices: list[str]
) -> list[str]:
    kept: list[str] = []
    for value in values:
        if value in known:
            if value not in kept:
                kept.append(value)
        else:
            notices.append(f"unknown {noun} {quote_for_notice(value)} in the link was ignored")
    return kept


def _dates_from(values: Sequence[str], notices: list[str]) -> tuple[date | None, date | None]:
    if not values:
        return None, None
    parsed: list[date] = []
    for value in values[:2]:
        try:
            parsed.append(date.fromisoformat(value))
        except ValueError:
            notices.append(f"date {quote_for_notice(value)} in the link is not a YYYY-MM-DD date")
    if len(values) > 2:
        notices.append("the link has more than two dates; only the first two are used")
    if len(parsed) != len(values[:2]):
        return None, None
    if len(parsed) == 1:
        return parsed[0], parsed[0]
    start, end = parsed
    if end < start:
        notices.append("the link's dates were in reverse order and have been swapped")
        start, end = end, start
    return _open_end(start), _open_end(end)


def _open_end(day: date) -> date | None:
    """date.min and date.max stand for an open end (as ``filters_to_query`` writes one)."""
    return None if day in (date.min, date.max) else day


def quote_for_notice(value: str, limit: int = 40) -> str:
    """The value in quotes for a notice, shortened to ``limit`` characters."""
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(shown)


def selection_query(
    parties: Sequence[str],
    dates: tuple[date | None, date | None],
    verification: str | None,
    types: Sequence[str],
    confirmations: int = 0,
) -> dict[str, list[str]]:
    """The widgets' values as link parameters, so that the live view's filters come from
    ``filters_from_query`` like a link's and the command line's."""
    grade = verification or "all"
    return filters_to_query(
        Filters(tuple(parties), dates[0], dates[1], grade, tuple(types), confirmations)
    )


def known_parties(values: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The values that are party ids of the data, once each, in their order."""
    return [value for value in dict.fromkeys(values) if value in names]


def party_label(party_id: str, names: Mapping[str, str]) -> str:
    """A party as the picker lists it: 'Northland (north)', searchable by name and id."""
    name = names.get(party_id, party_id)
    return party_id if name == party_id else f"{name} ({party_id})"


def clamp_dates(dates: Sequence[date], bounds: tuple[date, date]) -> tuple[date, date]:
    """A (start, end) range cut to the data's first and last dates."""
    low, high = bounds
    start, end = min(dates[0], dates[-1]), max(dates[0], dates[-1])
    return min(max(start, low), high), max(min(end, high), low)


def dates_from_widget(picked: object, bounds: tuple[date, date]) -> tuple[date | None, date | None]:
    """The date filter from a date-range widget's value. The whole data range means no
    restriction; mid-selection the widget returns one date, used alone until the range
    is complete."""
    values = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
    days = [v for v in values if isinstance(v, date)]
    if not days:
        return None, None
    start, end = min(days[0], days[-1]), max(days[0], days[-1])
    if (start, end) == bounds:
        return None, None
    return start, end
