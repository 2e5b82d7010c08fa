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

import numpy as np
import pandas as pd

from dashboard.contract.dataset import Dataset
from dashboard.contract.problems import shortened
from dashboard.contract.schema import EVENT_TYPES
from dashboard.query import selection
from dashboard.query.dates import describe_dates
from dashboard.query.lookups import party_names
from dashboard.query.params import (
    PARAM_DATES,
    PARAM_PARTY,
    PARAM_TYPE,
    PARAM_VERIFICATION,
)
from dashboard.query.selection import FACT_TABLES, overlaps, verification_mask  # noqa: F401 (re-exported)
from dashboard.query.viewtables import ViewTables, positions
from dashboard.runtime.memosize import estimate_bytes

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

    def is_default(self) -> bool:
        return self == Filters()


@dataclass
class FilteredView:
    """The filtered tables (same names and columns as the dataset, as row selections of the
    shared tables: see ``ViewTables``) and the row counts."""

    filters: Filters
    tables: Mapping[str, pd.DataFrame]
    total_rows: int
    shown_rows: int
    dropped_topic_links: int = 0  # topics whose event lies outside the view
    notices: list[str] = field(default_factory=list)

    def has(self, *names: str) -> bool:
        return all(name in self.tables for name in names)

    def row_count(self, name: str) -> int:
        """Rows kept of a table (0 when the view lacks it), without copying any."""
        if name not in self.tables:
            return 0
        if isinstance(self.tables, ViewTables):
            return self.tables.row_count(name)
        return len(self.tables[name])

    def memo_bytes(self) -> int:
        """What the view holds of its own (see ``memosize``): its row positions."""
        if isinstance(self.tables, ViewTables):
            return 256 + self.tables.memo_bytes()
        return 256 + sum(estimate_bytes(frame) for frame in self.tables.values())


def apply_filters(dataset: Dataset, filters: Filters) -> FilteredView:
    """Every table filtered as the dashboard shows it (row selections, not copies)."""
    tables = dataset.tables
    total = sum(len(tables[name]) for name in FACT_TABLES if name in tables)
    masks: dict[str, np.ndarray] = {}
    blanks: dict[str, tuple[str, np.ndarray]] = {}
    dropped = 0
    if not filters.is_default():  # else nothing to select but the sources that rows cite
        masks["events"] = selection.event_mask(tables["events"], filters)
        if dataset.has("topics", "claims"):
            claims, topics, outside = selection.claim_masks(
                tables["claims"], tables["topics"], tables["events"], masks["events"], filters
            )
            masks["claims"], masks["topics"] = claims, topics
            dropped = int(outside.sum())
            if dropped:
                blanks["topics"] = ("event_id", np.flatnonzero(outside))
        elif dataset.has("topics"):
            masks["topics"] = np.zeros(len(tables["topics"]), dtype=bool)
        if dataset.has("crossings"):
            masks["crossings"] = selection.crossing_mask(tables["crossings"], filters.parties)
        if dataset.has("crossings", "crossing_status"):
            kept = tables["crossings"]["crossing_id"][masks["crossings"]]
            masks["crossing_status"] = selection.status_mask(
                tables["crossing_status"], kept, filters
            )
    rows = {name: positions(masks[name]) if name in masks else None for name in tables}
    view = ViewTables(tables, rows, filters, dataset.memo, blanks)
    present = list(rows)
    rows["parties"] = positions(
        selection.parties_mask(tables["parties"], view.column, present, filters.parties)
    )
    rows["sources"] = positions(selection.sources_mask(tables["sources"], view.column, present))
    shown = sum(view.row_count(name) for name in FACT_TABLES if name in rows)
    return FilteredView(filters, view, total, shown, dropped)


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
        shown = view.row_count(name)
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
    filters = Filters(tuple(parties), date_from, date_to, verification or "all", tuple(types))
    return filters, notices


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
    return repr(shortened(value, limit))


def selection_query(
    parties: Sequence[str],
    dates: tuple[date | None, date | None],
    verification: str | None,
    types: Sequence[str],
) -> dict[str, list[str]]:
    """The widgets' values as link parameters, so that the live view's filters come from
    ``filters_from_query`` like a link's and the command line's."""
    return filters_to_query(
        Filters(tuple(parties), dates[0], dates[1], verification or "all", tuple(types))
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
