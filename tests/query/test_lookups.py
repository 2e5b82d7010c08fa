"""Lookups: party names by id, a row by its id, the values a table gives."""

from __future__ import annotations

from pathlib import Path

from dashboard.contract.loader import load_dataset
from dashboard.query.lookups import given_values, party_name, party_names, row_by_id


def test_party_names_and_rows_by_id(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    assert party_names(tables["parties"]) == {
        "north": "Northland",
        "south": "Southland",
        "un": "United Nations",
    }
    assert party_name(tables["parties"], "south") == "Southland"
    assert party_name(tables["parties"], "atlantis") == "atlantis"
    assert row_by_id(tables["sources"], "source_id", "radio-2")["publisher"] == "Radio North"
    assert row_by_id(tables["sources"], "source_id", "nowhere") is None
    assert given_values(tables["parties"], "party_id", "color") == {"north": "#0072B2"}
