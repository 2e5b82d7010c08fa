"""``python -m dashboard brief``: the brief of a filtered view written to a new file."""

from __future__ import annotations

import argparse
from typing import TextIO

from dashboard.cli import EXIT_CLEAN, EXIT_UNREADABLE, chosen_view
from dashboard.contract.dataset import Dataset
from dashboard.export.brief import build_brief
from dashboard.export.brief_files import format_of, render_brief
from dashboard.export.newfile import warn_about_rejected_rows, write_output
from dashboard.query.filters import FilteredView
from dashboard.runtime import clock


def run_brief(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the brief; 0 written (even with rejected rows), 2 on bad input or no write."""
    fmt = args.fmt or format_of(args.out) or "pdf"
    chosen = chosen_view(args, err)
    if isinstance(chosen, int):
        return chosen
    dataset, view = chosen
    history = history_since(dataset, view, args.since.isoformat()) if args.since else ()
    brief = build_brief(
        dataset, view.filters, view, clock.today(), since=args.since, history=history
    )
    if not write_output(args.out, render_brief(brief, fmt), err):
        return EXIT_UNREADABLE
    print(f"wrote {args.out}: {fmt} brief of {brief.filters}", file=out)
    warn_about_rejected_rows(dataset, "brief", err)
    return EXIT_CLEAN


def history_since(dataset: Dataset, view: FilteredView, since: str) -> list[str]:
    """The history store's summary and notable changes from the version in force at
    ``since`` to this data, under the view's filters (empty without a history)."""
    from dashboard.history.changes import changes_since, filtered, history_lines

    changes = changes_since(dataset, since)
    if changes.diff is None or changes.version is None:
        return []
    if changes.version.time.date().isoformat() > since:
        return []  # no version was kept that early: the data's own dates say it instead
    return history_lines(changes, filtered(changes, view, view.filters.parties))
