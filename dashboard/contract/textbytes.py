"""Questions about a whole Arrow text column answered from its UTF-8 bytes with numpy.

The loader asks them of every coded column (a million events cite three million sources):
whether any cell needs trimming, whether every cell is a slug. Each answer is one pass over
the column's offsets and bytes, with no copy of the cells; a column with missing cells gets
the cautious answer, so the caller falls back to its exact cell-by-cell check.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

_ASCII_SPACE = np.zeros(256, dtype=bool)  # what pyarrow's ascii_trim_whitespace removes
_ASCII_SPACE[list(b" \t\n\v\f\r")] = True
_HYPHEN = ord("-")


def _chunks(text: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return list(text.chunks) if isinstance(text, pa.ChunkedArray) else [text]


def _cells(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Each cell's start and end in the bytes, and the bytes; None when some cell is
    missing or the column is not text."""
    if chunk.null_count or not (
        pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
    ):
        return None
    _, offsets_buffer, data_buffer = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, dtype=width)[
        chunk.offset : chunk.offset + len(chunk) + 1
    ]
    data = np.zeros(0, np.uint8) if data_buffer is None else np.frombuffer(data_buffer, np.uint8)
    return offsets[:-1], offsets[1:], data


def may_need_trim(text: pa.Array | pa.ChunkedArray) -> bool:
    """False only when no cell starts or ends with ASCII white space (nothing to trim)."""
    for chunk in _chunks(text):
        cells = _cells(chunk)
        if cells is None:
            return True
        starts, ends, data = cells
        filled = ends > starts
        if _ASCII_SPACE[data[starts[filled]]].any() or _ASCII_SPACE[data[ends[filled] - 1]].any():
            return True
    return False


_BLOCK = 1 << 20


def _only_slug_bytes(data: np.ndarray) -> bool:
    """Every byte a lowercase ASCII letter, a digit or a hyphen (compared a MiB at a time:
    faster than a table lookup per byte, and the masks stay small)."""
    for at in range(0, len(data), _BLOCK):
        block = data[at : at + _BLOCK]
        letter = (block - np.uint8(ord("a"))) < 26  # wraps around below "a"
        digit = (block - np.uint8(ord("0"))) < 10
        if not (letter | digit | (block == _HYPHEN)).all():
            return False
    return True


def all_slugs(text: pa.Array | pa.ChunkedArray) -> bool:
    """True only when every non-empty cell is a slug (``slugs.SLUG_PATTERN``): lowercase
    ASCII letters, digits and hyphens, not starting with a hyphen."""
    for chunk in _chunks(text):
        cells = _cells(chunk)
        if cells is None:
            return False
        starts, ends, data = cells
        if len(chunk) == 0:
            continue
        if not _only_slug_bytes(data[starts[0] : ends[-1]]):
            return False
        if (data[starts[ends > starts]] == _HYPHEN).any():
            return False
    return True


_DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]  # YYYY-MM-DD: where the digits are, and the hyphens
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def dates_from_bytes(text: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """Strict YYYY-MM-DD dates as datetime64[s] (NaT for any other cell: a wrong shape, a
    day the month lacks, year 0), read from the bytes; None when some cell is missing."""
    parts = []
    for chunk in _chunks(text):
        cells = _cells(chunk)
        if cells is None:
            return None
        starts, ends, data = cells
        dates = np.full(len(chunk), np.datetime64("NaT"), dtype="datetime64[s]")
        shaped = np.flatnonzero(ends - starts == 10)
        at = starts[shaped][:, None] + np.arange(10)
        cell = data[at].astype(np.int64) - ord("0") if len(shaped) else np.zeros((0, 10), np.int64)
        digits = ((cell[:, _DATE_DIGITS] >= 0) & (cell[:, _DATE_DIGITS] <= 9)).all(axis=1)
        hyphens = (cell[:, 4] == ord("-") - ord("0")) & (cell[:, 7] == ord("-") - ord("0"))
        year = cell[:, 0] * 1000 + cell[:, 1] * 100 + cell[:, 2] * 10 + cell[:, 3]
        month = cell[:, 5] * 10 + cell[:, 6]
        day = cell[:, 8] * 10 + cell[:, 9]
        real_month = (month >= 1) & (month <= 12)
        leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
        last = _MONTH_DAYS[np.where(real_month, month, 0)] + (leap & (month == 2))
        good = digits & hyphens & real_month & (day >= 1) & (day <= last) & (year >= 1)
        months = ((year[good] - 1970) * 12 + month[good] - 1).astype("datetime64[M]")
        dates[shaped[good]] = months.astype("datetime64[D]") + (day[good] - 1)
        parts.append(dates)
    return np.concatenate(parts) if parts else np.zeros(0, dtype="datetime64[s]")
