"""Load a data directory into typed DataFrames and check it against the data contract.

``load_dataset(path)`` never raises for bad data: it keeps the good rows and returns every
rejected row and every broken rule as a ``Problem``. Each kept table is indexed by the
line number of its row in the CSV file, so any row can be traced back to its source line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import limits, schema
from dashboard.contract.arrowtext import arrow_text, is_in, text_series
from dashboard.contract.csvread import RawTable, read_text_table
from dashboard.contract.problems import Problem
from dashboard.contract.quotes import missing_quotes
from dashboard.contract.schema import KIND_WORDS, Column, Table
from dashboard.contract.slugs import SLUG_PATTERN
from dashboard.runtime.memo import Memo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
DESCRIPTOR_NAME = "datapackage.json"
# A snapshot's datapackage.json says its text cells carry an apostrophe formula escape.
FORMULA_ESCAPE_PROPERTY = "dashboard:formulaEscape"
FORMULA_ESCAPE_APOSTROPHE = "apostrophe"

_PATTERNS = {
    "slug": re.compile(SLUG_PATTERN),
    "date": re.compile(schema.DATE_PATTERN),
    "url": re.compile(schema.URL_PATTERN),
    "color": re.compile(schema.COLOR_PATTERN),
}
_CODED_KINDS = ("slug", "date", "number", "integer", "enum", "url", "color", "path")
_TYPED_KINDS = ("number", "integer", "date")  # never formula-escaped


class DataDirectoryError(Exception):
    """The data directory itself cannot be read (missing, not a folder, no permission)."""


@dataclass
class TableCount:
    """How many data rows a file had and how many were rejected."""

    read: int = 0
    rejected: int = 0

    @property
    def kept(self) -> int:
        return self.read - self.rejected


@dataclass
class Dataset:
    """The good rows of every table present, the source documents and all problems found."""

    data_dir: Path
    title: str
    description: str
    tables: dict[str, pd.DataFrame]
    documents: dict[str, str] = field(default_factory=dict)  # source_id -> text
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCount] = field(default_factory=dict)
    name: str = ""  # datapackage.json "name", if it has one
    # Values derived from the whole dataset (party colours …), computed once per version.
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    @property
    def shown_dir(self) -> str:
        """The data directory as viewers may see it: relative to the project when inside it,
        else the folder's name alone (never an absolute path of the server)."""
        return shown_path(self.data_dir)

    def has(self, *names: str) -> bool:
        """Whether every named table is present (optional pairs may be absent)."""
        return all(name in self.tables for name in names)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def rows_rejected(self) -> int:
        return sum(c.rejected for c in self.counts.values())

    @property
    def rows_kept(self) -> int:
        return sum(c.kept for c in self.counts.values())


def load_dataset(data_dir: str | Path) -> Dataset:
    """Read and validate every table of ``data_dir``; raises only if the folder is unreadable."""
    directory = Path(data_dir)
    _check_readable_directory(directory)
    problems: list[Problem] = []
    descriptor = _read_descriptor(directory, problems)
    escaped = descriptor.get(FORMULA_ESCAPE_PROPERTY) == FORMULA_ESCAPE_APOSTROPHE
    checked: dict[str, _Checked] = {}
    for table in schema.TABLES:
        result = _read_and_check_table(directory, table, problems, escaped)
        if result is not None:
            checked[table.name] = result
    _warn_about_lone_pairs(checked, problems)
    documents = _load_documents(directory, checked.get("sources"), problems)
    for table in schema.TABLES:
        if table.name in checked and checked[table.name].usable:
            _check_quotes(table, checked[table.name], checked.get("sources"), documents)
            _check_unique_key(table, checked[table.name])
            _check_foreign_keys(table, checked[table.name], checked)
    tables: dict[str, pd.DataFrame] = {}
    counts: dict[str, TableCount] = {}
    for table in schema.TABLES:
        result = checked.get(table.name)
        if result is None:
            if table.required:
                tables[table.name] = empty_table(table)
            continue
        problems.extend(result.problems)
        counts[table.name] = TableCount(result.rows_read, result.rows_read - int(result.ok.sum()))
        tables[table.name] = _typed(table, result.frame[result.ok.to_numpy()], result)
    problems.sort(key=_problem_order)
    cited = set(tables["sources"]["source_id"])
    documents = {k: v for k, v in documents.items() if k in cited}
    title = _text_property(descriptor, "title", readable(directory.resolve().name))
    description = _text_property(descriptor, "description")
    name = _text_property(descriptor, "name")
    return Dataset(directory, title, description, tables, documents, problems, counts, name)


