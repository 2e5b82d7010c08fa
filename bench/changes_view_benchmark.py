"""Benchmark of the changes view's first open (issue 20's goal: ≤ 0.5 s at 100,000 events).
Not part of the test run.

    python -m bench.changes_view_benchmark --data-dir /tmp/synth-100k [--share 0.01]
        [--runs 3] [--code DIR]

Copies DATA_DIR into a temporary folder with its own history store, records it (v1), edits
``share`` of its events on disk (half given another grade, a quarter removed, a quarter
added) and records that too (v2), as the dashboard's background recording does after a load.
Then, in a fresh process per run (the dashboard's memo lives in the process): pyarrow's bare
read of events.csv (the yardstick: the machine is shared, read the ratios), the app under
Streamlit's AppTest opened on the glance (the load, untimed), a wait for the recording
thread, and then the timed switch to the changes view (since: the previous version, v2 to
v1), and one more rerun (served from the memo). ``--code`` measures another checkout of the
project (e.g. ``git archive main``) on the same copy, for a before and after in one run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.changes_view_benchmark")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", action="append", default=[], help="another checkout to time")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(Path(args.data_dir))))
        return
    with tempfile.TemporaryDirectory(prefix="changes-view-bench-") as root:
        folder, store = Path(root) / "data", Path(root) / "history"
        os.environ["DASHBOARD_HISTORY_DIR"] = str(store)
        print(prepare(Path(args.data_dir), folder, args.share))
        for code in [str(PROJECT_ROOT), *args.code]:
            runs = [_child(code, folder, store) for _ in range(args.runs)]
            _report(code, runs)


def prepare(source: Path, folder: Path, share: float) -> str:
    """The copy, recorded before and after its edit; the versions in words."""
    import numpy as np
    import pandas as pd

    from dashboard.cli import main as cli

    shutil.copytree(source, folder)
    _record(cli, folder)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(1)
    touched = max(4, int(len(events) * share))
    picked = rng.choice(len(events), size=touched, replace=False)
    revised, removed = picked[: touched // 2], picked[touched // 2 : 3 * touched // 4]
    grades = np.array(["verified", "reported", "claimed", "disputed"], dtype=object)
    events.loc[revised, "verification"] = grades[rng.integers(0, 4, len(revised))]
    added = events.iloc[removed].assign(event_id=[f"added-{i}" for i in range(len(removed))])
    events = pd.concat([events.drop(index=removed), added], ignore_index=True)
    events.to_csv(folder / "events.csv", index=False)
    return _record(cli, folder)


def _record(cli, folder: Path) -> str:
    out = io.StringIO()
    if cli(["history", str(folder)], out, io.StringIO()) != 0:
        raise SystemExit(f"cannot record {folder}")
    return out.getvalue().rstrip()


def _child(code: str, folder: Path, store: Path) -> dict:
    environ = {
        **os.environ,
        "PYTHONPATH": code,
        "PYTHONDONTWRITEBYTECODE": "1",
        "DASHBOARD_HISTORY_DIR": str(store),
        "DASHBOARD_DATA_DIR": str(folder),
    }
    result = subprocess.run(
        [sys.executable, __file__, "--data-dir", str(folder), "--one-run"],
        cwd=code,
        env=environ,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(f"{code}: the run failed\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def one_run(folder: Path) -> dict:
    """In this process: the bare read, the app loaded, the changes view's first open."""
    import pyarrow.csv as pacsv
    from streamlit.testing.v1 import AppTest

    started = time.perf_counter()
    pacsv.read_csv(folder / "events.csv")
    bare = time.perf_counter() - started
    app = AppTest.from_file(str(Path.cwd() / "dashboard" / "app.py"), default_timeout=900)
    app.run()
    while any(t.name.endswith("(_run)") for t in threading.enumerate()):
        time.sleep(0.2)  # the background recording (dashboard.history.changes.Recorder)
    started = time.perf_counter()
    app.segmented_control(key="view").set_value("changes").run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    app.run()
    again = time.perf_counter() - started
    if app.exception:
        raise RuntimeError([e.value for e in app.exception])
    shown = [c.value for c in app.caption if c.value.startswith("From ")]
    return {"bare": bare, "first": first, "again": again, "shown": shown[:1]}


def _report(code: str, runs: list[dict]) -> None:
    first = statistics.median(r["first"] for r in runs)
    bare = statistics.median(r["bare"] for r in runs)
    ratios = sorted(r["first"] / r["bare"] for r in runs)
    again = statistics.median(r["again"] for r in runs)
    print(
        f"{code}: first open {first:.2f} s (median of {len(runs)}; "
        f"x{statistics.median(ratios):.2f} the bare read, {ratios[0]:.2f}–{ratios[-1]:.2f}); "
        f"bare read of events.csv {bare:.2f} s; a rerun {again:.2f} s; {runs[0]['shown']}"
    )


if __name__ == "__main__":
    main()
