"""The dataset store: one loaded version per data directory, the old one let go."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from dashboard.contract.loader import load_dataset
from dashboard.runtime.cache import load_fingerprint
from dashboard.runtime.store import DatasetStore
from tests.minidata import set_cell


def test_the_store_keeps_one_version_per_data_directory(mini_dir: Path) -> None:
    loads: list[int] = []

    def load(directory: str):
        loads.append(1)
        return load_dataset(directory)

    store = DatasetStore(load)
    first = store.get(str(mini_dir), load_fingerprint(mini_dir))
    released = weakref.ref(first)
    del first
    for edit in range(5):
        set_cell(mini_dir, "events", 1, "title", f"edit {edit}")
        store.get(str(mini_dir), load_fingerprint(mini_dir))
    store.get(str(mini_dir), load_fingerprint(mini_dir))  # unchanged: not loaded again
    gc.collect()
    assert len(loads) == 6
    assert store.versions(str(mini_dir)) == 1
    assert released() is None  # the first version was let go
