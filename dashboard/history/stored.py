"""The two sides of the changes view's diff read from the history store alone where it can:
when the data on screen is a recorded version, the rows that differ between it and the
earlier one are found by their row versions (``HistoryStore.changed_rows``), so only those
are rebuilt and compared, not every row of both versions. The tables the notable sentences
take names from are read whole (they are small)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.contract.arrowtext import is_in
from dashboard.contract.loader import Dataset
from dashboard.history.canonical import canonical_table, key_text
from dashboard.history.inputs import canonical_tables
from dashboard.history.log import VersionLog
from dashboard.history.record import FINGERPRINT_MEMO, current_fingerprint
from dashboard.history.store import GIT, Version

WORD_TABLES = ("parties", "topics", "crossings", "crossing_status")
CANONICAL_MEMO = ("history-canonical",)


def loaded_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The dataset's canonical tables, once per loaded version."""
    return dataset.memo.get(CANONICAL_MEMO, lambda: canonical_tables(dataset))


def loaded_fingerprint(dataset: Dataset) -> str:
    """The dataset's version fingerprint, once per loaded version (recording it in the
    history store leaves it in the memo)."""
    return dataset.memo.get(FINGERPRINT_MEMO, lambda: current_fingerprint(loaded_tables(dataset)))


def sides(
    dataset: Dataset, log: VersionLog, version: Version, versions: list[Version]
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """(old, new) canonical tables to compare: only the rows that differ (and the word
    tables whole) when ``version`` and the data's own version are both recorded in the
    store, else both versions whole."""
    fingerprint = loaded_fingerprint(dataset)
    same = [v for v in versions if v.kind != GIT and v.fingerprint == fingerprint]
    if log.store is None or version.kind == GIT or not same:
        return log.tables(version), loaded_tables(dataset)
    changed = log.store.changed_rows(log.data_dir, version.id, same[-1].id)
    old = {name: rows for name, (rows, _) in changed.items() if name not in WORD_TABLES}
    old |= log.store.tables_at(log.data_dir, version.id, WORD_TABLES)
    new = {}
    for name, frame in dataset.tables.items():
        if name in WORD_TABLES or name not in changed:
            new[name] = canonical_table(name, frame)
        else:
            new[name] = canonical_table(name, _rows_of(name, frame, changed[name][1]))
    return old, new


def _rows_of(name: str, frame: pd.DataFrame, keys: set[str]) -> pd.DataFrame:
    """The table's rows whose key is one of ``keys``, in the table's order."""
    wanted = pd.Series(sorted(keys), dtype="str")
    return frame.iloc[np.flatnonzero(is_in(key_text(name, frame), wanted).to_numpy())]
