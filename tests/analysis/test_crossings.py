"""Crossing status board and runs: latest report wins, 'since' is the start of the run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.analysis.crossings import (
    RUN_COLUMNS,
    CrossingState,
    board_frame,
    by_urgency,
    crossing_board,
    daily_reports,
    describe_state,
    status_counts,
    status_runs,
    view_board,
)
from dashboard.charts.palette import NO_REPORT
from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.query.filters import Filters, apply_filters
from tests.minidata import typed_frame

TODAY = date(2024, 3, 20)


def _frame(rows: list[dict[str, object]], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    return typed_frame(rows, dates)


CROSSINGS = _frame(
    [
        {
            "crossing_id": "bridge",
            "name": "Millford bridge",
            "party_a": "north",
            "party_b": "south",
            "latitude": 10.5,
            "longitude": 20.25,
            "description": "main road",
        },
        {
            "crossing_id": "ford",
            "name": "Old ford",
            "party_a": "north",
            "party_b": "south",
            "latitude": None,
            "longitude": None,
            "description": None,
        },
    ]
)


def _report(
    day: str,
    status: str,
    verification: str = "reported",
    source: str = "wire",
    crossing: str = "bridge",
) -> dict[str, object]:
    return {
        "crossing_id": crossing,
        "as_of": day,
        "status": status,
        "detail": f"{status} per {source}",
        "verification": verification,
        "source_id": source,
        "quote": None,
    }


def _log(*reports: dict[str, object]) -> pd.DataFrame:
    return _frame(list(reports), dates=("as_of",))


def _bridge(status: pd.DataFrame, today: date = TODAY) -> CrossingState:
    return crossing_board(CROSSINGS, status, today)[0]


OPEN_CLOSED_CLOSED = (
    _report("2024-03-01", "open"),
    _report("2024-03-03", "closed"),
    _report("2024-03-05", "closed", source="radio"),
)


# --- board -----------------------------------------------------------------------------------


def test_latest_report_wins_even_when_listed_first() -> None:
    status = _log(_report("2024-03-05", "open"), _report("2024-03-01", "closed"))
    state = _bridge(status)
    assert (state.status, state.latest_as_of, state.since) == (
        "open",
        date(2024, 3, 5),
        date(2024, 3, 5),
    )
    assert state.reports == 2


def test_since_is_the_first_report_of_the_unbroken_run() -> None:
    state = _bridge(_log(*OPEN_CLOSED_CLOSED))
    assert state.status == "closed"
    assert state.since == date(2024, 3, 3)
    assert state.latest_as_of == date(2024, 3, 5)
    assert state.run_days == 3
    assert state.latest_age_days == 15
    assert (state.source_id, state.detail, state.verification) == (
        "radio",
        "closed per radio",
        "reported",
    )
    assert state.reports == 3
    assert describe_state(state) == (
        "✖ Closed since 3 Mar 2024 (at least 3 days, to the latest report of 5 Mar 2024, "
        "15 days ago) · reported"
    )


def test_a_reopening_starts_a_new_run() -> None:
    state = _bridge(_log(*OPEN_CLOSED_CLOSED, _report("2024-03-07", "open")))
    assert (state.status, state.since, state.run_days) == ("open", date(2024, 3, 7), 1)
    closed_again = _bridge(
        _log(*OPEN_CLOSED_CLOSED, _report("2024-03-07", "open"), _report("2024-03-09", "closed"))
    )
    assert (closed_again.status, closed_again.since) == ("closed", date(2024, 3, 9))


def test_same_day_reports_prefer_stronger_verification() -> None:
    status = _log(
        _report("2024-03-01", "closed"),
        _report("2024-03-04", "open", verification="verified", source="monitor"),
        _report("2024-03-04", "closed", verification="reported", source="radio"),
    )
    state = _bridge(status)
    assert (state.status, state.source_id, state.verification) == ("open", "monitor", "verified")
    assert state.since == date(2024, 3, 4)
    assert state.reports == 3


def test_same_day_reports_of_equal_verification_take_the_later_line() -> None:
    status = _log(
        _report("2024-03-04", "open", verification="claimed", source="north-tv"),
        _report("2024-03-04", "closed", verification="claimed", source="south-tv"),
    )
    assert _bridge(status).status == "closed"
    assert _bridge(status).source_id == "south-tv"
    assert list(daily_reports(status).index) == [3]


def test_disagreeing_sources_on_the_latest_date_are_shown() -> None:
    status = _log(
        _report("2024-03-01", "open", source="radio"),
        _report("2024-03-04", "open", verification="verified", source="monitor"),
        _report("2024-03-04", "closed", verification="claimed", source="north-tv"),
    )
    state = _bridge(status)
    assert (state.status, state.other_statuses) == ("open", ("closed",))
    assert describe_state(state).endswith(
        "· verified · sources disagree: also reported closed that day"
    )
    assert board_frame([state]).loc[0, "other_statuses"] == "closed"
    agreeing = _bridge(_log(*OPEN_CLOSED_CLOSED))
    assert agreeing.other_statuses == () and "disagree" not in describe_state(agreeing)


def test_disputed_is_weakest_on_the_same_day() -> None:
    status = _log(
        _report("2024-03-04", "closed", verification="claimed", source="north-tv"),
        _report("2024-03-04", "open", verification="disputed", source="south-tv"),
    )
    assert _bridge(status).status == "closed"


def test_crossing_without_reports() -> None:
    board = crossing_board(CROSSINGS, _log(*OPEN_CLOSED_CLOSED), TODAY)
    ford = board[1]
    assert ford.crossing_id == "ford"
    assert ford.status == NO_REPORT
    assert (ford.since, ford.run_days, ford.latest_as_of, ford.verification) == (
        None,
        None,
        None,
        None,
    )
    assert ford.reports == 0
    assert (ford.latitude, ford.description) == (None, None)
    assert describe_state(ford) == "No report"
    assert status_counts(board) == {
        "closed": 1,
        "restricted": 0,
        "open": 0,
        "unknown": 0,
        "no report": 1,
    }


def test_empty_log_gives_no_report_everywhere() -> None:
    board = crossing_board(CROSSINGS, _log(_report("2024-03-01", "open")).iloc[0:0], TODAY)
    assert [s.status for s in board] == [NO_REPORT, NO_REPORT]
    assert status_counts(board)["no report"] == 2


def test_describe_state_today_and_singular() -> None:
    state = _bridge(_log(_report("2024-03-20", "restricted")), today=date(2024, 3, 20))
    assert describe_state(state) == (
        "▲ Restricted since 20 Mar 2024 (at least 1 day, to the latest report of "
        "20 Mar 2024, today) · reported"
    )
    state = _bridge(_log(_report("2024-03-19", "unknown")), today=date(2024, 3, 20))
    assert describe_state(state).endswith("19 Mar 2024, 1 day ago) · reported")


def test_board_frame() -> None:
    frame = board_frame(crossing_board(CROSSINGS, _log(*OPEN_CLOSED_CLOSED), TODAY))
    assert list(frame["crossing_id"]) == ["bridge", "ford"]
    assert list(frame["status_label"]) == ["✖ Closed", "no report"]
    assert list(frame.columns[:10]) == [
        "crossing_id",
        "name",
        "party_a",
        "party_b",
        "description",
        "latitude",
        "longitude",
        "status",
        "status_label",
        "since",
    ]
    assert frame.loc[0, "since"] == pd.Timestamp("2024-03-03")
    assert pd.isna(frame.loc[1, "since"])
    assert frame.loc[0, "run_days"] == 3 and pd.isna(frame.loc[1, "run_days"])
    assert list(frame["reports"]) == [3, 0]


# --- runs ------------------------------------------------------------------------------------


def test_status_runs_boundaries() -> None:
    status = _log(*OPEN_CLOSED_CLOSED, _report("2024-03-07", "open"))
    runs = status_runs(CROSSINGS, status, end=date(2024, 3, 10))
    assert list(runs.columns) == list(RUN_COLUMNS)
    assert str(runs["start"].dtype) == "datetime64[s]"
    assert str(runs["end"].dtype) == "datetime64[s]"
    got = [
        (r.crossing_id, r.status, r.start.date(), r.end.date(), r.reports)
        for r in runs.itertuples(index=False)
    ]
    assert got == [
        ("bridge", "open", date(2024, 3, 1), date(2024, 3, 3), 1),
        ("bridge", "closed", date(2024, 3, 3), date(2024, 3, 7), 2),
        ("bridge", "open", date(2024, 3, 7), date(2024, 3, 11), 1),
    ]
    assert list(runs["status_label"]) == ["↔ Open", "✖ Closed", "↔ Open"]


def test_status_runs_last_run_never_ends_before_its_last_report() -> None:
    runs = status_runs(CROSSINGS, _log(*OPEN_CLOSED_CLOSED), end=date(2024, 3, 1))
    assert runs.iloc[-1]["end"] == pd.Timestamp("2024-03-06")


def test_status_runs_same_day_reports() -> None:
    status = _log(
        _report("2024-03-01", "closed", verification="claimed", source="north-tv"),
        _report("2024-03-02", "open", verification="verified", source="monitor"),
        _report("2024-03-02", "closed", verification="reported", source="radio"),
        _report("2024-03-02", "open", verification="reported", source="wire", crossing="ford"),
    )
    runs = status_runs(CROSSINGS, status, end=date(2024, 3, 2))
    got = [
        (r.crossing_id, r.status, r.start.date(), r.end.date(), r.reports, r.verification)
        for r in runs.itertuples(index=False)
    ]
    assert got == [
        ("bridge", "closed", date(2024, 3, 1), date(2024, 3, 2), 1, "claimed"),
        ("bridge", "open", date(2024, 3, 2), date(2024, 3, 3), 1, "verified"),
        ("ford", "open", date(2024, 3, 2), date(2024, 3, 3), 1, "reported"),
    ]


def test_status_runs_empty() -> None:
    runs = status_runs(CROSSINGS, _log(_report("2024-03-01", "open")).iloc[0:0], TODAY)
    assert runs.empty and list(runs.columns) == list(RUN_COLUMNS)


# --- a loaded dataset ------------------------------------------------------------------------


def test_loaded_board_and_runs(rich_dataset: Dataset) -> None:
    tables = rich_dataset.tables
    board = crossing_board(tables["crossings"], tables["crossing_status"], TODAY)
    assert [(s.crossing_id, s.status, s.since) for s in board] == [
        ("millford-bridge", "open", date(2024, 3, 5)),
        ("old-ford", "closed", date(2024, 3, 8)),
    ]
    ford = board[1]
    assert (ford.run_days, ford.latest_age_days, ford.verification) == (1, 12, "verified")
    assert describe_state(ford) == (
        "✖ Closed since 8 Mar 2024 (at least 1 day, to the latest report of 8 Mar 2024, "
        "12 days ago) · verified"
    )
    assert status_counts(board) == {
        "closed": 1,
        "restricted": 0,
        "open": 1,
        "unknown": 0,
        "no report": 0,
    }
    assert [s.crossing_id for s in by_urgency(board)] == ["old-ford", "millford-bridge"]
    runs = status_runs(tables["crossings"], tables["crossing_status"], date(2024, 3, 12))
    assert list(runs["name"]) == ["Millford bridge"] * 2 + ["Old ford"] * 2
    assert list(runs["status"]) == ["closed", "open", "open", "closed"]
    assert list(runs["end"]) == [
        pd.Timestamp("2024-03-05"),
        pd.Timestamp("2024-03-13"),
        pd.Timestamp("2024-03-08"),
        pd.Timestamp("2024-03-13"),
    ]


def test_board_by_urgency_puts_closed_crossings_first() -> None:
    status = _log(
        _report("2024-03-01", "open", crossing="bridge"),
        _report("2024-03-02", "closed", crossing="ford"),
    )
    board = crossing_board(CROSSINGS, status, TODAY)
    assert [s.crossing_id for s in board] == ["bridge", "ford"]  # table order
    assert [s.crossing_id for s in by_urgency(board)] == ["ford", "bridge"]


def test_crossing_board_closed_first_or_none_without_tables(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    board = view_board(apply_filters(dataset, Filters()), date(2024, 3, 10))
    assert [state.crossing_id for state in board] == list(
        dataset.tables["crossings"]["crossing_id"]
    )
    for name in ("crossings.csv", "crossing_status.csv"):
        (mini_dir / name).unlink()
    assert view_board(apply_filters(load_dataset(mini_dir), Filters()), date(2024, 3, 10)) is None
