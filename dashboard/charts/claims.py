"""The claims view's chart: every numeric topic's figures, each drawn as what it says.

A pure function from topic comparisons to a Vega-Lite specification (no Streamlit here).
Colour never carries meaning alone: verified marks are filled and unverified ones hollow,
ranges are bars, open ends arrows, ``about`` a diamond, ``exact`` a dot. The chart ships
only the rows and columns it draws.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from dashboard.analysis import claims as claims_module
from dashboard.charts import palette, vlspec
from dashboard.charts.style import AXIS_LABEL_LIMIT, group_scale, verified_fill

CLAIMS_TITLE = "Figures by topic"
CLAIMS_KEY = [
    "filled = verified · hollow = unverified · faded = a party's earlier figure",
    "▶ more than / at least: open to the right · ◀ fewer than / at most: open to the left",
    "bar = between two figures · ◆ and ~ = about · ● = exact · each topic has its own scale",
]
CLAIMS_WIDTH = 720  # pixels of each topic's plot (a faceted chart cannot fill the container)
PARTY_ROW_PX = 24
OPEN_END = 1.15  # an open-ended figure's bar reaches this far past the topic's largest bound
OPEN_RIGHT = ("more-than", "at-least")
OPEN_LEFT = ("fewer-than", "at-most")
SHAPES = {"exact": "circle", "about": "diamond"}
EARLIER_OPACITY = 0.35


def claims_overview_chart(
    comparisons: list[claims_module.TopicComparison],
    colors: palette.PartyColors,
    first: int = 1,
) -> dict[str, Any]:
    """Every numeric topic of ``comparisons`` in one chart: a row per topic (its own x
    scale, its unit in the row label), a line per party. Each figure is drawn as what it
    says: ``between`` as a bar from value to value_high, more-than/at-least as a bar open
    to the right (▶), fewer-than/at-most open to the left (◀), ``about`` as a diamond with
    '~', ``exact`` as a dot. Verified marks are filled, unverified hollow; a party's earlier
    figures stay, faded. Rows are numbered from ``first`` (the topic's rank in the view's
    order; topics without a figure keep their number but get no row). Emitted as a
    Vega-Lite dict (not validated; the tests do)."""
    rows = claim_figure_rows(comparisons, colors, first)
    _, scale = group_scale(colors, set(rows["group"]))
    legend = None  # every line names its party; colours are those of the other views
    stroke = alt.Stroke("group:N", scale=scale, legend=legend)
    fill = verified_fill(scale, legend)
    party_order = list(dict.fromkeys(rows["party"]))
    axis = alt.Axis(labelLimit=AXIS_LABEL_LIMIT)
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
    x_title = "figure (unit in the topic's label)"
    # The shapes are not announced one by one (a topic may have no bar or no arrow, and an
    # empty mark group has no text alternative): the figure labels and the cards below are.
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
    layered = alt.layer(ranges, arrows, points, words).properties(
        width=CLAIMS_WIDTH, height=alt.Step(PARTY_ROW_PX)
    )
    header = alt.Header(
        title=None,
        labelAngle=0,
        labelAlign="left",
        labelAnchor="start",
        labelOrient="top",
        labelLimit=CLAIMS_WIDTH + 200,
        labelFontSize=13,
        labelFontWeight="bold",
    )
    row_order = list(dict.fromkeys(rows["row"]))
    chart = (
        alt.FacetChart(
            data=vlspec.named("claims"),
            spec=layered,
            facet=alt.Facet("row:N", sort=row_order, header=header, title=None),
            columns=1,
            spacing=14,
        )
        .resolve_scale(x="independent", y="independent")
        .properties(title=alt.Title(CLAIMS_TITLE, subtitle=CLAIMS_KEY, anchor="start"))
    )
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {"claims": vlspec.records(rows)}
    return spec


def claim_figure_rows(
    comparisons: list[claims_module.TopicComparison], colors: palette.PartyColors, first: int = 1
) -> pd.DataFrame:
    """One row per position with a figure: the topic's row label, the party, the drawn
    extent (``lo`` to ``hi``; equal for a single figure), the arrow or point shape, and
    the words of its tooltip."""
    records = []
    for number, comparison in enumerate(comparisons, start=first):
        figures = [p for p in comparison.positions if p.value is not None]
        if not figures:
            continue
        unit = f" ({comparison.unit})" if comparison.unit else ""
        row = f"{number}. {comparison.question}{unit}"
        bounds = [b for p in figures for b in (p.value, p.value_high) if b is not None]
        start, end = min(0.0, min(bounds)), max(bounds)
        open_end = end * OPEN_END if end > 0 else 1.0
        for position in figures:
            records.append(_figure_record(row, comparison, position, start, open_end, colors))
    columns = [
        "row", "question", "party", "group", "value", "lo", "hi", "arrow", "arrow_x", "shape",
        "figure", "date", "revision_label", "verification_label", "verified", "opacity",
    ]  # fmt: skip
    return pd.DataFrame(records, columns=columns)


def _figure_record(
    row: str,
    comparison: claims_module.TopicComparison,
    position: claims_module.Position,
    start: float,
    open_end: float,
    colors: palette.PartyColors,
) -> dict[str, Any]:
    value, qualifier = float(position.value), position.qualifier or "exact"
    lo = hi = value
    arrow, arrow_x = "", value
    if qualifier == "between" and position.value_high is not None:
        hi = float(position.value_high)
    elif qualifier in OPEN_RIGHT:
        hi, arrow, arrow_x = open_end, "triangle-right", open_end
    elif qualifier in OPEN_LEFT:
        lo, arrow, arrow_x = start, "triangle-left", start
    revision = f"{position.revision} of {position.revisions}" + (
        " (latest)" if position.is_latest else ""
    )
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
        "figure": position.figure,
        "date": position.date.isoformat(),
        "revision_label": revision,
        "verification_label": palette.verification_label(position.verification),
        "verified": position.verification == "verified",
        "opacity": 1.0 if position.is_latest else EARLIER_OPACITY,
    }
