"""The link: filters to a query string and back, widget values the same way, bad values
dropped with a notice each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.query.dates import DateFrame
from dashboard.query.filters import Filters
from dashboard.query.link import (
    filters_from_query,
    filters_to_query,
    query_string,
    selection_query,
)


@pytest.fixture
def mini(mini_dir: Path) -> Dataset:
    return load_dataset(mini_dir)


def test_query_round_trip(mini: Dataset) -> None:
    filters = Filters(
        ("north", "un"), date(2024, 3, 1), date(2024, 3, 12), "verified", ("crossing",)
    )
    assert query_string(filters) == (
        "party=north&party=un&dates=2024-03-01&dates=2024-03-12&verification=verified&type=crossing"
    )
    party_ids = list(mini.tables["parties"]["party_id"])
    assert filters_from_query(filters_to_query(filters), party_ids) == (filters, [])
    assert query_string(Filters()) == ""


def test_command_line_flags_take_the_same_path_as_a_link() -> None:
    query = selection_query(["north"], (date(2024, 3, 1), None), "verified", ["diplomatic"])
    assert query == {
        "party": ["north"],
        "dates": ["2024-03-01", "9999-12-31"],
        "verification": ["verified"],
        "type": ["diplomatic"],
    }
    filters, notices = filters_from_query(query, ["north", "south"])
    assert notices == []
    assert filters == Filters(("north",), date(2024, 3, 1), None, "verified", ("diplomatic",))
    assert selection_query([], (None, None), None, []) == {}


def test_bad_url_values_are_dropped_with_notices() -> None:
    params = {
        "party": ["afg", "xx", "afg"],
        "dates": ["2025-10-12", "2025-10-01"],
        "verification": ["maybe"],
        "type": ["raid"],
    }
    filters, notices = filters_from_query(params, ["afg", "pak"])
    assert filters == Filters(("afg",), date(2025, 10, 1), date(2025, 10, 12), "all", ())
    assert notices == [
        "unknown party 'xx' in the link was ignored",
        "unknown event type 'raid' in the link was ignored",
        "verification 'maybe' is not one of: all, verified, unverified — showing all",
        "the link's dates were in reverse order and have been swapped",
    ]


def test_impossible_link_dates_are_dropped_with_a_notice_each() -> None:
    garbage, notes = filters_from_query({"dates": ["2025-02-30", "soon"]}, ["afg"])
    assert (garbage.date_from, garbage.date_to) == (None, None)
    assert len(notes) == 2 and "'2025-02-30'" in notes[0]


# The app's frame for the rich data: first date 1 Jan 1953 (a background event), the
# first date that is not background 2 Mar 2024, the last 10 Mar 2024.
FRAME = DateFrame(date(1953, 1, 1), date(2024, 3, 10), date(2024, 3, 2))
DEFAULT = (date(2024, 3, 2), date(2024, 3, 10))


@pytest.mark.parametrize(
    ("dates", "filtered", "notice"),
    [
        ([], DEFAULT, None),
        (["2024-03-04", "2024-03-05"], (date(2024, 3, 4), date(2024, 3, 5)), None),
        (["1953-01-01", "2024-03-10"], (None, None), None),  # the whole range: all dates
        (["0001-01-01", "2024-03-05"], (date(1953, 1, 1), date(2024, 3, 5)), None),  # open
        (["0001-01-01", "9999-12-31"], (None, None), None),  # both ends open: all dates
        (["1900-01-01", "2024-03-05"], DEFAULT, "reach outside the data"),
        (["2024-03-04", "2099-01-01"], DEFAULT, "reach outside the data"),
        (["soon", "2024-03-05"], DEFAULT, "is not a YYYY-MM-DD date"),
    ],
    ids=["none", "inside", "whole", "open start", "open ends", "before", "after", "garbage"],
)
def test_the_apps_dates_from_a_link(dates: list[str], filtered: tuple, notice: str | None) -> None:
    filters, notices = filters_from_query({"dates": dates} if dates else {}, [], FRAME)
    assert (filters.date_from, filters.date_to) == filtered
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notice in notices[0]
        if "outside" in notice:
            assert notices[0].endswith("showing 2–10 Mar 2024")


def test_without_background_before_the_default_is_all_dates() -> None:
    frame = DateFrame(date(2024, 3, 2), date(2024, 3, 10), date(2024, 3, 2))
    assert filters_from_query({}, [], frame)[0] == Filters()
    assert not frame.background_before() and FRAME.background_before()


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(date_from=date(2024, 3, 5)),
        Filters(date_to=date(2024, 3, 5)),
        Filters(date_from=DEFAULT[0], date_to=DEFAULT[1]),
    ],
    ids=["all dates", "from", "to", "default"],
)
def test_a_written_link_reopens_the_same_dates(filters: Filters) -> None:
    """What a snapshot's manifest and a brief write: all dates too, though a link without
    dates means the default range (which leaves out the 1953 background)."""
    assert filters_from_query(filters_to_query(filters, FRAME), [], FRAME)[0] == Filters(
        date_from=filters.date_from or (FRAME.first if filters.date_to else None),
        date_to=filters.date_to or (FRAME.last if filters.date_from else None),
    )


def test_all_dates_are_written_only_where_the_default_leaves_some_out() -> None:
    assert filters_to_query(Filters(), FRAME) == {"dates": ["0001-01-01", "9999-12-31"]}
    without_background = DateFrame(date(2024, 3, 2), date(2024, 3, 10), date(2024, 3, 2))
    assert filters_to_query(Filters(), without_background) == {}
    assert filters_to_query(Filters()) == {}
