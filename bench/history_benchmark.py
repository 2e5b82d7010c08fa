"""Benchmark of issue 20 (not part of the test run): diff speed, history store size.

    python -m bench.history_benchmark --data-dir /tmp/synth-1m-hist [--versions 10] [--share 0.01]

Loads the folder once; makes versions in memory, each with ``share`` of the events changed
(half of them a revised fatality figure or grade, a quarter removed, a quarter added);
times ``compare`` of two versions in-process (goal: ≤ 3 s at 1,000,000 events with 1 %
changed), records them all in a fresh history store and compares the store's size after
one and after all versions (goal: ten versions ≤ twice one), and times what the changes
view computes (rebuilding the old version from the store, the diff and the sentences).
Every time is also given as a ratio to pyarrow's bare read of events.csv in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv as pacsv

from dashboard.contract.loader import load_dataset
from dashboard.history.command import compare
from dashboard.history.inputs import canonical_tables
from dashboard.history.store import HistoryStore


def _timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def next_version(tables: dict[str, pd.DataFrame], share: float, seed: int) -> dict:
    """A new version: ``share`` of the events touched (revised, removed or added)."""
    rng = np.random.default_rng(seed)
    events = tables["events"].copy()
    touched = max(4, int(len(events) * share))
    picked = rng.choice(len(events), size=touched, replace=False)
    revised, removed = picked[: touched // 2], picked[touched // 2 : 3 * touched // 4]
    grades = np.array(["verified", "reported", "claimed", "disputed"], dtype=object)
    events.loc[revised, "verification"] = grades[rng.integers(0, 4, len(revised))]
    events.loc[revised[::2], "fatalities"] = rng.integers(0, 500, len(revised[::2])).astype(str)
    added = events.iloc[removed].copy()
    added["event_id"] = [f"added-{seed}-{i}" for i in range(len(added))]
    events = pd.concat([events.drop(index=removed), added], ignore_index=True)
    return {**tables, "events": events}


def store_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--share", type=float, default=0.01)
    args = parser.parse_args()
    folder = Path(args.data_dir)
    _, bare = _timed(lambda: pacsv.read_csv(folder / "events.csv"))
    dataset, load_s = _timed(lambda: load_dataset(folder))
    first, canon_s = _timed(lambda: canonical_tables(dataset))
    events = len(first["events"])
    print(f"events: {events:,}; pyarrow bare read of events.csv: {bare:.2f} s")
    print(f"load and validation: {load_s:.2f} s; canonical tables: {canon_s:.2f} s")
    second = next_version(first, args.share, 1)
    difference, diff_s = _timed(lambda: compare(first, second))
    counts = difference.counts()["events"]
    print(
        f"diff of two versions ({args.share:.0%} of events touched: {counts[0]:,} added, "
        f"{counts[1]:,} removed, {counts[2]:,} changed): {diff_s:.2f} s "
        f"(x{diff_s / bare:.2f} the bare read; goal ≤ 3 s)"
    )
    with tempfile.TemporaryDirectory(prefix="history-bench-") as root:
        store = HistoryStore(Path(root))
        _, record_first = _timed(lambda: store.record(folder, first))
        _checkpoint(store)
        one = store_bytes(Path(root))
        times, tables = [], second
        for number in range(1, args.versions):
            if number > 1:
                tables = next_version(tables, args.share, number)
            times.append(_timed(lambda tables=tables: store.record(folder, tables))[1])
        _checkpoint(store)
        many = store_bytes(Path(root))
        print(
            f"history store: first version recorded in {record_first:.1f} s, "
            f"{one / 2**20:,.0f} MiB; later ones {np.median(times):.2f} s each (median); "
            f"{args.versions} versions {many / 2**20:,.0f} MiB = x{many / one:.2f} one "
            "(goal ≤ 2)"
        )
        old, rebuild_s = _timed(lambda: store.tables_at(folder, "v1"))
        _, view_s = _timed(lambda: compare(old, tables))
        print(
            f"changes view's work: rebuild v1 from the store {rebuild_s:.2f} s "
            f"(x{rebuild_s / bare:.2f}), diff to the newest {view_s:.2f} s"
        )


def _checkpoint(store: HistoryStore) -> None:
    connection = store._connect()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


if __name__ == "__main__":
    main()
