"""The validate command as a user runs it: its output lines and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from dashboard.analysis import glance
from dashboard.contract.dataset import DEFAULT_DATA_DIR, PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.query.link import filters_from_query
from tests.minidata import set_cell


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_clean_directory(rich_dir: Path) -> None:
    result = run_cli("validate", str(rich_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{rich_dir}: 7 tables, 32 rows kept, 0 rejected: clean"]
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


# --- snapshot ------------------------------------------------------------------------------

MINI_ROWS = "sources 1, parties 2, events 1, topics 1, claims 2, crossings 1, crossing_status 1"


@pytest.mark.parametrize("existing", ["file", "link"])
def test_snapshot_never_overwrites_a_file_or_follows_a_link(
    mini_dir: Path, tmp_path: Path, existing: str
) -> None:
    """Like the brief command: an existing --out (or a link there) is refused, exit 2."""
    folder = tmp_path / "out"
    folder.mkdir()
    kept = folder / "kept.txt"
    kept.write_text("not the program's", encoding="utf-8")
    out = folder / "snap.zip"
    if existing == "file":
        out.write_text("not the program's", encoding="utf-8")
    else:
        out.symlink_to(kept)
    result = run_cli("snapshot", "--data-dir", str(mini_dir), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: cannot write {out}: snap.zip exists; choose a new file name "
        "(nothing is overwritten)\n"
    )
    assert kept.read_text(encoding="utf-8") == "not the program's"
    assert out.read_text(encoding="utf-8") == "not the program's"
    assert sorted(p.name for p in folder.iterdir()) == ["kept.txt", "snap.zip"]


def test_snapshot_is_dated_by_the_dashboards_clock(
    mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_TODAY", "2024-05-01")
    out = tmp_path / "snap.zip"
    assert run_cli("snapshot", "--data-dir", str(mini_dir), "--out", str(out)).returncode == 0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        stamps = {info.date_time for info in archive.infolist()}
    assert manifest["generated_at"] == "2024-05-01T00:00:00Z"
    assert stamps == {(2024, 5, 1, 0, 0, 0)}


def test_snapshot_writes_zip_and_reports_path_words_and_rows(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "snap.zip"
    args = ["--data-dir", str(mini_dir), "--from", "2024-03-01", "--to", "2024-03-04"]
    result = run_cli("snapshot", *args, "--party", "north", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"wrote {out}: 1 party (Northland) · 1–4 Mar 2024 · verified and unverified · "
        f"1 of 3 events · 2 of 2 claims · 1 of 2 crossing reports; rows: {MINI_ROWS}"
    ]
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        archive.extractall(tmp_path / "unzipped")
    assert manifest["filters"]["query"] == "party=north&dates=2024-03-01&dates=2024-03-04"
    loaded = load_dataset(tmp_path / "unzipped")
    assert loaded.problems == []  # the party names written beside the ids: ignored silently
    assert loaded.tables["events"]["event_id"].tolist() == ["shelling"]


def test_snapshot_repeated_and_listed_options_agree(mini_dir: Path, tmp_path: Path) -> None:
    base = ["snapshot", "--data-dir", str(mini_dir), "--verification", "unverified"]
    listed = run_cli(
        *base,
        "--party",
        "south",
        "un",
        "--type",
        "crossing",
        "diplomatic",
        "--out",
        str(tmp_path / "a.zip"),
    )
    repeated = run_cli(
        *base,
        "--party",
        "south",
        "--party",
        "un",
        "--type",
        "crossing",
        "--type",
        "diplomatic",
        "--out",
        str(tmp_path / "b.zip"),
    )
    assert listed.returncode == repeated.returncode == 0
    words = (
        "2 parties (Southland, United Nations) · all dates · unverified only · "
        "2 event types (crossing, diplomatic) · 2 of 3 events · 0 of 2 claims · "
        "2 of 2 crossing reports; rows: sources 2, parties 3, "
        "events 2, topics 0, claims 0, crossings 1, crossing_status 2"
    )
    assert listed.stdout == f"wrote {tmp_path / 'a.zip'}: {words}\n"
    assert repeated.stdout == f"wrote {tmp_path / 'b.zip'}: {words}\n"


def test_snapshot_of_data_by_default(tmp_path: Path) -> None:
    # Whatever data/ holds today: its first party, by id in the options and by name in words.
    first = load_dataset(DEFAULT_DATA_DIR).tables["parties"].iloc[0]
    party_id, name = first["party_id"], first["name"]
    out = tmp_path / "default.zip"
    result = run_cli(
        "snapshot", "--party", party_id, "--verification", "verified", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: 1 party ({name}) · all dates · verified only · ")
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert (PROJECT_ROOT / manifest["data_dir"]).resolve() == DEFAULT_DATA_DIR.resolve()
    # the link reopens all dates in the app too (written out when the app's default range
    # leaves background events out, as it does on data/ with its 1893 background)
    params = manifest["filters"]["params"]
    assert {k: v for k, v in params.items() if k != "dates"} == {
        "party": [party_id],
        "verification": ["verified"],
    }
    dataset = load_dataset(DEFAULT_DATA_DIR)
    frame = glance.date_frame(dataset.tables, date.today())
    reopened, notices = filters_from_query(params, [party_id], frame)
    assert (reopened.date_from, reopened.date_to, notices) == (None, None, [])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--party", "north", "--party", "atlantis"],
            "error: unknown party id 'atlantis' (choose from: north, south, un)",
        ),
        (
            ["--type", "armed-clash", "skirmish"],
            "error: unknown event type 'skirmish' (choose from: armed-clash, air-strike, "
            "shelling, bombing, attack-on-civilians, territorial-control, crossing, protest, "
            "statement, diplomatic, humanitarian, background)",
        ),
        (
            ["--from", "2024-03-05", "--to", "2024-03-01"],
            "error: --from 2024-03-05 is after --to 2024-03-01",
        ),
        (
            ["--from", "2024-02-30"],
            "python -m dashboard snapshot: error: argument --from: "
            "'2024-02-30' is not a real date written YYYY-MM-DD",
        ),
        (
            ["--to", "3/4/2024"],
            "python -m dashboard snapshot: error: argument --to: "
            "'3/4/2024' is not a real date written YYYY-MM-DD",
        ),
        (
            ["--verification", "confirmed"],
            "python -m dashboard snapshot: error: argument --verification: invalid choice: "
            "'confirmed' (choose from 'all', 'verified', 'unverified')",
        ),
    ],
)
def test_snapshot_bad_options_exit_two_with_message(
    mini_dir: Path, tmp_path: Path, options: list[str], message: str
) -> None:
    out = tmp_path / "snap.zip"
    result = run_cli("snapshot", "--data-dir", str(mini_dir), *options, "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == message
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_snapshot_needs_out(mini_dir: Path) -> None:
    result = run_cli("snapshot", "--data-dir", str(mini_dir))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("the following arguments are required: --out")


def test_snapshot_unreadable_directory_or_output_exits_two(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = run_cli("snapshot", "--data-dir", str(missing), "--out", str(tmp_path / "s.zip"))
    assert result.returncode == 2
    assert result.stderr == f"error: data directory {missing} does not exist\n"

    result = run_cli("snapshot", "--out", str(tmp_path / "no-folder" / "s.zip"))
    assert result.returncode == 2
    assert result.stderr == (
        f"error: cannot write {tmp_path / 'no-folder' / 's.zip'}: No such file or directory\n"
    )


def test_snapshot_with_rejected_rows_writes_good_rows(mini_dir: Path, tmp_path: Path) -> None:
    set_cell(mini_dir, "events", 3, "verification", "confirmed")
    out = tmp_path / "snap.zip"
    result = run_cli("snapshot", "--data-dir", str(mini_dir), "--out", str(out))
    assert result.returncode == 0
    assert result.stdout == (
        f"wrote {out}: all parties · all dates · verified and unverified · 2 events · "
        "2 claims · 2 crossing reports; "
        "rows: sources 1, parties 3, events 2, topics 1, claims 2, crossings 1, "
        "crossing_status 2\n"
    )
    assert result.stderr == (
        "warning: 1 row of the data rejected and left out of the snapshot; "
        f"see python -m dashboard validate {mini_dir}\n"
    )
    with zipfile.ZipFile(out) as archive:
        events = archive.read("events.csv").decode("utf-8-sig")
    assert [line.split(",")[0] for line in events.splitlines()] == [
        "event_id",
        '"shelling"',
        '"bridge-closed"',
    ]