def shown_path(path: Path) -> str:
    """``path`` relative to the project when inside it, else its last part, as safe text."""
    resolved = Path(path).resolve()
    shown = (
        resolved.relative_to(PROJECT_ROOT).as_posix()
        if resolved.is_relative_to(PROJECT_ROOT)
        else resolved.name
    )
    return readable(shown or ".")


def readable(text: str) -> str:
    """Text safe to show and write: undecodable file-name bytes become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def empty_table(table: Table) -> pd.DataFrame:
    """A table with the contract's columns and types and no rows."""
    frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in table.column_names})
    frame.index = pd.Index([], dtype="int64", name="line")
    return _typed(table, frame)


def resolve_document(data_dir: Path, document: str) -> Path | None:
    """The document's real path if it lies inside the data directory or seeds/, else None."""
    candidate = Path(document)
    if candidate.is_absolute():
        return None
    resolved = (data_dir / candidate).resolve()
    allowed = (data_dir.resolve(), SEEDS_DIR.resolve())
    if any(resolved.is_relative_to(root) for root in allowed):
        return resolved
    return None


# --- reading -------------------------------------------------------------------------------


@dataclass
class _Checked:
    """A table under check: its text cells, which rows are still good, what broke."""

    table: Table
    frame: pd.DataFrame  # text cells by contract column name, index = line
    ok: pd.Series  # bool per row
    rows_read: int
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True  # False when a required column is missing: every row is rejected
    blank: dict[str, pd.Series] = field(default_factory=dict)  # per column: cell is empty
    parsed: dict[str, pd.Series] = field(default_factory=dict)  # dates and numbers, typed

    def reject(self, mask: pd.Series, column: str, rule: str, message: str) -> None:
        """Reject the rows in ``mask``; each gets its own problem, even if already rejected."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.frame.loc[mask, column] if column in self.frame else None
        for line in self.frame.index[mask.to_numpy()]:
            value = None if values is None else values.get(line)
            self.problems.append(
                Problem(self.table.filename, int(line), column, _show(value), rule, message)
            )
        self.ok &= ~mask

    def warn(self, mask: pd.Series, column: str, rule: str, message: str) -> None:
        """List the rows in ``mask`` as warnings; they are kept."""
        mask = mask.fillna(False).astype(bool)
        for line in self.frame.index[mask.to_numpy()]:
            value = _show(self.frame.at[line, column]) if column in self.frame else None
            self.problems.append(
                Problem(self.table.filename, int(line), column, value, rule, message, "warning")
            )


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
) -> _Checked | None:
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
    _check_cells(checked)
    _check_row_rules(checked)
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


def _match_header(table: Table, parsed: RawTable, escaped: bool = False) -> _Checked:
    """Contract columns from the file, formula escape undone. Without a required column no
    row is usable: all are rejected by the one header problem, and ``usable`` is False."""
    position_of: dict[str, str] = {}
    for position, name in zip(parsed.frame.columns, parsed.header, strict=True):
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
            frame[column.name] = _trimmed(values) if column.kind in _CODED_KINDS else values
        else:
            frame[column.name] = pd.Series("", index=parsed.frame.index, dtype="str")
    ok = pd.Series(not missing, index=frame.index, dtype=bool)
    return _Checked(table, frame, ok, parsed.rows_read, parsed.problems, usable=not missing)


def _trimmed(values: pd.Series) -> pd.Series:
    """Surrounding ASCII white space removed (coded cells: ids, enums, dates, numbers)."""
    return text_series(pc.ascii_trim_whitespace(arrow_text(values)), values.index)


def restore_formulas(values: pd.Series) -> pd.Series:
    """Undo ``csvsafe.neutralise_cell`` (one leading apostrophe) on a column of raw text
    cells, in Arrow rather than cell by cell."""
    restored = pc.replace_substring_regex(arrow_text(values), "^'", "", max_replacements=1)
    return text_series(restored, values.index)


def _header_problem(table: Table, name: str, rule: str, message: str, severity="error"):
    return Problem(table.filename, 1, name, None, rule, message, severity)


# --- cell and row rules ------------------------------------------------------------------


def _blank(values: pd.Series, stripped: bool = False) -> pd.Series:
    """Empty or white space only (``stripped``: the cells have no surrounding space)."""
    text = arrow_text(values)
    empty = pc.equal(text, "")
    if not stripped:
        empty = pc.or_(empty, pc.utf8_is_space(text))
    return pd.Series(empty.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def _check_cells(checked: _Checked) -> None:
    for column in checked.table.columns:
        values = checked.frame[column.name]
        blank = _blank(values, stripped=column.kind in _CODED_KINDS)
        checked.blank[column.name] = blank
        if column.required:
            checked.reject(blank, column.name, "required", "required value is missing")
        present = ~blank
        _check_kind(checked, column, values, present)


def _check_kind(checked: _Checked, column: Column, values: pd.Series, present: pd.Series) -> None:
    name = column.name
    if column.kind == "date":
        dates = parse_dates(values)
        checked.parsed[name] = dates
        checked.reject(present & dates.isna(), name, "date", f"must be {KIND_WORDS['date']}")
    elif column.kind in _PATTERNS:
        matches = values.str.fullmatch(_PATTERNS[column.kind])
        checked.reject(present & ~matches, name, column.kind, f"must be {KIND_WORDS[column.kind]}")
    elif column.kind == "number":
        numbers = parse_numbers(values)
        finite = np.isfinite(numbers.to_numpy())
        checked.parsed[name] = numbers.where(finite)
        checked.reject(present & ~finite, name, "number", f"must be {KIND_WORDS['number']}")
        _check_range(checked, column, numbers, present)
    elif column.kind == "integer":
        integers = parse_integers(values)
        checked.parsed[name] = integers
        whole = integers.notna()
        checked.reject(present & ~whole, name, "integer", f"must be {KIND_WORDS['integer']}")
        _check_range(checked, column, integers, present & whole)
    elif column.kind == "enum":
        checked.reject(
            present & ~values.isin(column.enum),
            name,
            "enum",
            f"must be one of: {', '.join(column.enum)}",
        )


def _check_range(checked: _Checked, column: Column, values: pd.Series, present: pd.Series) -> None:
    low, high = column.minimum, column.maximum
    if low is None and high is None:
        return
    outside = pd.Series(False, index=values.index)
    if low is not None:
        outside |= (values < low).fillna(False).astype(bool)
    if high is not None:
        outside |= (values > high).fillna(False).astype(bool)
    if low is not None and high is not None:
        words = f"must lie between {_bound(low)} and {_bound(high)}"
    else:
        words = (
            f"must be {_bound(low)} or more"
            if low is not None
            else f"must be {_bound(high)} or less"
        )
    checked.reject(present & outside, column.name, "range", words)


def _bound(value: float) -> str:
    """A range bound in words: whole numbers with thousands separators (10,000,000)."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _check_row_rules(checked: _Checked) -> None:
    """Rules that tie two columns of one row together."""
    frame = checked.frame
    name = checked.table.name
    if name == "events":
        start, end = checked.parsed["date_start"], checked.parsed["date_end"]
        checked.reject(end < start, "date_end", "date-order", "date_end is before date_start")
        _warn_about_fatality_order(checked)
    elif name == "claims":
        qualifier = frame["qualifier"]
        has_value = ~checked.blank["value"]
        has_high = ~checked.blank["value_high"]
        between = qualifier == "between"
        checked.reject(
            has_high & ~between,
            "value_high",
            "value-high",
            "value_high is only allowed when qualifier is 'between'",
        )
        checked.reject(
            between & ~(has_value & has_high),
            "value_high",
            "between",
            "qualifier 'between' needs both value and value_high",
        )
        low, high = checked.parsed["value"], checked.parsed["value_high"]
        checked.reject(between & (high < low), "value_high", "between", "value_high is below value")
        checked.reject(
            ~checked.blank["qualifier"] & ~has_value,
            "qualifier",
            "qualifier",
            "a qualifier needs a value to qualify",
        )
    elif name == "crossings":
        checked.reject(
            frame["party_a"] == frame["party_b"],
            "party_b",
            "crossing-sides",
            "party_a and party_b must be two different parties",
        )


