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
_SLUG_BYTE = np.zeros(256, dtype=bool)  # slugs.SLUG_PATTERN: [a-z0-9][a-z0-9-]*
_SLUG_BYTE[list(b"abcdefghijklmnopqrstuvwxyz0123456789-")] = True
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
        if not _SLUG_BYTE[data[starts[0] : ends[-1]]].all():
            return False
        if (data[starts[ends > starts]] == _HYPHEN).any():
            return False
    return True
