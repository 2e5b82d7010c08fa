"""The crossing history chart: a bar per unbroken run of a crossing's status.

A pure function from status runs to an Altair chart (no Streamlit here). The status is
written as a word on each bar, never told by colour alone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts import palette
from dashboard.charts.style import AXIS_LABEL_LIMIT
from dashboard.query.dates import describe_dates

RUN_TOOLTIP = (
    ("name:N", "Crossing"),
    ("status_label:N", "Status"),
    ("dates:N", "Dates"),
    ("reports:Q", "Reports"),
    ("verification_label:N", "Verification (first report)"),
)
ONE_DAY = pd.Timedelta(days=1)


def crossing_history_chart(runs: pd.DataFrame) -> alt.TopLevelMixin:
    """A bar per unbroken run of a status, coloured by status and labelled with its word."""
    rows = _run_rows(runs)
    order = list(dict.fromkeys(rows["name"]))
    labels = [palette.status_label(s) for s in palette.STATUS_ORDER]
    colors = [palette.STATUS_COLORS[s] for s in palette.STATUS_ORDER]
    tooltip = [alt.Tooltip(field, title=title) for field, title in RUN_TOOLTIP]
    base = alt.Chart(rows).encode(
        x=alt.X("start:T", title="Date", axis=date_axis(rows)),
        y=alt.Y("name:N", title="Crossing", sort=order, axis=alt.Axis(labelLimit=AXIS_LABEL_LIMIT)),
        tooltip=tooltip,
    )
    bars = base.mark_bar(stroke="white", strokeWidth=1).encode(
        x2="bar_end:T",
        color=alt.Color(
            "status_label:N",
            scale=alt.Scale(domain=labels, range=colors),
            legend=alt.Legend(title="Status", orient="bottom"),
        ),
    )
    words = base.mark_text(align="left", baseline="middle", dx=4, color="black").encode(
        text="status_label:N"
    )
    height = max(80, 40 * len(order))
    return _sized(alt.layer(bars, words), alt.Title("Crossing status over time"), height)


DAILY_TICKS_UP_TO = 14  # days: a shorter history has a tick a day, never one day twice


def date_axis(rows: pd.DataFrame) -> alt.Axis:
    """Dates under the bars; a history of a few days has one tick per day (Vega's own
    ticks every few hours wrote "12 Oct 2025" six times over a one-day span)."""
    days = (rows["bar_end"].max() - rows["start"].min()) / ONE_DAY if len(rows) else 0
    if pd.notna(days) and days <= DAILY_TICKS_UP_TO:
        daily = alt.TimeIntervalStep(interval="day", step=1)
        return alt.Axis(format="%-d %b %Y", tickCount=daily, labelOverlap=True)
    return alt.Axis(format="%-d %b %Y")


def _run_rows(runs: pd.DataFrame) -> pd.DataFrame:
    rows = runs[["name", "status_label", "start", "end", "reports", "verification"]].copy()
    bar_end = rows["end"].where(rows["end"] > rows["start"], rows["start"] + ONE_DAY)
    rows["bar_end"] = bar_end
    rows["dates"] = [
        _dates_text(s, e - ONE_DAY) for s, e in zip(rows["start"], bar_end, strict=True)
    ]
    rows["verification_label"] = rows["verification"].map(palette.verification_label)
    return rows.drop(columns=["end", "verification"]).reset_index(drop=True)


def _sized(chart: alt.LayerChart, title: alt.Title, height: int) -> alt.LayerChart:
    """Full container width; ``height`` is the plotting area (titles and axes come on top)."""
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart.properties(title=title, width="container", height=height, autosize=autosize)


def _dates_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if pd.isna(start):
        return "date unknown"
    return describe_dates(start.date(), end.date())
