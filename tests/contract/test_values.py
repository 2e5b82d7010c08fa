"""Cell values: what counts as missing, text and numbers from cells, numbers in words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.contract.values import (
    count_text,
    format_number,
    is_missing,
    number_or_none,
    text_or_none,
)


@pytest.mark.parametrize(
    ("value", "missing"),
    [(None, True), (np.nan, True), (pd.NA, True), (pd.NaT, True), ("", False), (0, False)],
)
def test_missing_values(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


def test_text_and_number_cells() -> None:
    assert text_or_none(np.nan) is None and text_or_none(12) == "12"
    assert number_or_none(None) is None and number_or_none("2.5") == 2.5
    assert count_text(1_000_000) == "1,000,000"
    assert format_number(2611.0) == "2,611" and format_number(0.125) == "0.125"
