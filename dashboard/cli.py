"""Command line: ``python -m dashboard validate [DATA_DIR]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dashboard.datapackage import describe_directory, write_descriptor
from dashboard.loader import DEFAULT_DATA_DIR, DataDirectoryError, Dataset, load_dataset

EXIT_CLEAN = 0
EXIT_REJECTED = 1
EXIT_UNREADABLE = 2


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run a command and return its exit code."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.data_dir, out)
    if args.command == "datapackage":
        return write_datapackage(args.data_dir, out)
    parser.print_help(out)
    return EXIT_UNREADABLE


def validate(data_dir: str | None, out: TextIO) -> int:
    """Print every problem, one per line, then a summary; 0 clean, 1 errors, 2 unreadable."""
    try:
        dataset = load_dataset(data_dir or _shown(DEFAULT_DATA_DIR))
    except DataDirectoryError as error:
        print(f"error: {error}", file=out)
        return EXIT_UNREADABLE
    for problem in dataset.problems:
        print(problem, file=out)
    print(summary_line(dataset), file=out)
    return EXIT_REJECTED if dataset.errors else EXIT_CLEAN


def write_datapackage(data_dir: str | None, out: TextIO) -> int:
    """(Re)write DATA_DIR/datapackage.json from the contract, keeping title and description."""
    directory = Path(data_dir) if data_dir else _shown(DEFAULT_DATA_DIR)
    if not directory.is_dir():
        print(f"error: data directory {directory} does not exist", file=out)
        return EXIT_UNREADABLE
    descriptor = describe_directory(directory)
    write_descriptor(directory / "datapackage.json", descriptor)
    names = ", ".join(r["name"] for r in descriptor["resources"])
    print(f"wrote {directory / 'datapackage.json'} ({names})", file=out)
    return EXIT_CLEAN


def summary_line(dataset: Dataset) -> str:
    """One line: tables read, rows kept and rejected, problems by severity."""
    errors = len(dataset.errors)
    warnings = len(dataset.problems) - errors
    verdict = "clean" if not dataset.problems else f"{errors} errors, {warnings} warnings"
    return (
        f"{dataset.data_dir}: {len(dataset.counts)} tables, {dataset.rows_kept} rows kept, "
        f"{dataset.rows_rejected} rejected: {verdict}"
    )


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it lies below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data directory against the contract")
    check.add_argument(
        "data_dir", nargs="?", default=None, help="data directory (default: the project's data/)"
    )
    describe = commands.add_parser(
        "datapackage", help="write DATA_DIR/datapackage.json from the contract"
    )
    describe.add_argument("data_dir", nargs="?", default=None)
    return parser
