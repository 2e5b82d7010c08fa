"""Row selection: a dated row is kept when its date range touches the chosen window."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.query.selection import overlaps

STARTS = pd.Series(pd.to_datetime(["2025-10-01", "2025-10-05", "2025-10-11", "2025-10-13"]))
ENDS = pd.Series(pd.to_datetime(["2025-10-04", None, "2025-10-12", None]))


@pytest.mark.parametrize(
    ("date_from", "date_to", "kept"),
    [
        pytest.param(date(2025, 10, 4), date(2025, 10, 11), [True, True, True, False], id="window"),
        pytest.param(None, date(2025, 10, 4), [True, False, False, False], id="open-start"),
        pytest.param(date(2025, 10, 12), None, [False, False, True, True], id="open-end"),
    ],
)
def test_overlap_keeps_ranges_touching_the_window(
    date_from: date | None, date_to: date | None, kept: list[bool]
) -> None:
    assert overlaps(STARTS, ENDS, date_from, date_to).tolist() == kept
