"""``python -m dashboard import ucdp|acled FILE --out DIR [--country NAME ...]
[--from DATE] [--to DATE] [--reliability FILE]``: the command's parser and its run."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from dashboard.importers.acled import import_acled
from dashboard.importers.common import ImportOptions, ImportResult
from dashboard.importers.failure import ImportFailure
from dashboard.importers.report import write_import_report
from dashboard.importers.ucdp import import_ucdp

IMPORTERS: dict[str, Callable[[Path, Path, ImportOptions], ImportResult]] = {
    "ucdp": import_ucdp,
    "acled": import_acled,
}
HELP = {
    "ucdp": "a UCDP GED CSV (the published layout or the humanitarian-portal export)",
    "acled": "an ACLED CSV export (either date style; the humanitarian-portal copy too)",
}
EXIT_CLEAN, EXIT_REPORTED, EXIT_FAILED = 0, 1, 2


def add_import_parser(commands: argparse._SubParsersAction, iso_date: Callable) -> None:
    """``import ucdp|acled FILE --out DIR [--country NAME ...] [--from DATE] [--to DATE]
    [--reliability FILE]``."""
    parser = commands.add_parser(
        "import", help="write a data directory from a UCDP GED or ACLED export"
    )
    datasets = parser.add_subparsers(dest="dataset", required=True, metavar="ucdp|acled")
    for name, words in HELP.items():
        sub = datasets.add_parser(name, help=f"import {words}")
        sub.add_argument("file", metavar="FILE", help=words)
        sub.add_argument("--out", required=True, metavar="DIR", help="data directory to write")
        many = {"nargs": "+", "action": "extend", "default": []}
        sub.add_argument(
            "--country", dest="countries", metavar="NAME", help="keep these countries", **many
        )
        sub.add_argument(
            "--from", dest="date_from", type=iso_date, metavar="DATE", help="YYYY-MM-DD"
        )
        sub.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help="YYYY-MM-DD")
        sub.add_argument(
            "--reliability",
            metavar="FILE",
            help="CSV of publisher,reliability (A-F) for the outlets; others get F",
        )


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Import, print every reported row and a summary; 0 all imported or filtered out,
    1 some rows reported, 2 nothing written (unreadable file, not the layout, bad options)."""
    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"error: --from {args.date_from} is after --to {args.date_to}", file=err)
        return EXIT_FAILED
    options = ImportOptions(
        tuple(dict.fromkeys(args.countries)),
        args.date_from,
        args.date_to,
        Path(args.reliability) if args.reliability else None,
    )
    try:
        result = IMPORTERS[args.dataset](Path(args.file), Path(args.out), options)
    except ImportFailure as failure:
        print(f"error: {failure}", file=err)
        return EXIT_FAILED
    for problem in result.problems:
        print(problem, file=out)
    print(result.summary(), file=out)
    write_import_report(result.out, result.problems)
    if options.countries and result.imported == 0:
        print(
            f"warning: no row is in {', '.join(options.countries)}; check the spelling "
            "against the file's country column",
            file=err,
        )
    return EXIT_REPORTED if result.rows_reported else EXIT_CLEAN
