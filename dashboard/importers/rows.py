"""Reading an export into rows under import: the layout checked, cells trimmed, a first row
of HXL hashtags skipped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from dashboard.contract.csvread import read_text_table
from dashboard.contract.problems import Problem
from dashboard.contract.rules import Rows
from dashboard.importers.failure import ImportFailure
from dashboard.importers.intake import head_header, read_head, read_input


def read_export(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str],
    layout: str,
    other: dict[str, tuple[str, Sequence[str]]],
) -> Rows:
    """The export's rows; ImportFailure when it cannot be read or lacks a required column.

    Header names are matched without case or surrounding space. A first data row made
    only of ``#hashtags`` (the humanitarian-portal exports' HXL row) is skipped with a
    warning. Rows the CSV reader cannot split are reported (not imported). Only the
    ``required`` and ``optional`` columns are kept."""
    header = head_header(read_head(path))  # the layout is checked before the whole read
    if header is not None:
        _check_layout(path.name, header, required, layout, other)
    raw = read_input(path)
    parsed = read_text_table(path.name, raw)
    del raw
    if isinstance(parsed, Problem):
        raise ImportFailure(str(parsed))
    header = [name.strip().lower() for name in parsed.header]
    _check_layout(path.name, header, required, layout, other)
    wanted = {*required, *optional}
    cells: dict[str, pd.Series] = {}
    for position, name in zip(parsed.frame.columns, header, strict=True):
        if name in wanted and name not in cells:
            cells[name] = _trimmed(parsed.frame[position])
    rows = Rows(path.name, cells, parsed.frame.index)
    rows.problems.extend(parsed.problems)
    rows.rows_read = parsed.rows_read
    _skip_hashtag_row(rows)
    return rows


def _check_layout(
    file_name: str,
    header: list[str],
    required: Sequence[str],
    layout: str,
    other: dict[str, tuple[str, Sequence[str]]],
) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFailure(_layout_message(file_name, layout, missing, header, other))


def _layout_message(
    file_name: str,
    layout: str,
    missing: list[str],
    header: list[str],
    other: dict[str, tuple[str, Sequence[str]]],
) -> str:
    message = (
        f"{file_name} is not {layout}: it lacks the column"
        f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    )
    for command, (name, columns) in other.items():
        if all(column in header for column in columns):
            message += f" (it looks like {name}: use python -m dashboard import {command})"
    return message


def _trimmed(values: pd.Series) -> pd.Series:
    return values.str.strip()


def _skip_hashtag_row(rows: Rows) -> None:
    """Drop a first row whose non-empty cells all start with '#' (HXL hashtags)."""
    if len(rows.index) == 0:
        return
    first = rows.index[0]
    cells = [series.iat[0] for series in rows.cells.values()]
    filled = [cell for cell in cells if cell]
    if not filled or not all(cell.startswith("#") for cell in filled):
        return
    rows.problems.append(
        Problem(
            rows.file_name,
            int(first),
            None,
            None,
            "hashtag-row",
            "row of HXL #hashtags (humanitarian-portal export) skipped: it is not an event",
            "warning",
        )
    )
    keep = rows.index != first
    rows.cells = {name: series[keep] for name, series in rows.cells.items()}
    rows.index = rows.index[keep]
    rows.ok = rows.ok[keep]
    rows.rows_read -= 1
