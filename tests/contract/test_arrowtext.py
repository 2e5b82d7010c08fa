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


def test_with_missing_equals_if_else_on_sliced_chunked_and_null_holding_columns() -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from dashboard.contract.arrowtext import with_missing

    whole = pa.array(["x", " ", "long text", "", "y", "z"], pa.large_string())
    columns = [
        whole,
        whole.slice(1, 4),  # a chunk that starts inside its buffers
        pa.chunked_array([whole.slice(2, 3), whole.slice(0, 2)]),
        pa.array(["a", None, " "], pa.large_string()),  # already holds a missing cell
        pa.array(["a", "", "b"], pa.string()),
    ]
    for text in columns:
        missing = np.array([i % 2 == 1 for i in range(len(text))])
        expected = pc.if_else(pa.array(missing), pa.scalar(None, text.type), text)
        result = with_missing(text, missing)
        assert result.to_pylist() == expected.to_pylist()
        assert result.null_count == expected.null_count
        result.validate(full=True)
