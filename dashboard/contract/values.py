"""Cell values: missing, text and number, as every module reads them."""

from __future__ import annotations

import math

import pandas as pd


def is_missing(value: object) -> bool:
    """None, NaN, NaT or pd.NA."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def text_or_none(value: object) -> str | None:
    return None if is_missing(value) else str(value)


def number_or_none(value: object) -> float | None:
    return None if is_missing(value) else float(value)


def count_text(count: int) -> str:
    """1000000 -> '1,000,000'."""
    return f"{count:,}"


def format_number(value: float) -> str:
    """58.0 -> '58', 1200 -> '1,200', 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
