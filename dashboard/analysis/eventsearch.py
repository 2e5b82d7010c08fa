"""Find any event for the event picker: by words of its title or place, or by a date.

``find_events(events, "Millford Oct 2025")`` keeps the events whose title or location
contains every word and whose dates overlap the date named in the query. A date may be
written ``2025-10-12``, ``12 Oct 2025``, ``2025-10``, ``Oct 2025``, ``October 2025`` or
``2025``. Matches come latest first, at most ``limit`` of them, each with a label that
starts with its dates: "12 Oct 2025 · Bridge closed · Millford".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dashboard.analysis.display import PICK_LIMIT, SEARCH_CHAR_LIMIT, SEARCH_WORD_LIMIT
from dashboard.query.dates import dates_texts

MATCH_LIMIT = PICK_LIMIT
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>[12]\d{3})\b"),
)


@dataclass(frozen=True)
class EventMatches:
    """The events a query found: ids and labels (latest first, at most the limit) and how
    many matched in all."""

    ids: list[str]
    labels: list[str]
    total: int
    dates: tuple[date, date] | None  # the date span the query named, if any
    cut: str | None = None  # what of the query was left unread, when it was too long

    def label_of(self) -> dict[str, str]:
        return dict(zip(self.ids, self.labels, strict=True))


def find_events(events: pd.DataFrame, query: str, limit: int = MATCH_LIMIT) -> EventMatches:
    """The events matching ``query`` (see module); an empty query matches every event."""
    query, cut = bounded_query(query)
    words, span = parse_query(query)
    if len(words) > SEARCH_WORD_LIMIT:
        extra = len(words) - SEARCH_WORD_LIMIT
        cut = cut or (f"{extra:,} words" if extra > 1 else "1 word")
        words = words[:SEARCH_WORD_LIMIT]
    keep = np.ones(len(events), dtype=bool)
    if words:
        text = (events["title"].fillna("") + " " + events["location"].fillna("")).str.lower()
        for word in words:
            keep &= text.str.contains(word, regex=False).to_numpy()
    if span is not None:
        start = events["date_start"]
        end = events["date_end"].where(events["date_end"] > start, start)
        low, high = (pd.Timestamp(d) for d in span)
        keep &= ((start <= high) & (end >= low)).to_numpy()
    found = events[keep]
    order = np.lexsort((found["event_id"].to_numpy(), -_days(found["date_start"])))
    shown = found.iloc[order[:limit]]
    return EventMatches(list(shown["event_id"]), event_labels(shown), int(keep.sum()), span, cut)


def bounded_query(query: str) -> tuple[str, str | None]:
    """The query cut to ``SEARCH_CHAR_LIMIT`` characters, and what was cut (None if none)."""
    if len(query) <= SEARCH_CHAR_LIMIT:
        return query, None
    return query[:SEARCH_CHAR_LIMIT], f"{len(query) - SEARCH_CHAR_LIMIT:,} characters"


def search_limit_note(cut: str) -> str:
    """What the screen says when a query was too long to be read whole."""
    return (
        f"Only the first {SEARCH_CHAR_LIMIT} characters and {SEARCH_WORD_LIMIT} words are "
        f"searched (SEARCH_CHAR_LIMIT and SEARCH_WORD_LIMIT in dashboard/analysis/display.py); "
        f"{cut} left out."
    )


def parse_query(query: str) -> tuple[list[str], tuple[date, date] | None]:
    """(lower-case words, the first date span named) of a query."""
    text = query.strip()
    for form in DATE_FORMS:
        match = form.search(text)
        span = _span(match) if match else None
        if span is not None:
            text = text[: match.start()] + " " + text[match.end() :]
            return _words(text), span
    return _words(text), None


def event_labels(events: pd.DataFrame) -> list[str]:
    """'12 Oct 2025 · Title · place' for each event (no place part when it has none)."""
    dates = dates_texts(events["date_start"], events["date_end"])
    labels = []
    for when, title, place in zip(dates, events["title"], events["location"], strict=True):
        parts = [str(when), str(title)]
        if isinstance(place, str) and place:
            parts.append(place)
        labels.append(" · ".join(parts))
    return labels


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", text.lower()) if w]


def _span(match: re.Match[str]) -> tuple[date, date] | None:
    """The first and last day the matched date covers; None when it is no real date."""
    parts = match.groupdict()
    year = int(parts["year"])
    month = parts.get("month")
    if month is not None:
        number = MONTHS.get(month.lower().rstrip("."))
        if number is None:
            return None
    elif parts.get("mnum") is not None:
        number = int(parts["mnum"])
    else:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= number <= 12:
        return None
    if parts.get("day") is None:
        return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    try:
        day = date(year, number, int(parts["day"]))
    except ValueError:
        return None
    return day, day


def _days(days: pd.Series) -> np.ndarray:
    values = days.to_numpy().astype("datetime64[D]").astype("int64")
    return np.where(days.isna().to_numpy(), np.iinfo("int64").min // 2, values)
