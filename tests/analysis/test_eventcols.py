"""The optional columns of events.csv, read one way wherever they are shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.eventcols import (
    best_fatalities,
    fatalities_texts,
    fatality_range,
    location_precision,
)
from dashboard.analysis.fatalities import figure_column


def located_frame(precision: list[object] | None) -> pd.DataFrame:
    frame = pd.DataFrame(
        {"latitude": [31.5, 31.5, np.nan, np.nan], "longitude": [65.7, 65.7, np.nan, 65.7]}
    )
    if precision is not None:
        frame["location_precision"] = pd.Series(precision, dtype="str")
    return frame


def test_an_empty_precision_is_exact_with_coordinates_and_empty_without() -> None:
    precision = location_precision(located_frame(["near", "", None, "area"]))
    assert precision.tolist()[:2] == ["near", "exact"]
    assert precision.isna().tolist() == [False, False, True, False]
    assert precision.iat[3] == "area"  # a given precision is kept, coordinates or not


def test_a_missing_precision_column_reads_as_empty_cells() -> None:
    precision = location_precision(located_frame(None))
    assert precision.tolist()[:2] == ["exact", "exact"]
    assert precision.isna().tolist() == [False, False, True, True]


def test_figure_columns_are_whole_numbers_or_unknown() -> None:
    events = pd.DataFrame({"fatalities": pd.array([12, pd.NA, 0], dtype="Int64")})
    assert figure_column(events, "fatalities").tolist() == [12, pd.NA, 0]
    assert figure_column(events, "fatalities_low").isna().all()
    assert str(figure_column(events, "fatalities_low").dtype) == "Int64"
    best = best_fatalities(events)
    assert best.dtype == "float64" and best.isna().tolist() == [False, True, False]
    low, high = fatality_range(events)
    assert low.isna().all() and high.isna().all()


def test_fatalities_texts_write_each_event_as_the_scalar_rule() -> None:
    events = pd.DataFrame(
        {
            "fatalities": pd.array([12, pd.NA, 3, pd.NA], dtype="Int64"),
            "fatalities_low": pd.array([8, 2, pd.NA, pd.NA], dtype="Int64"),
            "fatalities_high": pd.array([1200, 9, pd.NA, pd.NA], dtype="Int64"),
        }
    )
    low, high = fatality_range(events)
    texts = fatalities_texts(best_fatalities(events), low, high)
    assert texts == ["12 (8–1,200)", "unknown (estimates 2–9)", "3", "unknown"]
