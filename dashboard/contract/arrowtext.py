"""Text columns between pandas and Arrow, shared by the loader, the filters and the snapshot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

STR_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype


def arrow_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow strings, without copying when it already is Arrow-backed."""
    if isinstance(values.array, pd.arrays.ArrowStringArray):
        return pa.array(values.array)  # kept in its chunks: compute functions take them
    return pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)


def text_series(text: pa.Array | pa.ChunkedArray, index: pd.Index) -> pd.Series:
    """An Arrow text array as a pandas "str" column without copying the strings."""
    return pd.Series(pd.arrays.ArrowStringArray(text, dtype=STR_DTYPE), index=index)


def is_in(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """``values.isin(allowed)`` for text columns, hashed in Arrow: pandas' own ``isin``
    walks a large ``allowed`` in Python (seconds for a million ids)."""
    haystack = arrow_text(allowed).unique().drop_null()
    found = pc.is_in(arrow_text(values), value_set=haystack)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def with_missing(text: pa.Array | pa.ChunkedArray, missing: np.ndarray) -> pa.ChunkedArray:
    """``text`` with the cells where ``missing`` is True as missing values: its offsets and
    bytes under a new validity bitmap, not a copy of every cell."""
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    parts, at = [], 0
    for chunk in chunks:
        size, hidden = len(chunk), missing[at : at + len(chunk)]
        if chunk.null_count or not pa.types.is_large_string(chunk.type):
            parts.append(pc.if_else(pa.array(hidden), pa.scalar(None, chunk.type), chunk))
        else:
            valid = np.concatenate((np.ones(chunk.offset, dtype=bool), ~hidden))
            bitmap = pa.array(valid).buffers()[1]
            parts.append(
                pa.Array.from_buffers(
                    chunk.type,
                    size,
                    [bitmap, *chunk.buffers()[1:]],
                    null_count=int(hidden.sum()),
                    offset=chunk.offset,
                )
            )
        at += size
    return pa.chunked_array(parts, type=text.type)