def _warn_about_fatality_order(checked: _Checked) -> None:
    """low <= best <= high is a warning: the figures are what the source said."""
    low, best, high = (
        checked.parsed[name] for name in ("fatalities_low", "fatalities", "fatalities_high")
    )
    checked.warn(
        low > best, "fatalities_low", "fatalities-order", "fatalities_low is above fatalities"
    )
    checked.warn(
        best > high, "fatalities_high", "fatalities-order", "fatalities_high is below fatalities"
    )
    checked.warn(
        best.isna() & (low > high),
        "fatalities_high",
        "fatalities-order",
        "fatalities_high is below fatalities_low",
    )


def parse_dates(values: pd.Series) -> pd.Series:
    """Strict YYYY-MM-DD dates (datetime64[s]); NaT for empty cells and anything else,
    including impossible days such as 2025-02-30 and unpadded 2025-1-1."""
    text = arrow_text(values)
    parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    shaped = pc.match_substring_regex(text, r"^\d{4}-\d{2}-\d{2}$")
    day_written = pc.utf8_slice_codeunits(text, 8, 10)
    day_parsed = pc.utf8_lpad(pc.cast(pc.day(parsed), pa.string()), 2, "0")
    exact = pc.and_(shaped, pc.equal(day_written, day_parsed)).fill_null(False)  # no rollover
    exact = pc.and_(exact, pc.greater_equal(pc.year(parsed), 1)).fill_null(False)  # no year 0
    dates = pc.if_else(exact, parsed, pa.scalar(None, parsed.type))
    return pd.Series(dates.to_numpy(zero_copy_only=False), index=values.index).astype(
        "datetime64[s]"
    )


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers as float64; NaN for empty cells and for text that is not a number."""
    text = arrow_text(values)
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
    try:
        numbers = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:  # some cell is not a number: parse leniently, cell by cell
        return pd.to_numeric(values.where(values != ""), errors="coerce").astype("float64")
    return pd.Series(numbers, index=values.index, dtype="float64")


_WHOLE_NUMBER = r"^-?[0-9]{1,18}$"  # 18 digits always fit in int64


def parse_integers(values: pd.Series) -> pd.Series:
    """Whole numbers as nullable Int64; <NA> for empty cells and anything else (12.5, 1e3)."""
    text = arrow_text(values)
    whole = pc.match_substring_regex(text, _WHOLE_NUMBER).fill_null(False)
    kept = pc.if_else(whole, text, pa.scalar(None, text.type))
    integers = pc.cast(kept, pa.int64())
    if isinstance(integers, pa.ChunkedArray):
        integers = integers.combine_chunks()
    typed = integers.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    typed.index = values.index
    return typed


def _check_unique_key(table: Table, checked: _Checked) -> None:
    key = list(table.primary_key)
    good = checked.frame[checked.ok.to_numpy()]
    duplicated = good.duplicated(subset=key, keep="first")
    if not duplicated.any():
        return
    first_line = good.reset_index().groupby(key, sort=False)["line"].first()
    keys = " + ".join(key)
    for line, row in good[duplicated].iterrows():
        original = first_line.loc[tuple(row[k] for k in key) if len(key) > 1 else row[key[0]]]
        value = " + ".join(str(row[k]) for k in key)
        checked.problems.append(
            Problem(
                table.filename,
                int(line),
                key[0] if len(key) == 1 else keys,
                value,
                "unique",
                f"{keys} must be unique; the same value is already on line {original}",
            )
        )
    checked.ok.loc[good.index[duplicated.to_numpy()]] = False


def _check_foreign_keys(table: Table, checked: _Checked, all_checked: dict[str, _Checked]):
    for column in table.columns:
        if column.references is None:
            continue
        target_table, target_column = column.references
        values = checked.frame[column.name]
        present = ~checked.blank[column.name]
        target = all_checked.get(target_table)
        if target is None:
            checked.reject(
                present,
                column.name,
                "foreign-key",
                f"{target_table}.csv is missing, so no {target_column} can be found",
            )
            continue
        kept = target.frame.loc[target.ok.to_numpy(), target_column]
        listed = target.frame[target_column]
        in_listed = is_in(values, listed)
        checked.reject(
            present & ~in_listed,
            column.name,
            "foreign-key",
            f"no row of {target_table}.csv has this {target_column}",
        )
        if target.ok.all():  # nothing of the target was rejected
            continue
        checked.reject(
            present & in_listed & ~is_in(values, kept),
            column.name,
            "foreign-key",
            f"the row of {target_table}.csv with this {target_column} was rejected "
            "(see its own problem)",
        )


def _warn_about_lone_pairs(checked: dict[str, _Checked], problems: list[Problem]) -> None:
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


# --- documents and quotes ----------------------------------------------------------------


def _load_documents(
    directory: Path, sources: _Checked | None, problems: list[Problem]
) -> dict[str, str]:
    """Read each source's stored document; refuse paths that leave the allowed folders."""
    documents: dict[str, str] = {}
    if sources is None:
        return documents
    frame = sources.frame[sources.ok.to_numpy()]
    for line, source_id, document in zip(
        frame.index, frame["source_id"], frame["document"], strict=True
    ):
        if not document:
            continue
        text, message = _read_document(directory, document)
        if message:
            problems.append(
                Problem("sources.csv", int(line), "document", document, "document", message)
            )
        else:
            documents[source_id] = text
    return documents


