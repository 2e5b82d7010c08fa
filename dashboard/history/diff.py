"""Two versions of a dataset compared table by table, rows matched by primary key.

A version here is its contract tables as canonical text (``canonical.canonical_table``).
Rows are hashed and joined on their key (vectorised); only rows whose hash differs are
compared cell by cell, so a diff of a million rows costs about a hash and a join.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.history.canonical import row_keys

KEY = "_key"  # the joined primary key, a column of every frame of a TableDiff


class DiffError(Exception):
    """The two versions cannot be compared (duplicate keys, a key column missing …)."""


@dataclass(frozen=True)
class TableDiff:
    """One table's added, removed and changed rows (canonical text, ``KEY`` beside them)."""

    name: str
    added: pd.DataFrame
    removed: pd.DataFrame
    old: pd.DataFrame  # the changed rows as they were, ordered like ``new``
    new: pd.DataFrame  # the changed rows as they are
    cells: pd.DataFrame  # True where a changed row's column differs (aligned with ``new``)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.new)

    @property
    def changed_keys(self) -> list[str]:
        return self.new[KEY].tolist()

    def changes(self) -> Iterator[tuple[str, dict[str, tuple[str | None, str | None]]]]:
        """(key, {column: (old, new)}) per changed row, only the columns that changed."""
        columns = [c for c in self.cells.columns]
        flags = self.cells.to_numpy()
        old = self.old[columns].to_numpy(dtype=object)
        new = self.new[columns].to_numpy(dtype=object)
        for i, key in enumerate(self.new[KEY]):
            yield (
                key,
                {
                    columns[j]: (_cell(old[i, j]), _cell(new[i, j]))
                    for j in np.flatnonzero(flags[i])
                },
            )


@dataclass(frozen=True)
class DatasetDiff:
    """Every table's differences (only tables with any) and the notable changes in words."""

    tables: dict[str, TableDiff]
    notable: list[str] = field(default_factory=list)
    # (crossing name, status before or None, status now, date reported)
    crossings: list[tuple[str, str | None, str, str]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.tables

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """table -> (added, removed, changed)."""
        return {name: (len(d.added), len(d.removed), len(d.new)) for name, d in self.tables.items()}


def _cell(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def diff_versions(
    old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]
) -> dict[str, TableDiff]:
    """Every contract table's differences between two versions (canonical tables); tables
    without any are left out. A table only one side has counts as all added or removed."""
    result: dict[str, TableDiff] = {}
    for table in schema.TABLES:
        if table.name not in old and table.name not in new:
            continue
        before = old.get(table.name, _empty(table))
        after = new.get(table.name, _empty(table))
        difference = diff_table(table.name, before, after)
        if difference.count:
            result[table.name] = difference
    return result


def _empty(table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype="str") for name in table.column_names})


def diff_table(name: str, old: pd.DataFrame, new: pd.DataFrame) -> TableDiff:
    """Added, removed and changed rows of one table (both canonical, same columns)."""
    columns = schema.TABLES_BY_NAME[name].column_names
    for side, frame in (("old", old), ("new", new)):
        missing = [c for c in schema.TABLES_BY_NAME[name].primary_key if c not in frame]
        if missing:
            raise DiffError(f"{name}.csv: the {side} version has no key column {missing[0]}")
    old = old[columns].reset_index(drop=True)
    new = new[columns].reset_index(drop=True)
    old_keys = _unique_keys(name, old, "old")
    new_keys = _unique_keys(name, new, "new")
    position = old_keys.get_indexer(new_keys)  # each new row's old row, -1 when none
    matched = np.flatnonzero(position >= 0)
    in_new = np.zeros(len(old), dtype=bool)
    in_new[position[matched]] = True
    cells = _differing_cells(old, new, position[matched], matched, columns)
    differs = cells.any(axis=1)
    changed_new = matched[differs]
    changed_old = position[changed_new]
    added = np.flatnonzero(position < 0)
    removed = np.flatnonzero(~in_new)
    return TableDiff(
        name,
        _with_keys(new, new_keys, added),
        _with_keys(old, old_keys, removed),
        _with_keys(old, old_keys, changed_old),
        _with_keys(new, new_keys, changed_new),
        pd.DataFrame(cells[differs], columns=columns),
    )


def _with_keys(frame: pd.DataFrame, keys: pd.Index, rows: np.ndarray) -> pd.DataFrame:
    picked = frame.iloc[rows].reset_index(drop=True)
    picked[KEY] = keys[rows].to_numpy()
    return picked


def _unique_keys(name: str, frame: pd.DataFrame, side: str) -> pd.Index:
    """The rows' joined keys; duplicate keys are refused."""
    keys = pd.Index(row_keys(name, frame).to_numpy(dtype=object))
    if keys.has_duplicates:
        duplicated = keys.duplicated()
        first = keys[duplicated][0]
        count = int(duplicated.sum())
        raise DiffError(
            f"{name}.csv: the {side} version has {count} duplicate "
            f"{' + '.join(schema.TABLES_BY_NAME[name].primary_key)} "
            f"value{'s' if count != 1 else ''} (first: {first!r}); rows must be unique on "
            "their key to be compared"
        )
    return keys


def _differing_cells(
    old: pd.DataFrame, new: pd.DataFrame, old_rows: np.ndarray, new_rows: np.ndarray, columns
) -> np.ndarray:
    """rows x columns, True where the aligned rows' cells differ (two missing cells are
    equal), compared column by column in Arrow."""
    old_take, new_take = pa.array(old_rows), pa.array(new_rows)
    found = np.zeros((len(new_rows), len(columns)), dtype=bool)
    for j, column in enumerate(columns):
        a = pa.array(old[column], from_pandas=True).take(old_take)
        b = pa.array(new[column], from_pandas=True).take(new_take)
        same = pc.or_(pc.fill_null(pc.equal(a, b), False), pc.and_(pc.is_null(a), pc.is_null(b)))
        found[:, j] = ~same.to_numpy(zero_copy_only=False)
    return found
