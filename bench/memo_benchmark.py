"""Server memory after many distinct filter links (not part of the test run).

Loads a data directory in this process, then opens N links that differ only in their
dates, as N viewers would: each builds its page (the filtered view, kept in the shared
memo) and asks for every table of its view (as the views and the snapshot do). Prints the
resident memory (VmRSS) after the load and every tenth link, and the memo's own estimate.
Target: 100 links at 1,000,000 events keep the process under 2 GiB.

    python -m dashboard synth --events 1000000 --out /tmp/synth-1m-bounds
    python -m bench.memo_benchmark --data-dir /tmp/synth-1m-bounds [--links 100]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from pathlib import Path

from dashboard.contract.loader import load_dataset
from dashboard.query.filters import Filters
from dashboard.query.page import build_page

MEBIBYTE = 1024 * 1024


def rss_mib() -> float:
    """This process's resident memory now, in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--links", type=int, default=100)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    dataset = load_dataset(args.data_dir)
    print(
        f"loaded {len(dataset.tables['events']):,} events in "
        f"{time.perf_counter() - started:.1f} s: RSS {rss_mib():,.0f} MiB"
    )
    first = dataset.tables["events"]["date_start"].min().date()
    peak = rss_mib()
    for link in range(1, args.links + 1):
        filters = Filters(date_from=first + timedelta(days=link))
        page = build_page(dataset, filters, date(2030, 1, 1))
        for name in page.view.tables:
            page.view.tables[name]
        peak = max(peak, rss_mib())
        if link % 10 == 0:
            print(
                f"{link:4d} links: RSS {rss_mib():,.0f} MiB (peak {peak:,.0f}); memo "
                f"{dataset.memo.bytes / MEBIBYTE:,.0f} MiB in {len(dataset.memo)} values "
                f"(budget {dataset.memo.budget / MEBIBYTE:,.0f})"
            )
    verdict = "held" if peak < 2048 else "NOT held"
    print(f"target: under 2 GiB after {args.links} links: {verdict} (peak {peak:,.0f} MiB)")


if __name__ == "__main__":
    main()
