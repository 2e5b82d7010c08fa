"""Fresh data must show: a session that did not pick dates always sees the default range
(here all dates: the mini data has no background event before the rest)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis import glance
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.query.params import PARAM_DATES, PARAM_VIEW
from tests.minidata import read_rows, write_table

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture
def app_on(monkeypatch):
    def start(data_dir: Path, link: dict[str, list[str]] | None = None) -> AppTest:
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, values in (link or {}).items():
            at.query_params[key] = values
        at.run()
        assert not at.exception
        return at

    return start


def caption(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", at.sidebar.caption[0].value)


def add_event(directory: Path, event_id: str, day: str) -> None:
    rows = read_rows(directory, "events")
    header = rows[0]
    new = list(rows[1])
    new[header.index("event_id")] = event_id
    new[header.index("date_start")] = day
    new[header.index("date_end")] = ""
    new[header.index("quote")] = ""
    write_table(directory, "events", [*rows, new])


def event_count(at: AppTest) -> str:
    """The caption's count of events, e.g. '4 events' or '3 of 4 events'."""
    return next(part for part in caption(at).split(" · ") if part.endswith(" events"))


def test_an_event_after_the_last_shows_without_picking_dates(mini_dir: Path, app_on) -> None:
    at = app_on(mini_dir)
    assert " · all dates · " in caption(at)
    before = event_count(at)
    add_event(mini_dir, "later", "2024-04-30")
    at.segmented_control(key=PARAM_VIEW).set_value("timeline").run()
    assert not at.exception
    assert [w.value for w in at.warning] == []  # no Session State API warning either
    assert " · all dates · " in caption(at)
    assert "later" in set(at.dataframe[0].value["event_id"])
    assert event_count(at) != before


def test_a_half_written_file_that_narrows_the_range_then_heals(mini_dir: Path, app_on) -> None:
    at = app_on(mini_dir)
    whole = glance.date_bounds(load_dataset(mini_dir).tables, date.today())
    full = read_rows(mini_dir, "sources")
    write_table(mini_dir, "sources", full[:2])  # half-written: the latest source is missing
    assert glance.date_bounds(load_dataset(mini_dir).tables, date.today())[1] < whole[1]
    at.run()
    write_table(mini_dir, "sources", full)
    at.segmented_control(key=PARAM_VIEW).set_value("timeline").run()
    assert " · all dates · " in caption(at)
    events = read_rows(mini_dir, "events")
    assert len(at.dataframe[0].value) == len(events) - 1


def test_a_picked_range_is_kept_when_the_data_grows(mini_dir: Path, app_on) -> None:
    first = glance.date_bounds(load_dataset(mini_dir).tables, date.today())[0].isoformat()
    at = app_on(mini_dir, {PARAM_DATES: [first, first]})  # a range picked: in the link
    picked = caption(at)
    assert " · all dates · " not in picked
    add_event(mini_dir, "later", "2024-04-30")
    at.run()
    assert caption(at).split(" · ")[1] == picked.split(" · ")[1]


def test_the_default_range_after_the_background_follows_the_data(rich_dir: Path, app_on) -> None:
    at = app_on(rich_dir)
    assert caption(at).split(" · ")[1] == "2–10 Mar 2024"  # after the 1953 background
    add_event(rich_dir, "later", "2024-04-30")
    at.run()
    assert caption(at).split(" · ")[1] == "2 Mar – 30 Apr 2024"
    assert event_count(at) == "8 of 9 events"


def test_all_dates_stay_all_dates_when_the_data_grows(rich_dir: Path, app_on) -> None:
    """The whole range is all dates (the caption says so): a new event after the last is
    in it, as "Show all dates" promised."""
    at = app_on(rich_dir, {PARAM_DATES: ["1953-01-01", "2024-03-10"]})
    assert " · all dates · " in caption(at)
    add_event(rich_dir, "later", "2024-04-30")
    at.run()
    assert " · all dates · " in caption(at)
    assert event_count(at) == "9 events"
