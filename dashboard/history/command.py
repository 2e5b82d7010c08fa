"""The commands ``diff OLD NEW``, ``history [DATA_DIR]`` and ``changes [DATA_DIR] --since
WHEN``. Exit codes as ``diff``'s: 0 the same, 1 different, 2 trouble (then nothing is
written)."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pandas as pd

from dashboard.history.diff import DatasetDiff, DiffError, diff_versions
from dashboard.history.log import VersionLog
from dashboard.history.notable import crossing_changes, notable_changes
from dashboard.history.record import record_dataset
from dashboard.history.report import json_text, table_diff_csv, text_lines
from dashboard.history.since import SinceError, parse_when
from dashboard.history.store import HistoryError, Version

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
FORMATS = ("text", "json", "csv")


def compare(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> DatasetDiff:
    """The diff of two versions' canonical tables, with the notable changes in words."""
    tables = diff_versions(old, new)
    return DatasetDiff(tables, notable_changes(tables, old, new), crossing_changes(old, new))


def add_history_parsers(commands: argparse._SubParsersAction) -> None:
    """``diff``, ``history`` and ``changes``."""
    diff = commands.add_parser(
        "diff", help="compare two versions (data directories or snapshot ZIPs)"
    )
    diff.add_argument("old", metavar="OLD", help="a data directory or a snapshot ZIP")
    diff.add_argument("new", metavar="NEW", help="a data directory or a snapshot ZIP")
    _add_output(diff)
    history = commands.add_parser("history", help="list the versions of a data directory")
    history.add_argument("data_dir", nargs="?", default=None, metavar="DATA_DIR")
    changes = commands.add_parser("changes", help="what changed in a data directory since WHEN")
    changes.add_argument("data_dir", nargs="?", default=None, metavar="DATA_DIR")
    changes.add_argument(
        "--since",
        required=True,
        metavar="WHEN",
        help="a version id (v12, or g and a commit), an ISO date or date-time (UTC)",
    )
    _add_output(changes)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="write here instead of printing (a new file; for csv a new or empty folder)",
    )


def run_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dashboard.history.inputs import check_same_dataset, open_side

    try:
        old, new = open_side(args.old), open_side(args.new)
        for side in (old, new):
            if not side.manifest:  # a data directory: keep this version in the history
                record_dataset(side.dataset, side.tables)
        check_same_dataset(old, new)
        _same_selection(old, new)
        if old.manifest or new.manifest:
            for side in (old, new):
                side.tables = document_names(side.tables)
        difference = compare(old.tables, new.tables)
    except DiffError as error:
        print(f"error: {error}", file=err)
        return EXIT_TROUBLE
    return _emit(difference, f"{args.old} → {args.new}", args, out, err)


def _same_selection(old, new) -> None:
    """Two snapshots of different filters would differ by their filters alone."""
    old_filter = old.manifest.get("filters", {}).get("query", "")
    new_filter = new.manifest.get("filters", {}).get("query", "")
    if old.manifest and new.manifest and old_filter != new_filter:
        raise DiffError(
            f"{old.label} was filtered “{old_filter or 'not at all'}” and {new.label} "
            f"“{new_filter or 'not at all'}”: they hold different selections"
        )


