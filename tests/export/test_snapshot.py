"""Snapshots: formula neutralising, safe CSV, the ZIP round trip, manifest and documents."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset, restore_formulas
from dashboard.export.csvsafe import FORMULA_PREFIXES, neutralise_cell, table_csv, view_csv
from dashboard.export.snapshot import (
    build_snapshot,
    input_files_sha256,
    snapshot_file_name,
)
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.page import build_page
from dashboard.query.words import describe_filters, view_caption
from tests.minidata import (
    DOCUMENT,
    RICH_NAME,
    RICH_TITLE,
    set_cell,
    tables_copy,
    write_mini_dataset,
)

MOMENT = datetime(2025, 10, 12, 10, 15, tzinfo=UTC)
BOM = b"\xef\xbb\xbf"


def unzip(data: bytes, directory: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(directory)
    return directory


def manifest_of(snapshot: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(snapshot)) as archive:
        return json.loads(archive.read("manifest.json"))


def assert_reloads_without_problems(loaded: Dataset) -> None:
    """The reloaded snapshot has no problem at all: the party-name columns beside the ids
    are outside the contract, ignored without a warning."""
    assert loaded.problems == [], [str(p) for p in loaded.problems]


def assert_round_trip(dataset: Dataset, filters: Filters, directory: Path) -> Dataset:
    """Snapshot -> unzip -> load gives no errors and exactly the filtered tables."""
    view = apply_filters(dataset, filters)
    loaded = load_dataset(
        unzip(build_snapshot(dataset, apply_filters(dataset, filters), MOMENT), directory)
    )
    assert loaded.errors == []
    # the party names written beside the ids are outside the contract: ignored silently
    assert {p.rule for p in loaded.problems} <= {"no-rows"}
    assert list(loaded.tables) == list(view.tables)
    for name, frame in view.tables.items():
        expected = frame.reset_index(drop=True)
        if name == "sources":  # (astype: mapping a column of missing values gives floats)
            documents = expected["document"]
            expected["document"] = documents.map(
                lambda path: f"documents/{Path(path).name}", na_action="ignore"
            ).astype(documents.dtype)
        pd.testing.assert_frame_equal(loaded.tables[name].reset_index(drop=True), expected)
    cited = set(view.tables["sources"]["source_id"])
    assert loaded.documents == {k: v for k, v in dataset.documents.items() if k in cited}
    return loaded


# --- formula neutralising ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("''", "'''"),
        ("plain text", "plain text"),
        (" =not first", " =not first"),
        ("a=b", "a=b"),
        ("پښتو", "پښتو"),
        ("", ""),
    ],
)
def test_neutralise_and_restore(text: str, written: str) -> None:
    assert neutralise_cell(text) == written
    assert restore_formulas(pd.Series([written], dtype="str")).tolist() == [text]


def test_formula_prefixes_are_the_spreadsheet_ones() -> None:
    assert FORMULA_PREFIXES == ("=", "+", "-", "@", "\t", "\r")


def test_table_csv_is_bom_utf8_crlf_with_numbers_and_dates_untouched(mini_dir: Path) -> None:
    events = load_dataset(mini_dir).tables["events"].copy()
    events.loc[events["event_id"] == "talks", "title"] = "=1+1"
    events.loc[events["event_id"] == "talks", "location"] = '-Millford, "north"'
    shelling = events["event_id"] == "shelling"
    events.loc[shelling, ["location_precision", "fatalities", "fatalities_high"]] = ["near", 3, 12]
    data = table_csv("events", events)
    assert data.startswith(BOM)
    lines = data[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines[0] == (
        "event_id,date_start,date_end,title,description,event_type,actor,target,location,"
        "latitude,longitude,location_precision,fatalities,fatalities_low,fatalities_high,"
        "verification,source_id,quote"
    )
    # text quoted, numbers and dates bare, missing values (unknown fatalities too) empty
    assert lines[1] == (
        '"shelling",2024-03-03,,"Artillery fire near Millford",,"armed-clash","north","south",'
        '"Millford",45.5,-12.25,"near",3,,12,"claimed","wire-1",'
        '"Northland says its artillery destroyed 12 Southland positions"'
    )
    assert lines[3] == (
        '"talks",2024-03-06,,"\'=1+1",,"diplomatic","un",,"\'-Millford, ""north""",,,,,,,'
        '"reported","radio-2",'
    )
    assert lines[4:] == [""]


