"""Spreadsheet-safe CSV, for every CSV the project writes (snapshots, view downloads,
importers): UTF-8 with a byte-order mark, RFC 4180 quoted with "\\r\\n" line ends, dates as
YYYY-MM-DD, numbers in shortest round-trip form, and text cells that a spreadsheet would
run as a formula neutralised with a leading apostrophe (``restore_formulas`` in the
loader undoes it when the data directory says so).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
BOM = "\ufeff"
LINE_END = "\r\n"


# --- cells -------------------------------------------------------------------------------


def neutralise_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (or starting with ') gets a leading '."""
    return ESCAPE + text if text.startswith((*FORMULA_PREFIXES, ESCAPE)) else text


def number_text(value: float) -> str:
    """Shortest round-trip form, never in exponent notation and without a trailing '.0'."""
    return np.format_float_positional(float(value), trim="-")


def date_text(value: date | pd.Timestamp) -> str:
    """YYYY-MM-DD, or full ISO 8601 when the value has a time of day."""
    stamp = pd.Timestamp(value)
    if stamp == stamp.normalize() and stamp.tzinfo is None:
        return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"
    return stamp.isoformat()


def cell_text(value: Any) -> str:
    """Any display value as a safe CSV cell: missing empty, text neutralised."""
    if _is_missing(value):
        return ""
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return number_text(value)
    if isinstance(value, date | np.datetime64):
        return date_text(value)
    return neutralise_cell(str(value))


def _is_missing(value: Any) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _contract_cell(value: Any, kind: schema.Kind) -> str:
    """One contract cell by its column's kind (a number stays a number even as text)."""
    if _is_missing(value):
        return ""
    if kind == "number":
        return number_text(float(value))
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return date_text(value)
    return neutralise_cell(str(value))


# --- CSV ---------------------------------------------------------------------------------


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """BOM, RFC 4180 quoting, "\\r\\n" line ends, UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def table_csv(
    table_name: str,
    frame: pd.DataFrame,
    companions: Mapping[str, tuple[str, pd.Series]] | None = None,
) -> bytes:
    """A contract table as CSV: the contract's columns in contract order, each followed by
    its companion text column when ``companions`` names one (e.g. ``actor`` ->
    ``("actor_name", names)``; the loader ignores columns outside the contract)."""
    table = schema.TABLES_BY_NAME[table_name]
    companions = companions or {}
    header: list[str] = []
    columns: list[pa.Array] = []
    for column in table.columns:
        header.append(column.name)
        columns.append(_contract_column(frame[column.name], column.kind))
        if column.name in companions:
            name, values = companions[column.name]
            header.append(name)
            columns.append(_contract_column(values, "text"))
    return _arrow_csv_bytes(header, columns)


def _contract_column(values: pd.Series, kind: schema.Kind) -> pa.Array:
    """A contract column ready for Arrow's CSV writer: numbers as float64 and dates as
    date32 (written bare: 58, -12.25, 2025-10-12), text neutralised (written quoted);
    missing values as nulls (written as empty cells)."""
    missing = values.isna().to_numpy()
    if kind == "number" and pd.api.types.is_float_dtype(values.dtype):
        return pa.array(values.to_numpy(dtype="float64", na_value=np.nan), from_pandas=True)
    if kind == "integer" and pd.api.types.is_integer_dtype(values.dtype):
        return pa.array(values, type=pa.int64(), from_pandas=True)
    if kind == "date" and pd.api.types.is_datetime64_dtype(values.dtype):
        present = values[~missing]
        if (present == present.dt.normalize()).all():
            return pc.cast(pa.array(values, from_pandas=True), pa.date32())
    if kind not in ("number", "integer", "date") and pd.api.types.infer_dtype(
        values, skipna=True
    ) in (
        "string",
        "empty",
    ):
        return _neutralised_column(values)
    cells = [None if m else _contract_cell(v, kind) for v, m in zip(values, missing, strict=True)]
    return pa.array(cells, type=pa.string())


def _neutralised_column(values: pd.Series) -> pa.Array:
    """Text cells with ``neutralise_cell`` applied: one leading ' where a formula could start."""
    text = arrow_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    text = text.cast(_TEXT)
    risky = pc.match_substring_regex(text, _RISKY_START).fill_null(False)
    if not pc.any(risky).as_py():
        return text
    escaped = pc.binary_join_element_wise(_text(ESCAPE), text.filter(risky), _text(""))
    return pc.replace_with_mask(text, risky, escaped)


_TEXT = pa.large_string()
_RISKY_START = "^[" + "".join(re.escape(p) for p in (*FORMULA_PREFIXES, ESCAPE)) + "]"


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, type=_TEXT)


def _arrow_csv_bytes(header: list[str], columns: list[pa.Array]) -> bytes:
    """The header as ``_csv_bytes`` writes it, then the rows by Arrow's CSV writer: every
    text cell quoted (RFC 4180, inner quotes doubled), numbers and dates bare, missing
    values empty, lines ended with CRLF."""
    head = _csv_bytes(header, [])
    if not columns or len(columns[0]) == 0:
        return head
    names = [f"c{i}" for i in range(len(columns))]
    table = pa.table(columns, names=names)
    sink = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed", eol=LINE_END)
    pacsv.write_csv(table, sink, write_options=options)
    return head + sink.getvalue()


def view_csv(frame: pd.DataFrame) -> bytes:
    """Any display table as the same safe CSV, without its index."""
    header = [cell_text(str(name)) for name in frame.columns]
    columns = [[cell_text(value) for value in frame.iloc[:, i]] for i in range(frame.shape[1])]
    return _csv_bytes(header, _rows(columns, len(frame)))


def _rows(columns: list[list[str]], count: int) -> Iterator[list[str]]:
    return (list(row) for row in zip(*columns, strict=True)) if columns else iter([[]] * count)
