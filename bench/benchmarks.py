"""Benchmark: how the dashboard's costs grow with the data. Not part of the test run.

    python -m bench.benchmarks [--sizes 1000 10000 100000 1000000] [--seed 0]
        [--profile basic|realistic]

For each size a synthetic data directory (``python -m dashboard synth --profile P``) is
written into a temporary folder (not timed). A fresh Python process per size then
measures, so that sizes do not share caches or memory:

- load: ``load_dataset`` (read, validate, type) on a cold process (files in the OS cache);
- pyarrow: reading the same CSV files with ``pyarrow.csv.read_csv`` alone, the floor;
- first run: the app script's first run under Streamlit's AppTest (includes the load,
  which the app caches);
- rerun: the app script's rerun after a party filter change (the first party of
  parties.csv), in every view the data can fill (the link's list, VIEWS in
  dashboard/query/params.py, so a new view is measured too): the glance view (the one a
  link opens on) and the slowest view, which is named;
- snapshot: ``build_snapshot`` of the whole data and of a filtered view (one party,
  verified only);
- peak memory: the measuring process's peak resident set size (ru_maxrss).

It prints one table: each figure with its ratio to the first (smallest) size's row.
Nothing here passes or fails on a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import machine_line
from dashboard.query.params import VIEWS

DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
COLUMNS = (
    ("events", "events"),
    ("load_s", "load s"),
    ("pyarrow_s", "pyarrow s"),
    ("load_ratio", "load/pyarrow"),
    ("first_run_s", "first run s"),
    ("rerun_glance_s", "rerun glance s"),
    ("rerun_s", "rerun slowest s"),
    ("snapshot_s", "snapshot s"),
    ("snapshot_filtered_s", "snapshot filtered s"),
    ("peak_mb", "peak MB"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", choices=("basic", "realistic"), default="basic")
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return 0
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            from dashboard.synth.basic import write_synthetic
            from dashboard.synth.realistic import write_realistic

            write = write_realistic if args.profile == "realistic" else write_synthetic
            write(folder, size, args.seed)
            rows.append(_measure_in_fresh_process(Path(folder)))
        print(f"measured {size:,} events", file=sys.stderr, flush=True)
    print(machine_line() + f"; {args.profile} profile")
    print(format_table(rows))
    return 0


def _measure_in_fresh_process(folder: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.benchmarks", "--measure", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(folder: Path) -> dict:
    """Every figure for one data directory, in this (fresh) process."""
    import pyarrow.csv as pacsv

    from dashboard.contract.loader import load_dataset
    from dashboard.export.snapshot import build_snapshot
    from dashboard.query.filters import Filters, apply_filters

    row: dict = {}
    started = time.perf_counter()
    dataset = load_dataset(folder)
    row["load_s"] = time.perf_counter() - started
    row["events"] = len(dataset.tables["events"])
    assert not dataset.errors, dataset.errors[:3]
    started = time.perf_counter()
    for path in sorted(folder.glob("*.csv")):
        pacsv.read_csv(path)
    row["pyarrow_s"] = time.perf_counter() - started
    row["load_ratio"] = row["load_s"] / row["pyarrow_s"]
    started = time.perf_counter()
    build_snapshot(dataset, apply_filters(dataset, Filters()))
    row["snapshot_s"] = time.perf_counter() - started
    started = time.perf_counter()
    party = first_party(folder)
    build_snapshot(
        dataset, apply_filters(dataset, Filters(parties=(party,), verification="verified"))
    )
    row["snapshot_filtered_s"] = time.perf_counter() - started
    del dataset
    row.update(_app_runs(folder))
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def _app_runs(folder: Path) -> dict:
    """The app script under AppTest: first run, then a filter change in each view."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    app = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
    at = AppTest.from_file(app, default_timeout=600)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    _check(at)
    reruns: dict[str, float] = {}
    party = first_party(folder)
    offered = at.segmented_control(key="view").options
    for view in [view for view in VIEWS if view in offered]:
        at.multiselect(key="party").set_value([])
        at.segmented_control(key="view").set_value(view).run()
        _check(at)
        started = time.perf_counter()
        at.multiselect(key="party").set_value([party]).run()
        reruns[view] = time.perf_counter() - started
        _check(at)
    slowest = max(reruns, key=reruns.__getitem__)
    return {
        "first_run_s": first,
        "rerun_glance_s": reruns["glance"],
        "rerun_s": reruns[slowest],
        "rerun_view": slowest,
    }


def first_party(folder: Path) -> str:
    """The first party id of the data's parties.csv (the filter the reruns apply)."""
    import csv

    with (folder / "parties.csv").open(newline="", encoding="utf-8") as handle:
        return next(csv.DictReader(handle))["party_id"]


def _check(at) -> None:
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])


def format_table(rows: list[dict]) -> str:
    """A Markdown table; every figure after the first row carries its ratio to the first."""
    header = "| " + " | ".join(title for _, title in COLUMNS) + " |"
    lines = [header, "|" + " --- |" * len(COLUMNS)]
    base = rows[0] if rows else {}
    for row in rows:
        cells = []
        for key, _ in COLUMNS:
            value = row[key]
            if key == "events":
                cells.append(f"{value:,}")
                continue
            text = f"{value:,.0f}" if key == "peak_mb" else f"{value:.3g}"
            if key == "rerun_s":
                text += f" ({row['rerun_view']})"
            if row is not base and base.get(key):
                text += f" x{value / base[key]:.3g}"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
