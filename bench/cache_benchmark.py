"""Benchmark of the warm-start cache (dashboard/runtime/cache.py). Not part of the test run.

    python -m bench.cache_benchmark --data-dir /tmp/synth-1m [--rounds 3]

Each figure comes from a fresh Python process (as a server restart is), on files the OS
has cached, so that it measures the work and not the disk:

- pyarrow: ``pyarrow.csv.read_csv`` of every CSV file, the floor;
- cold load: ``load_dataset`` (read, validate, type), no cache involved;
- cold load + store: ``load_dataset_cached`` with an empty cache folder;
- fingerprint: ``load_fingerprint`` alone (what every warm start pays first);
- warm load: ``load_dataset_cached`` from the stored entry (files read into memory and
  their checksums checked: dashboard/runtime/cache.py's ``CHECKSUM``);
- read entry files: every file of the entry read into memory, nothing else (what a warm
  start pays before hashing);
- checksum sha256 / checksum blake2b: that read, then each file hashed with the algorithm
  (the warm load uses ``CHECKSUM``; the other one shows what the choice costs here).

It prints the median of ``--rounds`` processes per figure, its ratio to pyarrow's read, the
CPU time of the step (all threads: a figure a busy machine blurs less than the wall time),
and the peak resident memory of those processes (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "pyarrow",
    "cold load",
    "cold load + store",
    "fingerprint",
    "warm load",
    "read entry files",
    "checksum sha256",
    "checksum blake2b",
)


def measure(step: str, data_dir: Path, cache_dir: Path) -> dict:
    """One step in this process: seconds and peak memory."""
    import pyarrow.csv as pacsv

    from dashboard.contract.loader import load_dataset
    from dashboard.runtime.cache import load_dataset_cached, load_fingerprint

    started, cpu_started = time.perf_counter(), time.process_time()
    if step == "pyarrow":
        for path in sorted(data_dir.glob("*.csv")):
            pacsv.read_csv(path)
    elif step == "cold load":
        load_dataset(data_dir)
    elif step == "fingerprint":
        load_fingerprint(data_dir)
    elif step in ("read entry files", "checksum sha256", "checksum blake2b"):
        read_and_hash(cache_dir, step.removeprefix("checksum ") if "checksum" in step else None)
    else:  # both cached steps; the caller empties the cache folder before a cold one
        load_dataset_cached(data_dir, cache_dir)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu_s": cpu, "peak_mib": peak}


def read_and_hash(cache_dir: Path, algorithm: str | None) -> None:
    """Read every file of the stored entry as a warm load does, hashing it if asked."""
    import hashlib

    from dashboard.runtime.cachedir import read_entry_file

    for path in sorted(cache_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            data = read_entry_file(path, path.stat().st_size)
            if algorithm:
                hashlib.new(algorithm, data).hexdigest()


def in_fresh_process(step: str, data_dir: Path, cache_dir: Path) -> dict:
    command = [sys.executable, "-m", "bench.cache_benchmark", "--data-dir", str(data_dir)]
    command += ["--cache-dir", str(cache_dir), "--step", step]
    result = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cache_benchmark")
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(measure(args.step, args.data_dir, args.cache_dir)))
        return 0
    figures: dict[str, list[dict]] = {step: [] for step in STEPS}
    with tempfile.TemporaryDirectory(prefix="cache-bench-") as folder:
        cache_dir = Path(folder) / "cache"
        for _ in range(args.rounds):
            for step in STEPS:
                if step == "cold load + store":
                    shutil.rmtree(cache_dir, ignore_errors=True)
                figures[step].append(in_fresh_process(step, args.data_dir, cache_dir))
        size = sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file())
    print(format_table(figures, args.rounds))
    print(f"\nCache entry on disk: {size / 2**20:,.0f} MiB; data directory: {args.data_dir}")
    return 0


def format_table(figures: dict[str, list[dict]], rounds: int) -> str:
    base = statistics.median(f["seconds"] for f in figures["pyarrow"])
    lines = [
        f"| step (median of {rounds} fresh processes) | s | x pyarrow | CPU s | peak MiB |",
        "| --- | --- | --- | --- | --- |",
    ]
    for step, runs in figures.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu_s"] for r in runs)
        peak = max(r["peak_mib"] for r in runs)
        lines.append(f"| {step} | {seconds:.3f} | {seconds / base:.2f} | {cpu:.3f} | {peak:,.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
