"""A contract table as canonical text: one string (or null) per cell, the same text for
the same value whichever way it was read (a CSV, a snapshot, the history store).

Dates are YYYY-MM-DD, numbers in Arrow's shortest round-trip form, integers in decimal,
text as loaded, missing cells null. Rows are matched by their primary key (``row_keys``) and
compared by a 64-bit hash of their cells (``row_hashes``), all vectorised.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text

KEY_SEPARATOR = " + "  # between the parts of a composite key, as the loader words them


def canonical_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The contract columns of a loaded table as text (pandas string dtype), index 0..n-1."""
    table = schema.TABLES_BY_NAME[name]
    columns = {
        column.name: _canonical_column(frame[column.name], column.kind) for column in table.columns
    }
    return pd.DataFrame(columns).reset_index(drop=True)


def _canonical_column(values: pd.Series, kind: schema.Kind) -> pd.Series:
    array = _as_arrow(values, kind)
    if kind == "date":
        text = pc.strftime(pc.cast(array, pa.timestamp("s")), format="%Y-%m-%d")
    elif kind in ("number", "integer"):
        text = pc.cast(array, pa.string())
    else:
        text = pc.cast(array, pa.string())
    return pd.Series(text.to_pandas(), dtype="str")


def _as_arrow(values: pd.Series, kind: schema.Kind) -> pa.Array:
    if kind == "date":
        return pa.array(pd.to_datetime(values, errors="coerce"), from_pandas=True)
    if kind == "number":
        return pa.array(pd.to_numeric(values, errors="coerce").astype("float64"), from_pandas=True)
    if kind == "integer":
        return pa.array(pd.to_numeric(values, errors="coerce").astype("Int64"), from_pandas=True)
    text = arrow_text(values)
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def key_text(name: str, frame: pd.DataFrame) -> pd.Series:
    """``row_keys`` of a loaded table, converting only its key columns to canonical text."""
    table = schema.TABLES_BY_NAME[name]
    kinds = {column.name: column.kind for column in table.columns}
    keys = pd.DataFrame(
        {column: _canonical_column(frame[column], kinds[column]) for column in table.primary_key}
    )
    return row_keys(name, keys)


def row_keys(name: str, frame: pd.DataFrame) -> pd.Series:
    """Each row's primary key as one string ('ridge-gate + 2025-10-20 + src' when composite)."""
    key = schema.TABLES_BY_NAME[name].primary_key
    joined = frame[key[0]].fillna("")
    for column in key[1:]:
        joined = joined + KEY_SEPARATOR + frame[column].fillna("")
    return joined.astype("str")


_MULTIPLIER = np.uint64(1_000_003)


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash per row over every cell (null differs from empty text), one column at
    a time through numpy's object arrays (pandas hashes those in C)."""
    combined = np.full(len(frame), np.uint64(0x345678), dtype=np.uint64)
    for position in range(frame.shape[1]):
        cells = frame.iloc[:, position].to_numpy(dtype=object, na_value="\x00")
        column = pd.util.hash_array(cells, categorize=False)
        combined = (combined ^ column) * _MULTIPLIER  # wraps around: uint64 arithmetic
    return combined


def table_fingerprint(keys: pd.Series, hashes: np.ndarray) -> str:
    """SHA-256 of a table's rows (key order does not matter)."""
    order = np.argsort(keys.to_numpy(dtype=object), kind="stable")
    digest = hashlib.sha256()
    digest.update("\x1f".join(keys.to_numpy(dtype=object)[order]).encode("utf-8"))
    digest.update(hashes[order].tobytes())
    return digest.hexdigest()


def dataset_fingerprint(parts: dict[str, str]) -> str:
    """SHA-256 over each table's name and fingerprint: the identity of one version."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(f"{name}\0{parts[name]}\0".encode())
    return digest.hexdigest()
