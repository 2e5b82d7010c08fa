"""Load a data directory into typed DataFrames and check it against the data contract.

``load_dataset(path)`` never raises for bad data: it keeps the good rows and returns every
rejected row and every broken rule as a ``Problem``. Each kept table is indexed by the
line number of its row in the CSV file, so any row can be traced back to its source line.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from dashboard.contract import citecheck, confirmations, limits, schema
from dashboard.contract.arrowtext import arrow_text, text_series, with_missing
from dashboard.contract.csvread import RawTable, read_text_table
from dashboard.contract.dataset import DataDirectoryError, Dataset, TableCount, readable
from dashboard.contract.documents import check_quotes, load_documents
from dashboard.contract.problems import Problem
from dashboard.contract.rules import (
    CODED_KINDS,
    CheckedTable,
    blank_cells,
    check_cells,
    check_foreign_keys,
    check_row_rules,
    check_unique_key,
    parse_dates,
    parse_integers,
    parse_numbers,
)
from dashboard.contract.schema import Table
from dashboard.contract.textbytes import may_need_trim

DESCRIPTOR_NAME = "datapackage.json"
# A snapshot's datapackage.json says its text cells carry an apostrophe formula escape.
FORMULA_ESCAPE_PROPERTY = "dashboard:formulaEscape"
FORMULA_ESCAPE_APOSTROPHE = "apostrophe"

_TYPED_KINDS = ("number", "integer", "date")  # never formula-escaped


def load_dataset(data_dir: str | Path) -> Dataset:
    """Read and validate every table of ``data_dir``; raises only if the folder is unreadable."""
    directory = Path(data_dir)
    _check_readable_directory(directory)
    problems: list[Problem] = []
    descriptor = _read_descriptor(directory, problems)
    escaped = descriptor.get(FORMULA_ESCAPE_PROPERTY) == FORMULA_ESCAPE_APOSTROPHE
    checked: dict[str, CheckedTable] = {}
    for table in schema.TABLES:
        result = _read_and_check_table(directory, table, problems, escaped)
        if result is not None:
            checked[table.name] = result
    _warn_about_lone_pairs(checked, problems)
    documents = load_documents(directory, checked.get("sources"), problems)
    for table in schema.TABLES:
        if table.name in checked and checked[table.name].usable:
            check_quotes(table, checked[table.name], checked.get("sources"), documents)
            check_unique_key(table, checked[table.name])
            check_foreign_keys(table, checked[table.name], checked)
            _check_citation_rules(table, checked[table.name], checked)
    tables: dict[str, pd.DataFrame] = {}
    counts: dict[str, TableCount] = {}
    cited_positions = checked["citations"].cited_positions if "citations" in checked else {}
    for table in schema.TABLES:
        result = checked.pop(table.name, None)  # its text cells are freed once typed
        if result is None:
            if table.required:
                tables[table.name] = empty_table(table)
            continue
        problems.extend(result.problems)
        counts[table.name] = TableCount(result.rows_read, result.rows_read - int(result.ok.sum()))
        kept = result.frame if result.ok.all() else result.frame[result.ok.to_numpy()]
        tables[table.name] = _typed(table, kept, result)
    fact_counts = None
    if citecheck.may_warn(tables):
        fact_counts = confirmations.fact_counts(tables, _still_valid(cited_positions, counts))
        problems.extend(citecheck.unconfirmed_warnings(tables, fact_counts))
    problems.sort(key=_problem_order)
    cited = set(tables["sources"]["source_id"])
    documents = {k: v for k, v in documents.items() if k in cited}
    title = _text_property(descriptor, "title", readable(directory.resolve().name))
    description = _text_property(descriptor, "description")
    name = _text_property(descriptor, "name")
    dataset = Dataset(directory, title, description, tables, documents, problems, counts, name)
    if fact_counts is not None:  # counted for the warnings: kept for the views
        dataset.memo.get(confirmations.MEMO_KEY, lambda: fact_counts)
    return dataset


def empty_table(table: Table) -> pd.DataFrame:
    """A table with the contract's columns and types and no rows."""
    frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in table.column_names})
    frame.index = pd.Index([], dtype="int64", name="line")
    return _typed(table, frame)


# --- reading -------------------------------------------------------------------------------