def test_table_csv_writes_contract_order_and_whole_numbers_without_point(mini_dir: Path) -> None:
    claims = load_dataset(mini_dir).tables["claims"]
    reordered = claims[list(reversed(claims.columns))]
    text = table_csv("claims", reordered).decode("utf-8-sig")
    assert text.splitlines()[0].split(",")[:3] == ["claim_id", "topic_id", "party_id"]
    assert ',"asserts",12,,,' in text.splitlines()[1]
    assert ',"denies",0,,,' in text.splitlines()[2]


def test_view_csv_any_columns_safe() -> None:
    frame = pd.DataFrame(
        {
            "Party": ["=cmd|' /C calc'!A0", "Pakistan", None],
            "Soldiers": [58.0, -12.25, np.nan],
            "Posts": pd.array([25, -3, None], dtype="Int64"),
            "Date": pd.to_datetime(["2025-10-12", None, "2025-10-01"]).astype("datetime64[s]"),
            "@note": ['a, "b"', "line\nbreak", "😀 اردو"],
        },
        index=[10, 11, 12],
    )
    assert (
        view_csv(frame)
        == BOM
        + (
            "Party,Soldiers,Posts,Date,'@note\r\n"
            '\'=cmd|\' /C calc\'!A0,58,25,2025-10-12,"a, ""b"""\r\n'
            'Pakistan,-12.25,-3,,"line\nbreak"\r\n'
            ",,,2025-10-01,😀 اردو\r\n"
        ).encode()
    )


def test_view_csv_of_empty_frame_is_header_only() -> None:
    assert view_csv(pd.DataFrame(columns=["a", "-b"])) == BOM + b"a,'-b\r\n"


# --- round trip --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(parties=("north",)),
        Filters(parties=("south", "front")),
        Filters(date_from=date(2024, 3, 3), date_to=date(2024, 3, 4)),
        Filters(date_from=date(2024, 3, 8)),
        Filters(date_to=date(1999, 12, 31)),
        Filters(verification="verified"),
        Filters(verification="unverified"),
        Filters(types=("armed-clash", "air-strike")),
        Filters(types=("crossing",)),
        Filters(("north",), date(2024, 3, 1), date(2024, 3, 31), "unverified", ("armed-clash",)),
    ],
    ids=repr,
)
def test_round_trip_of_filtered_views(
    rich_dataset: Dataset, filters: Filters, tmp_path: Path
) -> None:
    loaded = assert_round_trip(rich_dataset, filters, tmp_path)
    assert loaded.title == rich_dataset.title == RICH_TITLE
    view = apply_filters(rich_dataset, filters)
    assert len(loaded.tables["events"]) == len(view.tables["events"])


def test_unfiltered_snapshot_keeps_every_row(rich_dataset: Dataset, tmp_path: Path) -> None:
    loaded = assert_round_trip(rich_dataset, Filters(), tmp_path)
    assert {n: len(t) for n, t in loaded.tables.items()} == {
        "sources": 3,
        "parties": 4,
        "events": 8,
        "topics": 3,
        "claims": 8,
        "crossings": 2,
        "crossing_status": 4,
    }
    assert_reloads_without_problems(loaded)


