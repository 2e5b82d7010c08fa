"""The contract's rules on rows, and the rows under check that they reject or warn about.

``Rows`` is the one mechanism by which the loader and the importers set a row aside:
each rejected row gets a ``Problem`` naming file, line, column and rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text, is_in
from dashboard.contract.problems import Problem, shown_value
from dashboard.contract.schema import KIND_WORDS, Column, Table
from dashboard.contract.slugs import SLUG_PATTERN
from dashboard.contract.textbytes import all_slugs, dates_from_bytes

_PATTERNS = {
    "slug": re.compile(SLUG_PATTERN),
    "date": re.compile(schema.DATE_PATTERN),
    "url": re.compile(schema.URL_PATTERN),
    "color": re.compile(schema.COLOR_PATTERN),
}
CODED_KINDS = ("slug", "date", "number", "integer", "enum", "url", "color", "path")


class Rows:
    """Rows under check: text cells by column name (index = the row's line in its file),
    which rows are still good, and every problem found.

    ``every_problem``: the loader lists every rule a row breaks (a curator fixes them all
    at once) and warns about rejected rows too; an import reports the first reason a row
    is not imported and warns only about the rows it imports."""

    def __init__(
        self,
        file_name: str,
        cells: Mapping[str, pd.Series],
        index: pd.Index,
        every_problem: bool = False,
    ) -> None:
        self.file_name = file_name
        self.cells = cells
        self.index = index
        self.every_problem = every_problem
        self.ok = pd.Series(True, index=index)
        self.problems: list[Problem] = []
        self.rows_read = len(index)  # data rows in the file, good or not

    def text(self, column: str) -> pd.Series:
        """The column's cells ("" when the file lacks the optional column)."""
        if column in self.cells:
            return self.cells[column]
        return pd.Series("", index=self.index, dtype="str")

    def has(self, column: str) -> bool:
        return column in self.cells

    def reject(self, mask: pd.Series, column: str, rule: str, message: str | pd.Series) -> None:
        """Set the rows in ``mask`` aside, each with its own problem (``message`` may differ
        per row: a Series on the same index)."""
        mask = mask.fillna(False).astype(bool)
        self._list(mask if self.every_problem else mask & self.ok, column, rule, message)
        self.ok &= ~mask

    def warn(self, mask: pd.Series, column: str, rule: str, message: str) -> None:
        """List the rows in ``mask`` as warnings; they are kept."""
        mask = mask.fillna(False).astype(bool)
        listed = mask if self.every_problem else mask & self.ok
        self._list(listed, column, rule, message, "warning")

    def forget(self, mask: pd.Series) -> None:
        """Drop what was found on the rows in ``mask`` and set them aside unreported."""
        left_out = set(self.index[mask.to_numpy()].tolist())
        self.problems = [p for p in self.problems if p.line not in left_out]
        self.ok &= ~mask

    def _list(self, mask: pd.Series, column: str, rule: str, message, severity="error") -> None:
        if not mask.any():
            return
        values = self.text(column)[mask]
        for line, value in values.items():
            words = message if isinstance(message, str) else message[line]
            self.problems.append(
                Problem(
                    self.file_name, int(line), column, shown_value(value), rule, words, severity
                )
            )


class CheckedTable(Rows):
    """A contract table under check: its text cells by contract column (``frame``), and
    what the checks found out on the way (blank cells, typed dates and numbers)."""

    def __init__(
        self,
        table: Table,
        frame: pd.DataFrame,
        ok: pd.Series,
        rows_read: int,
        problems: list[Problem],
        usable: bool = True,
    ) -> None:
        super().__init__(table.filename, frame, frame.index, every_problem=True)
        self.table = table
        self.frame = frame
        self.ok = ok
        self.rows_read = rows_read
        self.problems = problems
        self.usable = usable  # False when a required column is missing: every row is rejected
        self.blank: dict[str, pd.Series] = {}  # per column: cell is empty
        self.parsed: dict[str, pd.Series] = {}  # dates and numbers, typed
        # citations.csv: per cited table, where the citations of its rows found them
        self.cited_positions: dict[str, np.ndarray] = {}


def blank_cells(values: pd.Series, stripped: bool = False) -> pd.Series:
    """Empty or white space only (``stripped``: the cells have no surrounding space)."""
    text = arrow_text(values)
    empty = pc.equal(text, "")
    if not stripped:
        empty = pc.or_(empty, pc.utf8_is_space(text))
    return pd.Series(empty.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def check_cells(checked: CheckedTable) -> None:
    for column in checked.table.columns:
        values = checked.frame[column.name]
        blank = blank_cells(values, stripped=column.kind in CODED_KINDS)
        checked.blank[column.name] = blank
        if column.required:
            checked.reject(blank, column.name, "required", "required value is missing")
        present = ~blank
        _check_kind(checked, column, values, present)


def _check_kind(
    checked: CheckedTable, column: Column, values: pd.Series, present: pd.Series
) -> None:
    name = column.name
    if column.kind == "date":
        dates = parse_dates(values)
        checked.parsed[name] = dates
        checked.reject(present & dates.isna(), name, "date", f"must be {KIND_WORDS['date']}")
    elif column.kind == "slug" and all_slugs(arrow_text(values)):
        return  # every cell is a slug: nothing to reject
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


def _check_range(
    checked: CheckedTable, column: Column, values: pd.Series, present: pd.Series
) -> None:
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


def check_row_rules(checked: CheckedTable) -> None:
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


def _warn_about_fatality_order(checked: CheckedTable) -> None:
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
    from_bytes = dates_from_bytes(text)
    if from_bytes is not None:
        return pd.Series(from_bytes, index=values.index)
    return _parse_dates_in_arrow(text, values.index)


def _parse_dates_in_arrow(text: pa.Array | pa.ChunkedArray, index: pd.Index) -> pd.Series:
    """``parse_dates`` for a column with missing cells, in Arrow."""
    parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    shaped = pc.match_substring_regex(text, r"^\d{4}-\d{2}-\d{2}$")
    day_written = pc.utf8_slice_codeunits(text, 8, 10)
    day_parsed = pc.utf8_lpad(pc.cast(pc.day(parsed), pa.string()), 2, "0")
    exact = pc.and_(shaped, pc.equal(day_written, day_parsed)).fill_null(False)  # no rollover
    exact = pc.and_(exact, pc.greater_equal(pc.year(parsed), 1)).fill_null(False)  # no year 0
    dates = pc.if_else(exact, parsed, pa.scalar(None, parsed.type))
    return pd.Series(dates.to_numpy(zero_copy_only=False), index=index).astype("datetime64[s]")


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


def check_unique_key(table: Table, checked: CheckedTable) -> None:
    key = list(table.primary_key)
    ok = checked.ok.to_numpy()
    if len(key) == 1 and strictly_ascending(checked.frame[key[0]], ok):
        return  # ids in ascending order (as files are often written) cannot repeat
    good = checked.frame[ok]
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


def strictly_ascending(values: pd.Series, ok: np.ndarray) -> bool:
    """Whether the kept cells are in strictly ascending order: one comparison of each with
    the next, where finding duplicates needs a hash of every cell."""
    text = arrow_text(values)
    if not ok.all():
        text = text.filter(pa.array(ok))
    if len(text) < 2:
        return True
    later = pc.greater(text[1:], text[:-1])
    return bool(pc.all(later).as_py()) and later.null_count == 0


def check_foreign_keys(table: Table, checked: CheckedTable, all_checked: dict[str, CheckedTable]):
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