def _check_readable_directory(directory: Path) -> None:
    try:
        if not directory.is_dir():
            reason = "does not exist" if not directory.exists() else "is not a folder"
            raise DataDirectoryError(f"data directory {directory} {reason}")
        next(directory.iterdir(), None)
    except PermissionError as error:
        raise DataDirectoryError(f"data directory {directory} cannot be read: {error}") from None


def _read_descriptor(directory: Path, problems: list[Problem]) -> dict:
    """The directory's datapackage.json as a dict ({} when absent or unreadable)."""
    path = directory / DESCRIPTOR_NAME
    if not path.is_file():
        return {}
    refusal = limits.refusal(directory, path, limits.DESCRIPTOR)
    if refusal is not None:
        problems.append(_descriptor_warning(None, refusal))
        return {}
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "it nests too deeply" if isinstance(error, RecursionError) else str(error)
        problems.append(_descriptor_warning(getattr(error, "lineno", None), reason))
        return {}
    if not isinstance(descriptor, dict):
        return {}
    for key in ("title", "description", "name"):
        if not _usable_text(descriptor.get(key)):
            problems.append(_descriptor_warning(None, f"its {key} is not valid Unicode text"))
            descriptor = {k: v for k, v in descriptor.items() if k != key}
    return descriptor


def _descriptor_warning(line: int | None, reason: str) -> Problem:
    message = f"datapackage.json cannot be used ({reason}); the folder name is used as title"
    return Problem(DESCRIPTOR_NAME, line, None, None, "descriptor", message, "warning")


def _usable_text(value: object) -> bool:
    """Absent, or a string that can be written as UTF-8 (no lone surrogates)."""
    if value is None:
        return True
    if not isinstance(value, str):
        return True  # not text: ignored by _text_property
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text_property(descriptor: dict, key: str, fallback: str = "") -> str:
    value = descriptor.get(key)
    return value if isinstance(value, str) and value.strip() else fallback


def _read_and_check_table(
    directory: Path, table: Table, problems: list[Problem], escaped: bool = False
) -> CheckedTable | None:
    path = directory / table.filename
    if not path.is_file():
        if table.required:
            problems.append(
                Problem(
                    table.filename,
                    None,
                    None,
                    None,
                    "missing-table",
                    f"required table {table.filename} is missing from the data directory",
                )
            )
        return None
    refusal = limits.refusal(directory, path, limits.TABLE)
    if refusal is not None:
        problems.append(Problem(table.filename, None, None, None, "refused", refusal))
        return None
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(
            Problem(table.filename, None, None, None, "unreadable", f"cannot be read: {error}")
        )
        return None
    parsed = read_text_table(table.filename, raw)
    del raw  # the file's bytes are not needed once parsed: free them before the checks
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    checked = _match_header(table, parsed, escaped)
    del parsed  # the raw text columns: checked.frame holds the contract's columns
    if not checked.usable:
        return checked
    check_cells(checked)
    check_row_rules(checked)
    if checked.rows_read == 0:
        checked.problems.append(
            Problem(
                table.filename,
                None,
                None,
                None,
                "no-rows",
                "table has a header but no rows",
                "warning",
            )
        )
    return checked


def _match_header(table: Table, parsed: RawTable, escaped: bool = False) -> CheckedTable:
    """Contract columns from the file, formula escape undone. Without a required column no
    row is usable: all are rejected by the one header problem, and ``usable`` is False."""
    position_of: dict[str, str] = {}
    names_beside_ids = {schema.party_name_column(c) for c in schema.party_id_columns(table)}
    for position, name in zip(parsed.frame.columns, parsed.header, strict=True):
        if name in names_beside_ids and name not in table.column_names:
            continue  # a party's name a snapshot wrote beside its id: ignored, no warning
        if name in position_of:
            parsed.problems.append(
                _header_problem(
                    table,
                    name,
                    "duplicate-column",
                    "column appears twice in the header; the second one is ignored",
                    "warning",
                )
            )
        elif name not in table.column_names:
            parsed.problems.append(
                _header_problem(
                    table,
                    name,
                    "unknown-column",
                    f"column is not part of the contract for {table.filename} and is ignored",
                    "warning",
                )
            )
        else:
            position_of[name] = position
    missing = [c.name for c in table.columns if c.required and c.name not in position_of]
    for name in missing:
        parsed.problems.append(
            _header_problem(
                table,
                name,
                "missing-column",
                f"required column is missing from the header, so none of the "
                f"{parsed.rows_read} rows of {table.filename} can be used",
            )
        )
    frame = pd.DataFrame(index=parsed.frame.index)
    for column in table.columns:
        if column.name in position_of:
            values = parsed.frame[position_of[column.name]]
            if escaped and column.kind not in _TYPED_KINDS:
                values = restore_formulas(values)
            frame[column.name] = _trimmed(values) if column.kind in CODED_KINDS else values
        else:
            frame[column.name] = pd.Series("", index=parsed.frame.index, dtype="str")
    ok = pd.Series(not missing, index=frame.index, dtype=bool)
    return CheckedTable(table, frame, ok, parsed.rows_read, parsed.problems, usable=not missing)