ODD_TEXT = {
    ("sources", 1, "title"): '=HYPERLINK("http://x","y")',
    ("sources", 1, "publisher"): "+cmd|' /C calc'!A0",
    ("sources", 2, "title"): "\rstarts with a carriage return",
    ("parties", 1, "name"): "@SUM(A1)",
    ("parties", 2, "name"): "'Southland' (quoted)",
    ("parties", 3, "name"): "\tTabbed, with comma",
    ("events", 1, "title"): '-12 positions, "destroyed"',
    ("events", 1, "description"): 'line one\nline two\r\nline three, "quoted"',
    ("events", 2, "description"): "پښتو او اردو: د پولې جګړه 🇦🇫🇵🇰 💥",
    ("events", 3, "location"): "اردو",
    ("topics", 1, "question"): "=1+1?",
    ("topics", 1, "unit"): "-",
    ("claims", 1, "spokesperson"): "@northland_mod",
    ("claims", 1, "statement"): '=2*6 positions; said "12"',
    ("claims", 2, "quote"): "=SUM(1,2) said the spokesman, 'twice'",
    ("crossings", 1, "description"): "+ trade route ↔ پل",
    ("crossing_status", 2, "detail"): "''already escaped''",
}


def write_odd_dataset(directory: Path) -> Path:
    """The mini dataset with ODD_TEXT, written with CRLF line ends so that a lone CR is quoted."""
    tables = tables_copy()
    for (table, row, column), text in ODD_TEXT.items():
        tables[table][row][tables[table][0].index(column)] = text
    directory.mkdir(parents=True)
    extra = "\nThe spokesman: =SUM(1,2) said the spokesman, 'twice'.\n"
    (directory / "doc.txt").write_text(DOCUMENT + extra, encoding="utf-8")
    for name, rows in tables.items():
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return directory


def test_mini_round_trip_with_formulas_and_odd_text(tmp_path: Path) -> None:
    directory = write_odd_dataset(tmp_path / "odd")
    dataset = load_dataset(directory)
    assert dataset.problems == []
    for (table, row, column), text in ODD_TEXT.items():
        assert dataset.tables[table].iloc[row - 1][column] == text
    choices = (Filters(parties=("south",)), Filters(verification="verified"), Filters())
    for number, filters in enumerate(choices):
        loaded = assert_round_trip(dataset, filters, tmp_path / f"snap-{number}")
    assert loaded.tables["claims"].iloc[1]["quote"] == "=SUM(1,2) said the spokesman, 'twice'"
    assert loaded.tables["events"].iloc[0]["longitude"] == -12.25


def test_snapshot_csv_cells_are_neutralised_on_disk(mini_dir: Path, tmp_path: Path) -> None:
    set_cell(mini_dir, "events", 1, "title", '=HYPERLINK("http://x","y")')
    set_cell(mini_dir, "events", 2, "location", "@SUM(A1)")
    directory = unzip(
        build_snapshot(
            load_dataset(mini_dir), apply_filters(load_dataset(mini_dir), Filters()), MOMENT
        ),
        tmp_path,
    )
    raw = (directory / "events.csv").read_bytes()
    assert raw.startswith(BOM)
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[1].startswith('"shelling",2024-03-03,,"\'=HYPERLINK(""http://x"",""y"")",')
    assert ",45.5,-12.25," in lines[1]
    assert lines[2].startswith('"bridge-closed",2024-03-03,2024-03-05,')
    assert ',"\'@SUM(A1)",,,' in lines[2]


def test_loader_leaves_ordinary_directories_alone(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "title", "'=kept as written")
    assert load_dataset(mini_dir).tables["events"].iloc[0]["title"] == "'=kept as written"


def test_escaped_flag_makes_loader_restore_text_only(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "title", "''=quoted")
    set_cell(mini_dir, "parties", 1, "party_id", "'north")
    (mini_dir / "datapackage.json").write_text(
        json.dumps({"title": "Mini", "dashboard:formulaEscape": "apostrophe"}), encoding="utf-8"
    )
    loaded = load_dataset(mini_dir)
    assert loaded.tables["events"].iloc[0]["title"] == "'=quoted"
    assert loaded.tables["parties"].iloc[0]["party_id"] == "north"
    assert_reloads_without_problems(loaded)
    set_cell(mini_dir, "events", 1, "latitude", "'45.5")
    loaded = load_dataset(mini_dir)
    assert [(p.file, p.line, p.column, p.rule) for p in loaded.errors][:1] == [
        ("events.csv", 2, "latitude", "number")
    ]


