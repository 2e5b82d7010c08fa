"""Hostile input: each broken data directory is named by validate, still renders, and
loses no row without a problem entry (rows in = rows shown + rows rejected)."""

from __future__ import annotations

import io
import os
import pathlib
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.query.params import VIEWS
from tests.hostile import CASES, EMOJI, PASHTO, URDU, Case, files_in, record_lines
from tests.minidata import set_cell, write_mini_dataset

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Case, Path]:
    case: Case = request.param
    directory = write_mini_dataset(tmp_path / "data")
    case.breaks(directory)
    return case, directory


def parametrize_cases():
    return pytest.mark.parametrize("broken", CASES, ids=[c.name for c in CASES], indirect=True)


@parametrize_cases()
def test_validate_names_the_problem(broken: tuple[Case, Path]) -> None:
    case, directory = broken
    out = io.StringIO()
    code = main(["validate", str(directory)], out=out)
    lines = out.getvalue().splitlines()
    dataset = load_dataset(directory)
    if case.rule is None:
        assert dataset.problems == [] and code == 0, lines
        assert lines[-1].endswith("clean")
        return
    found = [p for p in dataset.problems if p.rule == case.rule]
    assert found, [str(p) for p in dataset.problems]
    if case.file:
        assert {p.file for p in found} == {case.file}
    for problem in found:
        assert str(problem) in lines  # printed as file:line: column: message
    assert code == (1 if dataset.errors else 0)


@parametrize_cases()
def test_no_row_goes_missing_without_a_problem(broken: tuple[Case, Path]) -> None:
    _, directory = broken
    dataset = load_dataset(directory)
    for filename in files_in(directory):
        name = filename.removesuffix(".csv")
        lines_in = record_lines(directory / filename)
        shown = dataset.tables.get(name)
        kept = [] if shown is None else list(shown.index)
        count = dataset.counts.get(name)
        rejected = count.rejected if count else len(lines_in)
        assert len(lines_in) == len(kept) + rejected, filename
        file_errors = [p for p in dataset.errors if p.file == filename]
        whole_table = any(p.line in (None, 1) for p in file_errors)
        lines_with_errors = {p.line for p in file_errors}
        for line in set(lines_in) - set(kept):
            assert whole_table or line in lines_with_errors, (filename, line)


@parametrize_cases()
def test_dashboard_renders_the_rest_and_lists_the_problem(broken: tuple[Case, Path]) -> None:
    case, directory = broken
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    try:
        runs = {}
        for view in VIEWS:
            at = runs[view] = AppTest.from_file(APP, default_timeout=60)
            at.query_params["view"] = view
            at.run()
            assert not at.exception, (view, [e.value for e in at.exception])
        if case.rule is not None:
            listed = runs["quality"].dataframe[0].value  # the quality view's problem table
            assert case.rule in set(listed["rule"])
    finally:
        os.environ.pop("DASHBOARD_DATA_DIR", None)


@pytest.mark.parametrize("document", ["../../etc/passwd", "/etc/passwd", "link.txt"])
def test_refused_documents_are_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (directory / "link.txt").symlink_to(outside)
    target = outside.resolve() if document == "link.txt" else Path("/etc/passwd").resolve()
    set_cell(directory, "sources", 1, "document", document)
    opened: list[Path] = []
    real_read_text, real_read_bytes = pathlib.Path.read_text, pathlib.Path.read_bytes

    def spy_text(self, *args, **kwargs):
        opened.append(self.resolve())
        return real_read_text(self, *args, **kwargs)

    def spy_bytes(self, *args, **kwargs):
        opened.append(self.resolve())
        return real_read_bytes(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", spy_text)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_bytes)
    dataset = load_dataset(directory)
    assert target not in opened
    assert any(p.rule == "document" and "refused unread" in p.message for p in dataset.problems)


def test_world_text_is_kept_exactly(tmp_path: Path) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    next(c for c in CASES if c.name == "Pashto, Urdu and emoji").breaks(directory)
    dataset = load_dataset(directory)
    assert dataset.tables["events"].loc[4, "title"] == f"{PASHTO} · {URDU} · {EMOJI}"
    assert dataset.tables["parties"].loc[3, "name"] == URDU
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["view"] = "timeline"
        at.run()
        assert f"{PASHTO} · {URDU} · {EMOJI}" in set(at.dataframe[0].value["title"])
    finally:
        os.environ.pop("DASHBOARD_DATA_DIR", None)


def test_megabyte_cell_loads_whole(tmp_path: Path) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    next(c for c in CASES if c.name == "1 MB cell").breaks(directory)
    events = load_dataset(directory).tables["events"]
    assert len(events.loc[2, "description"]) == 1_000_000
    assert list(events.index) == [2, 3, 4]


def test_half_written_file_then_whole_again_shows_full_data(tmp_path: Path) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    whole = (directory / "events.csv").read_bytes()
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["view"] = "quality"
        at.run()
        assert at.success  # clean to begin with
        (directory / "events.csv").write_bytes(whole[: whole.index(b"Millford bridge closed")])
        at.run()
        problems = at.dataframe[0].value
        assert "field-count" in set(problems["rule"])
        (directory / "events.csv").write_bytes(whole)
        at.run()
        assert at.success and not at.exception
        counts = at.dataframe[0].value
        assert dict(zip(counts["table"], counts["rows kept"], strict=True))["events.csv"] == 3
    finally:
        os.environ.pop("DASHBOARD_DATA_DIR", None)


def test_quoted_newlines_keep_line_numbers(tmp_path: Path) -> None:
    directory = write_mini_dataset(tmp_path / "data")
    next(c for c in CASES if c.name == "quoted newlines").breaks(directory)
    dataset = load_dataset(directory)
    problem = next(p for p in dataset.problems if p.rule == "enum")
    assert (problem.line, problem.value) == (6, "riot")
    assert re.search("line one\nline two", dataset.tables["events"].loc[2, "description"])
