"""Altair charts of the claims and crossing history views (the timeline is in timeline.py,
the map in geo.py).

Pure functions from DataFrames to Altair charts (no Streamlit here). Colour never carries
meaning alone: verified marks are filled and unverified ones hollow, ranges are bars and
single days circles, crossing status is written as a word, crossings are squares on the
map. Each chart ships only the rows and columns it draws.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard import palette
from dashboard.dates import describe_dates

RUN_TOOLTIP = (
    ("name:N", "Crossing"),
    ("status_label:N", "Status"),
    ("dates:N", "Dates"),
    ("reports:Q", "Reports"),
    ("verification_label:N", "Verification (first report)"),
)
FILL_LEGEND = "filled = verified · hollow = unverified (reported, claimed or disputed)"
HOLLOW_FILL = "white"
ONE_DAY = pd.Timedelta(days=1)
AXIS_LABEL_LIMIT = 200  # pixels of a category label before it is cut with "…"


# --- claims -----------------------------------------------------------------------------------


def claims_chart(
    positions: pd.DataFrame,
    parties: pd.DataFrame,
    title: str,
    unit: str | None,
    colors: palette.PartyColors | None = None,
) -> alt.TopLevelMixin:
    """One horizontal bar per party's figure; hollow when unverified, figure written beside.
    Colours and the legend go by ``colors`` (from the whole dataset: pass
    ``palette.party_colors(dataset.tables)``): the prominent parties and "other parties"."""
    colors = colors or palette.party_colors({"parties": parties})
    rows = _claim_rows(positions, colors)
    order = _party_order(rows["party"], parties)
    labels, range_ = colors.legend(set(rows["group"]))
    scale = alt.Scale(domain=labels, range=range_)
    legend = alt.Legend(title="Party", orient="bottom", labelLimit=AXIS_LABEL_LIMIT)
    stroke = alt.Stroke("group:N", scale=scale, legend=legend)
    fill = alt.condition(
        "datum.verified", alt.Fill("group:N", scale=scale, legend=legend), alt.value(HOLLOW_FILL)
    )
    high = max(0.0, float(rows["value"].max())) if len(rows) else 1.0
    low = min(0.0, float(rows["value"].min())) if len(rows) else 0.0
    x = alt.X("value:Q", title=unit or "Figure", scale=alt.Scale(domain=[low, high * 1.35 or 1]))
    y = alt.Y("party:N", title="Party", sort=order, axis=alt.Axis(labelLimit=AXIS_LABEL_LIMIT))
    tooltip = [
        alt.Tooltip("party:N", title="Party"),
        alt.Tooltip("figure:N", title="Figure"),
        alt.Tooltip("verification_label:N", title="Verification"),
        alt.Tooltip("statement:N", title="Statement"),
    ]
    base = alt.Chart(rows).encode(x=x, y=y, yOffset=alt.YOffset("n:O"), tooltip=tooltip)
    bars = base.mark_bar(strokeWidth=2, height={"band": 0.7}).encode(stroke=stroke, fill=fill)
    labels_layer = base.mark_text(align="left", baseline="middle", dx=5).encode(text="label:N")
    height = max(80, 40 * len(rows))
    chart_title = alt.Title(title, subtitle=[FILL_LEGEND])
    return _sized(alt.layer(bars, labels_layer), chart_title, height)


def _claim_rows(positions: pd.DataFrame, colors: palette.PartyColors) -> pd.DataFrame:
    rows = positions[positions["value"].notna()]
    rows = rows[
        ["party_id", "party", "value", "figure", "verification", "verified", "statement"]
    ].copy()
    rows["group"] = colors.groups(rows["party_id"])
    rows["verified"] = rows["verified"].astype(bool)
    rows["verification_label"] = rows["verification"].map(palette.verification_label)
    rows["label"] = [
        f"{figure} · {label}"
        for figure, label in zip(rows["figure"], rows["verification_label"], strict=True)
    ]
    rows["n"] = rows.groupby("party").cumcount().astype("int64")
    return rows.drop(columns=["verification", "party_id"]).reset_index(drop=True)


# --- crossing history ---------------------------------------------------------------------------


def crossing_history_chart(runs: pd.DataFrame) -> alt.TopLevelMixin:
    """A bar per unbroken run of a status, coloured by status and labelled with its word."""
    rows = _run_rows(runs)
    order = list(dict.fromkeys(rows["name"]))
    labels = [palette.status_label(s) for s in palette.STATUS_ORDER]
    colors = [palette.STATUS_COLORS[s] for s in palette.STATUS_ORDER]
    tooltip = [alt.Tooltip(field, title=title) for field, title in RUN_TOOLTIP]
    base = alt.Chart(rows).encode(
        x=alt.X("start:T", title="Date", axis=alt.Axis(format="%-d %b %Y")),
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


def _run_rows(runs: pd.DataFrame) -> pd.DataFrame:
    rows = runs[["name", "status_label", "start", "end", "reports", "verification"]].copy()
    bar_end = rows["end"].where(rows["end"] > rows["start"], rows["start"] + ONE_DAY)
    rows["bar_end"] = bar_end
    rows["dates"] = [
        _dates_text(s, e - ONE_DAY) for s, e in zip(rows["start"], bar_end, strict=True)
    ]
    rows["verification_label"] = rows["verification"].map(palette.verification_label)
    return rows.drop(columns=["end", "verification"]).reset_index(drop=True)


# --- shared ------------------------------------------------------------------------------------


def _party_order(present: pd.Series, parties: pd.DataFrame) -> list[str]:
    """Parties in the order of the parties table, unknown actors next, unattributed last."""
    seen = set(present.dropna())
    order = [name for name in parties["name"] if name in seen]
    order += sorted(seen - set(order) - {palette.UNATTRIBUTED})
    if palette.UNATTRIBUTED in seen:
        order.append(palette.UNATTRIBUTED)
    return order


def _sized(chart: alt.LayerChart, title: alt.Title, height: int) -> alt.LayerChart:
    """Full container width; ``height`` is the plotting area (titles and axes come on top)."""
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart.properties(title=title, width="container", height=height, autosize=autosize)


def _dates_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if pd.isna(start):
        return "date unknown"
    return describe_dates(start.date(), end.date())
