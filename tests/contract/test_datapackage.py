"""datapackage.json agrees with the loader's rules, and the Frictionless tool accepts the test
datasets and rejects what the loader rejects. (data/'s own descriptor: test_shipped_data.py)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.contract import schema
from dashboard.contract.datapackage import build_descriptor, describe_directory
from tests.minidata import RICH_NAME, RICH_TITLE, TABLES, set_cell, write_mini_dataset

frictionless = pytest.importorskip("frictionless")


def test_descriptor_fields_follow_the_contract_columns(cited_dir: Path) -> None:
    descriptor = describe_directory(cited_dir)
    assert descriptor["name"] == RICH_NAME and descriptor["title"] == RICH_TITLE  # kept
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in schema.TABLES]
    for resource in descriptor["resources"]:
        table = schema.TABLES_BY_NAME[resource["name"]]
        assert resource["path"] == f"{table.name}.csv"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == table.column_names
        required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
        assert required == [c.name for c in table.columns if c.required]
        assert resource["schema"]["primaryKey"] == list(table.primary_key)
        references = {
            fk["fields"][0]: (fk["reference"]["resource"], fk["reference"]["fields"][0])
            for fk in resource["schema"].get("foreignKeys", [])
        }
        assert references == {c.name: c.references for c in table.columns if c.references}
    events = schema.TABLES_BY_NAME["events"]
    verification = next(
        f
        for r in descriptor["resources"]
        if r["name"] == "events"
        for f in r["schema"]["fields"]
        if f["name"] == "verification"
    )
    assert verification["constraints"]["enum"] == list(events.column("verification").enum)


def test_frictionless_accepts_the_rich_dataset(rich_dir: Path) -> None:
    report = frictionless.validate(rich_dir / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_accepts_citations_and_source_chains(cited_dir: Path) -> None:
    report = frictionless.validate(cited_dir / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    set_cell(cited_dir, "sources", 4, "derived_from", "nowhere")
    set_cell(cited_dir, "citations", 1, "support", "rumours")
    report = frictionless.validate(cited_dir / "datapackage.json")
    errors = {(e[1], e[2]) for e in report.flatten(["rowNumber", "fieldName", "type"])}
    assert ("derived_from", "foreign-key") in errors or (None, "foreign-key") in errors
    assert ("support", "constraint-error") in errors


def test_frictionless_accepts_the_mini_dataset_and_catches_what_the_loader_catches(
    tmp_path: Path,
) -> None:
    directory = write_mini_dataset(tmp_path / "mini")
    descriptor = build_descriptor("mini", "Mini", "", list(TABLES))
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert frictionless.validate(directory / "datapackage.json").valid

    set_cell(directory, "events", 1, "latitude", "123")
    set_cell(directory, "events", 2, "verification", "rumour")
    set_cell(directory, "events", 3, "actor", "nobody")
    set_cell(directory, "parties", 2, "party_id", "South Land")
    report = frictionless.validate(directory / "datapackage.json")
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert [4, None, "foreign-key"] in errors  # frictionless names no field for a foreign key
    assert [2, "latitude", "constraint-error"] in errors
    assert [3, "verification", "constraint-error"] in errors
    assert [3, "party_id", "constraint-error"] in errors
