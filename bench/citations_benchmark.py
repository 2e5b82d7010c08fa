"""What citations cost: load and validation of a synthetic dataset with its citations.csv
(three per event, one per claim) against the same dataset without it, and the
``confirmations`` filter against the verification filter. Not part of the test run.

    python -m bench.citations_benchmark [--events 100000 1000000] [--rounds 3]

Each load runs in a fresh process (so nothing is shared through caches or the allocator);
the figures are medians, stated as ratios to the load without citations measured in the
same run (the target: at most 1.5 times), in wall-clock seconds and in the process's CPU
seconds (all threads), which a busy machine blurs less.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, os, sys, time
os.environ["DASHBOARD_CACHE_DIR"] = "off"
from dashboard.contract.loader import load_dataset
from dashboard.query.filters import Filters, apply_filters
started, cpu_started = time.perf_counter(), time.process_time()
dataset = load_dataset(sys.argv[1])
load = time.perf_counter() - started
load_cpu = time.process_time() - cpu_started
started = time.perf_counter()
apply_filters(dataset, Filters(verification="unverified"))
verification = time.perf_counter() - started
started = time.perf_counter()
apply_filters(dataset, Filters(confirmations=1))
confirmations = time.perf_counter() - started
rows = {name: len(table) for name, table in dataset.tables.items()}
print(json.dumps({"load": load, "load_cpu": load_cpu, "verification": verification,
                  "confirmations": confirmations, "rows": rows,
                  "errors": len(dataset.errors)}))
"""


def measure(directory: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(directory)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def without_citations(directory: Path, target: Path) -> Path:
    """A copy of ``directory`` without citations.csv and without the sources' two new
    columns: the dataset as it was before citations."""
    shutil.copytree(directory, target)
    (target / "citations.csv").unlink()
    with (target / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row[:7] for row in csv.reader(handle)]
    with (target / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    from dashboard.synth.basic import write_synthetic

    print(
        "| events | citations | load s without | load s with | ratio | load CPU s without "
        "| load CPU s with | CPU ratio | verification filter s | confirmations filter s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for events in options.events:
        with tempfile.TemporaryDirectory() as folder:
            cited = Path(folder) / "cited"
            write_synthetic(cited, events, seed=0)
            plain = without_citations(cited, Path(folder) / "plain")
            runs: dict[str, list[dict]] = {"plain": [], "cited": []}
            for _ in range(options.rounds):  # alternate, so load changes hit both alike
                runs["plain"].append(measure(plain))
                runs["cited"].append(measure(cited))
            before = statistics.median(r["load"] for r in runs["plain"])
            after = statistics.median(r["load"] for r in runs["cited"])
            cpu_before = statistics.median(r["load_cpu"] for r in runs["plain"])
            cpu_after = statistics.median(r["load_cpu"] for r in runs["cited"])
            by_verification = statistics.median(r["verification"] for r in runs["cited"])
            by_confirmations = statistics.median(r["confirmations"] for r in runs["cited"])
            citations = runs["cited"][0]["rows"].get("citations", 0)
            assert runs["cited"][0]["errors"] == 0 and runs["plain"][0]["errors"] == 0
            print(
                f"| {events:,} | {citations:,} | {before:.2f} | {after:.2f} | "
                f"{after / before:.2f} | {cpu_before:.2f} | {cpu_after:.2f} | "
                f"{cpu_after / cpu_before:.2f} | {by_verification:.3f} | {by_confirmations:.3f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
