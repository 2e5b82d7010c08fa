"""Benchmark: importing a GED-sized UCDP file. Not part of the test run.

    python -m bench.bench_import [--rows 350000] [--seed 0] [--repeat 1]

Writes an invented file in the published UCDP GED layout (``write_ged_like``: all 49
columns, several outlets per row, every precision code, long article and headline text,
some rows with fatalities out of order) into a temporary folder (not timed), reads it
once with ``pyarrow.csv.read_csv`` to warm the OS cache, then measures in this process:

- pyarrow: ``pyarrow.csv.read_csv`` of the file alone, the floor;
- import: ``import_ucdp`` of the same file into a data directory (read, check, map,
  write CSV and datapackage.json).

It prints rows, seconds, rows per second and the ratio of the import to the pyarrow read
(with ``--repeat N``, the fastest of N alternating runs of each, and every run). Nothing
here passes or fails on a timing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from bench.machine import machine_line

GED_HEADER = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
WORDS = [
    "army",
    "attack",
    "village",
    "district",
    "forces",
    "killed",
    "clashes",
    "rebels",
    "militants",
    "police",
    "region",
    "town",
    "convoy",
    "checkpoint",
    "market",
    "province",
    "sources",
    "said",
    "officials",
    "reported",
    "fighting",
    "near",
    "border",
    "camp",
    "base",
    "airstrike",
    "raid",
    "ambush",
    "gunmen",
    "civilians",
    "soldiers",
    "security",
    "operation",
]


def _text(rng, count: int, low: int, high: int) -> np.ndarray:
    """Sentences of ``low`` to ``high`` words from a small vocabulary (drawn from a pool
    of 5,000, so that a large file is written in seconds)."""
    pool_size = 5_000
    lengths = rng.integers(low, high + 1, pool_size)
    words = np.asarray(WORDS, dtype=object)[rng.integers(0, len(WORDS), (pool_size, high))]
    pool = np.array(
        [" ".join(row[:n]).capitalize() for row, n in zip(words, lengths, strict=True)],
        dtype=object,
    )
    return pool[rng.integers(0, pool_size, count)]


def _choose(pool: list[str], rng, count: int, exponent: float = 1.1) -> np.ndarray:
    weights = 1.0 / np.arange(1, len(pool) + 1) ** exponent
    return np.asarray(pool, dtype=object)[rng.choice(len(pool), count, p=weights / weights.sum())]


def write_ged_like(path: Path, rows: int, seed: int = 0) -> None:
    """An invented CSV in the UCDP GED layout with ``rows`` events."""
    rng = np.random.default_rng(seed)
    countries = [f"Country {i}" for i in range(120)]
    groups = [f"Armed Group {i}" for i in range(900)]
    outlets = [f"Outlet {i} News" for i in range(600)]
    country = _choose(countries, rng, rows, 0.9)
    kind = rng.choice(["1", "2", "3"], rows, p=[0.6, 0.15, 0.25])
    side_a = np.where(kind == "2", _choose(groups, rng, rows), "Government of " + country)
    side_b = np.where(kind == "3", "Civilians", _choose(groups, rng, rows))
    sources = rng.integers(1, 4, rows)
    first, second, third = (_choose(outlets, rng, rows) for _ in range(3))
    office = np.where(
        sources == 1,
        first,
        np.where(sources == 2, first + ";" + second, first + ";" + second + ";" + third),
    )
    start = np.datetime64("1989-01-01") + rng.integers(0, 35 * 365, rows).astype("timedelta64[D]")
    date_prec = rng.choice(["1", "2", "3", "4", "5"], rows, p=[0.75, 0.1, 0.06, 0.06, 0.03])
    span = np.select(
        [date_prec == "2", date_prec == "3", date_prec == "4", date_prec == "5"],
        [rng.integers(1, 6, rows), 6, 29, 364],
        0,
    )
    end = start + span.astype("timedelta64[D]")
    best = np.round(np.exp(rng.normal(0.8, 1.5, rows))).astype(int)
    low = np.floor(best * rng.uniform(0.6, 1.0, rows)).astype(int)
    high = np.ceil(best * rng.uniform(1.0, 2.5, rows)).astype(int)
    low[rng.random(rows) < 0.002] += 5  # real files have a few rows out of order
    headline = _text(rng, rows, 6, 14)
    article = _text(rng, rows, 20, 45)
    where = _text(rng, rows, 2, 5)
    latitude = np.round(rng.uniform(-35, 60, rows), 6)
    longitude = np.round(rng.uniform(-120, 150, rows), 6)
    numbers = np.arange(1, rows + 1)
    columns = {
        "id": numbers,
        "relid": np.char.add("REL-", numbers.astype(str)),
        "year": start.astype("datetime64[Y]").astype(int) + 1970,
        "active_year": np.ones(rows, dtype=int),
        "code_status": np.full(rows, "Clear"),
        "type_of_violence": kind,
        "conflict_dset_id": rng.integers(200, 15000, rows),
        "conflict_new_id": rng.integers(200, 15000, rows),
        "conflict_name": np.char.add(country.astype(str), ":Government"),
        "dyad_dset_id": rng.integers(400, 16000, rows),
        "dyad_new_id": rng.integers(400, 16000, rows),
        "dyad_name": np.char.add(np.char.add(side_a.astype(str), " - "), side_b.astype(str)),
        "side_a_dset_id": rng.integers(1, 9000, rows),
        "side_a_new_id": rng.integers(1, 9000, rows),
        "side_a": side_a,
        "side_b_dset_id": rng.integers(1, 9000, rows),
        "side_b_new_id": rng.integers(1, 9000, rows),
        "side_b": side_b,
        "number_of_sources": sources,
        "source_article": article,
        "source_office": office,
        "source_date": np.datetime_as_string(end, unit="D"),
        "source_headline": headline,
        "source_original": _choose(["residents", "police", "military", ""], rng, rows),
        "where_prec": rng.choice(list("1234567"), rows, p=[0.5, 0.2, 0.12, 0.1, 0.03, 0.04, 0.01]),
        "where_coordinates": where,
        "where_description": where,
        "adm_1": _choose([f"Province {i}" for i in range(300)], rng, rows),
        "adm_2": _choose([f"District {i}" for i in range(2000)], rng, rows),
        "latitude": latitude,
        "longitude": longitude,
        "geom_wkt": [f"POINT ({x} {y})" for x, y in zip(longitude, latitude, strict=True)],
        "priogrid_gid": rng.integers(1, 259200, rows),
        "country": country,
        "country_id": rng.integers(2, 990, rows),
        "region": _choose(["Africa", "Asia", "Middle East", "Europe", "Americas"], rng, rows),
        "event_clarity": rng.choice(["1", "2"], rows, p=[0.9, 0.1]),
        "date_prec": date_prec,
        "date_start": np.datetime_as_string(start, unit="D"),
        "date_end": np.datetime_as_string(end, unit="D"),
        "deaths_a": best // 3,
        "deaths_b": best // 3,
        "deaths_civilians": best - 2 * (best // 3),
        "deaths_unknown": np.zeros(rows, dtype=int),
        "best": best,
        "high": high,
        "low": low,
        "gwnoa": rng.integers(2, 990, rows),
        "gwnob": np.full(rows, ""),
    }
    table = pa.table({name: pa.array(columns[name]) for name in GED_HEADER})
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_import")
    parser.add_argument("--rows", type=int, default=350_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure N times, alternating; report the fastest"
    )
    args = parser.parse_args(argv)
    from dashboard.importers.common import ImportOptions
    from dashboard.importers.ucdp import import_ucdp

    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        path = Path(folder) / "GEDEvent_v24_1.csv"
        started = time.perf_counter()
        write_ged_like(path, args.rows, args.seed)
        written = time.perf_counter() - started
        size = path.stat().st_size
        print(
            f"wrote {path.name}: {args.rows:,} rows, {size / 2**20:,.0f} MiB in {written:.1f} s "
            "(not timed below)",
            file=sys.stderr,
        )
        pacsv.read_csv(path)  # warm the OS cache
        arrow_times, import_times = [], []
        for number in range(max(1, args.repeat)):
            started = time.perf_counter()
            pacsv.read_csv(path)
            arrow_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = import_ucdp(path, Path(folder) / f"out-{number}", ImportOptions())
            import_times.append(time.perf_counter() - started)
        arrow_s, import_s = min(arrow_times), min(import_times)
    print(f"machine: {machine_line()}")
    print(
        f"rows {args.rows:,} ({size / 2**20:,.0f} MiB); imported {result.imported:,}, "
        f"reported {result.rows_reported:,}, warnings {result.warnings:,}"
    )
    print(f"import: {import_s:.2f} s, {args.rows / import_s:,.0f} rows/s")
    print(f"pyarrow read_csv: {arrow_s:.2f} s, {args.rows / arrow_s:,.0f} rows/s")
    print(f"import / pyarrow: {import_s / arrow_s:.1f}")
    if args.repeat > 1:
        print("all import s: " + ", ".join(f"{s:.2f}" for s in import_times))
        print("all pyarrow s: " + ", ".join(f"{s:.2f}" for s in arrow_times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
