"""A small dataset of an invented conflict (other party ids than the shipped data).

Tests write it, break one thing, and check what the loader says. Tables are given as
lists of rows so that a test can change one cell and rewrite the file.

The *rich* variant (``write_rich_dataset``) is the same conflict with more rows: a fourth
party (a non-state armed group), a verified background event decades before the rest, date
ranges, an event nobody claims, three questions (a revised figure, a "more than" figure
beside silence and a range, an accusation and its denial) and a second crossing that is
closed now. Tests of what the dashboard shows use it; the shipped data/ is pinned only in
tests/contract/test_shipped_data.py and tests/ui/test_shipped_app.py.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from dashboard.contract.datapackage import build_descriptor

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


def write_mini_dataset(
    directory: Path,
    tables: dict[str, list[list[str]]] | None = None,
    document: str = DOCUMENT,
) -> Path:
    """Write the mini dataset (or the given tables) and its document into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "doc.txt").write_text(document, encoding="utf-8")
    for name, rows in (tables or TABLES).items():
        write_table(directory, name, rows)
    return directory


RICH_NAME = "northland-southland-2024-03"
RICH_TITLE = "Northland–Southland clashes, March 2024 (invented)"
RICH_DESCRIPTION = "An invented conflict for the tests: shelling, a disputed school, two crossings."
RICH_DOCUMENT = DOCUMENT + (
    "Southland's army said more than 30 Northland soldiers were wounded in the shelling. "
    "Northland declined to comment on its casualties.\n"
    "The 1953 armistice divided the Millford valley between the two states.\n"
)

# Rows added to TABLES (same columns) for the rich dataset.
RICH_ROWS: dict[str, list[list[str]]] = {
    "sources": [
        [
            "monitor-3",
            "Crossing report, 8 March",
            "Border Monitoring Mission",
            "2024-03-10",
            "https://example.org/monitor/8-march",
            "",
            "A",
        ],
    ],
    "parties": [
        ["front", "Millford Liberation Front", "non-state-armed-group", ""],
    ],
    "events": [
        [
            "armistice",
            "1953-01-01",
            "1953-12-31",
            "Armistice line drawn through Millford",
            "The 1953 armistice left the Millford valley divided.",
            "background",
            "",
            "",
            "Millford valley",
            "",
            "",
            "verified",
            "wire-1",
            "The 1953 armistice divided the Millford valley",
        ],
        [
            "school-hit",
            "2024-03-03",
            "",
            "School hit in Millford",
            "Southland says shells hit a school; Northland denies it.",
            "armed-clash",
            "north",
            "south",
            "Millford school",
            "45.49",
            "-12.26",
            "disputed",
            "wire-1",
            "the shelling hit a school",
        ],
        [
            "front-raid",
            "2024-03-07",
            "2024-03-09",
            "Front fighters raid border posts",
            "",
            "armed-clash",
            "front",
            "north",
            "",
            "",
            "",
            "claimed",
            "radio-2",
            "",
        ],
        [
            "ford-closed",
            "2024-03-08",
            "",
            "Old ford closed to farmers",
            "",
            "crossing",
            "north",
            "",
            "Old ford",
            "46.2",
            "-13.1",
            "verified",
            "monitor-3",
            "",
        ],
        [
            "market-blast",
            "2024-03-09",
            "",
            "Air strike on Riverton market",
            "Nobody has said whose aircraft struck the market.",
            "air-strike",
            "",
            "",
            "Riverton",
            "46.0",
            "-12.9",
            "reported",
            "radio-2",
            "",
        ],
    ],
    "topics": [
        ["soldiers-wounded", "Northland soldiers wounded, 3 March", "soldiers", "shelling"],
        ["school-shelled", "Was the Millford school shelled?", "", "school-hit"],
    ],
    "claims": [
        [
            "north-15",
            "positions-destroyed",
            "north",
            "Gen. Ivo Marsh, army spokesman",
            "2024-03-06",
            "asserts",
            "15",
            "about",
            "",
            "Northland now says about 15 positions were destroyed.",
            "claimed",
            "radio-2",
            "",
        ],
        [
            "south-wounded",
            "soldiers-wounded",
            "south",
            "Col. Ana Reyes, army spokeswoman",
            "2024-03-04",
            "asserts",
            "30",
            "more-than",
            "",
            "Southland says more than 30 Northland soldiers were wounded.",
            "claimed",
            "wire-1",
            "more than 30 Northland soldiers were wounded",
        ],
        [
            "north-wounded",
            "soldiers-wounded",
            "north",
            "",
            "2024-03-05",
            "no-comment",
            "",
            "",
            "",
            "Northland has not said how many of its soldiers were wounded.",
            "claimed",
            "wire-1",
            "Northland declined to comment on its casualties",
        ],
        [
            "front-wounded",
            "soldiers-wounded",
            "front",
            "",
            "2024-03-08",
            "asserts",
            "10",
            "between",
            "20",
            "The Front says it wounded 10 to 20 Northland soldiers.",
            "claimed",
            "radio-2",
            "",
        ],
        [
            "south-school",
            "school-shelled",
            "south",
            "",
            "2024-03-03",
            "asserts",
            "",
            "",
            "",
            "Southland says the shelling hit a school.",
            "disputed",
            "wire-1",
            "the shelling hit a school",
        ],
        [
            "north-school",
            "school-shelled",
            "north",
            "",
            "2024-03-04",
            "denies",
            "",
            "",
            "",
            "Northland denies that its shells hit the school.",
            "disputed",
            "radio-2",
            "",
        ],
    ],
    "crossings": [
        ["old-ford", "Old ford", "north", "south", "46.2", "-13.1", "footpath used by farmers"],
    ],
    "crossing_status": [
        ["old-ford", "2024-03-02", "open", "", "reported", "radio-2", ""],
        ["old-ford", "2024-03-08", "closed", "farmers turned back", "verified", "monitor-3", ""],
    ],
}


