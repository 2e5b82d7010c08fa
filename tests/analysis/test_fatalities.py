"""Fatalities in the contract: loading, checking, display and the helpers the views use."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.display import events_table
from dashboard.analysis.fatalities import (
    FatalitySummary,
    deadliest_events,
    fatalities_text,
    fatality_summary,
)
from dashboard.contract.loader import load_dataset
from dashboard.export.csvsafe import view_csv
from tests.minidata import tables_copy, write_mini_dataset

NEW_COLUMNS = ["location_precision", "fatalities", "fatalities_low", "fatalities_high"]


def with_figures(directory: Path, figures: dict[str, list[str]]) -> Path:
    """The mini dataset with the new event columns; ``figures`` maps event id to the
    four cells (precision, best, low, high)."""
    tables = tables_copy()
    events = tables["events"]
    events[0] += NEW_COLUMNS
    for row in events[1:]:
        row += figures.get(row[0], ["", "", "", ""])
    return write_mini_dataset(directory, tables)


def test_new_columns_are_typed_and_unknown_stays_unknown(tmp_path: Path) -> None:
    directory = with_figures(
        tmp_path / "mini",
        {"shelling": ["near", "12", "10", "15"], "bridge-closed": ["area", "0", "", ""]},
    )
    dataset = load_dataset(directory)
    assert dataset.problems == []
    events = dataset.tables["events"].set_index("event_id")
    assert str(events["fatalities"].dtype) == "Int64"
    assert events.loc["shelling", NEW_COLUMNS].tolist() == ["near", 12, 10, 15]
    assert events.loc["bridge-closed", "fatalities"] == 0  # zero is a figure
    assert pd.isna(events.loc["talks", "fatalities"])  # empty is unknown, not zero
    assert pd.isna(events.loc["talks", "location_precision"])


def test_data_without_the_new_columns_still_loads(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert dataset.tables["events"]["fatalities"].isna().all()


@pytest.mark.parametrize(
    ("cells", "column", "rule", "message"),
    [
        (["", "-3", "", ""], "fatalities", "range", "must lie between 0 and 10,000,000"),
        (["", "12.5", "", ""], "fatalities", "integer", "must be a whole number such as 0 or 12"),
        (["", "", "many", ""], "fatalities_low", "integer", "must be a whole number"),
        (["street", "", "", ""], "location_precision", "enum", "must be one of: exact, near"),
    ],
)
def test_bad_figures_and_precisions_reject_the_row(
    tmp_path: Path, cells: list[str], column: str, rule: str, message: str
) -> None:
    dataset = load_dataset(with_figures(tmp_path / "mini", {"talks": cells}))
    [problem] = dataset.problems
    assert (problem.file, problem.line, problem.column, problem.rule) == (
        "events.csv",
        4,
        column,
        rule,
    )
    assert problem.severity == "error" and message in problem.message
    assert list(dataset.tables["events"]["event_id"]) == ["shelling", "bridge-closed"]


def test_low_best_high_out_of_order_is_a_warning_and_the_row_is_kept(tmp_path: Path) -> None:
    directory = with_figures(
        tmp_path / "mini",
        {"shelling": ["", "12", "20", "15"], "talks": ["", "", "9", "4"]},
    )
    dataset = load_dataset(directory)
    assert dataset.errors == []
    found = [(p.line, p.column, p.rule, p.severity, p.message) for p in dataset.problems]
    assert found == [
        (2, "fatalities_low", "fatalities-order", "warning", "fatalities_low is above fatalities"),
        (
            4,
            "fatalities_high",
            "fatalities-order",
            "warning",
            "fatalities_high is below fatalities_low",
        ),
    ]
    assert str(dataset.problems[0]) == (
        "events.csv:2: fatalities_low: fatalities_low is above fatalities (value: '20')"
    )
    assert len(dataset.tables["events"]) == 3


def figures_frame(rows: list[tuple[str, str, object, object, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["event_id", "date_start", "fatalities", "fatalities_low", "fatalities_high"]
    )
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    for column in ("fatalities", "fatalities_low", "fatalities_high"):
        frame[column] = frame[column].astype("Int64")
    return frame


EVENTS = figures_frame(
    [
        ("a", "2024-01-01", 3, 2, 5),
        ("b", "2024-01-02", None, 4, 9),  # no best figure: unknown, its range not added
        ("c", "2024-01-03", 0, None, None),
        ("d", "2024-01-04", 250, 200, 400),
        ("e", "2024-01-05", None, None, None),
        ("f", "2024-01-06", 3, None, 7),
    ]
)


def test_fatality_summary_never_counts_unknown_as_zero() -> None:
    summary = fatality_summary(EVENTS)
    assert summary == FatalitySummary(total=256, low=205, high=412, with_figure=4, unknown=2)
    assert summary.has_range
    assert fatality_summary(EVENTS[EVENTS["event_id"] == "c"]) == (0, 0, 0, 1, 0)
    assert not fatality_summary(EVENTS[EVENTS["event_id"] == "c"]).has_range
    assert fatality_summary(EVENTS[EVENTS["event_id"] == "e"]) == (0, 0, 0, 0, 1)


def test_fatality_summary_of_a_table_without_the_columns() -> None:
    events = pd.DataFrame(
        {"event_id": ["x", "y"], "date_start": pd.to_datetime(["2024-01-01"] * 2)}
    )
    assert fatality_summary(events) == (0, 0, 0, 0, 2)
    assert deadliest_events(events, 3).empty


def test_deadliest_events_highest_first_ties_to_the_later_event() -> None:
    assert list(deadliest_events(EVENTS, 3)["event_id"]) == ["d", "f", "a"]
    assert list(deadliest_events(EVENTS, 10)["event_id"]) == ["d", "f", "a", "c"]
    assert deadliest_events(EVENTS, 0).empty


@pytest.mark.parametrize(
    ("figures", "text"),
    [
        ((12, None, None), "12"),
        ((12, 10, 15), "12 (10–15)"),
        ((1428, None, 2000), "1,428 (1,428–2,000)"),
        ((0, 0, 0), "0"),
        ((None, None, None), "unknown"),
        ((None, 4, 9), "unknown (estimates 4–9)"),
        ((pd.NA, pd.NA, pd.NA), "unknown"),
    ],
)
def test_fatalities_text(figures: tuple, text: str) -> None:
    assert fatalities_text(*figures) == text


def test_events_table_and_its_csv_show_fatalities_and_precision(tmp_path: Path) -> None:
    directory = with_figures(tmp_path / "mini", {"shelling": ["", "12", "10", "15"]})
    tables = load_dataset(directory).tables
    table = events_table(tables["events"], tables["parties"], tables["sources"])
    assert table["fatalities"].tolist()[0] == 12
    assert table["fatalities"].isna().tolist() == [False, True, True]
    # an empty precision on a located event is exact; without coordinates it stays empty
    assert table["location_precision"].tolist()[0] == "exact"
    assert table["location_precision"].isna().tolist()[1:] == [True, True]
    rows = list(csv.DictReader(view_csv(table).decode("utf-8-sig").splitlines()))
    assert (rows[0]["fatalities"], rows[0]["location_precision"]) == ("12", "exact")
    assert rows[1]["fatalities"] == ""  # unknown is empty, never 0
