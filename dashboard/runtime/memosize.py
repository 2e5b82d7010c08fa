"""About how many bytes a memo value holds, so the memo can be bounded by memory."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd

DEPTH_LIMIT = 12  # nested containers deeper than this count by their shell only


def estimate_bytes(value: object, depth: int = 0) -> int:
    """Bytes held by ``value``: a DataFrame's own column and index buffers
    (``memory_usage(deep=False)``), an array's ``nbytes``, text by its length, containers
    and dataclasses by their parts, and an object with ``memo_bytes()`` by its own count."""
    if hasattr(value, "memo_bytes"):
        return int(value.memo_bytes())  # type: ignore[attr-defined]
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=False, index=True).sum())
    if isinstance(value, pd.Series | pd.Index):
        return int(value.memory_usage(deep=False))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, str | bytes):
        return 49 + len(value)
    if depth >= DEPTH_LIMIT:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return 64 + sum(
            estimate_bytes(k, depth + 1) + estimate_bytes(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, list | tuple | set | frozenset):
        return 56 + sum(estimate_bytes(item, depth + 1) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return 56 + sum(
            estimate_bytes(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)
        )
    return sys.getsizeof(value)
