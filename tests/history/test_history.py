"""Issue 20's core: the diff, history and changes commands, the history store, versions
from git, re-imports, and bad input (exit 2, nothing written)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.contract.loader import load_dataset
from dashboard.export.snapshot import build_snapshot
from dashboard.history.inputs import canonical_tables
from dashboard.history.store import HistoryStore
from dashboard.query.filters import Filters, apply_filters
from tests.history_edits import (
    DISPUTED_CLAIM,
    NEW_EVENT,
    REMOVED_CLAIM,
    curated_copy,
    edit_curated,
)

FIXTURES = Path(__file__).parents[1] / "importers" / "fixtures"
GED = FIXTURES / "GEDEvent_v24_1_sample.csv"
DISPUTED_SENTENCE = (
    "Claim by Afghanistan (Taliban government) on “Pakistani soldiers killed, night of "
    "11–12 Oct 2025” (pak-soldiers-killed-afg): claimed → disputed"
)
TORKHAM_SENTENCE = "Torkham: closed → open, reported 20 Oct 2025"
REMOVED_SENTENCE = (
    "Claim removed: Afghanistan (Taliban government) on “Is the Durand Line (the 2,611-km "
    "Pakistan–Afghanistan frontier) a settled international border?” (durand-line-status-afg)"
)
NEW_EVENT_SENTENCE = "New event: “Torkham crossing reopens to trade” (torkham-reopens), 2025-10-20"
EXPECTED_TABLES = {
    "events": {"added": [NEW_EVENT], "removed": [], "changed": []},
    "claims": {
        "added": [],
        "removed": [REMOVED_CLAIM],
        "changed": [{"id": DISPUTED_CLAIM, "changes": {"verification": ["claimed", "disputed"]}}],
    },
    "crossing_status": {
        "added": ["torkham + 2025-10-20 + agencies-2025-10-12"],
        "removed": [],
        "changed": [],
    },
}
EXPECTED_NOTABLE = [DISPUTED_SENTENCE, TORKHAM_SENTENCE, REMOVED_SENTENCE, NEW_EVENT_SENTENCE]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    return edit_curated(curated_copy(tmp_path / "edited"))


@pytest.fixture
def history_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history store of this test alone."""
    folder = tmp_path / "history"
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", str(folder))
    return folder


