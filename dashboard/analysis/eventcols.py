"""Optional columns of events.csv, read the same way whether a data directory has them or not.

``fatalities``, ``fatalities_low`` and ``fatalities_high`` may be missing or empty: that is
unknown, never zero. ``location_precision`` may be missing or empty: that is ``exact`` for
an event with coordinates (and nothing for one without).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.fatalities import fatalities_text, figure_column

FATALITY_COLUMNS: tuple[str, ...] = ("fatalities", "fatalities_low", "fatalities_high")
PRECISE = ("exact", "near")  # coordinates that may be drawn as a point
IMPRECISE = ("area", "country")  # a centroid: counted apart, never drawn as an exact point
DEFAULT_PRECISION = "exact"  # the contract's meaning of an empty location_precision cell


def has_fatalities(events: pd.DataFrame) -> bool:
    """Whether any event in the table has a best fatality estimate."""
    return "fatalities" in events.columns and bool(best_fatalities(events).notna().any())


def best_fatalities(events: pd.DataFrame) -> pd.Series:
    """The best fatality estimate of every event as float, NaN where unknown."""
    return figure_column(events, "fatalities").astype("float64")


def fatality_range(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(lowest, highest) estimates as float, NaN where unknown."""
    low, high = (figure_column(events, c).astype("float64") for c in FATALITY_COLUMNS[1:])
    return low, high


def location_precision(events: pd.DataFrame) -> pd.Series:
    """How exact each event's coordinates are: an empty or missing cell is ``exact`` (the
    contract's default) for an event with coordinates, and stays empty for one without."""
    located = events["latitude"].notna() & events["longitude"].notna()
    if "location_precision" in events.columns:
        given = events["location_precision"].astype("str")
    else:
        given = pd.Series(np.nan, index=events.index, dtype="str")
    empty = given.isna() | (given == "")
    return given.mask(empty & located, DEFAULT_PRECISION).mask(empty & ~located, np.nan)


def fatalities_texts(best: pd.Series, low: pd.Series, high: pd.Series) -> list[str]:
    """``fatalities.fatalities_text`` of each event: '12', '12 (8–20)', 'unknown'."""
    return [
        fatalities_text(value, lo, hi)
        for value, lo, hi in zip(best.to_numpy(), low.to_numpy(), high.to_numpy(), strict=True)
    ]


def tally(frame: pd.DataFrame, keys: list[str], metric: str) -> pd.DataFrame:
    """Per group of ``keys``: events, verified events, known fatalities (NaN when no event
    of the group has a figure: unknown is never zero) and ``value``, the chosen metric.
    ``frame`` has a boolean ``verified`` and a numeric ``fatalities`` column."""
    tallied = (
        frame.groupby(keys, sort=True)
        .agg(
            events=("verified", "size"),
            verified=("verified", "sum"),
            fatalities=("fatalities", "sum"),
            with_figure=("fatalities", "count"),
        )
        .reset_index()
    )
    tallied["fatalities"] = tallied["fatalities"].where(tallied["with_figure"] > 0)
    value = tallied["events"] if metric == "events" else tallied["fatalities"]
    tallied["value"] = value.astype("float64")
    return tallied
