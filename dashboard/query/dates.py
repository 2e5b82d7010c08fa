"""Dates in words, and an event's end date."""

from __future__ import annotations

from datetime import date

import pandas as pd


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
