"""The claims view's charts: one per numeric topic, every party's figures drawn as what they say.

A pure function from a topic comparison to a Vega-Lite specification (no Streamlit here).
Each topic's chart is a layered chart as wide as its container (a faceted chart cannot be,
and overflowed a phone's screen). Colour never carries meaning alone: verified marks are
filled and unverified ones hollow, ranges are bars, open ends arrows, ``about`` a diamond,
``exact`` (and a range whose ends are equal) a dot; a party that states no figure gets its
row with its stance in words ("no comment", "denies"). The chart ships only the rows and
columns it draws.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from dashboard.analysis import claims as claims_module
from dashboard.charts import palette, vlspec
from dashboard.charts.style import group_scale, verified_fill

CLAIMS_KEY = [
    "filled = verified · hollow = unverified · faded = a party's earlier figure",
    "▶ more than / at least: open to the right · ◀ fewer than / at most: open to the left",
    "bar = between two figures · ◆ and ~ = about · ● = exact · a word = no figure stated",
]
PARTY_ROW_PX = 26
PARTY_LABEL_PX = 110  # party names longer than this are cut with "…" (the tooltip has all)
TITLE_CHARS = 40  # a topic's title wraps after about this many characters (phones)
OPEN_END = 1.15  # an open-ended figure's bar reaches this far past the topic's largest bound
OPEN_RIGHT = ("more-than", "at-least")
OPEN_LEFT = ("fewer-than", "at-most")
SHAPES = {"exact": "circle", "about": "diamond", "between": "circle"}
EARLIER_OPACITY = 0.35
COLUMNS = [
    "row", "question", "party", "group", "value", "lo", "hi", "arrow", "arrow_x", "shape",
    "figure", "date", "revision_label", "verification_label", "verified", "opacity",
]  # fmt: skip


def topic_title(comparison: claims_module.TopicComparison, number: int) -> str:
    """'3. Soldiers wounded, 3 March (soldiers)': the topic's rank, question and unit."""
    unit = f" ({comparison.unit})" if comparison.unit else ""
    return f"{number}. {comparison.question}{unit}"


