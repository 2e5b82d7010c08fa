"""The import report: every row an import rejected or warned about, written into the
output folder as ``import-report.csv`` (formula-safe, one row per problem: severity, file,
line, column, value, rule, message), and read back for the data quality view, so the
dashboard tells the same story as the import command.

The report is written after the folder (aside, then renamed into place) and added to the
folder's import marker, so a later import into the same folder still knows every file as
its own. Reading it never follows a link, refuses a file over the table size limit
(DASHBOARD_MAX_TABLE_MB) and keeps at most ``REPORT_ROW_LIMIT`` rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.analysis.display import TABLE_ROW_LIMIT
from dashboard.contract import limits
from dashboard.contract.limits import size_refusal
from dashboard.contract.loader import restore_formulas
from dashboard.contract.problems import PROBLEM_COLUMNS, Problem, problems_frame
from dashboard.export.csvsafe import view_csv
from dashboard.importers.outdir import MARKER

REPORT_NAME = "import-report.csv"
# rows of the report the quality view keeps and shows (TABLE_ROW_LIMIT, as every table)
REPORT_ROW_LIMIT = TABLE_ROW_LIMIT


def report_csv(problems: list[Problem]) -> bytes:
    """The problems as a spreadsheet-safe CSV (a header alone when there are none)."""
    return view_csv(problems_frame(problems))


def write_import_report(out: Path, problems: list[Problem]) -> Path:
    """``out/import-report.csv`` from an import's problems, written aside and renamed into
    place, and recorded in the folder's marker (also replaced by a rename)."""
    data = report_csv(problems)
    _replace(out / REPORT_NAME, data)
    marker = out / MARKER
    record = json.loads(marker.read_bytes())
    record.setdefault("files", {})[REPORT_NAME] = hashlib.sha256(data).hexdigest()
    _replace(marker, (json.dumps(record, indent=2) + "\n").encode())
    return out / REPORT_NAME


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path``, then rename it over ``path``."""
    aside = path.with_name(f".{path.name}.{os.getpid()}.new")
    with open(aside, "xb") as file:
        file.write(data)
    os.replace(aside, path)


@dataclass(frozen=True)
class ImportReport:
    """The report read back: at most REPORT_ROW_LIMIT problems, and how many there are."""

    problems: pd.DataFrame
    total: int
    note: str | None  # why nothing or not everything is shown


def read_import_report(data_dir: str | Path) -> ImportReport | None:
    """The folder's import report, or None when it has none (not an import, or a link
    or something other than a plain file in its place)."""
    path = Path(data_dir) / REPORT_NAME
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    too_large = size_refusal(path, limits.TABLE)  # names DASHBOARD_MAX_TABLE_MB
    if too_large:
        return ImportReport(pd.DataFrame(columns=PROBLEM_COLUMNS), 0, f"{REPORT_NAME}: {too_large}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ImportReport(pd.DataFrame(columns=PROBLEM_COLUMNS), 0, f"{REPORT_NAME}: unreadable")
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    kept, total = [], 0
    for row in rows:
        total += 1
        if len(kept) < REPORT_ROW_LIMIT:
            kept.append(dict(zip(header, row, strict=False)))
    frame = pd.DataFrame(kept, columns=PROBLEM_COLUMNS, dtype="str")
    for column in PROBLEM_COLUMNS:
        frame[column] = restore_formulas(frame[column].fillna(""))
    frame["line"] = pd.to_numeric(frame["line"], errors="coerce").astype("Int64")
    note = None
    if total > len(kept):
        note = f"showing {len(kept):,} of {total:,} — {REPORT_NAME} in the data directory has all"
    return ImportReport(frame, total, note)