def document_names(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Sources' documents by file name alone: a snapshot moves them to documents/<name>."""
    if "sources" not in tables:
        return tables
    sources = tables["sources"].copy()
    sources["document"] = sources["document"].str.rsplit("/", n=1).str[-1]
    return {**tables, "sources": sources}


def run_history(args: argparse.Namespace, out: TextIO, err: TextIO, load: Callable) -> int:
    dataset = _load(args.data_dir, err, load)
    if dataset is None:
        return EXIT_TROUBLE
    recorded = record_dataset(dataset)
    if recorded.note:
        print(f"note: {recorded.note}", file=err)
    log = VersionLog(Path(dataset.data_dir), recorded.store)
    try:
        versions = log.versions()
    except HistoryError as error:
        print(f"error: {error}", file=err)
        return EXIT_TROUBLE
    for version in versions:
        print(version_line(version, recorded.version), file=out)
    if not versions:
        print("no versions known", file=out)
    return EXIT_SAME


def version_line(version: Version, current: Version | None = None) -> str:
    """'v3  first seen 2025-10-20 18:00 UTC  events 17, claims 18 …  (current)'."""
    rows = ", ".join(f"{name} {count:,}" for name, count in version.rows.items()) or "rows —"
    parts = [version.id, version.time_words, rows]
    if version.message:
        parts.append(f"“{version.message}”")
    if current is not None and version.id == current.id:
        parts.append("(current)")
    return "  ".join(parts)


def run_changes(args: argparse.Namespace, out: TextIO, err: TextIO, load: Callable) -> int:
    try:
        when = parse_when(args.since)
    except SinceError as error:
        print(f"error: {error}", file=err)
        return EXIT_TROUBLE
    dataset = _load(args.data_dir, err, load)
    if dataset is None:
        return EXIT_TROUBLE
    from dashboard.history.inputs import canonical_tables

    tables = canonical_tables(dataset)
    recorded = record_dataset(dataset, tables)
    if recorded.note:
        print(f"note: {recorded.note}", file=err)
    log = VersionLog(Path(dataset.data_dir), recorded.store)
    try:
        version, note = log.at(when)
        if version is None:
            print(f"error: {note}", file=err)
            return EXIT_TROUBLE
        if note:
            print(f"note: {note}", file=err)
        difference = compare(log.tables(version), tables)
    except (HistoryError, DiffError) as error:
        print(f"error: {error}", file=err)
        return EXIT_TROUBLE
    heading = f"{dataset.shown_dir}: since {version.id} ({version.time_words}) → now"
    return _emit(difference, heading, args, out, err)


def _load(data_dir: str | None, err: TextIO, load: Callable):
    from dashboard.contract.loader import DataDirectoryError

    try:
        return load(data_dir)
    except DataDirectoryError as error:
        print(f"error: {error}", file=err)
        return None


def _emit(difference: DatasetDiff, heading: str, args, out: TextIO, err: TextIO) -> int:
    code = EXIT_SAME if difference.same else EXIT_DIFFERENT
    try:
        if args.format == "csv":
            if not args.out:
                print("error: --format csv writes one file per table: give --out DIR", file=err)
                return EXIT_TROUBLE
            written = write_csv_folder(difference, Path(args.out))
            print(f"wrote {args.out}: {', '.join(written) or 'no differences'}", file=out)
            return code
        text = (
            json_text(difference)
            if args.format == "json"
            else "\n".join(text_lines(difference, heading)) + "\n"
        )
        if args.out:
            write_new_file(Path(args.out), text.encode("utf-8"))
        else:
            out.write(text)
    except (OSError, DiffError) as error:
        print(f"error: {error}", file=err)
        return EXIT_TROUBLE
    return code


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that does not exist yet (never replaces one): aside, then linked in."""
    if path.exists() or path.is_symlink():
        raise DiffError(f"{path} exists; the diff never replaces a file: choose a new name")
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "wb") as sink:
            sink.write(data)
        os.link(staged, path)  # fails if the name was taken meanwhile
    finally:
        os.unlink(staged)


def write_csv_folder(difference: DatasetDiff, folder: Path) -> list[str]:
    """One CSV per table with differences into a new (or empty) folder; the names."""
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        raise DiffError(f"{folder} exists and is not an empty folder; choose a new one")
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent or "."))
    try:
        names = []
        for name, table in difference.tables.items():
            (staging / f"{name}.csv").write_bytes(table_diff_csv(table))
            names.append(f"{name}.csv")
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.rename(staging, folder)
        return names
    except BaseException:
        for child in staging.iterdir():
            child.unlink()
        staging.rmdir()
        raise
