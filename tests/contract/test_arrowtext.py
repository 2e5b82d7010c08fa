"""Arrow-backed text columns: round trip with missing cells and membership tests."""

from __future__ import annotations

import pandas as pd

from dashboard.contract.arrowtext import arrow_text, is_in, text_series


def test_arrow_text_helpers_keep_values_and_missing_cells() -> None:
    values = pd.Series(["a", None, "c"], dtype="str", index=[5, 6, 7])
    back = text_series(arrow_text(values), values.index)
    assert back.index.tolist() == [5, 6, 7]
    assert back.isna().tolist() == [False, True, False]
    assert is_in(values, pd.Series(["c", "z"])).tolist() == [False, False, True]
