"""The timeline, from one night to decades: plain Vega-Lite specifications, no Streamlit.

``timeline_chart(events, colors, metric)`` picks one of two drawings:

- **marks**: one mark per event in a lane per party (the prominent parties, "other
  parties", "unattributed"); a bar is a date range, a dot a single day; filled = verified,
  hollow = unverified. Marks that would overlap at the chart's width go to rows of their
  own within the lane, so nothing smears; the lanes' rows and headers together are at
  most ROW_BUDGET.
- **counts**: bars per period (day, week, month, quarter, year or several years: the
  finest unit that gives at most BAR_BUDGET bars), stacked by the same party groups;
  events or fatalities per period. Used above TIMELINE_MARK_LIMIT events, when the marks
  would need more than ROW_BUDGET rows, and whenever fatalities are asked for.

Both carry an interval selection on the time axis named BRUSH; ``brush_dates`` turns what
Streamlit hands back into (date_from, date_to). Dates go to the browser as UTC
milliseconds on a UTC scale, so the brush reads back the same days in every time zone.
The periods, the counts and the packing of marks into rows are computed in
``analysis/periods.py``; this module draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import altair as alt
import pandas as pd

from dashboard.analysis import eventcols
from dashboard.analysis.display import TIMELINE_MARK_LIMIT
from dashboard.analysis.periods import (
    DOT_PX,
    MS_PER_DAY,
    UNITS,
    PeriodUnit,
    epoch_ms,
    event_rows,
    far_background,
    lane_layout,
    pack_rows,
    period_bounds,
    period_counts,
    period_unit,
    stacked_bars,
    time_domain,
)
from dashboard.charts import palette
from dashboard.charts.palette import PartyColors
from dashboard.charts.style import (
    LEGEND_COLUMNS,
    LEGEND_LABEL_LIMIT,
    group_scale,
    verified_fill,
)
from dashboard.charts.vlspec import event_tooltip, finish, named, records
from dashboard.query.dates import dates_texts

ROW_BUDGET = 60  # rows of marks plus one header row per lane; more = too dense for marks
ROW_PX = 13  # height of one row
COUNTS_HEIGHT = 300
BRUSH = "span"  # interval selection on the time axis: read with brush_dates()
EVENT_SELECTION = "event"  # point selection of one event (marks only), field event_id
FILL_LEGEND = "filled = verified · hollow = unverified (reported, claimed or disputed)"
BRUSH_HINT = "drag across the chart to set the dates"


@dataclass
class TimelineChart:
    """A timeline specification and what the UI should say under it."""

    spec: dict[str, Any]
    mode: str  # "marks" or "counts"
    metric: str  # "events" or "fatalities"
    unit: PeriodUnit | None  # the period of one bar (counts only)
    bars: int  # periods on the time axis (counts) or marks drawn (marks)
    legend: list[str]  # party groups shown, in legend order
    notes: list[str] = field(default_factory=list)
    outside: pd.DataFrame = field(default_factory=pd.DataFrame)  # far-off background events


def timeline_chart(
    events: pd.DataFrame,
    colors: PartyColors,
    metric: str = "events",
    mark_limit: int = TIMELINE_MARK_LIMIT,
) -> TimelineChart:
    """The timeline of ``events`` (a view's events table), marks or counts (see module)."""
    notes: list[str] = []
    if metric == "fatalities" and not eventcols.has_fatalities(events):
        notes.append("No event in this view has a fatality figure, so the chart counts events.")
        metric = "events"
    far = far_background(events)
    plotted = events[~far] if far.any() else events  # no copy of a big view for nothing
    outside = _outside_rows(events[far])
    if outside.shape[0]:
        listed = "; ".join(f"{r.title} ({r.dates})" for r in outside.itertuples())
        one = len(outside) == 1
        notes.append(
            f"{len(outside):,} background {'event lies' if one else 'events lie'} far outside "
            f"the span of the others and {'is' if one else 'are'} left off the chart (listed "
            f"in the table below): {listed}"
        )
    if metric == "events" and len(plotted) <= mark_limit:
        rows = event_rows(plotted, colors)
        rows["row"] = pack_rows(rows)
        _, needed = lane_layout(rows, colors.legend(set(rows["group"]))[0])
        if needed <= ROW_BUDGET:
            chart = _marks_chart(mark_details(plotted, rows, colors), colors, notes)
            chart.outside = outside
            return chart
        notes.append(
            f"The {len(plotted):,} events are too close together to draw one by one over this "
            f"span (they would need {needed:,} rows): the chart shows counts. Drag across it "
            "or filter to a shorter span to see single events."
        )
    elif metric == "events":
        notes.append(
            f"{len(plotted):,} events are more than the {mark_limit:,} the timeline draws one "
            "by one: the chart shows counts. Drag across it or filter to see single events."
        )
    chart = _counts_chart(plotted, colors, metric, notes)
    chart.outside = outside
    return chart


def _outside_rows(events: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"],
            "title": events["title"],
            "dates": dates_texts(events["date_start"], events["date_end"]),
        }
    )
    return frame.sort_values(["dates", "event_id"]).reset_index(drop=True)


