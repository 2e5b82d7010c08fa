"""The filters in words: the caption under the filters, the counts of what is shown."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.contract.dataset import Dataset
from dashboard.query import solidity
from dashboard.query.dates import DateFrame, describe_dates, format_day
from dashboard.query.filters import FilteredView, Filters
from dashboard.query.lookups import party_names

NAMED_PARTIES = 3  # more chosen parties than this: the first ones named, the rest counted


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
    least = solidity.least_words(filters.confirmations)
    if least:
        parts.append(least)
    parts.append(count_words(dataset, view))
    return " · ".join(parts)


def view_caption(dataset: Dataset, view: FilteredView) -> str:
    """The caption of a filtered view (``describe_filters``), written once per dataset
    version and filters: the page, the snapshot's manifest, the brief and the CLI share it."""
    return dataset.memo.get(
        ("caption", view.filters), lambda: describe_filters(view.filters, dataset, view)
    )


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
    if len(labels) <= NAMED_PARTIES:
        return f"{len(parties)} {noun} ({', '.join(labels)})"
    first = ", ".join(labels[:NAMED_PARTIES])
    return f"{len(parties)} {noun} ({first} and {len(labels) - NAMED_PARTIES:,} more)"


def background_note(frame: DateFrame) -> str:
    """Why the default dates do not start at the data's first date, and how to reach it."""
    return (
        f"Dates start at {format_day(frame.start)}, the first date after the background "
        f"events; these go back to {format_day(frame.first)}: widen the range to see them."
    )
