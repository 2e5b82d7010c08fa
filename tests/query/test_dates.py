"""Dates: an event's end, and dates and ranges in words."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.query.dates import describe_dates, describe_event_dates, event_end, event_ends


def test_event_end_is_date_end_else_date_start() -> None:
    events = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2024-03-03", "2024-03-01"]),
            "date_end": pd.to_datetime([None, "2024-03-05"]),
        }
    )
    assert list(event_ends(events).dt.date) == [date(2024, 3, 3), date(2024, 3, 5)]
    assert event_end(events.iloc[0]) == pd.Timestamp("2024-03-03")
    assert describe_event_dates(events.iloc[1]) == "1–5 Mar 2024"


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        pytest.param(date(2025, 9, 28), date(2025, 10, 12), "28 Sep – 12 Oct 2025", id="one-year"),
        pytest.param(
            date(2024, 12, 1), date(2025, 1, 2), "1 Dec 2024 – 2 Jan 2025", id="across-years"
        ),
        pytest.param(
            date(2023, 12, 30),
            date(2024, 1, 2),
            "30 Dec 2023 – 2 Jan 2024",
            id="across-new-year-week",
        ),
        pytest.param(date(2025, 10, 12), date(2025, 10, 12), "12 Oct 2025", id="one-day"),
        pytest.param(date(2025, 10, 1), None, "from 1 Oct 2025", id="open-end"),
    ],
)
def test_date_words(start: date, end: date | None, words: str) -> None:
    assert describe_dates(start, end) == words
