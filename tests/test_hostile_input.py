"""Hostile cells and links: formulas stay inert in every CSV we write, markup in data is
shown as text, and any URL gives a notice rather than a crash."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.contract import schema
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.export.csvsafe import view_csv
from dashboard.export.snapshot import build_snapshot
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.params import VIEWS
from tests.minidata import read_rows, write_mini_dataset, write_table
from tests.viewtest import run_app, sidebar_caption

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
FORMULAS = ['=HYPERLINK("http://evil.example/x","click")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)"]
MARKUP = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click me](javascript:window.__pwned=1)",
]
TEXT_COLUMNS = {
    table.name: [c.name for c in table.columns if c.kind == "text" and c.name != "quote"]
    for table in schema.TABLES
    if any(c.kind == "text" and c.name != "quote" for c in table.columns)  # not citations
}


def fill_text_columns(directory: Path, values: list[str]) -> None:
    """Put the hostile values, in turn, into every free-text column of every table."""
    turn = 0
    for table, columns in TEXT_COLUMNS.items():
        rows = read_rows(directory, table)
        for row in rows[1:]:
            for column in columns:
                row[rows[0].index(column)] = values[turn % len(values)]
                turn += 1
        write_table(directory, table, rows)


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_formulas_in_every_text_column_are_inert_in_the_snapshot_and_restored(
    tmp_path: Path,
) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    fill_text_columns(directory, FORMULAS)
    dataset = load_dataset(directory)
    assert dataset.problems == []
    archive = zipfile.ZipFile(
        io.BytesIO(build_snapshot(dataset, apply_filters(dataset, Filters())))
    )
    dangerous = 0
    for name in archive.namelist():
        if name.endswith(".csv"):
            header, *rows = csv_cells(archive.read(name))
            table = schema.TABLES_BY_NAME[name.removesuffix(".csv")]
            text = [  # the contract's text columns, and the party names beside the ids
                i
                for i, column in enumerate(header)
                if column not in table.column_names or table.column(column).kind == "text"
            ]
            for row in rows:
                for cell in (row[i] for i in text):
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
                    dangerous += cell.startswith("'")
    assert dangerous >= sum(len(rows) for rows in TEXT_COLUMNS.values())
    archive.extractall(tmp_path / "snapshot")
    again = load_dataset(tmp_path / "snapshot")
    assert again.errors == []
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            before = dataset.tables[table][column].tolist()
            assert again.tables[table][column].tolist() == before, (table, column)


def test_formulas_are_inert_in_view_csv() -> None:
    import pandas as pd

    frame = pd.DataFrame({"text": [*FORMULAS, "\tTAB", "\rCR", "'quoted", "plain"], "n": range(7)})
    cells = csv_cells(view_csv(frame))
    assert [row[0] for row in cells[1:]] == [
        "'" + FORMULAS[0],
        "'" + FORMULAS[1],
        "'" + FORMULAS[2],
        "'\tTAB",
        "'\rCR",
        "''quoted",
        "plain",
    ]
    assert [row[1] for row in cells[1:]] == ["0", "1", "2", "3", "4", "5", "6"]


def markdown_sources(at) -> list[str]:
    """The Markdown source of every element that renders Markdown (incl. labels)."""
    kinds = (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "warning",
        "info",
        "success",
        "error",
        "expander",
    )
    sources: list[str] = []
    for kind in kinds:
        for element in getattr(at, kind, []):
            value = getattr(element, "label", None) if kind == "expander" else element.value
            sources.append(str(value))
    return sources


UNESCAPED_MARKUP = re.compile(r"(?<!\\)<|(?<!\\)\]\(|(?<!\\)!\[")


def test_markup_in_data_is_never_rendered_as_markup(tmp_path: Path) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    fill_text_columns(directory, MARKUP)
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    try:
        seen_as_text = False
        for view in VIEWS:
            at = AppTest.from_file(APP, default_timeout=60)
            at.query_params["view"] = view
            at.run()
            if view == "timeline":
                at.selectbox(key="event_pick").set_value("shelling").run()
            assert not at.exception, view
            for source in markdown_sources(at):
                assert not UNESCAPED_MARKUP.search(source), (view, source)
            seen_as_text |= any("<script>" in t.value for t in at.text)
        assert seen_as_text  # the text is shown, as text, not dropped
    finally:
        os.environ.pop("DASHBOARD_DATA_DIR", None)


HOSTILE_LINKS = {
    "garbage": {"party": ["\x00\x01<>'\""], "type": ["%%%"], "verification": ["🙃"]},
    "huge": {"party": ["a" * 100_000], "dates": ["9" * 5_000], "view": ["v" * 50_000]},
    "repeated": {"party": ["north"] * 500 + ["south"] * 500, "type": ["air-strike"] * 300},
    "reversed dates": {"dates": ["2024-03-09", "2024-03-01"]},
    "impossible dates": {"dates": ["2024-02-30", "2024-13-01"]},
    "one date": {"dates": ["2024-03-05"]},
    "three dates": {"dates": ["2024-03-01", "2024-03-05", "2024-03-09"]},
    "dates far outside": {"dates": ["0001-01-01", "9999-12-31"]},
    "unknown ids": {"party": ["mars"], "type": ["invasion"], "view": ["secret"]},
    "many verifications": {"verification": ["verified", "unverified", "all", "x"]},
}


@pytest.mark.usefixtures("app_environment")
@pytest.mark.parametrize("params", HOSTILE_LINKS.values(), ids=HOSTILE_LINKS.keys())
def test_any_link_gives_notices_not_crashes(params: dict[str, list[str]], rich_dir: Path) -> None:
    at = run_app(params, rich_dir)  # asserts that the run raised nothing
    assert re.search(r"(\d+ of )?4 crossing reports$", sidebar_caption(at))
    for warning in at.warning:
        assert len(warning.value) < 600  # a huge parameter is shortened in the notice


@pytest.mark.usefixtures("app_environment")
def test_bad_link_values_are_named_in_a_notice(rich_dir: Path) -> None:
    at = run_app({"party": ["mars"], "dates": ["2024-02-30", "2024-13-01"]}, rich_dir)
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "unknown party 'mars'" in notices
    assert "date '2024-02-30' in the link is not a YYYY-MM-DD date" in notices