def _read_document(directory: Path, document: str) -> tuple[str, str | None]:
    path = resolve_document(directory, document)
    if path is None:
        return "", (
            "document path leaves the data directory and the project's seeds/ folder; "
            "refused unread (quotes citing this source are not checked)"
        )
    if not path.is_file():
        return "", "document file does not exist (quotes citing this source are not checked)"
    refusal = limits.size_refusal(path, limits.DOCUMENT)
    if refusal is not None:
        return "", f"{refusal} (quotes citing this source are not checked)"
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError:
        return "", "document is not UTF-8 text (quotes citing this source are not checked)"
    except OSError as error:
        return "", f"document cannot be read: {error}"


def _check_quotes(
    table: Table,
    checked: _Checked,
    sources: _Checked | None,
    documents: dict[str, str],
) -> None:
    if "quote" not in table.column_names or sources is None or not documents:
        return
    frame = checked.frame
    has_quote = ~_blank(frame["quote"]) & frame["source_id"].isin(documents.keys())
    if not has_quote.any():
        return
    pairs = frame.loc[has_quote, ["source_id", "quote"]].drop_duplicates()
    missing = missing_quotes(zip(pairs["source_id"], pairs["quote"], strict=True), documents)
    if not missing:
        return
    bad = pd.Series(
        [
            (sid, quote) in missing
            for sid, quote in zip(frame["source_id"], frame["quote"], strict=True)
        ],
        index=frame.index,
    )
    checked.reject(
        has_quote & bad,
        "quote",
        "quote",
        "quote does not occur word for word in the source's document",
    )


