"""Command line: ``python -m dashboard validate [DATA_DIR]``, ``datapackage``, ``snapshot``,
``brief``, ``synth``, ``import``, ``serve``, and ``diff``, ``history`` and ``changes``
(dashboard/history/).

Modules only one command needs are imported inside that command, so that ``validate`` starts
fast; no command imports Streamlit or Altair (a test says so).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from dashboard.contract.dataset import DataDirectoryError, Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import DATE_PATTERN, EVENT_TYPES
from dashboard.query.filters import VERIFICATION_CHOICES, FilteredView, apply_filters
from dashboard.query.link import filters_from_query, selection_query
from dashboard.query.words import view_caption
from dashboard.runtime.config import data_dir_from

EXIT_CLEAN = 0
EXIT_REJECTED = 1
EXIT_UNREADABLE = 2


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run a command and return its exit code."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.data_dir, out)
    if args.command == "datapackage":
        return write_datapackage(args.data_dir, out)
    if args.command == "snapshot":
        return snapshot(args, out, err or sys.stderr)
    if args.command == "brief":
        from dashboard.export.brief_command import run_brief  # only this command needs it

        return run_brief(args, out, err or sys.stderr)
    if args.command == "synth":
        return synth(args, out)
    if args.command == "import":
        from dashboard.importers.command import run_import  # only this command needs it

        record_version(args.out)  # the folder as it was, before the import replaces it
        code = run_import(args, out, err or sys.stderr)
        if code != EXIT_UNREADABLE:
            record_version(args.out)  # rows gone from the export show as removed
        return code
    if args.command == "serve":
        return serve(args, out, err or sys.stderr)
    if args.command in ("diff", "history", "changes"):
        from dashboard.history import command

        run = {"diff": command.run_diff, "history": command.run_history}
        run["changes"] = command.run_changes
        extra = () if args.command == "diff" else (_load_recorded,)
        return run[args.command](args, out, err or sys.stderr, *extra)
    parser.print_help(out)
    return EXIT_UNREADABLE


def validate(data_dir: str | None, out: TextIO) -> int:
    """Print every problem, one per line, then a summary; 0 clean, 1 errors, 2 unreadable."""
    try:
        dataset = load_dataset(_chosen_data_dir(data_dir))
    except DataDirectoryError as error:
        print(f"error: {error}", file=out)
        return EXIT_UNREADABLE
    _record(dataset)
    for problem in dataset.problems:
        print(problem, file=out)
    print(summary_line(dataset), file=out)
    return EXIT_REJECTED if dataset.errors else EXIT_CLEAN


def write_datapackage(data_dir: str | None, out: TextIO) -> int:
    """(Re)write DATA_DIR/datapackage.json from the contract, keeping title and description."""
    from dashboard.contract.datapackage import describe_directory, write_descriptor

    directory = _chosen_data_dir(data_dir)
    if not directory.is_dir():
        print(f"error: data directory {directory} does not exist", file=out)
        return EXIT_UNREADABLE
    descriptor = describe_directory(directory)
    write_descriptor(directory / "datapackage.json", descriptor)
    names = ", ".join(r["name"] for r in descriptor["resources"])
    print(f"wrote {directory / 'datapackage.json'} ({names})", file=out)
    return EXIT_CLEAN


def snapshot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the filtered snapshot ZIP to a new file; 0 written (even with rejected rows), 2 on
    bad input or when nothing could be written (``--out`` exists: it is never overwritten)."""
    from dashboard.export.newfile import warn_about_rejected_rows, write_output
    from dashboard.export.snapshot import build_snapshot

    chosen = chosen_view(args, err)
    if isinstance(chosen, int):
        return chosen
    dataset, view = chosen
    if not write_output(args.out, build_snapshot(dataset, view), err):
        return EXIT_UNREADABLE
    print(_snapshot_line(args.out, dataset, view), file=out)
    warn_about_rejected_rows(dataset, "snapshot", err)
    return EXIT_CLEAN


