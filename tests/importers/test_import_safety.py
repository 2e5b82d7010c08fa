"""The importers never write over what they did not write, never merge two parties
without saying so, refuse oversized or non-UTF-8 input before reading it whole
(issue 17, items 2, 3, 7 and 12)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.contract.loader import load_dataset
from dashboard.contract.slugs import is_slug
from dashboard.importers.names import ids_for_names

FIXTURES = Path(__file__).parent / "fixtures"
ACLED = FIXTURES / "acled_2024_layout.csv"
GED = FIXTURES / "GEDEvent_v24_1_sample.csv"
FOUR = ("events.csv", "parties.csv", "sources.csv", "datapackage.json")
WRITTEN = (*FOUR, "citations.csv", "import-report.csv")  # what an import writes
LONG = "Very Long Militia Name That Goes On And On Past Sixty Characters"


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def contents(folder: Path) -> dict[str, bytes]:
    """Every entry of a folder, links not followed (a link's content is its target)."""
    return {
        p.name: (os.readlink(p).encode() if p.is_symlink() else p.read_bytes())
        for p in sorted(folder.iterdir())
    }


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


# --- item 2: the output folder -------------------------------------------------------------


def test_a_hand_made_folder_of_the_four_files_is_refused_untouched(tmp_path, capsys) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    for name in FOUR:
        (out / name).write_text(f"my own {name}\n")
    before = contents(out)
    code, lines, err = run(capsys, "import", "acled", str(ACLED), "--out", str(out))
    assert (code, lines) == (2, [])
    assert err == (
        f"error: --out {out} already holds files this command did not write (datapackage.json, "
        "events.csv, parties.csv, sources.csv); choose a new or empty folder\n"
    )
    assert contents(out) == before and siblings(out) == []


def test_an_input_inside_out_is_refused_and_kept(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export = out / "events.csv"
    export.write_bytes(ACLED.read_bytes())
    code, _, err = run(capsys, "import", "acled", str(export), "--out", str(out))
    assert code == 2
    assert err == (
        f"error: {export} lies inside --out {out}; the import would replace it: choose a "
        "folder that does not hold the input\n"
    )
    assert contents(out) == {"events.csv": ACLED.read_bytes()}


def test_the_reliability_file_inside_out_is_refused_too(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["import", "acled", str(ACLED), "--out", str(out)]) == 1
    grades = out / "grades.csv"
    grades.write_text("publisher,reliability\nReuters,B\n")
    before = contents(out)
    code, _, err = run(
        capsys, "import", "acled", str(ACLED), "--out", str(out), "--reliability", str(grades)
    )
    assert code == 2 and err.startswith(f"error: {grades} lies inside --out {out}")
    assert contents(out) == before


def test_a_link_in_out_is_never_followed(tmp_path, capsys) -> None:
    precious = tmp_path / "precious.csv"
    precious.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").symlink_to(precious)
    code, _, err = run(capsys, "import", "acled", str(ACLED), "--out", str(out))
    assert code == 2 and "already holds files this command did not write (events.csv)" in err
    assert precious.read_text() == "keep me\n"
    assert (out / "events.csv").is_symlink() and len(list(out.iterdir())) == 1


def test_out_that_is_a_link_is_refused(tmp_path, capsys) -> None:
    real = tmp_path / "real"
    real.mkdir()
    out = tmp_path / "out"
    out.symlink_to(real)
    code, _, err = run(capsys, "import", "acled", str(ACLED), "--out", str(out))
    assert (code, err) == (2, f"error: --out {out} is a link; give the folder itself\n")
    assert list(real.iterdir()) == []


def test_new_and_empty_folders_are_written_with_a_marker(tmp_path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (tmp_path / "new" / "deeper", empty):
        assert main(["import", "acled", str(ACLED), "--out", str(out)]) == 1
        marker = json.loads((out / ".dashboard-import").read_text())
        assert marker["importer"] == "acled"
        assert marker["input"]["file"] == ACLED.name
        assert marker["files"] == {
            name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in sorted(WRITTEN)
        }
        assert len(load_dataset(out).tables["events"]) == 8  # and two rows reported
        assert siblings(out) == []


def test_an_earlier_import_is_replaced_but_not_once_changed(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["import", "acled", str(ACLED), "--out", str(out)]) == 1
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 1
    assert json.loads((out / ".dashboard-import").read_text())["importer"] == "ucdp"
    assert sorted(p.name for p in out.iterdir()) == sorted([*WRITTEN, ".dashboard-import"])
    assert siblings(out) == []
    capsys.readouterr()
    with (out / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("an analyst's edit\n")
    (out / "notes.txt").write_text("mine")
    before = contents(out)
    code, _, err = run(capsys, "import", "acled", str(ACLED), "--out", str(out))
    assert code == 2
    assert err == (
        f"error: --out {out} was written by an import, but events.csv, notes.txt were added "
        "or changed since; choose a new or empty folder\n"
    )
    assert contents(out) == before and siblings(out) == []


def test_a_file_of_an_earlier_import_turned_into_a_link_is_refused(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["import", "acled", str(ACLED), "--out", str(out)]) == 1
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_bytes((out / "parties.csv").read_bytes())  # the same bytes, elsewhere
    (out / "parties.csv").unlink()
    (out / "parties.csv").symlink_to(elsewhere)
    code, _, err = run(capsys, "import", "acled", str(ACLED), "--out", str(out))
    assert code == 2 and "but parties.csv was added or changed since" in err
    assert elsewhere.exists() and (out / "parties.csv").is_symlink()


# --- item 3: one id per distinct name ------------------------------------------------------


def acled_with_actors(path: Path, pairs: list[tuple[str, str]]) -> Path:
    """The ACLED fixture's first row once per pair of actor names."""
    with ACLED.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        first = next(reader)
        header = reader.fieldnames
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        for number, (actor1, actor2) in enumerate(pairs):
            writer.writerow(
                {**first, "event_id_cnty": f"X{number}", "actor1": actor1, "actor2": actor2}
            )
    return path


def test_cyrillic_names_get_distinct_transliterated_ids(tmp_path, capsys) -> None:
    export = acled_with_actors(tmp_path / "x.csv", [("Бригада 5", "Батальон 5")])
    code, lines, _ = run(capsys, "import", "acled", str(export), "--out", str(tmp_path / "o"))
    assert code == 0 and "0 warnings" in lines[-1]
    dataset = load_dataset(tmp_path / "o")
    names = dataset.tables["parties"].set_index("party_id")["name"].to_dict()
    assert names == {"brigada-5": "Бригада 5", "batalon-5": "Батальон 5"}
    event = dataset.tables["events"].iloc[0]
    assert (event["actor"], event["target"]) == ("brigada-5", "batalon-5")


def test_long_names_that_meet_after_the_cut_stay_apart_with_a_warning(tmp_path, capsys) -> None:
    export = acled_with_actors(
        tmp_path / "x.csv", [(f"{LONG} Alpha", "Rapid Support Forces"), (f"{LONG} Beta", "")]
    )
    code, lines, _ = run(capsys, "import", "acled", str(export), "--out", str(tmp_path / "o"))
    base = "very-long-militia-name-that-goes-on-and-on-past-sixty"
    assert code == 0
    assert lines == [
        f"x.csv:3: actor1: party '{LONG} Beta' would get the same id as '{LONG} Alpha' (the "
        f"ids are cut at the same place, or the names are alike in Latin letters): imported "
        f"as {base}-2 "
        f"(value: '{LONG} Beta')",
        f"x.csv: 2 rows: 2 imported, 0 outside the filters, 0 reported and not imported, "
        f"1 warnings; wrote {tmp_path / 'o'} (2 events, 3 parties, 2 sources)",
    ]
    events = load_dataset(tmp_path / "o").tables["events"].set_index("event_id")
    assert events.loc["acled-x0", "actor"] == base
    assert events.loc["acled-x1", "actor"] == f"{base}-2"


def test_ucdp_sides_that_meet_after_the_cut_stay_apart(tmp_path, capsys) -> None:
    frame = pd.read_csv(GED, dtype=str, keep_default_na=False).iloc[:1]
    frame = pd.concat([frame, frame.assign(id="999001")])
    frame["side_a"] = [f"{LONG} Alpha", f"{LONG} Beta"]
    export = tmp_path / "ged.csv"
    frame.to_csv(export, index=False)
    code, lines, _ = run(capsys, "import", "ucdp", str(export), "--out", str(tmp_path / "o"))
    assert code == 0 and lines[0].startswith(f"ged.csv:3: side_a: party '{LONG} Beta' would get")
    parties = load_dataset(tmp_path / "o").tables["parties"]
    assert len(parties[parties["name"].str.startswith(LONG)]["party_id"].unique()) == 2


def test_ids_for_names_suffixes_collisions_around_ids_already_taken() -> None:
    base = "very-long-militia-name-that-goes-on-and-on-past-sixty"
    counts = pd.Series(
        {f"{LONG} Alpha": 1, f"{LONG} Beta": 5, f"{base} 2": 1, "Reuters": 2, "reuters": 1}
    )
    names = ids_for_names(counts, "party")
    assert names.id_of == {
        f"{LONG} Alpha": base,
        f"{LONG} Beta": f"{base}-3",  # -2 is the id of the name "... sixty 2"
        f"{base} 2": f"{base}-2",
        "Reuters": "reuters",
        "reuters": "reuters",
    }
    assert [(r.name, r.kind) for r in names.renamed] == [
        (f"{LONG} Beta", "collision"),
        ("reuters", "spelling"),
    ]


def test_names_alike_in_latin_letters_or_in_a_script_left_out_stay_apart() -> None:
    counts = pd.Series({"صالح": 1, "سالح": 1, "ⴰⵎⴰⵣⵉⵖ 5": 1, "ⵜⴰⵎⴰⵣⵉⵖⵜ 5": 1, "★": 1})
    names = ids_for_names(counts, "party")
    ids = names.id_of
    assert {ids["صالح"], ids["سالح"]} == {"salh", "salh-2"}  # transliterated alike
    assert ids["ⴰⵎⴰⵣⵉⵖ 5"] != ids["ⵜⴰⵎⴰⵣⵉⵖⵜ 5"]
    assert all(ids[n].startswith("5-") and len(ids[n]) == 10 for n in ("ⴰⵎⴰⵣⵉⵖ 5", "ⵜⴰⵎⴰⵣⵉⵖⵜ 5"))
    assert ids["★"].startswith("party-")
    assert [r.kind for r in names.renamed] == ["collision"]
    assert all(is_slug(i) for i in ids.values()) and len(set(ids.values())) == 5


# --- item 7: size limit and streaming ------------------------------------------------------


def test_an_export_over_the_table_limit_is_refused_unread(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_MAX_TABLE_MB", "1")
    export = tmp_path / "big.csv"
    export.write_bytes(ACLED.read_bytes() * 400)  # about 1.3 MB
    code, _, err = run(capsys, "import", "acled", str(export), "--out", str(tmp_path / "o"))
    assert (code, err) == (
        2,
        "error: big.csv: table file is 1 MB, more than the limit of 1 MB set by "
        "DASHBOARD_MAX_TABLE_MB; refused unread\n",
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\0" * 3_000_000, "zeros.csv is not text: it is mostly NUL bytes"),
        (b"x" * 3_000_000, "zeros.csv:1: header row cannot be read: it is longer than 10,000"),
    ],
)
def test_a_file_of_zeros_or_one_huge_line_is_refused_from_its_head(
    tmp_path, capsys, content: bytes, message: str
) -> None:
    export = tmp_path / "zeros.csv"
    export.write_bytes(content)
    code, _, err = run(capsys, "import", "acled", str(export), "--out", str(tmp_path / "o"))
    assert code == 2 and err.startswith(f"error: {message}")
    assert not (tmp_path / "o").exists()


PEAK = """
import resource, sys
from dashboard.cli import main
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
code = main(["import", "acled", sys.argv[1], "--out", sys.argv[2]])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(code, (after - before) // 1024)
"""


@pytest.mark.parametrize("kind", ["zeros", "huge line after a header", "huge first line"])
def test_memory_does_not_grow_with_a_bad_file(tmp_path, kind: str) -> None:
    """A 256 MB bad file (under the 512 MB limit) costs the import under 32 MB more
    than it had started with: it is refused from its first bytes (before: twice the
    file's size and more)."""
    export = tmp_path / "bad.csv"
    size = 256 * 1024 * 1024
    with export.open("wb") as handle:
        if kind == "zeros":
            handle.truncate(size)  # sparse: no disk written
        else:
            handle.write(b"id,date\n" if kind.endswith("header") else b"")
            block = b"x" * (1 << 20)
            for _ in range(size >> 20):
                handle.write(block)
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(export), str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    code, grown_mb = map(int, result.stdout.split())
    assert code == 2 and grown_mb < 32, result.stderr


# --- item 12: the encoding ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_utf16_or_utf32_export_is_named_as_such(tmp_path, capsys, encoding, name) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(ACLED.read_text(encoding="utf-8").encode(encoding))
    code, _, err = run(capsys, "import", "acled", str(export), "--out", str(tmp_path / "o"))
    assert (code, err) == (
        2,
        f"error: export.csv is {name} encoded; save it as UTF-8 (CSV UTF-8 in a spreadsheet)\n",
    )


def test_the_loader_names_a_utf16_table(tmp_path, capsys) -> None:
    out = tmp_path / "data"
    assert main(["import", "acled", str(ACLED), "--out", str(out)]) == 1
    events = out / "events.csv"
    events.write_bytes(events.read_text(encoding="utf-8-sig").encode("utf-16"))
    capsys.readouterr()
    code, lines, _ = run(capsys, "validate", str(out))
    assert code in (1, 2)
    assert (
        "events.csv: file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8 in a spreadsheet)" in lines
    )
    assert not any("lacks" in line or "not part of the contract" in line for line in lines)