# --- typing ------------------------------------------------------------------------------


def _typed(table: Table, frame: pd.DataFrame, checked: _Checked | None = None) -> pd.DataFrame:
    """Dates as datetimes, numbers as floats, empty text as missing. With ``checked``, the
    values parsed during the checks are reused (index-aligned to ``frame``)."""
    typed = pd.DataFrame(index=frame.index)
    keep = None if checked is None else checked.ok.to_numpy()  # frame = checked's ok rows
    for column in table.columns:
        values = frame[column.name]
        if keep is not None and column.name in checked.parsed:
            typed[column.name] = checked.parsed[column.name][keep]
            continue
        if keep is not None and column.name in checked.blank:
            blank = checked.blank[column.name][keep]
        else:
            blank = _blank(values)
        if column.kind == "date":
            typed[column.name] = parse_dates(values.where(~blank, ""))
        elif column.kind == "number":
            typed[column.name] = parse_numbers(values.where(~blank, ""))
        elif column.kind == "integer":
            typed[column.name] = parse_integers(values.where(~blank, ""))
        else:
            text = arrow_text(values)
            kept = pc.if_else(pa.array(blank.to_numpy()), pa.scalar(None, text.type), text)
            typed[column.name] = text_series(kept, values.index)
    return typed


def _show(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


_TABLE_ORDER = {t.filename: i for i, t in enumerate(schema.TABLES)}


def _problem_order(problem: Problem) -> tuple:
    return (_TABLE_ORDER.get(problem.file, -1), problem.line or 0)
