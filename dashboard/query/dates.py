"""Dates in words, and an event's end date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class DateFrame:
    """The dates a date filter can take (the data's first and last) and where it starts
    unless a user or a link says otherwise: the first date that is not of a background
    event, so that one 1893 treaty does not open the picker at 1893 (it stays reachable)."""

    first: date
    last: date
    start: date

    def default(self) -> tuple[date | None, date | None]:
        """The default range as filter dates; (None, None), all dates, when it starts at
        the first date anyway."""
        return self.as_filter(self.start, self.last)

    def as_filter(self, start: date, end: date) -> tuple[date | None, date | None]:
        """A chosen range as filter dates: the whole frame means no restriction."""
        return (None, None) if (start, end) == (self.first, self.last) else (start, end)

    def holds(self, start: date, end: date) -> bool:
        return self.first <= start and end <= self.last

    def background_before(self) -> bool:
        """Whether background events lie before the default range."""
        return self.start > self.first


def event_ends(events: pd.DataFrame) -> pd.Series:
    """Each event's last possible day: ``date_end``, else ``date_start`` (a one-day event)."""
    return events["date_end"].fillna(events["date_start"])


def event_end(event: pd.Series) -> pd.Timestamp:
    """One event row's last possible day."""
    return event["date_end"] if pd.notna(event["date_end"]) else event["date_start"]


def format_day(day: date | pd.Timestamp) -> str:
    """'12 Oct 2025' (no leading zero)."""
    return f"{day.day} {day:%b %Y}"


def describe_dates(date_from: date | None, date_to: date | None) -> str:
    """'1–12 Oct 2025', '28 Sep – 12 Oct 2025', 'from 1 Oct 2025', 'all dates'."""
    if date_from is None and date_to is None:
        return "all dates"
    if date_to is None:
        return f"from {format_day(date_from)}"
    if date_from is None:
        return f"until {format_day(date_to)}"
    if date_from == date_to:
        return format_day(date_from)
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day}–{format_day(date_to)}"
    if date_from.year == date_to.year:
        return f"{date_from.day} {date_from:%b} – {format_day(date_to)}"
    return f"{format_day(date_from)} – {format_day(date_to)}"


def describe_event_dates(event: pd.Series) -> str:
    """An event row's date range in words."""
    return describe_dates(event["date_start"].date(), event_end(event).date())


def dates_texts(start: pd.Series, end: pd.Series) -> np.ndarray:
    """describe_dates for whole columns: '12 Oct 2025', '11–12 Oct 2025',
    '28 Sep – 12 Oct 2025', '28 Dec 2024 – 3 Jan 2025'; 'date unknown' without a start."""
    end = end.fillna(start)  # the loader rejects an end before the start
    first, last = _day_parts(start), _day_parts(end)
    last_day = last["day"] + " " + last["month"] + " " + last["year"]
    same_year = first["year"] == last["year"]
    same_month = same_year & (first["month"] == last["month"])
    same_day = same_month & (first["day"] == last["day"])
    text = np.where(
        same_day,
        last_day,
        np.where(
            same_month,
            first["day"] + "–" + last_day,
            np.where(
                same_year,
                first["day"] + " " + first["month"] + " – " + last_day,
                first["day"] + " " + first["month"] + " " + first["year"] + " – " + last_day,
            ),
        ),
    )
    return np.where(start.isna().to_numpy(), "date unknown", text)


MONTH_ABBR = np.array(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    dtype=object,
)


def _day_parts(days: pd.Series) -> dict[str, np.ndarray]:
    known = days.notna().to_numpy()
    filled = days.fillna(pd.Timestamp("2000-01-01"))
    parts = {
        "day": filled.dt.day.astype("int64").astype("str").to_numpy(dtype=object),
        "month": MONTH_ABBR[filled.dt.month.to_numpy() - 1],
        "year": filled.dt.year.astype("int64").astype("str").to_numpy(dtype=object),
    }
    for values in parts.values():
        values[~known] = ""
    return parts
