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

from dashboard import schema
from dashboard.history.canonical import row_hashes, row_keys

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
    old = _keyed(name, old[columns], "old")
    new = _keyed(name, new[columns], "new")
    old_hash = pd.Series(row_hashes(old[columns]), index=old[KEY].to_numpy())
    new_hash = pd.Series(row_hashes(new[columns]), index=new[KEY].to_numpy())
    in_old = new[KEY].isin(old_hash.index).to_numpy()
    in_new = old[KEY].isin(new_hash.index).to_numpy()
    added = new[~in_old]
    removed = old[~in_new]
    both = new[in_old]
    differs = new_hash[both[KEY]].to_numpy() != old_hash[both[KEY]].to_numpy()
    changed_new = both[differs].reset_index(drop=True)
    changed_old = old.set_index(KEY, drop=False).loc[changed_new[KEY]].reset_index(drop=True)
    cells = _differing_cells(changed_old[columns], changed_new[columns])
    return TableDiff(
        name,
        added.reset_index(drop=True),
        removed.reset_index(drop=True),
        changed_old,
        changed_new,
        cells,
    )


def _keyed(name: str, frame: pd.DataFrame, side: str) -> pd.DataFrame:
    """The frame with its joined key as ``KEY``; duplicate keys are refused."""
    keyed = frame.reset_index(drop=True).assign(**{KEY: row_keys(name, frame).to_numpy()})
    duplicated = keyed[KEY].duplicated()
    if duplicated.any():
        first = keyed[KEY][duplicated].iloc[0]
        count = int(duplicated.sum())
        raise DiffError(
            f"{name}.csv: the {side} version has {count} duplicate "
            f"{' + '.join(schema.TABLES_BY_NAME[name].primary_key)} "
            f"value{'s' if count != 1 else ''} (first: {first!r}); rows must be unique on "
            "their key to be compared"
        )
    return keyed


def _differing_cells(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """True where the cells differ (two missing cells are equal)."""
    a = old.to_numpy(dtype=object)
    b = new.to_numpy(dtype=object)
    a_missing = pd.isna(a)
    b_missing = pd.isna(b)
    equal = (a_missing & b_missing) | (~a_missing & ~b_missing & (a == b))
    return pd.DataFrame(~equal, columns=old.columns)
