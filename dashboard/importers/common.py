"""What the UCDP and ACLED importers share: reading an export, reporting rows, ids,
outlets as sources, filters, and writing a data directory that follows the contract.

Every input row ends up in exactly one of three places: imported, outside the filters
(counted), or reported with its line number and the reason it was not imported. Values
an importer had to change or drop in an imported row are listed as warnings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.contract.datapackage import build_descriptor
from dashboard.contract.loader import (
    DESCRIPTOR_NAME,
    FORMULA_ESCAPE_APOSTROPHE,
    FORMULA_ESCAPE_PROPERTY,
)
from dashboard.contract.problems import Problem
from dashboard.contract.rules import Rows
from dashboard.export.csvsafe import table_csv
from dashboard.export.snapshot import GENERATOR
from dashboard.importers.cells import typed_table
from dashboard.importers.outdir import check_out_folder, file_sha256, write_out_folder
from dashboard.importers.sources import read_reliability
from dashboard.query.selection import overlaps

TABLES_WRITTEN = ("sources", "parties", "events", "citations")
FILES_WRITTEN = frozenset({*(f"{name}.csv" for name in TABLES_WRITTEN), DESCRIPTOR_NAME})
IMPORT_PROPERTY = "dashboard:import"


@dataclass(frozen=True)
class ImportOptions:
    """The command's filters and settings."""

    countries: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    reliability: Path | None = None


@dataclass
class ImportResult:
    """What an import did: counts per outcome, every problem, what was written."""

    source_file: str
    out: Path
    rows_read: int
    imported: int
    outside_filters: int
    problems: list[Problem]
    parties: int
    sources: int

    @property
    def rows_reported(self) -> int:
        """Rows not imported because of a problem (each counted once)."""
        return len({p.line for p in self.problems if p.severity == "error"})

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def summary(self) -> str:
        """One line: what happened to the rows and what was written."""
        return (
            f"{self.source_file}: {self.rows_read:,} rows: {self.imported:,} imported, "
            f"{self.outside_filters:,} outside the filters, {self.rows_reported:,} reported "
            f"and not imported, {self.warnings:,} warnings; wrote {self.out} "
            f"({self.imported:,} events, {self.parties:,} parties, {self.sources:,} sources)"
        )


# --- filters -----------------------------------------------------------------------------


def rows_to_import(
    rows: Rows, options: ImportOptions, country: pd.Series, start: pd.Series, end: pd.Series
) -> tuple[pd.Series, int]:
    """The rows to import and how many the command's filters leave out. A row of another
    country is left out whatever else is wrong with it (its problems are not listed); a
    good row whose date range does not overlap [--from, --to] is left out too (an event
    that overlaps the edge is kept, as in the dashboard). Rows reported for a problem stay
    reported: a bad date cannot be filtered."""
    outside = pd.Series(False, index=rows.index)
    if options.countries:
        wanted = {name.strip().casefold() for name in options.countries}
        outside |= ~country.str.casefold().isin(wanted)
    in_range = overlaps(start, end, options.date_from, options.date_to)
    outside |= rows.ok & ~in_range
    rows.forget(outside)
    return rows.ok & ~outside, int(outside.sum())


# --- writing -----------------------------------------------------------------------------


def write_data_directory(
    out: Path,
    tables: dict[str, pd.DataFrame],
    descriptor: dict,
    record: dict[str, Any],
    inputs: list[Path],
) -> None:
    """The tables as spreadsheet-safe CSV (the snapshot's writer) and the descriptor, as
    the folder ``out`` (see ``outdir``: never over files the import did not write)."""
    files = {f"{name}.csv": table_csv(name, tables[name]) for name in TABLES_WRITTEN}
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    files[DESCRIPTOR_NAME] = text.encode("utf-8")
    write_out_folder(out, files, record, inputs)


def import_descriptor(
    name: str,
    title: str,
    description: str,
    settings: dict[str, Any],
    licenses: list[dict[str, str]],
    origin: dict[str, str],
) -> dict[str, Any]:
    """The output's datapackage.json: the three tables, formula-escaped text, the
    dataset's licence and origin, and the importer's settings under ``dashboard:import``."""
    extra: dict[str, Any] = {FORMULA_ESCAPE_PROPERTY: FORMULA_ESCAPE_APOSTROPHE}
    if licenses:
        extra["licenses"] = licenses
    extra["sources"] = [origin]
    extra[IMPORT_PROPERTY] = {"generator": GENERATOR, **settings}
    return build_descriptor(name, title, description, list(TABLES_WRITTEN), extra)


def settings_record(
    importer: str, path: Path, options: ImportOptions, release: str | None, counts: dict
) -> dict[str, Any]:
    """The importer's settings and input as the descriptor records them (no paths or
    times that would differ between two runs on the same file)."""
    reliability = None
    if options.reliability is not None:
        reliability = {
            "file": options.reliability.name,
            "sha256": file_sha256(options.reliability),
        }
    return {
        "importer": importer,
        "input": {"file": path.name, "sha256": file_sha256(path), "release": release},
        "filters": {
            "country": list(options.countries),
            "from": options.date_from.isoformat() if options.date_from else None,
            "to": options.date_to.isoformat() if options.date_to else None,
        },
        "reliability": reliability,
        "defaults": {"reliability": "F", "verification": "reported"},
        "rows": counts,
    }


def write_import(
    importer: str,
    path: Path,
    out: Path,
    options: ImportOptions,
    release: str | None,
    rows: Rows,
    outside: int,
    tables: dict[str, pd.DataFrame],
    words: tuple[str, str, str],
    license_and_origin: tuple[dict, Any],
) -> ImportResult:
    """Write the imported tables and their descriptor (``words``: package name, title,
    description), and say what became of every row."""
    imported = len(tables["events"])
    counts = {
        "read": rows.rows_read,
        "imported": imported,
        "outside_filters": outside,
        "reported": len({p.line for p in rows.problems if p.severity == "error"}),
    }
    license, origin = license_and_origin
    settings = settings_record(importer, path, options, release, counts)
    descriptor = import_descriptor(*words, settings, [license], origin)
    written = {**tables, "events": typed_table("events", tables["events"])}
    record = {"generator": GENERATOR, "importer": importer, "input": settings["input"]}
    write_data_directory(out, written, descriptor, record, input_files(path, options))
    return ImportResult(
        path.name,
        out,
        rows.rows_read,
        imported,
        outside,
        sorted(rows.problems, key=lambda p: (p.line or 0, p.severity != "error")),
        len(tables["parties"]),
        len(tables["sources"]),
    )


def input_files(path: Path, options: ImportOptions) -> list[Path]:
    """The files an import reads: never inside its output folder."""
    return [path] + ([options.reliability] if options.reliability else [])


def start_import(path: Path, out: Path, options: ImportOptions) -> dict[str, str]:
    """Refuse a bad output folder before any work, then read the reliability file."""
    check_out_folder(out, input_files(path, options))
    return read_reliability(options.reliability) if options.reliability else {}


def countries_suffix(options: ImportOptions) -> str:
    """': Mali, Niger' for a title when the import kept some countries only."""
    return ": " + ", ".join(options.countries) if options.countries else ""
