"""Benchmark of the brief (issue 23; target: 1,000,000 events in at most 5 s, within two
pages). Not part of the test run: timing goals live here, never in a test.

    python -m bench.brief_benchmark --data-dir /tmp/synth-1m [--rounds 3]
    python -m bench.brief_benchmark --events 1000000 [--profile realistic]

Loads the data once (not timed as part of the brief), then per round times the model
(filters applied, aggregates, the two chart specifications), the PDF (charts drawn, Typst)
and the Markdown, and counts the PDF's pages. The first round of a process also starts
vl-convert's JavaScript engine, so it is reported apart. The load is the baseline: the
brief's seconds are also given as a ratio to it, since machines (and, on a shared machine,
runs) differ.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

import pypdf

from dashboard.contract.loader import load_dataset
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import render_brief
from dashboard.query.filters import Filters, apply_filters
from dashboard.runtime import clock


def one_brief(dataset, filters: Filters) -> dict[str, float]:
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


def run(directory: Path, rounds: int) -> None:
    started = time.perf_counter()
    dataset = load_dataset(directory)
    load = time.perf_counter() - started
    events = len(dataset.tables["events"])
    print(f"{directory}: {events:,} events, load {load:.2f} s (baseline)")
    results = [one_brief(dataset, Filters()) for _ in range(rounds + 1)]
    first, rest = results[0], results[1:]
    print(f"first brief of the process: {first['total_pdf']:.2f} s ({first['pages']} pages)")
    for key in ("model", "pdf", "md", "total_pdf"):
        median = statistics.median(r[key] for r in rest)
        print(f"{key:>10}: median {median:.2f} s  x{median / load:.2f} load")
    pages = {r["pages"] for r in results}
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