# --- marks -----------------------------------------------------------------------------------


def mark_details(events: pd.DataFrame, rows: pd.DataFrame, colors: PartyColors) -> pd.DataFrame:
    """``rows`` with what a mark's tooltip and selection need, taken from ``events``."""
    picked = events.iloc[rows["position"].to_numpy()]
    details = {
        "event_id": picked["event_id"].to_numpy(),
        "title": picked["title"].to_numpy(),
        "party": [_party_name(a, colors) for a in picked["actor"]],
        "verified": (picked["verification"] == "verified").to_numpy(),
        "verification_label": picked["verification"].map(palette.verification_label).to_numpy(),
        "dates": dates_texts(picked["date_start"], picked["date_end"]),
        "event_type": picked["event_type"].to_numpy(),
        "location": picked["location"].fillna("").to_numpy(),
    }
    if "fatalities" in picked.columns:
        low, high = eventcols.fatality_range(picked)
        details["fatalities"] = eventcols.fatalities_texts(
            eventcols.best_fatalities(picked), low, high
        )
    return rows.drop(columns=["position"]).assign(**details)


def _party_name(actor: object, colors: PartyColors) -> str:
    if not isinstance(actor, str):
        return palette.UNATTRIBUTED
    return colors.names.get(actor, actor)


def _marks_chart(rows: pd.DataFrame, colors: PartyColors, notes: list[str]) -> TimelineChart:
    order, scale = group_scale(colors, set(rows["group"]))
    lanes, total_rows = lane_layout(rows, order)
    first = dict(zip(lanes["group"], lanes["first"], strict=True))
    rows = rows.assign(slot=rows["group"].map(first).to_numpy() + 1 + rows["row"].to_numpy())
    low, high = time_domain(rows) if len(rows) else (0, MS_PER_DAY)
    x_scale = alt.Scale(type="utc", domain=[low, high], nice=False)
    axis = _time_axis(high - low, "Date")
    y_scale = alt.Scale(domain=[0, max(total_rows, 1)], reverse=True, nice=False, zero=False)
    selection = alt.selection_point(name=EVENT_SELECTION, fields=["event_id"])
    common = {
        "stroke": alt.Stroke("group:N", scale=scale, legend=None),
        "fill": verified_fill(scale, None),
        "opacity": alt.condition(selection, alt.value(1.0), alt.value(0.35)),
        "tooltip": _mark_tooltip("fatalities" in rows.columns),
    }
    shipped = [c for c in rows.columns if c not in ("is_range", "row")]
    ranges = rows[rows["is_range"]][shipped].assign(
        top=lambda r: r["slot"] + 0.15, bottom=lambda r: r["slot"] + 0.85
    )
    bars = (
        alt.Chart(named("ranges"))
        .mark_bar(strokeWidth=1.5, cornerRadius=2)
        .encode(
            x=alt.X("start:T", scale=x_scale, axis=axis),
            x2="end:T",
            y=alt.Y("top:Q", scale=y_scale, axis=None),
            y2="bottom:Q",
            **common,
        )
        .add_params(selection)
    )
    days = rows[~rows["is_range"]][shipped].assign(centre=lambda r: r["slot"] + 0.5)
    dots = (
        alt.Chart(named("days"))
        .mark_point(shape="circle", size=DOT_PX**2 * 0.8, strokeWidth=1.5, filled=True)
        .encode(
            x=alt.X("mid:T", scale=x_scale, axis=axis),
            y=alt.Y("centre:Q", scale=y_scale, axis=None),
            **common,
        )
        .add_params(selection)
    )
    headers, header_rows = _lane_headers(rows, lanes, low, (x_scale, axis), y_scale)
    title = alt.Title(
        "Timeline of events by party (actor)",
        subtitle=[
            FILL_LEGEND,
            f"bar = date range · dot = single day · click a mark · {BRUSH_HINT}",
        ],
    )
    chart = alt.layer(_brush_layer(low, high, x_scale, axis), *headers, bars, dots)
    datasets = {
        "ranges": records(ranges),
        "days": records(days),
        "lanes": header_rows,
        "span": [{"start": low, "end": high}],
    }
    spec = finish(chart, title, max(60, total_rows * ROW_PX), datasets)
    notes.append(
        "Filled marks are verified facts, hollow marks unverified ones; a bar is a date range, "
        "a dot a single day. Click a mark to see the event; drag across the chart to set the "
        "dates."
    )
    return TimelineChart(spec, "marks", "events", None, len(rows), order, notes)