def topic_chart(
    comparison: claims_module.TopicComparison, colors: palette.PartyColors, number: int = 1
) -> dict[str, Any]:
    """One numeric topic's chart: a line per party, its own x scale, each figure drawn as
    what it says (``between`` a bar from value to value_high, or a dot when both are
    equal; more-than/at-least a bar open to the right ▶, fewer-than/at-most open to the
    left ◀, ``about`` a diamond, ``exact`` a dot), verified filled and unverified hollow,
    earlier figures faded, and a party without a figure its stance in words. Emitted as a
    Vega-Lite dict, as wide as its container (not validated; the tests do)."""
    rows = claim_figure_rows([comparison], colors, number)
    _, scale = group_scale(colors, set(rows["group"]))
    legend = None  # every line names its party; colours are those of the other views
    stroke = alt.Stroke("group:N", scale=scale, legend=legend)
    fill = verified_fill(scale, legend)
    party_order = list(dict.fromkeys(rows["party"]))
    axis = alt.Axis(labelLimit=PARTY_LABEL_PX)
    y = alt.Y("party:N", title="party", sort=party_order, axis=axis)
    tooltip = [
        alt.Tooltip(field, title=title)
        for field, title in (
            ("question:N", "Topic"),
            ("party:N", "Party"),
            ("figure:N", "Figure"),
            ("date:N", "Date"),
            ("revision_label:N", "Statement"),
            ("verification_label:N", "Verification"),
        )
    ]
    opacity = alt.Opacity("opacity:Q", scale=None, legend=None)
    base = alt.Chart().encode(y=y, tooltip=tooltip, opacity=opacity)
    x_title = f"figure ({comparison.unit})" if comparison.unit else "figure"
    # The shapes are not announced one by one (a topic may have no bar or no arrow, and an
    # empty mark group has no text alternative): the figure labels and the cards are.
    ranges = (
        base.transform_filter("datum.lo != datum.hi")
        .mark_bar(height=9, strokeWidth=1.5, aria=False)
        .encode(x=alt.X("lo:Q", title=x_title), x2="hi:Q", stroke=stroke, fill=fill)
    )
    arrows = (
        base.transform_filter("datum.arrow != ''")
        .mark_point(size=90, strokeWidth=1.5, aria=False)
        .encode(x="arrow_x:Q", shape=alt.Shape("arrow:N", scale=None), stroke=stroke, fill=fill)
    )
    points = (
        base.transform_filter("datum.shape != ''")
        .mark_point(size=80, strokeWidth=1.5, aria=False)
        .encode(x="value:Q", shape=alt.Shape("shape:N", scale=None), stroke=stroke, fill=fill)
    )
    words = base.mark_text(align="left", baseline="bottom", dx=2, dy=-5, fontSize=11).encode(
        x="value:Q", text="figure:N", color=alt.Color("group:N", scale=scale, legend=legend)
    )
    layered = alt.layer(ranges, arrows, points, words, data=vlspec.named("claims")).properties(
        title=alt.Title(
            textwrap.wrap(topic_title(comparison, number), TITLE_CHARS), anchor="start"
        ),
        width="container",
        height=alt.Step(PARTY_ROW_PX),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    spec = layered.to_dict(validate=False)
    spec["datasets"] = {"claims": vlspec.records(rows)}
    return spec


def claim_figure_rows(
    comparisons: list[claims_module.TopicComparison], colors: palette.PartyColors, first: int = 1
) -> pd.DataFrame:
    """One row per position on each topic with a figure: the topic's title, the party,
    the drawn extent (``lo`` to ``hi``; equal for a single figure), the arrow or point
    shape, and the words of its tooltip. A position without a figure (silence, a denial)
    keeps its row: its stance in words at the start of the axis, and no mark."""
    records = []
    for number, comparison in enumerate(comparisons, start=first):
        figures = [p for p in comparison.positions if p.value is not None]
        if not figures:
            continue
        row = topic_title(comparison, number)
        bounds = [b for p in figures for b in (p.value, p.value_high) if b is not None]
        start, end = min(0.0, min(bounds)), max(bounds)
        open_end = end * OPEN_END if end > 0 else 1.0
        for position in comparison.positions:
            record = _figure_record(row, comparison, position, start, open_end, colors)
            records.append(record)
    return pd.DataFrame(records, columns=COLUMNS)


def _figure_record(
    row: str,
    comparison: claims_module.TopicComparison,
    position: claims_module.Position,
    start: float,
    open_end: float,
    colors: palette.PartyColors,
) -> dict[str, Any]:
    qualifier = position.qualifier or "exact"
    value = start if position.value is None else float(position.value)
    lo = hi = value
    arrow, arrow_x = "", value
    if position.value is None:
        qualifier = "none"  # no mark: the stance's words stand in its place
    elif qualifier == "between" and position.value_high is not None:
        hi = float(position.value_high)
    elif qualifier in OPEN_RIGHT:
        hi, arrow, arrow_x = open_end, "triangle-right", open_end
    elif qualifier in OPEN_LEFT:
        lo, arrow, arrow_x = start, "triangle-left", start
    revision = f"{position.revision} of {position.revisions}" + (
        " (latest)" if position.is_latest else ""
    )
    figure = position.figure or claims_module.stance_words(position.stance)
    return {
        "row": row,
        "question": comparison.question,
        "party": colors.names.get(position.party_id, position.party_name),
        "group": colors.group(position.party_id),
        "value": value,
        "lo": lo,
        "hi": hi,
        "arrow": arrow,
        "arrow_x": arrow_x,
        "shape": SHAPES.get(qualifier, "") if lo == hi else "",
        "figure": figure,
        "date": position.date.isoformat(),
        "revision_label": revision,
        "verification_label": palette.verification_label(position.verification),
        "verified": position.verification == "verified",
        "opacity": 1.0 if position.is_latest else EARLIER_OPACITY,
    }