# --- ZIP layout, documents ---------------------------------------------------------------


def test_zip_layout_and_descriptor(rich_dataset: Dataset) -> None:
    filters = Filters(parties=("north",), verification="unverified")
    view = apply_filters(rich_dataset, filters)
    with zipfile.ZipFile(io.BytesIO(build_snapshot(rich_dataset, view, MOMENT))) as archive:
        names = archive.namelist()
        descriptor = json.loads(archive.read("datapackage.json"))
    assert names == [
        "manifest.json",
        "datapackage.json",
        "sources.csv",
        "parties.csv",
        "events.csv",
        "topics.csv",
        "claims.csv",
        "crossings.csv",
        "crossing_status.csv",
        "documents/doc.txt",  # only the cited sources' documents
    ]
    assert descriptor["dashboard:formulaEscape"] == "apostrophe"
    assert descriptor["name"] == RICH_NAME
    assert descriptor["title"] == RICH_TITLE
    words = describe_filters(filters, rich_dataset, view)
    assert words == (
        "1 party (Northland) · all dates · unverified only · 3 of 8 events · 8 of 8 claims · "
        "3 of 4 crossing reports"
    )
    assert descriptor["description"].startswith(f"Filtered snapshot of “{RICH_TITLE}”: {words}.")
    assert [r["path"] for r in descriptor["resources"]] == names[2:9]


def test_snapshot_is_reproducible(rich_dataset: Dataset) -> None:
    view = apply_filters(rich_dataset, Filters())
    assert build_snapshot(rich_dataset, view, MOMENT) == build_snapshot(
        rich_dataset, apply_filters(rich_dataset, Filters()), MOMENT
    )


def test_absent_optional_pair_stays_absent(mini_dir: Path, tmp_path: Path) -> None:
    (mini_dir / "crossings.csv").unlink()
    (mini_dir / "crossing_status.csv").unlink()
    dataset = load_dataset(mini_dir)
    with zipfile.ZipFile(
        io.BytesIO(build_snapshot(dataset, apply_filters(dataset, Filters()), MOMENT))
    ) as archive:
        assert "crossings.csv" not in archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert list(manifest["rows"]) == ["sources", "parties", "events", "topics", "claims"]
    loaded = assert_round_trip(dataset, Filters(), tmp_path / "snap")
    assert not loaded.has("crossings")


