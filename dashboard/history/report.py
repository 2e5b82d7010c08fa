"""A diff in the three formats of the commands: text, JSON (the documented shape) and one
spreadsheet-safe CSV per table with a change-kind column."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd

from dashboard.contract import schema
from dashboard.export.csvsafe import _csv_bytes, cell_text
from dashboard.history.diff import KEY, DatasetDiff, TableDiff

CHANGE = "change"
CHANGED_COLUMNS = "changed_columns"
ADDED, REMOVED, CHANGED_OLD, CHANGED_NEW = "added", "removed", "changed (old)", "changed (new)"


def typed_value(table: str, column: str, text: str | None) -> object:
    """A canonical cell as JSON: integers and numbers as numbers, the rest as text."""
    if text is None:
        return None
    kind = schema.TABLES_BY_NAME[table].column(column).kind
    if kind == "integer":
        return int(text)
    if kind == "number":
        number = float(text)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return text


def diff_json(difference: DatasetDiff) -> dict:
    """``{"tables": {TABLE: {"added": [ids], "removed": [ids], "changed": [{"id": ID,
    "changes": {COLUMN: [OLD, NEW]}}]}}, "notable": [sentences]}``."""
    tables = {}
    for name, table in difference.tables.items():
        tables[name] = {
            "added": table.added[KEY].tolist(),
            "removed": table.removed[KEY].tolist(),
            "changed": [
                {
                    "id": key,
                    "changes": {
                        column: [typed_value(name, column, a), typed_value(name, column, b)]
                        for column, (a, b) in changes.items()
                    },
                }
                for key, changes in table.changes()
            ],
        }
    return {"tables": tables, "notable": list(difference.notable)}


def json_text(difference: DatasetDiff) -> str:
    return json.dumps(diff_json(difference), ensure_ascii=False, indent=2) + "\n"


def text_lines(difference: DatasetDiff, heading: str) -> Iterator[str]:
    """The diff for a terminal: heading, notable changes, then each table's rows."""
    yield heading
    if difference.same:
        yield "no differences"
        return
    if difference.notable:
        yield "notable:"
        yield from (f"  {sentence}" for sentence in difference.notable)
    for name, table in difference.tables.items():
        yield f"{name}: {count_words(table)}"
        yield from (f"  + {key}" for key in table.added[KEY])
        yield from (f"  - {key}" for key in table.removed[KEY])
        for key, changes in table.changes():
            cells = "; ".join(
                f"{column}: {_shown(a)} → {_shown(b)}" for column, (a, b) in changes.items()
            )
            yield f"  ~ {key}: {cells}"


def _shown(value: str | None) -> str:
    if value is None:
        return "(empty)"
    return json.dumps(value, ensure_ascii=False) if len(value) > 60 or "\n" in value else value


def count_words(table: TableDiff) -> str:
    """'1 added, 2 removed, 3 changed'."""
    return f"{len(table.added):,} added, {len(table.removed):,} removed, {len(table.new):,} changed"


def table_diff_frame(table: TableDiff) -> pd.DataFrame:
    """One table's diff as rows: the change kind, the changed columns, the contract cells
    (a changed row twice: as it was, then as it is)."""
    columns = schema.TABLES_BY_NAME[table.name].column_names
    flags = table.cells[columns].to_numpy()
    changed = [",".join(c for c, f in zip(columns, row, strict=True) if f) for row in flags]
    parts = [
        table.added[columns].assign(**{CHANGE: ADDED, CHANGED_COLUMNS: ""}),
        table.removed[columns].assign(**{CHANGE: REMOVED, CHANGED_COLUMNS: ""}),
    ]
    if len(table.new):
        old = table.old[columns].assign(**{CHANGE: CHANGED_OLD, CHANGED_COLUMNS: changed})
        new = table.new[columns].assign(**{CHANGE: CHANGED_NEW, CHANGED_COLUMNS: changed})
        pairs = pd.concat([old, new], keys=[0, 1]).swaplevel().sort_index(kind="stable")
        parts.append(pairs.reset_index(drop=True))
    frame = pd.concat(parts, ignore_index=True)
    return frame[[CHANGE, CHANGED_COLUMNS, *columns]]


def table_diff_csv(table: TableDiff) -> bytes:
    """The table's diff as the project's safe CSV (formula prefixes neutralised)."""
    frame = table_diff_frame(table)
    header = [str(c) for c in frame.columns]
    rows = ([cell_text(value) for value in row] for row in frame.itertuples(index=False, name=None))
    return _csv_bytes(header, rows)


def diff_csv(difference: DatasetDiff) -> bytes:
    """The whole diff in one CSV (a table column first), for the changes view's download."""
    frames = [
        table_diff_frame(table).assign(table=name) for name, table in difference.tables.items()
    ]
    if not frames:
        return _csv_bytes(["table", CHANGE, CHANGED_COLUMNS], [])
    whole = pd.concat(frames, ignore_index=True)
    first = ["table", CHANGE, CHANGED_COLUMNS]
    whole = whole[first + [c for c in whole.columns if c not in first]]
    rows = ([cell_text(value) for value in row] for row in whole.itertuples(index=False, name=None))
    return _csv_bytes([str(c) for c in whole.columns], rows)