def _trimmed(values: pd.Series) -> pd.Series:
    """Surrounding ASCII white space removed (coded cells: ids, enums, dates, numbers); the
    column itself when no cell has any."""
    text = arrow_text(values)
    if not may_need_trim(text):
        return values
    return text_series(pc.ascii_trim_whitespace(text), values.index)


def restore_formulas(values: pd.Series) -> pd.Series:
    """Undo ``csvsafe.neutralise_cell`` (one leading apostrophe) on a column of raw text
    cells, in Arrow rather than cell by cell."""
    restored = pc.replace_substring_regex(arrow_text(values), "^'", "", max_replacements=1)
    return text_series(restored, values.index)


def _header_problem(table: Table, name: str, rule: str, message: str, severity="error"):
    return Problem(table.filename, 1, name, None, rule, message, severity)


# --- cell and row rules ------------------------------------------------------------------


def _warn_about_lone_pairs(checked: dict[str, CheckedTable], problems: list[Problem]) -> None:
    for result in checked.values():
        partner = result.table.pair
        if partner and partner not in checked:
            problems.append(
                Problem(
                    result.table.filename,
                    None,
                    None,
                    None,
                    "lone-pair",
                    f"{result.table.filename} comes in a pair with {partner}.csv, which is missing",
                    "warning",
                )
            )


# --- typing ------------------------------------------------------------------------------


def _typed(table: Table, frame: pd.DataFrame, checked: CheckedTable | None = None) -> pd.DataFrame:
    """Dates as datetimes, numbers as floats, empty text as missing. With ``checked``, the
    values parsed during the checks are reused (index-aligned to ``frame``)."""
    typed = pd.DataFrame(index=frame.index)
    keep = None if checked is None else checked.ok.to_numpy()  # frame = checked's ok rows
    if keep is not None and keep.all():
        keep = slice(None)  # every row kept: the checks' values as they are, not copied
    for column in table.columns:
        values = frame[column.name]
        if keep is not None and column.name in checked.parsed:
            typed[column.name] = checked.parsed[column.name][keep]
            continue
        if keep is not None and column.name in checked.blank:
            blank = checked.blank[column.name][keep]
        else:
            blank = blank_cells(values)
        if column.kind == "date":
            typed[column.name] = parse_dates(values.where(~blank, ""))
        elif column.kind == "number":
            typed[column.name] = parse_numbers(values.where(~blank, ""))
        elif column.kind == "integer":
            typed[column.name] = parse_integers(values.where(~blank, ""))
        elif not blank.any():
            typed[column.name] = values  # no empty cell: the text column itself
        else:
            kept = with_missing(arrow_text(values), blank.to_numpy())
            typed[column.name] = text_series(kept, values.index)
    return typed


_TABLE_ORDER = {t.filename: i for i, t in enumerate(schema.TABLES)}


def _problem_order(problem: Problem) -> tuple:
    return (_TABLE_ORDER.get(problem.file, -1), problem.line or 0)


def _still_valid(
    cited_positions: dict[str, np.ndarray], counts: dict[str, TableCount]
) -> dict[str, np.ndarray]:
    """The row positions the citation check found, for the tables whose rows all stayed
    (and only when every citation did): the counting then need not look them up again."""
    if "citations" not in counts or counts["citations"].rejected:
        return {}
    return {
        name: found
        for name, found in cited_positions.items()
        if name in counts and not counts[name].rejected
    }


def _check_citation_rules(
    table: Table, checked: CheckedTable, all_checked: dict[str, CheckedTable]
) -> None:
    """derived_from cycles in sources.csv; row_id of citations.csv in the table it names."""
    if table.name == "sources":
        citecheck.reject_derived_cycles(checked)
    elif table.name == "citations":
        citecheck.check_cited_rows(checked, all_checked)
