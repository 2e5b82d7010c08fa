"""Figures for the 'At a glance' view: how fresh the data is and how much is confirmed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from dashboard.contract.dataset import Dataset
from dashboard.contract.schema import UNVERIFIED, VERIFICATION, VERIFICATION_MEANING, VERIFIED
from dashboard.query.dates import DateFrame, event_ends
from dashboard.query.selection import FACT_TABLES

_DATE_COLUMNS = {
    "events": ("date_start", "date_end"),
    "claims": ("date",),
    "crossing_status": ("as_of",),
    "sources": ("published",),
}


# Dates the data knows, and what each is in words: an event's end is left out (an event
# known only to the month ends on the 31st, a day nobody reported).
_KNOWN_DATES = {
    ("events", "date_start"): "latest event start",
    ("claims", "date"): "latest claim",
    ("crossing_status", "as_of"): "latest crossing report",
    ("sources", "published"): "latest publication",
}


def data_as_of(tables: Mapping[str, pd.DataFrame]) -> date | None:
    """The latest date the data actually knows (see ``latest_known``)."""
    known = latest_known(tables)
    return known[0] if known else None


def latest_known(tables: Mapping[str, pd.DataFrame]) -> tuple[date, str] | None:
    """(the latest date the data knows, which it is in words): the latest event start,
    claim, crossing report or source publication; never the end of an imprecise range.
    A tie names the first of that list. None when the data has no dates."""
    found: tuple[pd.Timestamp, str] | None = None
    for (name, column), words in _KNOWN_DATES.items():
        if name in tables:
            latest = tables[name][column].max()
            if pd.notna(latest) and (found is None or latest > found[0]):
                found = (latest, words)
    return (found[0].date(), found[1]) if found else None


def latest_date(tables: Mapping[str, pd.DataFrame]) -> date | None:
    """The latest date anywhere in the data, an event's end included (where the date
    picker must reach)."""
    latest = _column_extremes(tables, "max")
    return max(latest).date() if latest else None


def _column_extremes(tables: Mapping[str, pd.DataFrame], extreme: str) -> list[pd.Timestamp]:
    """The max (or min) of every date column of the tables present, missing ones left out."""
    values = (
        getattr(tables[name][column], extreme)()
        for name, columns in _DATE_COLUMNS.items()
        if name in tables
        for column in columns
    )
    return [value for value in values if pd.notna(value)]


def age_words(day: date, today: date) -> str:
    """'today', 'yesterday', '5 days ago', 'in 2 days' (a date after today)."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days:,} days ago"


def verification_counts(tables: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Fact rows (events, claims, crossing reports) per grade, all four grades present."""
    counts = dict.fromkeys(VERIFICATION, 0)
    for name in FACT_TABLES:
        if name in tables:
            for grade, count in tables[name]["verification"].value_counts().items():
                counts[grade] = counts.get(grade, 0) + int(count)
    return counts


def grades_in_use(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """The verification grades that some event, claim or crossing report of ``tables``
    carries, in the contract's order."""
    counts = verification_counts(tables)
    return [grade for grade in VERIFICATION if counts.get(grade, 0) > 0]


def grades_words(grades: list[str]) -> str:
    """What the dataset's grades mean, e.g. "This dataset's rows are all 'reported':
    reported by journalists or witnesses; not independently confirmed. None is verified."."""
    if not grades:
        return "This dataset has no events, claims or crossing reports yet."
    none_verified = "" if VERIFIED in grades else " None is verified."
    if len(grades) == 1:
        (grade,) = grades
        return (
            f"This dataset's rows are all '{grade}': {VERIFICATION_MEANING[grade]}.{none_verified}"
        )
    listed = "; ".join(f"{grade}: {VERIFICATION_MEANING[grade]}" for grade in grades)
    return f"Grades in this dataset — {listed}.{none_verified}"


def unverified_count(counts: dict[str, int]) -> int:
    """Rows of every grade but verified (what the "unverified" filter keeps)."""
    return sum(counts.get(grade, 0) for grade in UNVERIFIED)


def latest_events(events: pd.DataFrame, count: int = 5) -> pd.DataFrame:
    """The most recent events by their latest possible date, newest first."""
    latest = event_ends(events)
    order = latest.sort_values(ascending=False, kind="stable").index[:count]
    return events.loc[order]


def earliest_date(tables: Mapping[str, pd.DataFrame]) -> date | None:
    """The earliest date anywhere in the data."""
    earliest = _column_extremes(tables, "min")
    return min(earliest).date() if earliest else None


def date_bounds(tables: Mapping[str, pd.DataFrame], today: date) -> tuple[date, date]:
    """The data's first and last dates (today for both when the data has no dates)."""
    low = earliest_date(tables) or today
    return low, latest_date(tables) or low


def dataset_date_frame(dataset: Dataset, today: date) -> DateFrame:
    """The dataset's ``date_frame``, once per data version (the app's date filter, and the
    links that snapshots and briefs write)."""
    return dataset.memo.get(("date frame", today), lambda: date_frame(dataset.tables, today))


def date_frame(tables: Mapping[str, pd.DataFrame], today: date) -> DateFrame:
    """The data's first and last dates, and the first date that is not of a background
    event (where the date filter starts by default) when some background event ends before
    it; else the first date (a range that starts later would hide nothing)."""
    first, last = date_bounds(tables, today)
    events = tables.get("events")
    background = None if events is None else events["event_type"] == "background"
    if background is None or not background.any():
        return DateFrame(first, last, first)
    start = earliest_date({**tables, "events": events[~background]}) or first
    if not (event_ends(events[background]) < pd.Timestamp(start)).any():
        return DateFrame(first, last, first)
    return DateFrame(first, last, start)
