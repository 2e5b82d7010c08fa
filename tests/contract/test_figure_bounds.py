"""Fatality figures are bounded by the contract and their sums never wrap (issue 17, item 9)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dashboard.analysis.fatalities import fatality_summary, summary_words
from dashboard.cli import main
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import EVENTS, MAX_FATALITIES
from tests.analysis.test_fatalities import figures_frame, with_figures

ACLED_2024 = PROJECT_ROOT / "tests" / "importers" / "fixtures" / "acled_2024_layout.csv"
SHIPPED = PROJECT_ROOT / "data" / "datapackage.json"
HUGE = 4_000_000_000_000_000_000  # 19 digits would not parse; two of these overflow int64


def test_the_bound_is_ten_million_on_every_figure() -> None:
    assert MAX_FATALITIES == 10_000_000
    for name in ("fatalities", "fatalities_low", "fatalities_high"):
        assert EVENTS.column(name).maximum == MAX_FATALITIES
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    [events] = [r for r in shipped["resources"] if r["name"] == "events"]
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["fatalities"]["constraints"]["maximum"] == 10_000_000


@pytest.mark.parametrize("column", ["fatalities", "fatalities_low", "fatalities_high"])
def test_a_figure_above_the_bound_rejects_its_row_with_file_line_column_value(
    tmp_path: Path, column: str
) -> None:
    cells = {"fatalities": ["", "10000001", "", ""], "fatalities_low": ["", "", "10000001", ""]}
    cells["fatalities_high"] = ["", "", "", "999999999999999999"]
    dataset = load_dataset(with_figures(tmp_path / "mini", {"talks": cells[column]}))
    [problem] = dataset.problems
    assert (problem.file, problem.line, problem.column, problem.rule, problem.severity) == (
        "events.csv",
        4,
        column,
        "range",
        "error",
    )
    assert problem.value in ("10000001", "999999999999999999")
    assert problem.message == "must lie between 0 and 10,000,000"
    assert list(dataset.tables["events"]["event_id"]) == ["shelling", "bridge-closed"]


def test_the_bound_itself_is_accepted(tmp_path: Path) -> None:
    cells = ["", "10000000", "9000000", "10000000"]
    dataset = load_dataset(with_figures(tmp_path / "mini", {"talks": cells}))
    assert dataset.problems == []
    assert fatality_summary(dataset.tables["events"]).total == 10_000_000


def test_sums_of_huge_figures_do_not_wrap() -> None:
    events = figures_frame(
        [
            ("a", "2024-01-01", HUGE, HUGE, HUGE),
            ("b", "2024-01-02", HUGE, None, HUGE),
            ("c", "2024-01-03", 7, 7, None),
        ]
    )
    summary = fatality_summary(events)
    assert summary.total == 2 * HUGE + 7 > 0
    assert (summary.low, summary.high) == (2 * HUGE + 7, 2 * HUGE + 7)
    assert summary_words(summary)[0] == f"{2 * HUGE + 7:,}"


def test_ordinary_sums_stay_exact_integers() -> None:
    events = figures_frame([("a", "2024-01-01", MAX_FATALITIES, 1, None)] * 3)
    summary = fatality_summary(events)
    assert (summary.total, summary.low, summary.high) == (30_000_000, 3, 30_000_000)
    assert type(summary.total) is int


def test_the_importer_reports_a_figure_above_the_bound_and_does_not_write_it(
    tmp_path: Path, capsys
) -> None:
    rows = list(csv.reader(ACLED_2024.read_text(encoding="utf-8").splitlines()))
    column = rows[0].index("fatalities")
    rows[1][column] = "123456789012345"
    source = tmp_path / "acled_huge.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "out"
    assert main(["import", "acled", str(source), "--out", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        "acled_huge.csv:2: fatalities: fatalities is above 10,000,000, more than any single "
        "event ever recorded; row not imported (value: '123456789012345')"
    ) in lines
    events = load_dataset(out).tables["events"]
    assert "acled-sdn31522" not in set(events["event_id"])
    assert events["fatalities"].max() < MAX_FATALITIES
    assert "3 reported and not imported" in lines[-1]


def test_realistic_sums_match_python_ints() -> None:
    figures = [12, None, 0, 9_999_999, 250]
    events = figures_frame([(str(i), "2024-01-01", f, None, None) for i, f in enumerate(figures)])
    assert fatality_summary(events).total == sum(f for f in figures if f is not None)
