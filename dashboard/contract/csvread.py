"""Reading one CSV file into text columns, with the physical line number of every row.

Nothing here knows the data contract: it turns bytes into a table of strings and reports
what it could not read (empty file, bytes that are not UTF-8, rows with the wrong number
of fields) as problems.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard.contract.filehead import HEAD_BYTES, encoding_refusal
from dashboard.contract.problems import Problem, shortened

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
    """Parse CSV bytes; a Problem instead of a table when the file has no header at all
    or is not UTF-8 text (UTF-16, UTF-32, NUL bytes)."""
    wrong_encoding = encoding_refusal("", raw[:HEAD_BYTES])
    if wrong_encoding is not None:
        return Problem(path_name, None, None, None, "encoding", wrong_encoding)
    if _is_blank(raw):
        return Problem(path_name, None, None, None, "empty-file", _EMPTY_MESSAGE)
    problems: list[Problem] = []
    text_bytes, bad_encoding = _as_utf8(raw)
    if bad_encoding is not None:
        problems.append(replace(bad_encoding, file=path_name))
    try:
        header = header_names(text_bytes)
    except (csv.Error, HeaderTooLong) as error:
        return Problem(path_name, 1, None, None, "header", f"header row cannot be read: {error}")
    if header is None:
        return Problem(path_name, 1, None, None, "empty-file", _EMPTY_MESSAGE)
    positions = [f"c{i}" for i in range(len(header))]
    try:
        table, invalid = _parse(text_bytes, positions)
    except (pa.ArrowException, ValueError) as error:
        return Problem(path_name, None, None, None, "unparsable", f"cannot be read as CSV: {error}")
    frame = table.to_pandas()
    records = table.num_rows + len(invalid)
    lines = _record_start_lines(text_bytes, records)
    numbers = np.arange(2, records + 2)
    if invalid:
        numbers = numbers[~np.isin(numbers, [number for number, _, _ in invalid])]
    frame.index = pd.Index(numbers if lines is None else lines[numbers - 1], name="line")
    unclosed = bool(invalid or _last_row_spans_lines(frame)) and has_unclosed_quote(text_bytes)
    for number, text, actual in sorted(invalid):
        line = number if lines is None else int(lines[number - 1])
        if unclosed and number == records + 1 and ("\n" in text or "\r" in text):
            problems.append(_unclosed_quote_problem(path_name, line, text))
            continue
        problems.append(
            Problem(
                path_name,
                line,
                None,
                shortened(text),
                "field-count",
                f"row has {actual} fields but the header has {len(header)}; "
                "check for a missing or extra comma, or an unclosed quote",
            )
        )
    if bad_encoding is not None:
        problems.extend(_rows_with_bad_bytes(path_name, header, frame))
        frame = frame[~_has_replacement(frame)]
    if unclosed and _last_row_spans_lines(frame):
        problems.append(
            _unclosed_quote_problem(path_name, int(frame.index[-1]), ",".join(frame.iloc[-1]))
        )
        frame = frame.iloc[:-1]
    return RawTable(header, frame, problems, rows_read=records)


HEADER_LIMIT = 10_000  # characters in the header row (the contract's longest is < 300)
HEADER_BYTES = 4 * HEADER_LIMIT + 4  # the most bytes such a header takes in UTF-8, and a BOM
_EMPTY_MESSAGE = "file is empty: it needs at least the header row"
_LARGEST_BLOCK = 1 << 30
_FIRST_LINE_END = re.compile(rb"\r\n|\r|\n")
InvalidRows = list[tuple[int, str, int]]


def _is_blank(raw: bytes) -> bool:
    """Nothing but a byte-order mark and white space (without copying a large file)."""
    if raw[:65536].removeprefix(BOM.encode()).strip():
        return False
    return not raw.removeprefix(BOM.encode()).strip()


def _parse(text_bytes: bytes, positions: list[str]) -> tuple[pa.Table, InvalidRows]:
    """Every cell as text, and the rows with the wrong number of fields.

    Parsed on both cores first; the parallel parser cannot number bad rows, so a file that
    has any is parsed again on one core to learn where they are. A cell too large for a
    block (a megabyte of text with line breaks) makes the whole file one block."""
    invalid: InvalidRows = []

    def keep_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append((row.number, row.text, row.actual_columns))
        return "skip"

    try:
        table = _read(text_bytes, positions, keep_invalid, threads=True, block_size=None)
    except pa.ArrowInvalid as error:
        if "straddl" not in str(error):
            raise
        table = None
    if table is not None and all(number is not None for number, _, _ in invalid):
        return table, invalid
    invalid.clear()
    whole = max(1 << 20, min(len(text_bytes) + 1, _LARGEST_BLOCK))
    return _read(text_bytes, positions, keep_invalid, threads=False, block_size=whole), invalid


def _read(text_bytes: bytes, positions: list[str], on_invalid, threads: bool, block_size):
    options = {"block_size": block_size} if block_size else {}
    return pacsv.read_csv(
        io.BytesIO(text_bytes),
        read_options=pacsv.ReadOptions(
            use_threads=threads, column_names=positions, skip_rows=1, **options
        ),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(positions, pa.large_string()),  # pandas' own type
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _last_row_spans_lines(frame: pd.DataFrame) -> bool:
    if frame.empty:
        return False
    return any("\n" in cell or "\r" in cell for cell in frame.iloc[-1])


def _unclosed_quote_problem(path_name: str, line: int, text: str) -> Problem:
    return Problem(
        path_name,
        line,
        None,
        shortened(text),
        "unclosed-quote",
        "a quote opened on this row is never closed, so every line after it up to the end "
        "of the file was read into this row; the row is rejected: close the quote",
    )


def _as_utf8(raw: bytes) -> tuple[bytes, Problem | None]:
    """The bytes as valid UTF-8 (bad bytes become U+FFFD) and a problem if there were any."""
    if is_utf8(raw):
        return raw, None
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


def is_utf8(raw: bytes) -> bool:
    """Whether ``raw`` is valid UTF-8 (as strict as Python's decoder), checked by Arrow in
    place: no decoded copy of the file."""
    offsets = pa.py_buffer(np.array([0, len(raw)], dtype=np.int64))
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(raw)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


class HeaderTooLong(ValueError):
    """A first line far longer than any header of the contract."""


def header_names(text_bytes: bytes) -> list[str] | None:
    """The header row's names (None for an empty first line); only its first bytes are
    decoded, however long it is. HeaderTooLong, csv.Error or UnicodeDecodeError when
    it cannot be read."""
    end = _FIRST_LINE_END.search(text_bytes, 0, HEADER_BYTES)
    if end is None and len(text_bytes) > HEADER_BYTES:
        raise HeaderTooLong(
            f"it is longer than {HEADER_LIMIT:,} characters (no line ends within its first "
            f"{HEADER_BYTES:,} bytes), more than a header of column names can need"
        )
    first = text_bytes[: end.start() if end else len(text_bytes)].decode("utf-8").lstrip(BOM)
    if not first.strip():
        return None
    if len(first) > HEADER_LIMIT:
        raise HeaderTooLong(
            f"it is {len(first):,} characters long, more than the {HEADER_LIMIT:,} a header "
            "of column names can need"
        )
    return [name.strip() for name in next(csv.reader([first]))]


def _record_start_lines(text_bytes: bytes, records: int) -> np.ndarray | None:
    """None when every record is one line; otherwise each record's starting line
    (index 0 = the header).

    Records end at line breaks (LF, CRLF or a lone CR) outside quotes; empty lines are
    not records (the CSV reader skips them too). Works on the bytes with numpy, so a
    quoted newline in a million-row file costs a few vectorised passes, not a parse."""
    line_feeds = count_byte(text_bytes, b"\n")
    returns = count_byte(text_bytes, b"\r") if b"\r" in text_bytes else 0
    lone_returns = returns - text_bytes.count(b"\r\n") if returns else 0
    ends_with_break = text_bytes.endswith((b"\n", b"\r"))
    if line_feeds + lone_returns + (0 if ends_with_break else 1) == records + 1:
        return None
    data = np.frombuffer(text_bytes, dtype=np.uint8)
    breaks = _line_breaks(data)
    quotes = np.flatnonzero(data == ord('"'))
    outside_quotes = np.searchsorted(quotes, breaks) % 2 == 0
    starts = np.concatenate(([0], breaks[outside_quotes] + 1))
    starts = starts[starts < len(data)]
    starts = starts[~np.isin(data[starts], (10, 13))]
    lines = np.searchsorted(breaks, starts) + 1
    if len(lines) < records + 1:  # a stray quote broke the count: keep what is known
        lines = np.concatenate((lines, np.arange(len(lines) + 1, records + 2)))
    return lines


_COUNT_BLOCK = 1 << 22


def count_byte(data: bytes, byte: bytes) -> int:
    """How often ``byte`` occurs in ``data``: numpy over blocks of 4 MiB (about twice as
    fast as ``bytes.count``, and the mask stays small)."""
    view = np.frombuffer(data, dtype=np.uint8)
    code = byte[0]
    return sum(
        int(np.count_nonzero(view[at : at + _COUNT_BLOCK] == code))
        for at in range(0, len(view), _COUNT_BLOCK)
    )


def _line_breaks(data: np.ndarray) -> np.ndarray:
    """Positions of the last byte of each line break: LF, or a CR not followed by LF."""
    carriage = np.flatnonzero(data == 13)
    followed = carriage + 1 < len(data)
    lone = carriage[~followed | (data[np.minimum(carriage + 1, len(data) - 1)] != 10)]
    return np.sort(np.concatenate((np.flatnonzero(data == 10), lone)))


def has_unclosed_quote(text_bytes: bytes) -> bool:
    """An odd number of double quotes: a quote was opened and never closed."""
    return text_bytes.count(b'"') % 2 == 1


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
                    shortened(value),
                    "not-utf8",
                    "cell holds bytes that are not UTF-8; the row is rejected",
                )
            )
    return problems