def test_diff_json_of_the_edited_copy_is_exactly_the_edits(edited: Path) -> None:
    code, out, err = run("diff", "data", str(edited), "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == {"tables": EXPECTED_TABLES, "notable": EXPECTED_NOTABLE}


def test_diff_text_says_the_notable_changes_first(edited: Path) -> None:
    code, out, _ = run("diff", "data", str(edited))
    lines = out.splitlines()
    assert code == 1
    assert lines[1:6] == ["notable:", *(f"  {s}" for s in EXPECTED_NOTABLE)]
    assert "  ~ pak-soldiers-killed-afg: verification: claimed → disputed" in lines
    assert "  - durand-line-status-afg" in lines
    assert "  + torkham-reopens" in lines


def test_diff_of_the_same_data_exits_0(tmp_path: Path) -> None:
    code, out, _ = run("diff", "data", str(curated_copy(tmp_path / "copy")))
    assert (code, out.splitlines()[-1]) == (0, "no differences")


def test_diff_csv_writes_one_safe_file_per_table(edited: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "diff-csv"
    code, _, _ = run("diff", "data", str(edited), "--format", "csv", "--out", str(out_dir))
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "claims.csv",
        "crossing_status.csv",
        "events.csv",
    ]
    rows = (out_dir / "claims.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("change,changed_columns,claim_id,topic_id")
    kinds = [row.split(",")[:3] for row in rows[1:]]
    assert kinds == [
        ["removed", "", REMOVED_CLAIM],
        ["changed (old)", "verification", DISPUTED_CLAIM],
        ["changed (new)", "verification", DISPUTED_CLAIM],
    ]


def test_diff_of_a_snapshot_zip_and_todays_data(edited: Path, tmp_path: Path) -> None:
    dataset = load_dataset("data")
    snapshot = tmp_path / "before.zip"
    snapshot.write_bytes(build_snapshot(dataset, apply_filters(dataset, Filters())))
    code, out, _ = run("diff", str(snapshot), str(edited), "--format", "json")
    assert code == 1
    assert json.loads(out)["tables"] == EXPECTED_TABLES


def test_history_and_changes_show_the_edits(tmp_path: Path, history_dir: Path) -> None:
    folder = curated_copy(tmp_path / "watched")
    code, out, _ = run("history", str(folder))
    assert code == 0 and out.startswith("v1  first seen ") and out.rstrip().endswith("(current)")
    edit_curated(folder)
    code, out, _ = run("history", str(folder))
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["v1", "v2"]
    assert "events 18" in lines[1] and "claims 17" in lines[1]
    code, out, err = run("changes", str(folder), "--since", "v1", "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == {"tables": EXPECTED_TABLES, "notable": EXPECTED_NOTABLE}
    code, out, err = run("changes", str(folder), "--since", "2000-01-01", "--format", "json")
    assert code == 1 and "comparing with the oldest, v1" in err
    assert json.loads(out)["notable"] == EXPECTED_NOTABLE
    code, out, _ = run("changes", str(folder), "--since", "v2")
    assert code == 0 and out.splitlines()[-1] == "no differences"


def test_a_version_is_recorded_once_even_by_writers_at_once(mini_dir: Path, tmp_path: Path):
    store = HistoryStore(tmp_path / "shared")
    tables = canonical_tables(load_dataset(mini_dir))
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(store.record(mini_dir, tables)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(new for _, new in results) == [False, False, False, True]
    assert [v.id for v in store.versions(mini_dir)] == ["v1"]
    assert store.tables_at(mini_dir, "v1")["events"].equals(tables["events"])


def test_history_off_leaves_the_commands_working(edited: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", "off")
    code, _, err = run("history", str(edited))
    assert code == 0 and "history is off" in err
    assert run("validate", "data")[0] == 0


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_managed_copy_has_its_commits_as_versions(tmp_path: Path, history_dir) -> None:
    repo = tmp_path / "repo"
    folder = curated_copy(repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Curated data as of 12 October")
    edit_curated(folder)
    _git(repo, "commit", "-q", "-a", "-m", "Torkham reopened")
    code, out, _ = run("history", str(folder))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert "committed" in lines[0] and lines[0].endswith("“Curated data as of 12 October”")
    assert "committed" in lines[1] and lines[1].endswith("“Torkham reopened”")
    assert lines[2].startswith("v") and "first seen" in lines[2]
    first = lines[0].split()[0]
    code, out, _ = run("changes", str(folder), "--since", first, "--format", "json")
    assert code == 1 and json.loads(out)["tables"] == EXPECTED_TABLES


def test_reimporting_a_trimmed_export_shows_the_removed_rows(tmp_path: Path, history_dir):
    out_dir = tmp_path / "ged"
    assert run("import", "ucdp", str(GED), "--out", str(out_dir))[0] in (0, 1)
    before = set(load_dataset(out_dir).tables["events"]["event_id"])
    lines = GED.read_text(encoding="utf-8").splitlines(keepends=True)
    trimmed = tmp_path / "GEDEvent_v24_1_trimmed.csv"
    trimmed.write_text("".join(lines[:-3]), encoding="utf-8")
    assert run("import", "ucdp", str(trimmed), "--out", str(out_dir))[0] in (0, 1)
    after = set(load_dataset(out_dir).tables["events"]["event_id"])
    assert after < before
    code, out, _ = run("changes", str(out_dir), "--since", "v1", "--format", "json")
    assert code == 1
    assert sorted(json.loads(out)["tables"]["events"]["removed"]) == sorted(before - after)
    assert any(s.startswith("Event removed: ") for s in json.loads(out)["notable"])


# --- bad input: a clear message, exit 2, nothing written ---------------------------------


def _refused(old: Path, new: Path, tmp_path: Path) -> str:
    target = tmp_path / "never.json"
    code, out, err = run("diff", str(old), str(new), "--format", "json", "--out", str(target))
    assert (code, out) == (2, "")
    assert not target.exists()
    return err


def test_two_snapshots_of_different_datasets_are_refused(tmp_path: Path, rich_dir: Path):
    zips = []
    for folder in (Path("data"), rich_dir):
        dataset = load_dataset(folder)
        path = tmp_path / f"{folder.name}.zip"
        path.write_bytes(build_snapshot(dataset, apply_filters(dataset, Filters())))
        zips.append(path)
    err = _refused(zips[0], zips[1], tmp_path)
    assert "different datasets, nothing to compare" in err


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    dataset = load_dataset("data")
    data = build_snapshot(dataset, apply_filters(dataset, Filters()))
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(data[: len(data) // 2])
    assert "not a readable ZIP" in _refused(damaged, Path("data"), tmp_path)


def test_a_zip_is_never_unpacked_outside_its_folder(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../escaped.csv", "x")
        archive.writestr("/tmp/absolute.csv", "x")
        archive.writestr("manifest.json", "{}")
    err = _refused(evil, Path("data"), tmp_path)
    assert "not written by this dashboard" in err
    assert not (tmp_path.parent / "escaped.csv").exists()


def test_a_table_whose_key_column_changed_is_refused(edited: Path, tmp_path: Path) -> None:
    path = edited / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("event_id,", "id,", 1), "utf-8")
    err = _refused(Path("data"), edited, tmp_path)
    assert "events.csv: key column event_id: required column is missing" in err


def test_duplicate_keys_are_refused(edited: Path, tmp_path: Path) -> None:
    path = edited / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    err = _refused(Path("data"), edited, tmp_path)
    assert "claims.csv line 19: claim_id 'pak-soldiers-killed-afg' is a duplicate key" in err


def test_an_existing_out_file_is_never_replaced(edited: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run("diff", "data", str(edited), "--format", "json", "--out", str(target))
    assert code == 2 and "never replaces a file" in err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_revised_figures_fatalities_and_corrected_dates_are_said(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path / "revised")
    for name, old, new in (
        ("claims.csv", ",asserts,58,exact,,", ",asserts,60,about,,"),
        (
            "events.csv",
            "kabul-airstrikes-alleged,2025-10-05,",
            "kabul-airstrikes-alleged,2025-10-06,",
        ),
    ):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    events = folder / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n") + ",fatalities\r\n"
    rows = [
        line.rstrip("\r\n") + ("," + ("3" if i == 1 else "") + "\r\n")
        for i, line in enumerate(lines[1:], start=1)
    ]
    events.write_text(header + "".join(rows), encoding="utf-8")
    code, out, _ = run("diff", "data", str(folder), "--format", "json")
    notable = json.loads(out)["notable"]
    assert code == 1
    assert (
        "Revised by Afghanistan (Taliban government) on “Pakistani soldiers killed, night of "
        "11–12 Oct 2025” (pak-soldiers-killed-afg): 58 soldiers → ~ 60 soldiers"
    ) in notable
    title = (
        "“Alleged Pakistani airstrikes on parts of Kabul (Taliban claim)” "
        "(kabul-airstrikes-alleged)"
    )
    assert f"Fatality figures revised for {title}: unknown → 3" in notable
    assert (
        f"Dates corrected for {title}: 2025-10-05 to 2025-10-11 → 2025-10-06 to 2025-10-11"
        in notable
    )


def test_when_is_a_version_id_a_date_or_a_date_time() -> None:
    from datetime import UTC, datetime

    from dashboard.history.since import SinceError, parse_when

    assert parse_when("v12").version_id == "v12"
    assert parse_when("g1a2b3c4").version_id == "g1a2b3c4"
    assert parse_when("2025-10-11").moment == datetime(2025, 10, 11, tzinfo=UTC)
    assert parse_when("2025-10-11T18:00").moment == datetime(2025, 10, 11, 18, tzinfo=UTC)
    assert parse_when("2025-10-11T20:00+02:00").moment == datetime(2025, 10, 11, 18, tzinfo=UTC)
    for bad in ("yesterday", "2025-13-01", "v", "x" * 65, "2025-10-11T25:00"):
        with pytest.raises(SinceError):
            parse_when(bad)


def test_a_failing_history_never_breaks_loading(mini_dir: Path) -> None:
    from dashboard.runtime.store import DatasetStore

    def broken(dataset) -> None:
        raise RuntimeError("disk full")

    store = DatasetStore(load_dataset, on_load=broken)
    dataset = store.get(str(mini_dir), "one")
    assert len(dataset.tables["events"]) == len(load_dataset(mini_dir).tables["events"])


def test_an_unwritable_store_means_history_off_with_a_reason(mini_dir: Path, tmp_path, monkeypatch):
    from dashboard.history.record import record_dataset

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", str(blocker))
    recorded = record_dataset(load_dataset(mini_dir))
    assert recorded.store is None and recorded.note.startswith("history is off: ")
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", str(mini_dir / "history"))
    assert "inside" in record_dataset(load_dataset(mini_dir)).note
    assert not (mini_dir / "history").exists()
