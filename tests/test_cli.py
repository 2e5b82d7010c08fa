"""The validate command as a user runs it: its output lines and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dashboard.loader import PROJECT_ROOT
from tests.minidata import set_cell


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_shipped_data_is_clean() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("data: 7 tables, ")
    assert lines[0].endswith(" rows kept, 0 rejected: clean")
    assert result.stderr == ""


def test_validate_lists_every_broken_row(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 2, "latitude", "123")
    set_cell(mini_dir, "events", 3, "verification", "confirmed")
    set_cell(mini_dir, "parties", 3, "role", "peacekeeper")
    result = run_cli("validate", str(mini_dir))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "parties.csv:4: role: must be one of: belligerent, non-state-armed-group, mediator, "
        "third-party, independent (value: 'peacekeeper')",
        "events.csv:3: latitude: must lie between -90 and 90 (value: '123')",
        "events.csv:4: verification: must be one of: verified, reported, claimed, disputed "
        "(value: 'confirmed')",
        "events.csv:4: actor: the row of parties.csv with this party_id was rejected "
        "(see its own problem) (value: 'un')",
        f"{mini_dir}: 7 tables, 11 rows kept, 3 rejected: 4 errors, 0 warnings",
    ]


def test_validate_warnings_alone_exit_zero(mini_dir: Path) -> None:
    (mini_dir / "claims.csv").unlink()
    result = run_cli("validate", str(mini_dir))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "topics.csv: topics.csv comes in a pair with claims.csv, which is missing"
    )
    assert result.stdout.splitlines()[-1].endswith("0 errors, 1 warnings")


def test_validate_unreadable_directory_exits_two(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stdout.strip() == f"error: data directory {tmp_path / 'missing'} does not exist"
    assert "Traceback" not in result.stderr

    a_file = tmp_path / "file.csv"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("validate", str(a_file))
    assert result.returncode == 2
    assert "is not a folder" in result.stdout


def test_datapackage_command_writes_descriptor_of_present_tables(mini_dir: Path) -> None:
    (mini_dir / "crossings.csv").unlink()
    (mini_dir / "crossing_status.csv").unlink()
    result = run_cli("datapackage", str(mini_dir))
    assert result.returncode == 0
    assert result.stdout.strip().endswith("(sources, parties, events, topics, claims)")
    assert (mini_dir / "datapackage.json").is_file()
