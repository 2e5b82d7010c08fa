"""datapackage.json agrees with the loader's rules, and the Frictionless tool accepts data/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import schema
from dashboard.datapackage import build_descriptor, describe_directory
from dashboard.loader import DEFAULT_DATA_DIR
from tests.minidata import set_cell, write_mini_dataset

frictionless = pytest.importorskip("frictionless")


def shipped_descriptor() -> dict:
    return json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_shipped_descriptor_is_generated_from_the_contract() -> None:
    shipped = shipped_descriptor()
    assert shipped == describe_directory(DEFAULT_DATA_DIR)
    assert shipped["title"].strip() and shipped["description"].strip()
    assert [r["name"] for r in shipped["resources"]] == [t.name for t in schema.TABLES]


def test_descriptor_fields_follow_the_contract_columns() -> None:
    for resource in shipped_descriptor()["resources"]:
        table = schema.TABLES_BY_NAME[resource["name"]]
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
        for r in shipped_descriptor()["resources"]
        if r["name"] == "events"
        for f in r["schema"]["fields"]
        if f["name"] == "verification"
    )
    assert verification["constraints"]["enum"] == list(events.column("verification").enum)


def test_frictionless_accepts_shipped_data() -> None:
    report = frictionless.validate(DEFAULT_DATA_DIR / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_accepts_the_mini_dataset_and_catches_what_the_loader_catches(
    tmp_path: Path,
) -> None:
    directory = write_mini_dataset(tmp_path / "mini")
    descriptor = build_descriptor("mini", "Mini", "")
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
