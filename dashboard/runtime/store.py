"""Loaded datasets shared by every session: one version per data directory.

When a directory's files change, the next request loads the new version and the old one
is released, so editing a large folder five times does not keep five copies in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from dashboard.contract.dataset import Dataset


class DatasetStore:
    """data directory -> (fingerprint, Dataset); a new fingerprint replaces the old entry."""

    def __init__(self, load: Callable[[str], Dataset]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[object, Dataset]] = {}

    def get(self, data_dir: str, fingerprint: object) -> Dataset:
        """The dataset of this version of the files, loaded at most once."""
        with self._lock:  # concurrent sessions wait for one load instead of loading twice
            entry = self._entries.get(data_dir)
            if entry is not None and entry[0] == fingerprint:
                return entry[1]
            self._entries.pop(data_dir, None)  # release the old version before loading
            dataset = self._load(data_dir)
            self._entries[data_dir] = (fingerprint, dataset)
            return dataset

    def versions(self, data_dir: str) -> int:
        """How many versions of ``data_dir`` are held (0 or 1)."""
        return int(data_dir in self._entries)