# The *cited* variant (``write_cited_dataset``) is the rich dataset whose sources also say
# whom they repeat and for whom they speak (the two optional columns), with two more
# sources, a paper reprinting the wire story and Northland's army, and citations.csv
# giving some rows more sources.
RICH_SOURCE_COLUMNS = ["derived_from", "party_id"]
RICH_SOURCE_LINKS = {"wire-1": ["", ""], "radio-2": ["", ""], "monitor-3": ["", ""]}
RICH_MORE_SOURCES = [
    ["paper-4", "Millford shelling", "Millford Courier", "2024-03-07", "", "", "C", "wire-1", ""],
    ["north-army", "Army statement", "Northland Army", "2024-03-04", "", "", "E", "", "north"],
]
RICH_CITATIONS = [
    ["citation_id", "table", "row_id", "source_id", "support", "quote"],
    ["shelling-courier", "events", "shelling", "paper-4", "reports", ""],
    ["shelling-army", "events", "shelling", "north-army", "confirms", ""],
    ["north-12-army", "claims", "north-12", "north-army", "confirms", ""],
    ["north-12-monitor", "claims", "north-12", "monitor-3", "contradicts", ""],
    ["school-monitor", "events", "school-hit", "monitor-3", "confirms", ""],
    ["school-radio", "events", "school-hit", "radio-2", "contradicts", ""],
    [
        "school-wire",
        "events",
        "school-hit",
        "wire-1",
        "reports",
        "Southland denied losing any position",
    ],
]


def rich_tables() -> dict[str, list[list[str]]]:
    """TABLES with RICH_ROWS added: a copy for a test to change."""
    tables = tables_copy()
    for name, rows in RICH_ROWS.items():
        tables[name] += [list(row) for row in rows]
    return tables


def cited_tables() -> dict[str, list[list[str]]]:
    """The rich tables with derived_from, party_id and citations.csv: a copy."""
    tables = rich_tables()
    sources = tables["sources"]
    sources[0] += RICH_SOURCE_COLUMNS
    for row in sources[1:]:
        row += RICH_SOURCE_LINKS[row[0]]
    sources += [list(row) for row in RICH_MORE_SOURCES]
    tables["citations"] = [list(row) for row in RICH_CITATIONS]
    return tables


def write_rich_dataset(directory: Path) -> Path:
    """Write the rich dataset, its document and a datapackage.json naming it."""
    tables = rich_tables()
    write_mini_dataset(directory, tables, RICH_DOCUMENT)
    descriptor = build_descriptor(RICH_NAME, RICH_TITLE, RICH_DESCRIPTION, tables)
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return directory


def write_cited_dataset(directory: Path) -> Path:
    """Write the cited variant (the rich dataset with citations) and its descriptor."""
    write_mini_dataset(directory, cited_tables(), RICH_DOCUMENT)
    descriptor = build_descriptor(RICH_NAME, RICH_TITLE, RICH_DESCRIPTION)
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
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


def write_with_text_appended(
    directory: Path, columns: Mapping[str, Sequence[str]], text: str
) -> Path:
    """The mini dataset with ``text`` after the value of every named column of every row
    (columns: table -> column names), written to ``directory``. Changed quotes are added to
    the stored document too, so that they still check out."""
    tables = tables_copy()
    for name, names in columns.items():
        header, *rows = tables[name]
        for row in rows:
            for column in names:
                index = header.index(column)
                row[index] = f"{row[index]} {text}".strip()
    write_mini_dataset(directory, tables)
    with (directory / "doc.txt").open("a", encoding="utf-8") as document:
        for rows in (tables["events"], tables["claims"], tables["crossing_status"]):
            column = rows[0].index("quote")
            document.writelines(f"{row[column]}\n" for row in rows[1:] if row[column])
    return directory
