"""The timeline's computations, apart from drawing: the period of a counts bar (day to
several years), the counts per period and party group stacked in legend order, and the
packing of single-event marks into rows of a party lane so that no two overlap.

Times go to the chart as UTC milliseconds (``epoch_ms``); ``charts/timeline.py`` draws
what these return.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis import eventcols
from dashboard.charts.palette import PartyColors
from dashboard.query.dates import event_ends, format_day

# The counts chart never has more bars (periods) than this on its time axis.
BAR_BUDGET = 120
# Marks are packed for a plotting area this wide (a wide layout's chart; wider is fine).
PLOT_WIDTH_PX = 900
DOT_PX = 9  # diameter of a single-day dot
MIN_BAR_PX = 4  # a date range is at least this wide
GAP_PX = 2  # free space between two marks in one sub-row
MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class PeriodUnit:
    """One bar of the counts chart: a day, a week (Monday to Sunday), a month, a quarter,
    a year or ``years`` calendar years."""

    name: str
    freq: str  # pandas period frequency ("" for several years)
    years: int = 1


UNITS: tuple[PeriodUnit, ...] = (
    PeriodUnit("day", "D"),
    PeriodUnit("week", "W-SUN"),
    PeriodUnit("month", "M"),
    PeriodUnit("quarter", "Q"),
    PeriodUnit("year", "Y"),
)
YEAR_STEPS: tuple[int, ...] = (2, 5, 10, 20, 50, 100, 200, 500, 1000)


# --- marks -----------------------------------------------------------------------------------


def far_background(events: pd.DataFrame) -> pd.Series:
    """Background events entirely outside the date span of all other events."""
    background = events["event_type"] == "background"
    if background.all():
        return pd.Series(False, index=events.index)
    start, end = events["date_start"], event_ends(events)
    low, high = start[~background].min(), end[~background].max()
    return background & ((end < low) | (start > high))


def event_rows(events: pd.DataFrame, colors: PartyColors) -> pd.DataFrame:
    """One row per event with where the marks chart puts it: times as UTC milliseconds
    (``end`` is the day after the last day, so a day has a width), its party group and
    whether it is a date range; in time order."""
    start = events["date_start"]
    end = event_ends(events)
    start_ms = epoch_ms(start)
    frame = pd.DataFrame(
        {
            "position": np.arange(len(events)),
            "group": colors.groups(events["actor"]).to_numpy(),
            "start": start_ms,
            "end": epoch_ms(end) + MS_PER_DAY,
            "mid": start_ms + MS_PER_DAY // 2,
            "is_range": (end > start).to_numpy(),
        }
    )
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def epoch_ms(days: pd.Series) -> np.ndarray:
    return days.to_numpy().astype("datetime64[ms]").astype("int64")


def pack_rows(rows: pd.DataFrame, width_px: int = PLOT_WIDTH_PX) -> np.ndarray:
    """The row of every mark within its party lane (first fit, in time order) so that no two
    marks of one row overlap at ``width_px``: dots DOT_PX wide, bars at least MIN_BAR_PX,
    GAP_PX apart."""
    if rows.empty:
        return np.zeros(0, dtype="int64")
    left, right = mark_extents(rows, width_px)
    result = np.zeros(len(rows), dtype="int64")
    groups = rows["group"].to_numpy()
    lane_ends: dict[str, list[float]] = {}
    for index in np.lexsort((left, groups)).tolist():
        ends = lane_ends.setdefault(groups[index], [])
        start = left[index] - GAP_PX
        free = next((i for i, taken in enumerate(ends) if taken <= start), len(ends))
        if free == len(ends):
            ends.append(right[index])
        else:
            ends[free] = right[index]
        result[index] = free
    return result


def mark_extents(rows: pd.DataFrame, width_px: int = PLOT_WIDTH_PX) -> tuple[np.ndarray, ...]:
    """(left, right) pixel edges of every mark on a plotting area ``width_px`` wide."""
    low, high = time_domain(rows)
    scale = width_px / (high - low)
    start = (rows["start"].to_numpy() - low) * scale
    end = (rows["end"].to_numpy() - low) * scale
    mid = (rows["mid"].to_numpy() - low) * scale
    ranged = rows["is_range"].to_numpy()
    left = np.where(ranged, start, mid - DOT_PX / 2)
    right = np.where(ranged, np.maximum(end, start + MIN_BAR_PX), mid + DOT_PX / 2)
    return left, right


def lane_layout(rows: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, int]:
    """(lanes, rows in all): each lane's header row and its number of rows, in ``order``;
    the lane of a mark starts at its header, its marks below it."""
    used = rows.groupby("group")["row"].max().reindex(order).fillna(-1).astype("int64") + 1
    height = used + 1  # the header row
    first = height.cumsum() - height
    lanes = pd.DataFrame({"group": order, "first": first.to_numpy(), "rows": used.to_numpy()})
    return lanes, int(height.sum())


def time_domain(rows: pd.DataFrame) -> tuple[int, int]:
    """The x domain of the marks chart in UTC ms: the events' span and 2% on each side."""
    low, high = int(rows["start"].min()), int(rows["end"].max())
    pad = max((high - low) // 50, MS_PER_DAY // 2)
    return low - pad, high + pad


# --- counts ----------------------------------------------------------------------------------


def period_unit(first: pd.Timestamp, last: pd.Timestamp, budget: int = BAR_BUDGET) -> PeriodUnit:
    """The finest unit that covers first..last in at most ``budget`` periods."""
    for unit in UNITS:
        if pd.Period(last, unit.freq).ordinal - pd.Period(first, unit.freq).ordinal < budget:
            return unit
    years = next(s for s in YEAR_STEPS if last.year // s - first.year // s < budget)
    return PeriodUnit(f"{years} years", "", years)


def period_bounds(days: pd.Series, unit: PeriodUnit) -> tuple[pd.Series, pd.Series]:
    """(first day, day after the last) of the period of every date."""
    if unit.years == 1:
        periods = days.dt.to_period(unit.freq)
        return periods.dt.start_time, (periods + 1).dt.start_time
    first_year = days.dt.year // unit.years * unit.years
    start = pd.to_datetime({"year": first_year, "month": 1, "day": 1})
    end = pd.to_datetime({"year": first_year + unit.years, "month": 1, "day": 1})
    return start, end


def period_label(start: pd.Timestamp, unit: PeriodUnit) -> str:
    """'12 Oct 2025', 'week of 6 Oct 2025', 'Oct 2025', 'Q4 2025', '2025', '2020–2024'."""
    if unit.name == "day":
        return format_day(start)
    if unit.name == "week":
        return f"week of {format_day(start)}"
    if unit.name == "month":
        return f"{start:%b %Y}"
    if unit.name == "quarter":
        return f"Q{start.quarter} {start.year}"
    if unit.years == 1:
        return str(start.year)
    return f"{start.year}–{start.year + unit.years - 1}"


def period_counts(
    events: pd.DataFrame, colors: PartyColors, unit: PeriodUnit, metric: str = "events"
) -> pd.DataFrame:
    """One row per period and party group with events, verified events, the sum of the
    known fatality figures and how many events have one; ``value`` is what the bar shows
    (events, or known fatalities: NaN, not zero, where no event of the row has a figure)."""
    start, end = period_bounds(events["date_start"], unit)
    fatalities = eventcols.best_fatalities(events)
    frame = pd.DataFrame(
        {
            "start": start.to_numpy(),
            "end": end.to_numpy(),
            "group": colors.groups(events["actor"]).to_numpy(),
            "verified": (events["verification"] == "verified").to_numpy(),
            "fatalities": fatalities.to_numpy(),
        }
    )
    return eventcols.tally(frame, ["start", "end", "group"], metric)


def stacked_bars(counts: pd.DataFrame, order: list[str], unit: PeriodUnit) -> pd.DataFrame:
    """The rows the counts chart ships: times in UTC ms, the period in words, and each
    bar's base and top, stacked in legend order (the first group at the bottom). Rows
    without a value (no known figure) are left out."""
    known = counts[counts["value"].notna()]
    rank = {group: i for i, group in enumerate(order)}
    rows = pd.DataFrame(
        {
            "start": epoch_ms(known["start"]),
            "end": epoch_ms(known["end"]),
            "period": [period_label(s, unit) for s in known["start"]],
            "group": known["group"].to_numpy(),
            "rank": known["group"].map(rank).to_numpy(dtype="int64"),
            "value": known["value"].to_numpy(),
            "events": known["events"].to_numpy(dtype="int64"),
            "verified": known["verified"].to_numpy(dtype="int64"),
            "with_figure": known["with_figure"].to_numpy(dtype="int64"),
            "fatalities": known["fatalities"].to_numpy(),
        }
    )
    rows = rows.sort_values(["start", "rank"], kind="stable").reset_index(drop=True)
    rows["top"] = rows.groupby("start")["value"].cumsum()
    rows["base"] = rows["top"] - rows["value"]  # stacked here: a bar with x2 is not stacked
    return rows
