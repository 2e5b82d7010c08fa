"""One test per validation rule, each on the mini dataset with one thing broken."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.contract.dataset import DataDirectoryError
from dashboard.contract.loader import load_dataset
from tests.minidata import read_rows, set_cell, write_table


def only_problem(dataset, rule: str):
    matching = [p for p in dataset.problems if p.rule == rule]
    assert len(matching) == 1, [str(p) for p in dataset.problems]
    return matching[0]


def test_mini_dataset_is_clean_and_typed(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    events = dataset.tables["events"]
    assert list(events["event_id"]) == ["shelling", "bridge-closed", "talks"]
    assert list(events.index) == [2, 3, 4]
    assert events["date_start"].dtype.kind == "M"
    assert events.loc[3, "date_end"] == pd.Timestamp("2024-03-05")
    assert pd.isna(events.loc[2, "date_end"])
    assert events["latitude"].dtype == "float64"
    assert events.loc[2, "longitude"] == -12.25
    assert dataset.tables["claims"]["value"].tolist() == [12.0, 0.0]
    assert pd.isna(dataset.tables["parties"].loc[3, "color"])
    assert dataset.title == "mini"
    assert dataset.counts["events"].read == 3 and dataset.counts["events"].rejected == 0


def test_title_and_description_come_from_datapackage_json(mini_dir: Path) -> None:
    (mini_dir / "datapackage.json").write_text(
        '{"title": "Riverland war", "description": "Invented."}', encoding="utf-8"
    )
    dataset = load_dataset(mini_dir)
    assert (dataset.title, dataset.description) == ("Riverland war", "Invented.")


def test_unreadable_directory_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataDirectoryError, match="does not exist"):
        load_dataset(tmp_path / "nowhere")


def test_missing_required_table_is_reported_and_rest_loads(mini_dir: Path) -> None:
    (mini_dir / "events.csv").unlink()
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "missing-table")
    assert problem.file == "events.csv" and problem.severity == "error"
    assert len(dataset.tables["events"]) == 0
    assert list(dataset.tables["events"].columns)[:2] == ["event_id", "date_start"]
    # topics.event_id points at the missing table: the topic is rejected, with a reason,
    # and so are the claims on that topic
    fk = [(p.file, p.column, p.value) for p in dataset.problems if p.rule == "foreign-key"]
    assert fk == [
        ("topics.csv", "event_id", "shelling"),
        ("claims.csv", "topic_id", "positions-destroyed"),
        ("claims.csv", "topic_id", "positions-destroyed"),
    ]
    assert len(dataset.tables["parties"]) == 3


def test_missing_optional_pair_is_fine(mini_dir: Path) -> None:
    (mini_dir / "crossings.csv").unlink()
    (mini_dir / "crossing_status.csv").unlink()
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert not dataset.has("crossings") and dataset.has("topics", "claims")


def test_half_of_a_pair_warns_and_orphans_are_rejected(mini_dir: Path) -> None:
    (mini_dir / "topics.csv").unlink()
    dataset = load_dataset(mini_dir)
    lone = only_problem(dataset, "lone-pair")
    assert lone.file == "claims.csv" and lone.severity == "warning"
    fk = [p for p in dataset.problems if p.rule == "foreign-key"]
    assert [(p.line, p.column) for p in fk] == [(2, "topic_id"), (3, "topic_id")]
    assert dataset.counts["claims"].rejected == 2


def test_missing_required_column_rejects_table(mini_dir: Path) -> None:
    rows = [row[:5] + row[6:] for row in read_rows(mini_dir, "events")]  # drop event_type
    write_table(mini_dir, "events", rows)
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "missing-column")
    assert (problem.file, problem.line, problem.column) == ("events.csv", 1, "event_type")
    assert "none of the 3 rows" in problem.message
    assert len(dataset.tables["events"]) == 0
    assert (dataset.counts["events"].read, dataset.counts["events"].rejected) == (3, 3)
    # the topic about an event of that table names the cause, not a missing file
    fk = next(p for p in dataset.problems if p.file == "topics.csv")
    assert (
        fk.message == "the row of events.csv with this event_id was rejected (see its own problem)"
    )


def test_missing_optional_column_is_added_empty(mini_dir: Path) -> None:
    rows = [row[:3] for row in read_rows(mini_dir, "parties")]  # drop color
    write_table(mini_dir, "parties", rows)
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert dataset.tables["parties"]["color"].isna().all()


def test_extra_column_is_a_warning(mini_dir: Path) -> None:
    rows = [
        [*row, "notes" if i == 0 else "x"] for i, row in enumerate(read_rows(mini_dir, "parties"))
    ]
    write_table(mini_dir, "parties", rows)
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "unknown-column")
    assert (problem.column, problem.severity) == ("notes", "warning")
    assert "notes" not in dataset.tables["parties"].columns
    assert len(dataset.tables["parties"]) == 3


def test_the_names_a_snapshot_writes_beside_party_ids_are_ignored_silently(
    mini_dir: Path,
) -> None:
    added = {"events": ["actor_name", "target_name", "title_name"], "sources": ["party_name"]}
    for table, columns in added.items():
        rows = read_rows(mini_dir, table)
        write_table(mini_dir, table, [[*r, *(columns if i == 0 else ["x"] * len(columns))]
                                      for i, r in enumerate(rows)])  # fmt: skip
    dataset = load_dataset(mini_dir)
    # only a column that is not a name beside a party id is still warned about
    assert [(p.file, p.column, p.rule, p.severity) for p in dataset.problems] == [
        ("events.csv", "title_name", "unknown-column", "warning")
    ]
    assert "actor_name" not in dataset.tables["events"].columns
    assert len(dataset.tables["events"]) == 3


def test_empty_file_is_a_problem(mini_dir: Path) -> None:
    (mini_dir / "parties.csv").write_bytes(b"")
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "empty-file")
    assert problem.file == "parties.csv" and problem.severity == "error"
    assert "header" in problem.message


def test_header_only_table_is_a_warning(mini_dir: Path) -> None:
    write_table(mini_dir, "topics", [read_rows(mini_dir, "topics")[0]])
    dataset = load_dataset(mini_dir)
    assert only_problem(dataset, "no-rows").severity == "warning"
    assert len(dataset.tables["topics"]) == 0


def test_bytes_that_are_not_utf8_reject_only_their_row(mini_dir: Path) -> None:
    text = (mini_dir / "parties.csv").read_text(encoding="utf-8")
    broken = text.replace("Southland", "S\u00f6uthland").encode("cp1252")
    (mini_dir / "parties.csv").write_bytes(broken)
    dataset = load_dataset(mini_dir)
    problems = [p for p in dataset.problems if p.rule == "not-utf8"]
    assert [(p.line, p.column) for p in problems] == [(3, None), (3, "name")]
    assert list(dataset.tables["parties"]["party_id"]) == ["north", "un"]
    assert dataset.counts["parties"].rejected == 1


def test_bom_and_crlf_are_accepted(mini_dir: Path) -> None:
    text = (mini_dir / "events.csv").read_text(encoding="utf-8")
    (mini_dir / "events.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert list(dataset.tables["events"]["event_id"]) == ["shelling", "bridge-closed", "talks"]
    assert list(dataset.tables["events"].index) == [2, 3, 4]


def test_line_numbers_count_quoted_newlines(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "description", "first line\nsecond line\nthird")
    set_cell(mini_dir, "events", 3, "verification", "rumour")
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "enum")
    assert (problem.line, problem.column, problem.value) == (6, "verification", "rumour")
    events = dataset.tables["events"]
    assert events.loc[2, "description"] == "first line\nsecond line\nthird"
    assert list(events.index) == [2, 5]


def test_row_with_wrong_field_count_is_rejected(mini_dir: Path) -> None:
    with (mini_dir / "parties.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,Extra,belligerent,#000000,surplus\n")
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "field-count")
    assert problem.line == 5 and "5 fields but the header has 4" in problem.message
    assert dataset.counts["parties"].read == 4 and dataset.counts["parties"].rejected == 1


def test_required_value_missing(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 2, "title", "  ")
    problem = only_problem(load_dataset(mini_dir), "required")
    assert (problem.file, problem.line, problem.column) == ("events.csv", 3, "title")


@pytest.mark.parametrize(
    ("table", "column", "value", "rule"),
    [
        ("parties", "party_id", "North Land", "slug"),
        ("parties", "party_id", "-north", "slug"),
        ("parties", "role", "aggressor", "enum"),
        ("parties", "color", "blue", "color"),
        ("sources", "url", "ftp://example.org/x", "url"),
        ("sources", "reliability", "G", "enum"),
        ("sources", "published", "06/03/2024", "date"),
        ("sources", "published", "2024-02-30", "date"),
        ("events", "latitude", "123", "range"),
        ("events", "longitude", "-181", "range"),
        ("events", "latitude", "north", "number"),
        ("events", "latitude", "inf", "number"),
        ("claims", "value", "twelve", "number"),
        ("claims", "stance", "maybe", "enum"),
        ("claims", "qualifier", "roughly", "enum"),
        ("crossing_status", "status", "shut", "enum"),
    ],
)
def test_cell_rule(mini_dir: Path, table: str, column: str, value: str, rule: str) -> None:
    row = 2 if table == "parties" else 1  # parties row 1 is referenced widely; use row 2
    set_cell(mini_dir, table, row, column, value)
    dataset = load_dataset(mini_dir)
    problem = next(p for p in dataset.problems if p.rule == rule)
    assert (problem.file, problem.line, problem.column, problem.value) == (
        f"{table}.csv",
        row + 1,
        column,
        value,
    )
    assert problem.severity == "error"
    assert dataset.counts[table].rejected >= 1


def test_surrounding_spaces_in_coded_cells_are_forgiven(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "verification", " claimed ")
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert dataset.tables["events"].loc[2, "verification"] == "claimed"


def test_duplicate_primary_key_names_first_line(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 3, "event_id", "shelling")
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "unique")
    assert (problem.line, problem.column, problem.value) == (4, "event_id", "shelling")
    assert "line 2" in problem.message
    assert list(dataset.tables["events"]["event_id"]) == ["shelling", "bridge-closed"]


def test_crossing_status_is_unique_on_crossing_date_and_source(mini_dir: Path) -> None:
    set_cell(mini_dir, "crossing_status", 2, "as_of", "2024-03-03")
    problem = only_problem(load_dataset(mini_dir), "unique")
    assert problem.line == 3 and problem.column == "crossing_id + as_of + source_id"
    # same crossing and date from another source is a separate report, not a duplicate
    set_cell(mini_dir, "crossing_status", 2, "source_id", "radio-2")
    set_cell(mini_dir, "crossing_status", 2, "quote", "")
    assert load_dataset(mini_dir).problems == []


def test_unknown_foreign_key_is_rejected(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 3, "actor", "east")
    problem = only_problem(load_dataset(mini_dir), "foreign-key")
    assert (problem.line, problem.column, problem.value) == (4, "actor", "east")
    assert problem.message == "no row of parties.csv has this party_id"


def test_rejected_row_takes_its_dependants_along(mini_dir: Path) -> None:
    set_cell(mini_dir, "sources", 2, "reliability", "Z")  # radio-2, cited by event "talks"
    dataset = load_dataset(mini_dir)
    fk = only_problem(dataset, "foreign-key")
    assert (fk.file, fk.line, fk.value) == ("events.csv", 4, "radio-2")
    assert "was rejected" in fk.message
    assert "talks" not in set(dataset.tables["events"]["event_id"])


def test_date_end_before_date_start(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 2, "date_end", "2024-03-01")
    problem = only_problem(load_dataset(mini_dir), "date-order")
    assert (problem.line, problem.column) == (3, "date_end")


@pytest.mark.parametrize(
    ("qualifier", "value", "value_high", "rule"),
    [
        ("", "12", "20", "value-high"),
        ("about", "12", "20", "value-high"),
        ("between", "12", "", "between"),
        ("between", "20", "12", "between"),
        ("more-than", "", "", "qualifier"),
    ],
)
def test_claim_figure_rules(mini_dir: Path, qualifier, value, value_high, rule) -> None:
    set_cell(mini_dir, "claims", 1, "qualifier", qualifier)
    set_cell(mini_dir, "claims", 1, "value", value)
    set_cell(mini_dir, "claims", 1, "value_high", value_high)
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, rule)
    assert problem.line == 2
    assert list(dataset.tables["claims"]["claim_id"]) == ["south-denies"]


def test_between_with_both_bounds_is_fine(mini_dir: Path) -> None:
    set_cell(mini_dir, "claims", 1, "qualifier", "between")
    set_cell(mini_dir, "claims", 1, "value_high", "20")
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert dataset.tables["claims"].loc[2, "value_high"] == 20.0


def test_crossing_needs_two_different_sides(mini_dir: Path) -> None:
    set_cell(mini_dir, "crossings", 1, "party_b", "north")
    problem = only_problem(load_dataset(mini_dir), "crossing-sides")
    assert problem.line == 2


def test_quote_must_occur_in_document(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "quote", "Northland says it destroyed 20 positions")
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "quote")
    assert (problem.file, problem.line, problem.column) == ("events.csv", 2, "quote")
    assert "shelling" not in set(dataset.tables["events"]["event_id"])


def test_quote_may_differ_in_whitespace_only(mini_dir: Path) -> None:
    # the document has two spaces in "said  the" and a line break; the quote does not
    set_cell(mini_dir, "events", 2, "quote", "5 March, officials said. Aid\n  convoys")
    assert load_dataset(mini_dir).problems == []
    set_cell(mini_dir, "events", 2, "quote", "5 march, officials said")
    assert only_problem(load_dataset(mini_dir), "quote").line == 3


@pytest.mark.parametrize("document", ["../../etc/passwd", "/etc/passwd", "link.txt"])
def test_document_outside_allowed_folders_is_refused(mini_dir: Path, document: str) -> None:
    (mini_dir / "link.txt").symlink_to("/etc/passwd")
    set_cell(mini_dir, "sources", 1, "document", document)
    dataset = load_dataset(mini_dir)
    problem = only_problem(dataset, "document")
    assert (problem.line, problem.column, problem.value) == (2, "document", document)
    assert "refused unread" in problem.message
    assert dataset.documents == {}
    assert len(dataset.tables["sources"]) == 2  # the source itself is kept


def test_document_in_project_seeds_is_allowed(tmp_path: Path) -> None:
    from dashboard.contract.documents import SEEDS_DIR, resolve_document

    seed = next(SEEDS_DIR.glob("*.txt"))
    relative = os.path.relpath(seed, tmp_path)
    assert resolve_document(tmp_path, relative) == seed.resolve()


def test_missing_document_file_is_reported(mini_dir: Path) -> None:
    (mini_dir / "doc.txt").unlink()
    problem = only_problem(load_dataset(mini_dir), "document")
    assert "does not exist" in problem.message
