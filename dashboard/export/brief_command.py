"""``python -m dashboard brief``: the brief of a filtered view written to a new file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from dashboard.cli import EXIT_CLEAN, EXIT_UNREADABLE, chosen_view
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import format_of, render_brief, write_new_file
from dashboard.runtime import clock


def run_brief(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the brief; 0 written (even with rejected rows), 2 on bad input or no write."""
    fmt = args.fmt or format_of(args.out) or "pdf"
    chosen = chosen_view(args, err)
    if isinstance(chosen, int):
        return chosen
    dataset, view = chosen
    brief = build_brief(dataset, view.filters, view, clock.today(), since=args.since)
    try:
        write_new_file(Path(args.out), render_brief(brief, fmt))
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror or error}", file=err)
        return EXIT_UNREADABLE
    print(f"wrote {args.out}: {fmt} brief of {brief.filters}", file=out)
    if dataset.rows_rejected:
        noun = "row" if dataset.rows_rejected == 1 else "rows"
        print(
            f"warning: {dataset.rows_rejected} {noun} of the data rejected and left out of the "
            f"brief; see python -m dashboard validate {dataset.data_dir}",
            file=err,
        )
    return EXIT_CLEAN
