"""Tables as shown: the events table with names and grades in words, rows read per table.
Row limits on large views are in test_large_views.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dashboard.analysis.display import events_table, table_counts
from dashboard.contract.loader import load_dataset


def test_events_table_and_counts(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dataset.tables
    table = events_table(tables["events"], tables["parties"], tables["sources"])
    first = table.iloc[0]
    assert (first["actor"], first["target"], first["verification"]) == (
        "Northland",
        "Southland",
        "○ claimed",
    )
    assert first["link"] == "https://example.org/millford"
    assert table.iloc[1]["end"] == date(2024, 3, 5)
    counts = table_counts(dataset)
    assert counts["rows read"].sum() == 14 and counts["rows rejected"].sum() == 0
