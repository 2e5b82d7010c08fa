"""A filtered view's tables as row selections of the shared tables, not copies.

``ViewTables`` maps a table name to a DataFrame like a dict, but holds only integer row
positions per table (None = every row: the shared frame itself). A frame is made with
``take`` when a view asks for it, and kept in the dataset's memo, which counts its bytes
and lets it go first when memory is short; the selection itself costs a few bytes a row.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Iterator, Mapping

import numpy as np
import pandas as pd

from dashboard.runtime.memo import Memo

Rows = np.ndarray | None


def positions(mask: np.ndarray | pd.Series) -> Rows:
    """The row positions a boolean mask keeps (None when it keeps every row)."""
    keep = np.asarray(mask, dtype=bool)
    if keep.all():
        return None
    return np.flatnonzero(keep).astype(np.int32 if len(keep) < 2**31 else np.int64)


class ViewTables(Mapping[str, pd.DataFrame]):
    """The tables of a view: name -> the shared table's selected rows (see module)."""

    def __init__(
        self,
        shared: Mapping[str, pd.DataFrame],
        rows: dict[str, Rows],
        key: Hashable,
        memo: Memo | None = None,
        blanks: dict[str, tuple[str, np.ndarray]] | None = None,
    ) -> None:
        self._shared = shared
        self._rows = rows  # in the dataset's table order
        self._key = key
        self._memo = weakref.ref(memo) if memo is not None else None
        self._blanks = blanks or {}  # table -> (column, positions within the selection)

    def __getitem__(self, name: str) -> pd.DataFrame:
        rows = self._rows[name]  # KeyError for a table the view lacks
        if rows is None and name not in self._blanks:
            return self._shared[name]
        memo = self._memo() if self._memo is not None else None
        if memo is None:
            return self._make(name)
        return memo.get(("view rows", self._key, name), lambda: self._make(name))

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def row_count(self, name: str) -> int:
        """How many rows the view keeps of a table, without making the frame."""
        rows = self._rows[name]
        return len(self._shared[name]) if rows is None else len(rows)

    def column(self, name: str, column: str) -> pd.Series:
        """One column of the selected rows (no other column is copied)."""
        values = self._shared[name][column]
        rows = self._rows[name]
        return values if rows is None else values.take(rows)

    def memo_bytes(self) -> int:
        """What the selection itself holds (the shared tables are the dataset's)."""
        held = sum(rows.nbytes for rows in self._rows.values() if rows is not None)
        return held + sum(blank.nbytes for _, blank in self._blanks.values())

    def _make(self, name: str) -> pd.DataFrame:
        rows = self._rows[name]
        table = self._shared[name]
        frame = table.copy() if rows is None else table.take(rows)
        if name in self._blanks:
            column, blank = self._blanks[name]
            frame.iloc[blank, frame.columns.get_loc(column)] = pd.NA
        return frame
