"""Benchmark of the brief (issue 23; target: a brief of 1,000,000 events made in at most
5 s, within two pages). Not part of the test run: timing goals live here, never in a test.

    python -m bench.brief_benchmark --data-dir /tmp/synth-1m [--rounds 3]
    python -m bench.brief_benchmark --events 1000000 [--profile realistic]

The brief is made from a loaded dataset (the dashboard has it in memory; the command loads
it first), so the load is not part of the 5 s: it is measured apart, and so is a bare
pyarrow read of the same CSV files, the baseline the figures are given as ratios to (the
machine, and on a shared machine the moment, change both alike).

Per round: the model (filters applied, aggregates, the two chart specifications), the PDF
(charts drawn by vl-convert, set by Typst) and the Markdown; the PDF's pages are counted.
A "cold" round starts from an empty memo (the command line, or the button before any view
was drawn); a "warm" one reuses the memo the views fill (the button of a page on screen).
The first round of the process also starts vl-convert's engine (on a thread of its own,
while the figures are computed) and Typst's compiler, so it is reported apart.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow.csv
import pypdf

from dashboard.contract.loader import Dataset, load_dataset
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import render_brief
from dashboard.query.filters import Filters, apply_filters
from dashboard.runtime import clock
from dashboard.runtime.memo import Memo


def bare_read(directory: Path) -> float:
    """Seconds pyarrow takes to read every CSV file of ``directory`` into Arrow tables."""
    started = time.perf_counter()
    for path in sorted(directory.glob("*.csv")):
        pyarrow.csv.read_csv(path)
    return time.perf_counter() - started


def one_brief(dataset: Dataset, filters: Filters) -> dict[str, float]:
    """Seconds of each step of one brief, and its page count."""
    started = time.perf_counter()
    view = apply_filters(dataset, filters)
    brief = build_brief(dataset, filters, view, clock.today(), environ={})
    modelled = time.perf_counter()
    pdf = render_brief(brief, "pdf")
    printed = time.perf_counter()
    render_brief(brief, "md")
    written = time.perf_counter()
    return {
        "model": modelled - started,
        "pdf": printed - modelled,
        "md": written - printed,
        "total_pdf": printed - started,
        "pages": len(pypdf.PdfReader(io.BytesIO(pdf)).pages),
    }


def cold(dataset: Dataset) -> Dataset:
    """The dataset with an empty memo: nothing computed by a view is reused."""
    return dataclasses.replace(dataset, memo=Memo())


def report(name: str, results: list[dict[str, float]], baseline: float) -> None:
    for key in ("model", "pdf", "md", "total_pdf"):
        median = statistics.median(r[key] for r in results)
        print(f"{name:>5} {key:>9}: median {median:5.2f} s  x{median / baseline:.2f} bare read")


def run(directory: Path, rounds: int) -> None:
    read = bare_read(directory)
    started = time.perf_counter()
    dataset = load_dataset(directory)
    load = time.perf_counter() - started
    events = len(dataset.tables["events"])
    print(f"{directory}: {events:,} events")
    print(f"bare pyarrow read of the CSVs {read:.2f} s (baseline); load_dataset {load:.2f} s")
    first = one_brief(cold(dataset), Filters())
    print(
        f"first brief of the process (cold, engines starting): {first['total_pdf']:.2f} s "
        f"x{first['total_pdf'] / read:.2f} bare read ({first['pages']} pages)"
    )
    cold_rounds = [one_brief(cold(dataset), Filters()) for _ in range(rounds)]
    warm = cold(dataset)
    one_brief(warm, Filters())  # fills the memo as the page's views would
    warm_rounds = [one_brief(warm, Filters()) for _ in range(rounds)]
    report("cold", cold_rounds, read)
    report("warm", warm_rounds, read)
    pages = {r["pages"] for r in [first, *cold_rounds, *warm_rounds]}
    print(f"pages: {sorted(pages)} (target: at most 2); target 5 s for the PDF brief")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.brief_benchmark")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--profile", choices=("basic", "realistic"), default="basic")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.data_dir is not None:
        run(args.data_dir, args.rounds)
        return
    from dashboard.synth.basic import write_synthetic
    from dashboard.synth.realistic import write_realistic

    write = write_realistic if args.profile == "realistic" else write_synthetic
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "data"
        write(directory, args.events, 0)
        run(directory, args.rounds)


if __name__ == "__main__":
    main()