def test_frictionless_accepts_a_snapshot(rich_dataset: Dataset, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    view = apply_filters(rich_dataset, Filters(types=("armed-clash",)))
    data = build_snapshot(rich_dataset, view, MOMENT)
    report = frictionless.validate(unzip(data, tmp_path) / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_documents_copied_deduplicated_and_quotes_checked(tmp_path: Path) -> None:
    tables = tables_copy()
    tables["sources"][2][5] = "sub/doc.txt"  # radio-2: another doc.txt
    tables["sources"].append(["wire-2", "Same wire", "Wire Agency", "", "", "./doc.txt", "B"])
    tables["events"][3][12:14] = ["radio-2", "Talks were announced"]
    tables["events"][2][12] = "wire-2"
    directory = write_mini_dataset(tmp_path / "docs", tables)
    (directory / "sub").mkdir()
    (directory / "sub" / "doc.txt").write_text("Talks were announced on radio.", encoding="utf-8")
    dataset = load_dataset(directory)
    assert dataset.problems == []
    snap = unzip(
        build_snapshot(dataset, apply_filters(dataset, Filters()), MOMENT), tmp_path / "snap"
    )
    assert sorted(p.name for p in (snap / "documents").iterdir()) == ["doc-2.txt", "doc.txt"]
    assert (snap / "documents" / "doc.txt").read_text(encoding="utf-8") == DOCUMENT
    assert (snap / "documents" / "doc-2.txt").read_text(encoding="utf-8") == (
        "Talks were announced on radio."
    )
    loaded = load_dataset(snap)
    assert_reloads_without_problems(loaded)
    sources = loaded.tables["sources"]
    assert dict(zip(sources["source_id"], sources["document"], strict=True)) == {
        "wire-1": "documents/doc.txt",
        "radio-2": "documents/doc-2.txt",
        "wire-2": "documents/doc.txt",
    }
    # a quote that no longer matches the copied document is caught on reload
    set_cell(snap, "events", 3, "quote", "Talks were cancelled")
    assert [(p.file, p.column, p.rule) for p in load_dataset(snap).errors] == [
        ("events.csv", "quote", "quote")
    ]


def test_refused_document_is_dropped_from_the_snapshot(mini_dir: Path, tmp_path: Path) -> None:
    set_cell(mini_dir, "sources", 2, "document", "../../outside.txt")
    dataset = load_dataset(mini_dir)
    assert [p.rule for p in dataset.errors] == ["document"]
    snap = unzip(
        build_snapshot(dataset, apply_filters(dataset, Filters()), MOMENT), tmp_path / "snap"
    )
    loaded = load_dataset(snap)
    assert_reloads_without_problems(loaded)
    documents = loaded.tables["sources"].set_index("source_id")["document"]
    assert documents["wire-1"] == "documents/doc.txt"
    assert pd.isna(documents["radio-2"])
    assert [p.name for p in (snap / "documents").iterdir()] == ["doc.txt"]


# --- manifest ----------------------------------------------------------------------------


def test_party_ids_have_their_names_beside_them(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    data = build_snapshot(dataset, apply_filters(dataset, Filters()), MOMENT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        events = list(csv.DictReader(io.StringIO(archive.read("events.csv").decode("utf-8-sig"))))
        claims = archive.read("claims.csv").decode("utf-8-sig").splitlines()
    header = list(events[0])
    assert header[header.index("actor") + 1] == "actor_name"
    assert header[header.index("target") + 1] == "target_name"
    shelling = next(e for e in events if e["event_id"] == "shelling")
    assert (shelling["actor"], shelling["actor_name"]) == ("north", "Northland")
    assert (shelling["target"], shelling["target_name"]) == ("south", "Southland")
    assert claims[0].split(",")[2:4] == ["party_id", "party_name"]


def test_party_names_in_a_snapshot_are_formula_safe(mini_dir: Path) -> None:
    set_cell(mini_dir, "parties", 1, "name", "=HYPERLINK(1)")
    dataset = load_dataset(mini_dir)
    data = build_snapshot(dataset, apply_filters(dataset, Filters()), MOMENT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read("events.csv").decode("utf-8-sig")
    assert '"\'=HYPERLINK(1)"' in text and ',"=HYPERLINK' not in text


def test_manifest_link_names_the_open_view(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    view = apply_filters(dataset, Filters(parties=("north",)))
    manifest = manifest_of(build_snapshot(dataset, view, MOMENT, view_name="claims"))
    assert manifest["filters"]["query"] == "party=north&view=claims"
    assert manifest["filters"]["params"] == {"party": ["north"], "view": ["claims"]}


def test_manifest_content(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    filters = Filters(parties=("north",), date_from=date(2024, 3, 1), date_to=date(2024, 3, 4))
    manifest = manifest_of(build_snapshot(dataset, apply_filters(dataset, filters), MOMENT))
    assert manifest == {
        "dataset": "mini",
        "data_dir": mini_dir.name,
        "generated_at": "2025-10-12T10:15:00Z",
        "filters": {
            "words": "1 party (Northland) · 1–4 Mar 2024 · verified and unverified · "
            "1 of 3 events · 2 of 2 claims · 1 of 2 crossing reports",
            "query": "party=north&dates=2024-03-01&dates=2024-03-04",
            "params": {"party": ["north"], "dates": ["2024-03-01", "2024-03-04"]},
        },
        "rows": {
            "sources": 1,
            "parties": 2,
            "events": 1,
            "topics": 1,
            "claims": 2,  # North's figure and South's denial: both sides of the topic
            "crossings": 1,
            "crossing_status": 1,
        },
        "input_sha256": input_files_sha256(dataset),
        "generator": "conflict-claims-dashboard",
    }


def test_manifest_words_are_the_pages_caption(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    page = build_page(dataset, Filters(parties=("north",)), date(2025, 10, 12))
    words = manifest_of(build_snapshot(dataset, page.view, MOMENT))["filters"]["words"]
    assert (
        words
        == page.caption
        == (
            "1 party (Northland) · all dates · verified and unverified · "
            "1 of 3 events · 2 of 2 claims · 2 of 2 crossing reports"
        )
    )
    assert view_caption(dataset, page.view) is page.caption  # written once, then shared


def test_file_name_time_is_utc() -> None:
    dataset = Dataset(Path("x"), "t", "", {"parties": pd.DataFrame()})
    local = datetime(2025, 10, 12, 12, 15, 30, 999, tzinfo=timezone(timedelta(hours=2)))
    assert snapshot_file_name(dataset, local) == "t-snapshot-20251012T101530Z.zip"
    assert snapshot_file_name(dataset, datetime(2025, 1, 2, 3, 4, 5)) == (
        "t-snapshot-20250102T030405Z.zip"
    )


def test_snapshot_file_names(rich_dataset: Dataset, mini_dir: Path) -> None:
    assert snapshot_file_name(rich_dataset, MOMENT) == (
        f"{RICH_NAME}-snapshot-20251012T101500Z.zip"  # the datapackage.json name
    )
    assert snapshot_file_name(load_dataset(mini_dir), MOMENT) == (
        "mini-snapshot-20251012T101500Z.zip"
    )
    (mini_dir / "datapackage.json").write_text(
        json.dumps({"title": "Crise à Millford – 2024 (پښتو)"}), encoding="utf-8"
    )
    assert snapshot_file_name(load_dataset(mini_dir), MOMENT) == (
        "crise-a-millford-2024-snapshot-20251012T101500Z.zip"
    )


def expected_fingerprint(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def test_input_files_sha256_covers_csvs_descriptor_and_documents(mini_dir: Path) -> None:
    names = [p.name for p in mini_dir.iterdir()]
    files = {name: (mini_dir / name).read_bytes() for name in names}
    first = input_files_sha256(load_dataset(mini_dir))
    assert first == expected_fingerprint(files)
    assert first == input_files_sha256(load_dataset(mini_dir))

    set_cell(mini_dir, "events", 3, "title", "Talks announced again")
    second = input_files_sha256(load_dataset(mini_dir))
    assert second != first

    (mini_dir / "doc.txt").write_text(DOCUMENT + "More.\n", encoding="utf-8")
    third = input_files_sha256(load_dataset(mini_dir))
    assert third not in (first, second)

    (mini_dir / "datapackage.json").write_text('{"title": "Mini"}', encoding="utf-8")
    (mini_dir / "notes.txt").write_text("not an input", encoding="utf-8")
    fourth = input_files_sha256(load_dataset(mini_dir))
    files = {p.name: p.read_bytes() for p in mini_dir.iterdir() if p.name != "notes.txt"}
    assert fourth == expected_fingerprint(files)
    assert fourth not in (first, second, third)


def test_fingerprint_does_not_depend_on_filters(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    manifests = []
    for filters in (Filters(), Filters(verification="verified")):
        with zipfile.ZipFile(
            io.BytesIO(build_snapshot(dataset, apply_filters(dataset, filters), MOMENT))
        ) as archive:
            manifests.append(json.loads(archive.read("manifest.json")))
    assert manifests[0]["input_sha256"] == manifests[1]["input_sha256"]
    assert manifests[1]["rows"]["events"] == 0
