"""The changes view, `since` in the link, the glance's line and the new/changed marks
(issue 20), under AppTest on an edited copy of the curated data."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.contract.loader import load_dataset
from dashboard.export.snapshot import build_snapshot
from dashboard.history.changes import changes_since, history_manifest
from dashboard.query.filters import Filters
from dashboard.query.page import build_page
from tests.history.test_history import EXPECTED_NOTABLE, EXPECTED_TABLES
from tests.history_edits import curated_copy, edit_curated
from tests.viewtest import captions, run_app, texts

pytestmark = pytest.mark.usefixtures("app_environment")


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A curated copy whose first version is recorded (v1), then edited."""
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", str(tmp_path / "history"))
    folder = curated_copy(tmp_path / "watched")
    assert main(["history", str(folder)], io.StringIO(), io.StringIO()) == 0
    return edit_curated(folder)


def frames(at) -> list:
    return [element.value for element in at.dataframe]


def test_the_changes_view_shows_exactly_the_edits(watched: Path) -> None:
    at = run_app({"view": "changes"}, watched)
    lines = texts(at)
    assert [line.removeprefix("• ") for line in lines if line.startswith("• ")] == (
        EXPECTED_NOTABLE
    )
    assert any(c.startswith("From v1 (first seen ") for c in captions(at))
    counts = frames(at)[0]
    assert counts.to_dict("records") == [
        {"table": "events", "added": 1, "removed": 0, "changed": 0},
        {"table": "claims", "added": 0, "removed": 1, "changed": 1},
        {"table": "crossing_status", "added": 1, "removed": 0, "changed": 0},
    ]
    changed = next(f for f in frames(at) if "key" in f.columns)
    assert changed.to_dict("records") == [
        {"key": "pak-soldiers-killed-afg", "verification": "claimed → disputed"}
    ]
    added = [f for f in frames(at) if "event_id" in f.columns]
    assert added[0]["event_id"].tolist() == ["torkham-reopens"]


def test_since_in_the_link_opens_the_glance_with_one_line(watched: Path) -> None:
    at = run_app({"since": "v1"}, watched)
    line = texts(at)[0]
    assert line.startswith("↻ Since ") and line.endswith(
        "(v1): 1 new event, 1 claim revised, 1 claim removed, Torkham reopened"
    )


def test_the_timeline_marks_new_rows_in_words(watched: Path) -> None:
    at = run_app({"since": "v1", "view": "timeline"}, watched)
    events = next(f for f in frames(at) if "event_id" in f.columns)
    marked = dict(zip(events["event_id"], events["since"], strict=True))
    assert marked["torkham-reopens"] == "new"
    assert {v for k, v in marked.items() if k != "torkham-reopens"} == {""}


def test_a_party_filter_shows_that_partys_changes(watched: Path) -> None:
    at = run_app({"view": "changes", "party": "pak"}, watched)
    counts = frames(at)[0]
    claims = counts[counts["table"] == "claims"].iloc[0]
    assert (claims["removed"], claims["changed"]) == (0, 1)  # the removed claim was afg's


def test_a_bad_since_is_said_and_nothing_breaks(watched: Path) -> None:
    at = run_app({"since": "yesterday"}, watched)
    assert texts(at)[0].startswith("⚠ Changes: since 'yesterday' is not a version id")


def test_the_snapshot_records_its_version_and_the_changes(watched: Path) -> None:
    dataset = load_dataset(watched)
    page = build_page(
        dataset,
        Filters(),
        date(2025, 10, 20),
        "v1",
    )
    history = history_manifest(dataset, page.changes(), page.shown_changes(), "v1")
    data = build_snapshot(dataset, page.view, history=history)
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    assert manifest["history"]["since"]["version"] == "v1"
    assert manifest["history"]["changes"] == {
        "tables": EXPECTED_TABLES,
        "notable": EXPECTED_NOTABLE,
    }
    assert len(manifest["history"]["version"]["fingerprint"]) == 64


def test_without_history_the_view_says_so(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", "off")
    changes = changes_since(load_dataset(curated_copy(tmp_path / "c")), None)
    assert changes.version is None and "history is off" in changes.note
