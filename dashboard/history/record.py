"""Recording the loaded version of a data directory, never at the cost of the load: every
failure becomes a note saying that history is off and why."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.contract.loader import Dataset
from dashboard.history.inputs import canonical_tables
from dashboard.history.store import (
    ENV_VAR,
    HistoryError,
    HistoryStore,
    Version,
    history_root,
    version_fingerprint,
)

LOG = logging.getLogger(__name__)
FINGERPRINT_MEMO = ("history-fingerprint",)  # the loaded version's fingerprint, in its memo


@dataclass(frozen=True)
class Recorded:
    """What recording gave: the store (None when history is off), the version, a note."""

    store: HistoryStore | None
    version: Version | None = None
    new: bool = False
    note: str = ""  # why history is off, in words; empty when it works


def open_store(data_dir: Path) -> tuple[HistoryStore | None, str]:
    """The history store for ``data_dir``, or None and why not."""
    try:
        root = history_root(Path(data_dir))
        if root is None:
            return None, f"history is off ({ENV_VAR}=off)"
        return HistoryStore(root), ""
    except (HistoryError, OSError, RuntimeError) as error:
        return None, f"history is off: {error}"


def record_dataset(dataset: Dataset, tables: dict[str, pd.DataFrame] | None = None) -> Recorded:
    """Record the dataset's tables as its data directory's newest version (once per
    content); never raises."""
    store, note = open_store(dataset.data_dir)
    if store is None:
        return Recorded(None, note=note)
    try:
        tables = canonical_tables(dataset) if tables is None else tables
        version, new = store.record(Path(dataset.data_dir), tables, dataset.title)
        dataset.memo.get(FINGERPRINT_MEMO, lambda: version.fingerprint)  # spares the views
        return Recorded(store, version, new)
    except Exception as error:  # history is a bonus: a load must never fail because of it
        LOG.warning("history not recorded for %s: %s", dataset.shown_dir, error)
        return Recorded(None, note=f"history is off: {error}")


def current_fingerprint(tables: dict[str, pd.DataFrame]) -> str:
    """The version fingerprint of canonical tables (as the store records it)."""
    return version_fingerprint(tables)