def _lane_headers(
    rows: pd.DataFrame,
    lanes: pd.DataFrame,
    low: int,
    x: tuple[alt.Scale, alt.Axis],
    y_scale: alt.Scale,
) -> tuple[list[alt.Chart], list[dict[str, Any]]]:
    """Each lane's name and number of events on its header row, and a line above it; and
    the rows they draw."""
    counts = rows["group"].value_counts()
    headers = pd.DataFrame(
        {
            "label": [_events_word(group, int(counts.get(group, 0))) for group in lanes["group"]],
            "line": lanes["first"].to_numpy(dtype="float64"),
            "centre": lanes["first"].to_numpy(dtype="float64") + 0.55,
            "x": low,
        }
    )
    data = named("lanes")
    x_scale, axis = x
    names = (
        alt.Chart(data)
        .mark_text(align="left", baseline="middle", dx=3, fontWeight="bold", fontSize=11)
        .encode(
            x=alt.X("x:T", scale=x_scale, axis=axis),
            y=alt.Y("centre:Q", scale=y_scale, axis=None),
            text="label:N",
        )
    )
    lines = (
        alt.Chart(data)
        .mark_rule(color="#888888", strokeWidth=0.5, aria=False)
        .encode(y=alt.Y("line:Q", scale=y_scale, axis=None))
    )
    return [lines, names], records(headers)


def _events_word(group: str, count: int) -> str:
    """'Northland · 3 events', 'unattributed · 1 event'."""
    return f"{group} · {count:,} event{'' if count == 1 else 's'}"


def _brush_layer(low: int, high: int, x_scale: alt.Scale, axis: alt.Axis) -> alt.Chart:
    """An invisible band over the whole time axis that carries the BRUSH selection."""
    return (
        alt.Chart(named("span"))
        .mark_rect(opacity=0, aria=False)
        .encode(x=alt.X("start:T", scale=x_scale, axis=axis), x2="end:T")
        .add_params(_brush())
    )


def _brush() -> alt.Parameter:
    return alt.selection_interval(name=BRUSH, encodings=["x"], fields=["start"])


def _mark_tooltip(with_fatalities: bool) -> list[alt.Tooltip]:
    extra = [("event_type:N", "Event type"), ("location:N", "Location")]
    if with_fatalities:
        extra.append(("fatalities:N", "Fatalities"))
    return event_tooltip("party", *extra)


def _time_axis(span_ms: int, title: str) -> alt.Axis:
    """Ticks on whole UTC days, weeks, months or years, as many as fit, labelled alike."""
    days = span_ms / MS_PER_DAY
    if days <= 16:
        interval, step, fmt = "day", 1, "%-d %b %Y"
    elif days <= 120:
        interval, step, fmt = "week", 1, "%-d %b %Y"
    elif days <= 3 * 366:
        interval, step, fmt = "month", 1 if days <= 400 else 3, "%b %Y"
    else:
        interval, fmt = "year", "%Y"
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if days / 365 / s <= 12)
    return alt.Axis(
        title=title,
        format=fmt,
        tickCount=alt.TimeIntervalStep(interval=interval, step=step),
        labelOverlap=True,
    )


# --- counts ----------------------------------------------------------------------------------


