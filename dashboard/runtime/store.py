"""Loaded datasets shared by every session: one version per data directory.

When a directory's files change, the next request loads the new version and the old one
is released, so editing a large folder five times does not keep five copies in memory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from dashboard.contract.dataset import Dataset


class DatasetStore:
    """data directory -> (fingerprint, Dataset); a new fingerprint replaces the old entry."""

    def __init__(
        self, load: Callable[[str], Dataset], on_load: Callable[[Dataset], None] | None = None
    ) -> None:
        self._load = load
        self._on_load = on_load  # told of each newly loaded version (the history store)
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
        if self._on_load is not None:
            try:
                self._on_load(dataset)
            except Exception:  # the history is a bonus: loading never fails for it
                logging.getLogger(__name__).exception("on_load failed for %s", data_dir)
        return dataset

    def versions(self, data_dir: str) -> int:
        """How many versions of ``data_dir`` are held (0 or 1)."""
        return int(data_dir in self._entries)
