"""A small dataset of an invented conflict (other party ids than the shipped data).

Tests write it, break one thing, and check what the loader says. Tables are given as
lists of rows so that a test can change one cell and rewrite the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

DOCUMENT = (
    "Northland says its artillery destroyed 12 Southland positions near Millford on "
    "3 March. Southland denied losing any position and said  the shelling hit a school.\n"
    "The Millford bridge crossing was closed by Southland on 3 March and reopened on "
    "5 March, officials said. Aid convoys were still waiting at the bridge.\n"
)

TABLES: dict[str, list[list[str]]] = {
    "sources": [
        ["source_id", "title", "publisher", "published", "url", "document", "reliability"],
        [
            "wire-1",
            "Shelling near Millford",
            "Wire Agency",
            "2024-03-06",
            "https://example.org/millford",
            "doc.txt",
            "B",
        ],
        ["radio-2", "Evening bulletin", "Radio North", "2024-03-07", "", "", "D"],
    ],
    "parties": [
        ["party_id", "name", "role", "color"],
        ["north", "Northland", "belligerent", "#0072B2"],
        ["south", "Southland", "belligerent", ""],
        ["un", "United Nations", "mediator", ""],
    ],
    "events": [
        [
            "event_id",
            "date_start",
            "date_end",
            "title",
            "description",
            "event_type",
            "actor",
            "target",
            "location",
            "latitude",
            "longitude",
            "verification",
            "source_id",
            "quote",
        ],
        [
            "shelling",
            "2024-03-03",
            "",
            "Artillery fire near Millford",
            "",
            "armed-clash",
            "north",
            "south",
            "Millford",
            "45.5",
            "-12.25",
            "claimed",
            "wire-1",
            "Northland says its artillery destroyed 12 Southland positions",
        ],
        [
            "bridge-closed",
            "2024-03-03",
            "2024-03-05",
            "Millford bridge closed",
            "",
            "crossing",
            "south",
            "",
            "Millford bridge",
            "",
            "",
            "reported",
            "wire-1",
            "The Millford bridge crossing was closed by Southland",
        ],
        [
            "talks",
            "2024-03-06",
            "",
            "Talks announced",
            "",
            "diplomatic",
            "un",
            "",
            "",
            "",
            "",
            "reported",
            "radio-2",
            "",
        ],
    ],
    "topics": [
        ["topic_id", "question", "unit", "event_id"],
        ["positions-destroyed", "Southland positions destroyed, 3 March", "positions", "shelling"],
    ],
    "claims": [
        [
            "claim_id",
            "topic_id",
            "party_id",
            "spokesperson",
            "date",
            "stance",
            "value",
            "qualifier",
            "value_high",
            "statement",
            "verification",
            "source_id",
            "quote",
        ],
        [
            "north-12",
            "positions-destroyed",
            "north",
            "",
            "2024-03-03",
            "asserts",
            "12",
            "",
            "",
            "Northland says it destroyed 12 positions.",
            "claimed",
            "wire-1",
            "destroyed 12 Southland positions",
        ],
        [
            "south-denies",
            "positions-destroyed",
            "south",
            "",
            "2024-03-04",
            "denies",
            "0",
            "",
            "",
            "Southland denies losing any position.",
            "disputed",
            "wire-1",
            "Southland denied losing any position and said the shelling hit a school.",
        ],
    ],
    "crossings": [
        ["crossing_id", "name", "party_a", "party_b", "latitude", "longitude", "description"],
        ["millford-bridge", "Millford bridge", "north", "south", "45.51", "-12.2", ""],
    ],
    "crossing_status": [
        ["crossing_id", "as_of", "status", "detail", "verification", "source_id", "quote"],
        [
            "millford-bridge",
            "2024-03-03",
            "closed",
            "",
            "reported",
            "wire-1",
            "The Millford bridge crossing was closed by Southland on 3 March",
        ],
        [
            "millford-bridge",
            "2024-03-05",
            "open",
            "aid convoys waiting",
            "reported",
            "wire-1",
            "reopened on 5 March",
        ],
    ],
}


def write_table(directory: Path, name: str, rows: list[list[str]]) -> Path:
    path = directory / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


def write_mini_dataset(directory: Path, tables: dict[str, list[list[str]]] | None = None) -> Path:
    """Write the mini dataset (or the given tables) and its document into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    for name, rows in (tables or TABLES).items():
        write_table(directory, name, rows)
    return directory


def tables_copy() -> dict[str, list[list[str]]]:
    """A deep copy of TABLES for a test to change."""
    return {name: [list(row) for row in rows] for name, rows in TABLES.items()}


def set_cell(directory: Path, table: str, row: int, column: str, value: str) -> None:
    """Rewrite ``table`` with one cell changed; ``row`` 1 is the first data row (line 2)."""
    rows = read_rows(directory, table)
    rows[row][rows[0].index(column)] = value
    write_table(directory, table, rows)


def read_rows(directory: Path, table: str) -> list[list[str]]:
    with (directory / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def typed_frame(
    rows: list[dict[str, object]],
    dates: tuple[str, ...] = (),
    numbers: tuple[str, ...] = ("value", "value_high", "latitude", "longitude"),
) -> pd.DataFrame:
    """A table like the loader's: indexed by CSV line (from 2), text as str, dates and
    numbers typed."""
    frame = pd.DataFrame(rows)
    frame.index = pd.Index(range(2, 2 + len(frame)), name="line")
    for column in frame.columns:
        if column in dates:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
        elif column in numbers:
            frame[column] = frame[column].astype("float64")
        else:
            frame[column] = frame[column].astype("str")
    return frame
