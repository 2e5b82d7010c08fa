"""Reading one CSV file into text columns, with the physical line number of every row.

Nothing here knows the data contract: it turns bytes into a table of strings and reports
what it could not read (empty file, bytes that are not UTF-8, rows with the wrong number
of fields) as problems.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard.problems import Problem

BOM = "\ufeff"
REPLACEMENT = "\ufffd"


@dataclass
class RawTable:
    """A CSV file as strings: header names in file order and rows indexed by line number."""

    header: list[str]
    frame: pd.DataFrame  # one str column per header position, index "line"
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0  # data rows in the file, good or not


def read_text_table(path_name: str, raw: bytes) -> RawTable | Problem:
    """Parse CSV bytes; a Problem instead of a table when the file has no header at all."""
    if not raw.removeprefix(BOM.encode()).strip():
        return Problem(path_name, None, None, None, "empty-file", _EMPTY_MESSAGE)
    problems: list[Problem] = []
    text_bytes, bad_encoding = _as_utf8(raw)
    if bad_encoding is not None:
        problems.append(replace(bad_encoding, file=path_name))
    header = _header(text_bytes)
    if header is None:
        return Problem(path_name, 1, None, None, "empty-file", _EMPTY_MESSAGE)
    positions = [f"c{i}" for i in range(len(header))]
    invalid: list[tuple[int, str, int]] = []

    def keep_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append((row.number, row.text, row.actual_columns))
        return "skip"

    table = pacsv.read_csv(
        io.BytesIO(text_bytes),
        read_options=pacsv.ReadOptions(use_threads=False, column_names=positions, skip_rows=1),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=keep_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(positions, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    frame = table.to_pandas()
    record_lines = _record_start_lines(text_bytes, table.num_rows + len(invalid))
    invalid_numbers = {number for number, _, _ in invalid}
    good_numbers = [
        n for n in range(2, table.num_rows + len(invalid) + 2) if n not in invalid_numbers
    ]
    frame.index = pd.Index(
        [record_lines(n) for n in good_numbers] if record_lines else good_numbers,
        name="line",
    )
    for number, text, actual in sorted(invalid):
        line = record_lines(number) if record_lines else number
        problems.append(
            Problem(
                path_name,
                line,
                None,
                _shorten(text),
                "field-count",
                f"row has {actual} fields but the header has {len(header)}; "
                "check for a missing or extra comma, or an unclosed quote",
            )
        )
    if bad_encoding is not None:
        problems.extend(_rows_with_bad_bytes(path_name, header, frame))
        frame = frame[~_has_replacement(frame)]
    return RawTable(header, frame, problems, rows_read=table.num_rows + len(invalid))


_EMPTY_MESSAGE = "file is empty: it needs at least the header row"


def _as_utf8(raw: bytes) -> tuple[bytes, Problem | None]:
    """The bytes as valid UTF-8 (bad bytes become U+FFFD) and a problem if there were any."""
    try:
        raw.decode("utf-8")
        return raw, None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problem = Problem(
            "",
            line,
            None,
            None,
            "not-utf8",
            "file is not UTF-8 text from this line on (was it saved as Windows-1252 or "
            "Latin-1?); rows with such bytes are rejected, save the file as UTF-8",
        )
        return raw.decode("utf-8", errors="replace").encode("utf-8"), problem


def _header(text_bytes: bytes) -> list[str] | None:
    first = text_bytes.split(b"\n", 1)[0].decode("utf-8").lstrip(BOM).rstrip("\r")
    if not first.strip():
        return None
    return [name.strip() for name in next(csv.reader([first]))]


def _record_start_lines(text_bytes: bytes, records: int):
    """None when every record is one line; otherwise a lookup from record number to line."""
    newline_count = text_bytes.count(b"\n")
    physical = newline_count + (0 if text_bytes.endswith(b"\n") else 1)
    if physical == records + 1:
        return None
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text_bytes.decode("utf-8").lstrip(BOM), newline=""))
    previous_end = 0
    for row in reader:
        if row:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    lookup = np.asarray(starts)

    def line_of(record_number: int) -> int:
        index = record_number - 1
        return int(lookup[index]) if index < len(lookup) else record_number

    return line_of


def _has_replacement(frame: pd.DataFrame) -> pd.Series:
    mask = pd.Series(False, index=frame.index)
    for column in frame.columns:
        mask |= frame[column].str.contains(REPLACEMENT, regex=False)
    return mask


def _rows_with_bad_bytes(path_name: str, header: list[str], frame: pd.DataFrame) -> list[Problem]:
    problems = []
    for position, column in enumerate(frame.columns):
        hits = frame[column].str.contains(REPLACEMENT, regex=False)
        for line, value in frame.loc[hits, column].items():
            problems.append(
                Problem(
                    path_name,
                    int(line),
                    header[position],
                    _shorten(value),
                    "not-utf8",
                    "cell holds bytes that are not UTF-8; the row is rejected",
                )
            )
    return problems


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
