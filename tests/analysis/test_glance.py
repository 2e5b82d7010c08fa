"""The glance view's figures: how fresh the data is, grades counted, latest events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis import glance
from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import UNVERIFIED, VERIFICATION, VERIFIED


def test_unverified_means_every_grade_but_verified() -> None:
    assert VERIFIED == "verified"
    assert set(UNVERIFIED) == set(VERIFICATION) - {"verified"}
    counts = {"verified": 3, "reported": 15, "claimed": 14, "disputed": 5}
    assert glance.unverified_count(counts) == 34


def test_data_as_of_is_a_known_date_never_the_end_of_an_imprecise_range(
    rich_dataset: Dataset,
) -> None:
    tables = dict(rich_dataset.tables)
    events = tables["events"].copy()
    late = events.index[0]
    events.loc[late, "date_start"] = pd.Timestamp("2024-04-01")  # known only to the month
    events.loc[late, "date_end"] = pd.Timestamp("2024-04-30")
    tables["events"] = events
    assert glance.latest_known(tables) == (date(2024, 4, 1), "latest event start")
    assert glance.date_bounds(tables, date(2030, 1, 1))[1] == date(2024, 4, 30)  # reachable


def test_data_as_of(rich_dataset: Dataset) -> None:
    tables = rich_dataset.tables
    assert glance.data_as_of(tables) == date(2024, 3, 10)  # the monitor's report
    assert glance.latest_known(tables) == (date(2024, 3, 10), "latest publication")
    assert glance.earliest_date(tables) == date(1953, 1, 1)  # the armistice
    assert glance.date_bounds(tables, date(2030, 1, 1)) == (date(1953, 1, 1), date(2024, 3, 10))


@pytest.mark.parametrize(
    ("today", "words"),
    [
        pytest.param(date(2026, 11, 24), "408 days ago", id="days-ago"),
        pytest.param(date(2025, 10, 13), "yesterday", id="yesterday"),
        pytest.param(date(2025, 10, 12), "today", id="today"),
        pytest.param(date(2025, 10, 10), "in 2 days", id="in-the-future"),
    ],
)
def test_age_words(today: date, words: str) -> None:
    assert glance.age_words(date(2025, 10, 12), today) == words


def test_verification_counts_cover_all_fact_tables(rich_dataset: Dataset) -> None:
    counts = glance.verification_counts(rich_dataset.tables)
    # events 2/3/2/1, claims 0/0/5/3, crossing reports 1/3/0/0
    assert counts == {"verified": 3, "reported": 6, "claimed": 7, "disputed": 4}
    assert sum(counts.values()) == 20
    assert glance.unverified_count(counts) == 17


def test_latest_events_newest_first(mini_dir: Path) -> None:
    events = load_dataset(mini_dir).tables["events"]
    assert list(glance.latest_events(events, 2)["event_id"]) == ["talks", "bridge-closed"]


def test_the_date_frame_starts_after_the_background(rich_dataset: Dataset) -> None:
    frame = glance.date_frame(rich_dataset.tables, date(2030, 1, 1))
    assert (frame.first, frame.start, frame.last) == (
        date(1953, 1, 1),  # the armistice, a background event
        date(2024, 3, 2),  # the first crossing report
        date(2024, 3, 10),
    )


def test_without_background_events_the_frame_starts_at_the_first_date(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    frame = glance.date_frame(tables, date(2030, 1, 1))
    assert frame.start == frame.first == glance.earliest_date(tables)


def test_background_reaching_into_the_rest_hides_nothing(rich_dataset: Dataset) -> None:
    """A background event that overlaps the first other date (1–4 Mar 2024 before a first
    crossing report of 2 Mar) is shown by the default range anyway: the default is then all
    dates, not a range that says background is hidden while it is not."""
    events = rich_dataset.tables["events"].copy()
    armistice = events["event_id"] == "armistice"
    events.loc[armistice, "date_start"] = pd.Timestamp("2024-03-01")
    events.loc[armistice, "date_end"] = pd.Timestamp("2024-03-04")
    frame = glance.date_frame({**rich_dataset.tables, "events": events}, date(2030, 1, 1))
    assert (frame.first, frame.start) == (date(2024, 3, 1), date(2024, 3, 1))
    assert not frame.background_before()
