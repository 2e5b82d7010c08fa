"""Fatality figures of events: totals with their range, and the deadliest events.

Plain pandas for the views. An empty ``fatalities`` cell means the figure is unknown,
never zero: unknown events are counted apart and never added in as 0.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from dashboard.contract.values import is_missing

BEST, LOW, HIGH = "fatalities", "fatalities_low", "fatalities_high"


class FatalitySummary(NamedTuple):
    """Fatalities of a set of events.

    ``total`` adds the best figures of the events that have one. ``low`` and ``high`` add,
    for the same events, the low (high) figure where given and the best figure where
    not, so ``low <= total <= high`` whenever every row keeps low <= best <= high. Events
    without a best figure are ``unknown``; their low and high figures are not added.
    """

    total: int
    low: int
    high: int
    with_figure: int
    unknown: int

    @property
    def has_range(self) -> bool:
        """Whether low or high differ from the total (a range is worth showing)."""
        return (self.low, self.high) != (self.total, self.total)


def fatality_summary(events: pd.DataFrame) -> FatalitySummary:
    """Totals of the best, low and high figures and how many events have a figure."""
    best = figure_column(events, BEST)
    known = best.notna()
    low = figure_column(events, LOW).fillna(best)[known]
    high = figure_column(events, HIGH).fillna(best)[known]
    return FatalitySummary(
        total=exact_sum(best[known]),
        low=exact_sum(low),
        high=exact_sum(high),
        with_figure=int(known.sum()),
        unknown=int((~known).sum()),
    )


_INT64_MAX = 2**63 - 1


def exact_sum(figures: pd.Series) -> int:
    """The sum of whole numbers (missing ones left out) as a Python int that never wraps:
    in 64-bit integers when the largest figure times the count cannot overflow (always so
    for data within the contract), else in Python integers."""
    known = figures.dropna()
    if known.empty:
        return 0
    largest = max(abs(int(known.max())), abs(int(known.min())))
    if largest * len(known) <= _INT64_MAX:
        return int(known.astype("int64").sum())
    return sum(int(value) for value in known.to_numpy(dtype=object))


def summary_words(summary: FatalitySummary) -> tuple[str, str]:
    """(the figure, the words under it) for a view's fatalities: '1,234' and
    'range 1,100–1,500 · 12 of 80 events unknown'. Unknown events are never counted."""
    if summary.with_figure == 0:
        return "unknown", f"no figure for any of the {summary.unknown:,} events"
    parts = [f"range {summary.low:,}–{summary.high:,}"] if summary.has_range else []
    events = summary.with_figure + summary.unknown
    parts.append(
        f"{summary.unknown:,} of {events:,} events unknown"
        if summary.unknown
        else f"all {events:,} events have a figure"
    )
    return f"{summary.total:,}", " · ".join(parts)


def deadliest_events(events: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` events with the highest best figure, highest first; unknown figures are
    left out. Ties go to the later event, then to the event id."""
    best = figure_column(events, BEST)
    known = events[best.notna()]
    if known.empty or n < 1:
        return events.iloc[0:0]
    order = pd.DataFrame(
        {
            "best": best[best.notna()].astype("int64"),
            "start": known["date_start"],
            "id": known["event_id"],
        }
    )
    ranked = order.sort_values(["best", "start", "id"], ascending=[False, False, True])
    return known.loc[ranked.index[:n]]


def fatalities_text(best: object, low: object = None, high: object = None) -> str:
    """'12', '12 (10–15)', '≥ 10' style words for one event: 'unknown' when no best figure
    is given, the low–high range in brackets when it differs from the best figure."""
    if _missing(best):
        if not _missing(low) and not _missing(high):
            return f"unknown (estimates {int(low):,}–{int(high):,})"
        return "unknown"
    text = f"{int(best):,}"
    low_text = text if _missing(low) else f"{int(low):,}"
    high_text = text if _missing(high) else f"{int(high):,}"
    if (low_text, high_text) != (text, text):
        text += f" ({low_text}–{high_text})"
    return text


def figure_column(events: pd.DataFrame, column: str) -> pd.Series:
    """A fatality figure column as nullable whole numbers, NA where unknown (all NA when
    the table lacks the column)."""
    if column not in events.columns:
        return pd.Series(pd.NA, index=events.index, dtype="Int64")
    return pd.to_numeric(events[column], errors="coerce").astype("Int64")


def _missing(value: object) -> bool:
    return is_missing(value)