def _counts_chart(
    events: pd.DataFrame, colors: PartyColors, metric: str, notes: list[str]
) -> TimelineChart:
    if events.empty:
        unit = UNITS[0]
        counts = period_counts(events, colors, unit, metric)
        low, high = 0, MS_PER_DAY
    else:
        first, last = events["date_start"].min(), events["date_start"].max()
        unit = period_unit(first, last)
        counts = period_counts(events, colors, unit, metric)
        period_start, _ = period_bounds(pd.Series([first]), unit)
        _, period_end = period_bounds(pd.Series([last]), unit)
        low, high = (int(epoch_ms(s)[0]) for s in (period_start, period_end))
    order, scale = group_scale(colors, set(counts.loc[counts["value"].notna(), "group"]))
    shipped = stacked_bars(counts, order, unit)
    if metric == "events":
        shipped = shipped.drop(columns=["fatalities", "with_figure"])
    x_scale = alt.Scale(type="utc", domain=[low, high], nice=False)
    axis = _time_axis(high - low, "Start date")
    what = "Events" if metric == "events" else "Fatalities (known figures)"
    bars = (
        alt.Chart(named("bars"))
        .mark_bar(stroke="white", strokeWidth=0.3)
        .encode(
            x=alt.X("start:T", scale=x_scale, axis=axis),
            x2="end:T",
            y=alt.Y("top:Q", title=f"{what} per {_unit_word(unit)}"),
            y2="base:Q",
            color=alt.Color(
                "group:N",
                scale=scale,
                sort=order,
                legend=alt.Legend(
                    title="Party (actor)",
                    orient="bottom",
                    columns=min(LEGEND_COLUMNS, max(1, len(order))),
                    labelLimit=LEGEND_LABEL_LIMIT,
                ),
            ),
            tooltip=_counts_tooltip(metric),
        )
        .add_params(_brush())
    )
    total = int(counts["events"].sum())
    title = alt.Title(
        f"{what} per {_unit_word(unit)} and party ({total:,} events)",
        subtitle=[
            "a date range counts in the period it starts · "
            f"{len(order)} legend entries: the most prominent parties, then the rest",
            BRUSH_HINT,
        ],
    )
    spec = finish(alt.layer(bars), title, COUNTS_HEIGHT, {"bars": records(shipped)})
    if metric == "fatalities":
        known = int(counts["with_figure"].sum())
        notes.append(
            f"Fatalities are the sum of the best estimates; {total - known:,} of {total:,} "
            "events have no figure and are not counted (unknown, not zero)."
        )
    periods = int(shipped[["start"]].drop_duplicates().shape[0])
    return TimelineChart(spec, "counts", metric, unit, periods, order, notes)


def _unit_word(unit: PeriodUnit) -> str:
    """'month', 'quarter', '5 years'."""
    return unit.name


def _counts_tooltip(metric: str) -> list[alt.Tooltip]:
    tooltip = [
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("group:N", title="Party (actor)"),
        alt.Tooltip("events:Q", title="Events", format=","),
        alt.Tooltip("verified:Q", title="of them verified", format=","),
    ]
    if metric == "fatalities":
        tooltip += [
            alt.Tooltip("fatalities:Q", title="Fatalities (known)", format=","),
            alt.Tooltip("with_figure:Q", title="Events with a figure", format=","),
        ]
    return tooltip


# --- brushing --------------------------------------------------------------------------------


def brush_dates(selection: Mapping[str, Any] | None) -> tuple[date, date] | None:
    """(date_from, date_to) of a BRUSH selection, inclusive, or None when there is none.

    Takes what ``st.vega_lite_chart(..., on_select=...)`` returns (or its ``selection``
    part): ``{"selection": {"span": {"start": [low, high]}}}``, with UTC milliseconds or
    ISO 8601 texts. A brush ending exactly at midnight ends on the day before.
    """
    if not isinstance(selection, Mapping):
        return None
    inner = selection.get("selection", selection)
    brush = inner.get(BRUSH) if isinstance(inner, Mapping) else None
    if not isinstance(brush, Mapping):
        return None
    bounds = next((v for v in brush.values() if isinstance(v, list | tuple) and len(v) == 2), None)
    if bounds is None:
        return None
    try:
        low, high = sorted(_instant(v) for v in bounds)
    except (TypeError, ValueError, OverflowError):
        return None
    last = high - pd.Timedelta(milliseconds=1) if high > low and _is_midnight(high) else high
    return low.date(), last.date()


def _instant(value: Any) -> datetime:
    if isinstance(value, bool):
        raise TypeError("not a time")
    if isinstance(value, int | float) and math.isfinite(value):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if isinstance(value, str):
        stamp = pd.Timestamp(value)
        return (stamp.tz_convert(UTC) if stamp.tzinfo else stamp.tz_localize(UTC)).to_pydatetime()
    raise TypeError("not a time")


def _is_midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)