def chosen_view(args: argparse.Namespace, err: TextIO) -> tuple[Dataset, FilteredView] | int:
    """The data directory loaded and filtered by the filter flags (``--party``, ``--from``,
    ``--to``, ``--verification``, ``--type``), or EXIT_UNREADABLE after saying why."""
    problem = _unknown_values(args.types, EVENT_TYPES, "event type")
    if problem is None and args.date_from and args.date_to and args.date_from > args.date_to:
        problem = f"--from {args.date_from} is after --to {args.date_to}"
    if problem is not None:
        print(f"error: {problem}", file=err)
        return EXIT_UNREADABLE
    try:
        dataset = load_dataset(_chosen_data_dir(args.data_dir))
    except DataDirectoryError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    _record(dataset)
    party_ids = list(dataset.tables["parties"]["party_id"])
    problem = _unknown_values(args.parties, party_ids, "party id")
    if problem is not None:
        print(f"error: {problem}", file=err)
        return EXIT_UNREADABLE
    query = selection_query(
        args.parties,
        (args.date_from, args.date_to),
        args.verification,
        args.types,
        args.confirmations,
    )
    filters, _ = filters_from_query(query, party_ids)  # every value was checked above
    return dataset, apply_filters(dataset, filters)


def _record(dataset: Dataset) -> None:
    """Keep this version in the history store (never fails the command)."""
    from dashboard.history.record import record_dataset

    record_dataset(dataset)


def record_version(data_dir: str) -> None:
    """Load and record a folder that may not exist or load yet (never fails the command)."""
    directory = Path(data_dir)
    if not (directory / "events.csv").is_file():
        return  # not (yet) a data directory
    try:
        _record(load_dataset(directory))
    except DataDirectoryError:
        return


def _load_recorded(data_dir: str | None) -> Dataset:
    """The chosen data directory, loaded (the history commands record it themselves)."""
    return load_dataset(_chosen_data_dir(data_dir))


def synth(args: argparse.Namespace, out: TextIO) -> int:
    """Write a synthetic data directory of ``--events`` events into ``--out``."""
    from dashboard.synth.basic import write_synthetic  # only this command needs it
    from dashboard.synth.realistic import write_realistic

    write = write_realistic if args.profile == "realistic" else write_synthetic
    counts = write(args.out, args.events, args.seed)
    print(
        f"wrote {args.out}: {counts.events} events, {counts.claims} claims on "
        f"{counts.topics} topics, {counts.crossings} crossings with "
        f"{counts.crossing_status} status reports, {counts.sources} sources "
        f"({args.profile} profile, seed {args.seed})",
        file=out,
    )
    return EXIT_CLEAN


def serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Start ``--replicas`` replicas behind HAProxy on ``--port``; run until Ctrl-C."""
    from dashboard.runtime.serve import Deployment, ServeError, serve  # only this command needs it

    data_dir = Path(args.data_dir) if args.data_dir else None
    deployment = Deployment(args.replicas, args.port, data_dir, heartbeat=args.heartbeat)
    try:
        return serve(deployment, out)
    except ServeError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _unknown_values(values: Sequence[str], known: Sequence[str], noun: str) -> str | None:
    """A message naming the first value not in ``known``, or None."""
    for value in values:
        if value not in known:
            return f"unknown {noun} {value!r} (choose from: {', '.join(known)})"
    return None


def _snapshot_line(path: str, dataset: Dataset, view: FilteredView) -> str:
    """'wrote FILE: <filter words>; rows: sources 1, parties 2, ...'."""
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in view.tables.items())
    return f"wrote {path}: {view_caption(dataset, view)}; rows: {counts}"


def _iso_date(value: str) -> date:
    """An argparse type: a real date written YYYY-MM-DD."""
    try:
        if re.fullmatch(DATE_PATTERN, value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a real date written YYYY-MM-DD")


def summary_line(dataset: Dataset) -> str:
    """One line: tables read, rows kept and rejected, problems by severity."""
    errors = len(dataset.errors)
    warnings = len(dataset.problems) - errors
    verdict = "clean" if not dataset.problems else f"{errors} errors, {warnings} warnings"
    return (
        f"{dataset.data_dir}: {len(dataset.counts)} tables, {dataset.rows_kept} rows kept, "
        f"{dataset.rows_rejected} rejected: {verdict}"
    )


def _chosen_data_dir(data_dir: str | None) -> Path:
    """DATA_DIR as given, else $DASHBOARD_DATA_DIR, else data/ (as the app finds it)."""
    return _shown(data_dir_from(data_dir, os.environ))


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
    _add_data_dir(check)
    describe = commands.add_parser(
        "datapackage", help="write DATA_DIR/datapackage.json from the contract"
    )
    _add_data_dir(describe)
    _add_snapshot_parser(commands)
    _add_brief_parser(commands)
    from dashboard.importers.command import add_import_parser

    add_import_parser(commands, _iso_date)
    from dashboard.history.command import add_history_parsers

    add_history_parsers(commands)
    make = commands.add_parser("synth", help="write a synthetic data directory of N events")
    make.add_argument("--events", type=_positive, required=True, metavar="N")
    make.add_argument("--out", required=True, metavar="DIR", help="folder to write (created)")
    make.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    make.add_argument(
        "--profile",
        choices=("basic", "realistic"),
        default="basic",
        help="basic: a few parties, for benchmarks; realistic: decades, dozens of parties "
        "with a skewed prominence, many outlets, numeric topics with ranges",
    )
    _add_serve_parser(commands)
    return parser


def _add_serve_parser(commands: argparse._SubParsersAction) -> None:
    """``serve --replicas N --port P [--data-dir DIR] [--heartbeat SECONDS]``."""
    run = commands.add_parser(
        "serve", help="start N dashboard replicas behind HAProxy on loopback (deploy/)"
    )
    run.add_argument("--replicas", type=_positive, default=2, metavar="N", help="default 2")
    run.add_argument("--port", type=_positive, default=8600, metavar="P", help="default 8600")
    run.add_argument("--data-dir", metavar="DIR", help="default: $DASHBOARD_DATA_DIR, else data/")
    run.add_argument(
        "--heartbeat",
        type=float,
        default=None,
        metavar="SECONDS",
        help="interval of the timed fragment that makes a page run the app again when it "
        "reconnects to another replica (default: $DASHBOARD_HEARTBEAT_SECONDS, else 600; "
        "0 turns it off; see the README's 'Sharing it')",
    )


def _add_snapshot_parser(commands: argparse._SubParsersAction) -> None:
    """``snapshot [--data-dir DIR] [--party ID ...] [--from DATE] [--to DATE] ... --out ZIP``."""
    snap = commands.add_parser(
        "snapshot", help="write the filtered tables, documents and a manifest to a ZIP"
    )
    _add_data_dir(snap, "--data-dir")
    _add_filter_flags(snap)
    snap.add_argument("--out", required=True, metavar="FILE.zip", help="the ZIP to write")


def _add_data_dir(command: argparse.ArgumentParser, option: str | None = None) -> None:
    """The data directory to read, as an optional DATA_DIR or as ``option`` (--data-dir)."""
    help_text = "data directory (default: $DASHBOARD_DATA_DIR, else the project's data/)"
    if option:
        command.add_argument(option, dest="data_dir", metavar="DIR", help=help_text)
    else:
        command.add_argument("data_dir", nargs="?", default=None, help=help_text)


def _add_filter_flags(command: argparse.ArgumentParser) -> None:
    """The view's filters as flags, as the snapshot and the brief take them."""
    many = {"nargs": "+", "action": "extend", "default": []}
    command.add_argument("--party", dest="parties", metavar="ID", help="party id", **many)
    command.add_argument(
        "--from", dest="date_from", type=_iso_date, metavar="DATE", help="YYYY-MM-DD"
    )
    command.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="YYYY-MM-DD")
    command.add_argument("--verification", choices=VERIFICATION_CHOICES, default="all")
    command.add_argument("--type", dest="types", metavar="TYPE", help="event type", **many)
    command.add_argument(
        "--confirmations",
        type=int,
        choices=(0, 1, 2, 3),
        default=0,
        help="least independent confirmations a fact must have",
    )


def _add_brief_parser(commands: argparse._SubParsersAction) -> None:
    """``brief [DATA_DIR] [filter flags] [--since DATE] --format pdf|md|html --out FILE``."""
    brief = commands.add_parser(
        "brief", help="write a one- or two-page brief of the filtered view (PDF, Markdown, HTML)"
    )
    _add_data_dir(brief)
    _add_filter_flags(brief)
    brief.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="add what changed on or after DATE (YYYY-MM-DD), by the data's own dates",
    )
    brief.add_argument(
        "--format",
        dest="fmt",
        choices=("pdf", "md", "html"),
        help="default: from the --out suffix (.pdf, .md, .html), else pdf",
    )
    brief.add_argument("--out", required=True, metavar="FILE", help="a new file to write")
