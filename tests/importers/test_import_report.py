"""An import's rejected rows written into its output folder (import-report.csv) and read
back for the data quality view."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dashboard.cli import main
from dashboard.contract.problems import Problem
from dashboard.importers.report import read_import_report, report_csv

GED = Path(__file__).parent / "fixtures" / "GEDEvent_v24_1_sample.csv"


def test_rejected_rows_are_written_into_the_folder_formula_safe(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 1
    printed = [line for line in capsys.readouterr().out.splitlines() if ": " in line][:-1]
    text = (out / "import-report.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["severity", "file", "line", "column", "value", "rule", "message"]
    assert len(rows) == len(printed) > 0  # every problem the command printed, one row each
    latitude = next(r for r in rows if r["column"] == "latitude")
    assert latitude["file"] == GED.name and int(latitude["line"]) > 1
    assert latitude["rule"] and latitude["message"].startswith("latitude must be a number")
    report = read_import_report(out)
    assert report is not None and report.total == len(rows) and report.note is None
    assert list(report.problems["line"]) == [int(r["line"]) for r in rows]
    # a later import into the same folder still knows the report as its own
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 1


def test_an_import_report_is_formula_safe_and_read_back_whole(tmp_path: Path) -> None:
    hostile = Problem("x.csv", 3, "notes", "=HYPERLINK(1)", "text", "-bad", "error")
    data = report_csv([hostile])
    assert b"'=HYPERLINK(1)" in data and b"'-bad" in data
    (tmp_path / "import-report.csv").write_bytes(data)
    (row,) = read_import_report(tmp_path).problems.to_dict("records")
    assert (row["value"], row["message"], row["line"]) == ("=HYPERLINK(1)", "-bad", 3)
    assert read_import_report(tmp_path / "nowhere") is None


def test_the_quality_view_shows_what_the_import_reported(tmp_path: Path, capsys) -> None:
    from tests.viewtest import run_view, subheaders

    out = tmp_path / "out"
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 1
    printed = [line for line in capsys.readouterr().out.splitlines() if ": " in line][:-1]
    at = run_view("quality", out)
    assert "Rows the import reported" in subheaders(at)
    *_, table = [d.value for d in at.dataframe if "rule" in d.value.columns]  # after the loader's
    assert len(table) == len(printed)
    assert f"{len(printed):,} problems reported by the import that wrote this folder " in " ".join(
        c.value for c in at.caption
    )
