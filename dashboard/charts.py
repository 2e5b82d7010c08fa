"""Altair charts of the dashboard: timeline, claims, crossing history and an offline map.

Pure functions from DataFrames to Altair charts (no Streamlit here). Colour never carries
meaning alone: verified marks are filled and unverified ones hollow, ranges are bars and
single days circles, crossing status is written as a word, crossings are squares on the
map. Each chart ships only the rows and columns it draws.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from dashboard import palette
from dashboard.dates import describe_dates
from dashboard.display import MAP_POINT_LIMIT, TIMELINE_MARK_LIMIT
from dashboard.lookups import party_names

TIMELINE_SELECTION = "event"

TIMELINE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "title",
    "party",
    "party_id",
    "start",
    "end",
    "end_exclusive",
    "is_range",
    "verification",
    "verified",
    "verification_label",
    "dates",
    "event_type",
    "location",
    "source_id",
    "target_name",
)
MAP_COLUMNS: tuple[str, ...] = (
    "kind",
    "label",
    "latitude",
    "longitude",
    "group",
    "color",
    "detail",
)
FILL_LEGEND = "filled = verified · hollow = unverified (reported, claimed or disputed)"
HOLLOW_FILL = "white"
ONE_DAY = pd.Timedelta(days=1)
AXIS_LABEL_LIMIT = 200  # pixels of a category label before it is cut with "…"
LANE_PX = 16  # height of one event lane in a timeline row
LABEL_SPACING = 0.04  # points nearer than this share of the map span share one label
LABEL_ROOM = 0.4  # share of the map span left east of the points for their labels
GRID_STEPS: tuple[float, ...] = (1, 2, 5, 10, 15, 30)
PROJECTION = "mercator"  # no tiles: fitted to the points by Vega-Lite
WORLD = ((-180.0, -80.0), (180.0, 80.0))
# Above this many points only crossings get a text label on the map.
MAP_LABEL_LIMIT = 500
COUNT_COLUMNS: tuple[str, ...] = ("day", "party", "events", "verified")


# --- timeline -------------------------------------------------------------------------------


def timeline_frame(
    events: pd.DataFrame, parties: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(plotted, outside): one row per event; far-off background events go to ``outside``."""
    frame = _timeline_rows(events, parties)
    far = _far_background(frame, events["event_type"])
    order = ["start", "event_id"]
    plotted = frame[~far].sort_values(order)
    outside = frame[far].sort_values(order)
    return plotted, outside


def _timeline_rows(events: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    names = party_names(parties)
    start = events["date_start"]
    end = events["date_end"].where(events["date_end"] > start, start)
    frame = pd.DataFrame(index=events.index)
    frame["event_id"] = events["event_id"]
    frame["title"] = events["title"]
    frame["party"] = events["actor"].map(lambda a: _party_name(a, names))
    frame["party_id"] = events["actor"]
    frame["start"] = start
    frame["end"] = end
    frame["end_exclusive"] = end + ONE_DAY
    frame["is_range"] = (events["date_end"].notna() & (events["date_end"] > start)).astype(bool)
    frame["verification"] = events["verification"]
    frame["verified"] = (events["verification"] == "verified").astype(bool)
    frame["verification_label"] = events["verification"].map(palette.verification_label)
    frame["dates"] = [_dates_text(s, e) for s, e in zip(start, end, strict=True)]
    frame["event_type"] = events["event_type"]
    frame["location"] = events["location"]
    frame["source_id"] = events["source_id"]
    frame["target_name"] = events["target"].map(lambda t: names.get(t, t))
    return frame[list(TIMELINE_COLUMNS)]


def _party_name(actor: object, names: dict[str, str]) -> str:
    if not isinstance(actor, str):
        return palette.UNATTRIBUTED
    return names.get(actor, actor)


def _dates_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if pd.isna(start):
        return "date unknown"
    return describe_dates(start.date(), end.date())


def _far_background(frame: pd.DataFrame, event_types: pd.Series) -> pd.Series:
    """Background events entirely outside the date span of all other events."""
    background = event_types == "background"
    if background.all():
        return pd.Series(False, index=frame.index)
    low = frame.loc[~background, "start"].min()
    high = frame.loc[~background, "end"].max()
    return background & ((frame["end"] < low) | (frame["start"] > high))


def timeline_chart(plotted: pd.DataFrame, parties: pd.DataFrame) -> alt.TopLevelMixin:
    """Bars for date ranges, circles for single days; filled = verified, hollow = not."""
    rows = _with_lanes(plotted)
    order = _party_order(rows["party"], parties)
    stroke, fill = _party_channels(order, parties)
    selection = alt.selection_point(name=TIMELINE_SELECTION, fields=["event_id"])
    y = alt.Y(
        "party:N",
        title="Party (actor)",
        sort=order,
        scale=alt.Scale(domain=order),
        axis=alt.Axis(labelLimit=AXIS_LABEL_LIMIT),
    )
    common = {
        "y": y,
        "yOffset": alt.YOffset("lane:O", scale=alt.Scale(paddingInner=0.25)),
        "stroke": stroke,
        "fill": fill,
        "opacity": alt.condition(selection, alt.value(1.0), alt.value(0.35)),
        "tooltip": _timeline_tooltip(),
    }
    bars = (
        alt.Chart(_timeline_data(rows[rows["is_range"]], ["start", "end_exclusive"]))
        .mark_bar(strokeWidth=2, cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Date", axis=alt.Axis(format="%-d %b %Y")),
            x2="end_exclusive:T",
            **common,
        )
        .add_params(selection)
    )
    points = (  # a single day is drawn at its middle, inside the day a bar would cover
        alt.Chart(_timeline_data(rows[~rows["is_range"]], ["midday"]))
        .mark_point(shape="circle", size=110, strokeWidth=2, filled=True)
        .encode(x=alt.X("midday:T", title="Date", axis=alt.Axis(format="%-d %b %Y")), **common)
        .add_params(selection)
    )
    lanes = int(rows["lane"].max()) + 1 if len(rows) else 1
    height = min(900, max(140, len(order) * (lanes * LANE_PX + 10)))
    title = alt.Title(
        "Timeline of events",
        subtitle=[FILL_LEGEND, "bar = date range · circle = single day · click a mark to select"],
    )
    return _sized(alt.layer(bars, points), title, height)


def _with_lanes(plotted: pd.DataFrame) -> pd.DataFrame:
    """Give each event a lane within its party row so that overlapping events stay apart."""
    rows = plotted.sort_values(["start", "end", "event_id"]).copy()
    rows["midday"] = rows["start"] + pd.Timedelta(hours=12)
    lanes: list[int] = []
    lane_ends: dict[str, list[pd.Timestamp]] = {}
    for party, start, stop in zip(rows["party"], rows["start"], rows["end_exclusive"], strict=True):
        ends = lane_ends.setdefault(party, [])
        free = next((i for i, taken_until in enumerate(ends) if taken_until <= start), len(ends))
        if free == len(ends):
            ends.append(stop)
        else:
            ends[free] = stop
        lanes.append(free)
    rows["lane"] = pd.Series(lanes, index=rows.index, dtype="int64")
    return rows


def _party_order(present: pd.Series, parties: pd.DataFrame) -> list[str]:
    """Parties in the order of the parties table, unknown actors next, unattributed last."""
    seen = set(present.dropna())
    order = [name for name in parties["name"] if name in seen]
    order += sorted(seen - set(order) - {palette.UNATTRIBUTED})
    if palette.UNATTRIBUTED in seen:
        order.append(palette.UNATTRIBUTED)
    return order


def _party_range(order: Sequence[str], parties: pd.DataFrame) -> list[str]:
    colors = palette.party_colors({"parties": parties}).by_id
    by_name = {
        name: colors[pid] for pid, name in zip(parties["party_id"], parties["name"], strict=True)
    }
    return [by_name.get(name, palette.UNATTRIBUTED_COLOR) for name in order]


def _party_channels(order: Sequence[str], parties: pd.DataFrame) -> tuple[alt.Stroke, dict]:
    """Stroke = party colour (with the legend); fill = party colour only when verified."""
    scale = alt.Scale(domain=list(order), range=_party_range(order, parties))
    legend = alt.Legend(title="Party", orient="bottom", labelLimit=AXIS_LABEL_LIMIT)
    stroke = alt.Stroke("party:N", scale=scale, legend=legend)
    fill = alt.condition(
        "datum.verified",
        alt.Fill("party:N", scale=scale, legend=legend),
        alt.value(HOLLOW_FILL),
    )
    return stroke, fill


def _timeline_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("title:N", title="Event"),
        alt.Tooltip("dates:N", title="Dates"),
        alt.Tooltip("party:N", title="Party (actor)"),
        alt.Tooltip("verification_label:N", title="Verification"),
        alt.Tooltip("event_type:N", title="Event type"),
        alt.Tooltip("location:N", title="Location"),
        alt.Tooltip("source_id:N", title="Source"),
    ]


def _timeline_data(rows: pd.DataFrame, x_fields: list[str]) -> pd.DataFrame:
    """Only the columns a timeline layer draws or shows."""
    columns = ["event_id", "title", "party", *x_fields, "lane", "verified"]
    columns += ["verification_label", "dates", "event_type", "location", "source_id"]
    return rows[columns].reset_index(drop=True)


def _sized(chart: alt.LayerChart, title: alt.Title, height: int) -> alt.LayerChart:
    """Full container width; ``height`` is the plotting area (titles and axes come on top)."""
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart.properties(title=title, width="container", height=height, autosize=autosize)


# --- timeline of counts (large views) --------------------------------------------------------


def selected_event_ids(selection: object) -> list[str]:
    """The event ids of the marks a chart selection holds (none for anything else)."""
    try:
        points = selection.selection.get(TIMELINE_SELECTION, [])  # type: ignore[attr-defined]
    except AttributeError:
        return []
    return [p["event_id"] for p in points if isinstance(p, dict) and "event_id" in p]


def use_counts_timeline(events: pd.DataFrame, limit: int = TIMELINE_MARK_LIMIT) -> bool:
    """Whether the timeline shows counts per day and party instead of single marks."""
    return len(events) > limit


def timeline_counts(events: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Events per start day and acting party (unattributed as its own party), with how many
    of them are verified: one row per day and party that has events."""
    names = party_names(parties)
    party = events["actor"].map(names).fillna(events["actor"]).fillna(palette.UNATTRIBUTED)
    grouped = (
        pd.DataFrame(
            {
                "day": events["date_start"].to_numpy(),
                "party": party.to_numpy(),
                "verified": (events["verification"] == "verified").to_numpy(),
            }
        )
        .groupby(["day", "party"], sort=True)["verified"]
        .agg(["size", "sum"])
        .reset_index()
    )
    frame = pd.DataFrame(
        {
            "day": grouped["day"].astype("datetime64[s]"),
            "party": grouped["party"].astype("str"),
            "events": grouped["size"].astype("int64"),
            "verified": grouped["sum"].astype("int64"),
        },
        columns=list(COUNT_COLUMNS),
    )
    return frame


def timeline_counts_chart(counts: pd.DataFrame, parties: pd.DataFrame) -> alt.TopLevelMixin:
    """Stacked bars: events per start day, one colour per acting party."""
    order = _party_order(counts["party"], parties)
    scale = alt.Scale(domain=order, range=_party_range(order, parties))
    total = int(counts["events"].sum())
    tooltip = [
        alt.Tooltip("day:T", title="Day", format="%-d %b %Y"),
        alt.Tooltip("party:N", title="Party (actor)"),
        alt.Tooltip("events:Q", title="Events", format=","),
        alt.Tooltip("verified:Q", title="of them verified", format=","),
    ]
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("day:T", title="Start date", axis=alt.Axis(format="%-d %b %Y")),
            y=alt.Y("events:Q", title="Events per day", stack=True),
            color=alt.Color(
                "party:N",
                scale=scale,
                sort=order,
                legend=alt.Legend(title="Party", orient="bottom", labelLimit=AXIS_LABEL_LIMIT),
            ),
            order=alt.Order("party:N"),
            tooltip=tooltip,
        )
    )
    title = alt.Title(
        f"Events per day and party ({total:,} events: too many to draw one by one)",
        subtitle=[
            "counts by start day; a date range counts on its first day",
            "filter to fewer events to see single events, filled = verified",
        ],
    )
    return _sized(alt.layer(bars), title, 320)


def counts_note(events: int, limit: int = TIMELINE_MARK_LIMIT) -> str:
    """The words under an aggregated timeline."""
    return (
        f"{events:,} events are more than the {limit:,} the timeline draws one by one, so it "
        "shows how many events each party started per day. Filter by party, dates or type "
        "to see single events."
    )


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
    tooltip = [
        alt.Tooltip("name:N", title="Crossing"),
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("dates:N", title="Dates"),
        alt.Tooltip("reports:Q", title="Reports"),
        alt.Tooltip("verification_label:N", title="Verification (first report)"),
    ]
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


# --- map ----------------------------------------------------------------------------------------


def map_points(
    events: pd.DataFrame, crossings_board: pd.DataFrame | None, parties: pd.DataFrame
) -> tuple[pd.DataFrame, int]:
    """(points with coordinates, number of events and crossings without coordinates)."""
    frames = [_event_points(events, parties)]
    if crossings_board is not None:
        frames.append(_crossing_points(crossings_board))
    points = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    located = points["latitude"].notna() & points["longitude"].notna()
    return points[located].reset_index(drop=True), int((~located).sum())


def _event_points(events: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    names = party_names(parties)
    by_id = palette.party_colors({"parties": parties}).by_id
    actor = events["actor"]
    details = [
        " · ".join(
            str(part)
            for part in (
                _dates_text(start, end if pd.notna(end) else start),
                palette.verification_label(verification),
                event_type,
                location,
            )
            if isinstance(part, str)
        )
        for start, end, verification, event_type, location in zip(
            events["date_start"],
            events["date_end"],
            events["verification"],
            events["event_type"],
            events["location"],
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "kind": "event",
            "label": events["title"].to_numpy(),
            "latitude": events["latitude"].to_numpy(dtype="float64"),
            "longitude": events["longitude"].to_numpy(dtype="float64"),
            "group": [_party_name(a, names) for a in actor],
            "color": [by_id.get(a, palette.UNATTRIBUTED_COLOR) for a in actor],
            "detail": details,
        },
        columns=list(MAP_COLUMNS),
    )


def _crossing_points(board: pd.DataFrame) -> pd.DataFrame:
    grey = palette.STATUS_COLORS["unknown"]
    return pd.DataFrame(
        {
            "kind": "crossing",
            "label": [
                f"{n} — {s}" for n, s in zip(board["name"], board["status_label"], strict=True)
            ],
            "latitude": board["latitude"].to_numpy(dtype="float64"),
            "longitude": board["longitude"].to_numpy(dtype="float64"),
            "group": board["status_label"].to_numpy(),
            "color": [palette.STATUS_COLORS.get(s, grey) for s in board["status"]],
            "detail": [f"border crossing; status: {s}" for s in board["status_label"]],
        },
        columns=list(MAP_COLUMNS),
    )


def map_frame(
    events: pd.DataFrame, crossings_board: pd.DataFrame | None, parties: pd.DataFrame
) -> tuple[pd.DataFrame, int, str | None]:
    """The map's input: (points to draw, rows without coordinates, sampling note or None)."""
    drawn, unlocated, sample_note = sample_events_for_map(events)
    points, missing = map_points(drawn, crossings_board, parties)
    return points, missing + unlocated, sample_note


def sample_events_for_map(
    events: pd.DataFrame, limit: int = MAP_POINT_LIMIT
) -> tuple[pd.DataFrame, int, str | None]:
    """(events to draw, events without coordinates, note): at most ``limit`` located events,
    evenly spread over the table, and a note saying so when some are left out."""
    located = events["latitude"].notna() & events["longitude"].notna()
    unlocated = int((~located).sum())
    drawn = events[located.to_numpy()]
    if len(drawn) <= limit:
        return drawn, unlocated, None
    picks = np.linspace(0, len(drawn) - 1, limit).round().astype("int64")
    note = (
        f"the map shows an even sample of {limit:,} of {len(drawn):,} located events; "
        "the snapshot has all"
    )
    return drawn.iloc[np.unique(picks)], unlocated, note


def map_chart(points: pd.DataFrame) -> alt.TopLevelMixin:
    """Points on a latitude/longitude grid, fitted to the points; no tiles, no external data."""
    rows = points[points["latitude"].notna() & points["longitude"].notna()]
    rows = rows[list(MAP_COLUMNS)].reset_index(drop=True)
    extent, step = _grid_extent(rows)
    grid = (
        alt.Chart(alt.graticule(extent=extent, step=[step, step]))
        # Decoration only: hidden from screen readers (an unlabelled SVG shape otherwise).
        .mark_geoshape(stroke="#d9d9d9", strokeWidth=0.7, filled=False, fill=None, aria=False)
        .project(type=PROJECTION)
    )
    tooltip = [
        alt.Tooltip("label:N", title="What"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("group:N", title="Party / status"),
        alt.Tooltip("detail:N", title="Detail"),
        alt.Tooltip("latitude:Q", title="Latitude", format=".3f"),
        alt.Tooltip("longitude:Q", title="Longitude", format=".3f"),
    ]
    marks = (
        alt.Chart(rows)
        .mark_point(filled=True, size=120, opacity=0.9, stroke="black", strokeWidth=0.6)
        .encode(
            latitude="latitude:Q",
            longitude="longitude:Q",
            color=alt.Color("color:N", scale=None),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=["event", "crossing"], range=["circle", "square"]),
                legend=alt.Legend(title="Kind", orient="bottom"),
            ),
            tooltip=tooltip,
        )
        .project(type=PROJECTION)
    )
    labelled = rows if len(rows) <= MAP_LABEL_LIMIT else rows[rows["kind"] == "crossing"]
    layers = [grid, _grid_labels(extent, step), marks, _point_labels(labelled)]
    title = alt.Title(
        "Map of located events and crossings",
        subtitle="no base map (offline): grey lines are degrees of latitude and longitude",
    )
    return _sized(alt.layer(*layers), title, 420)


def _grid_extent(rows: pd.DataFrame) -> tuple[list[list[float]], float]:
    """A grid box around the points, on whole multiples of a readable step (degrees)."""
    if rows.empty:
        return [list(WORLD[0]), list(WORLD[1])], 30
    west, east = float(rows["longitude"].min()), float(rows["longitude"].max())
    south, north = float(rows["latitude"].min()), float(rows["latitude"].max())
    span = max(east - west, north - south, 1.0)
    step = next((s for s in GRID_STEPS if span / s <= 6), GRID_STEPS[-1])
    pad = max(step / 2, span * 0.1)
    west = max(-180.0, math.floor((west - pad) / step) * step)
    east = min(180.0, math.ceil((east + max(pad, span * LABEL_ROOM)) / step) * step)
    south = max(-80.0, math.floor((south - pad) / step) * step)
    north = min(80.0, math.ceil((north + pad) / step) * step)
    return [[west, south], [east, north]], step


def _grid_labels(extent: list[list[float]], step: float) -> alt.Chart:
    """Degree labels along the west and south edges of the grid."""
    (west, south), (east, north) = extent
    labels = [
        {"latitude": lat, "longitude": west, "text": _degrees(lat, "N", "S")}
        for lat in _steps(south, north, step)[1:]  # the south-west corner has the longitude
    ] + [
        {"latitude": south, "longitude": lon, "text": _degrees(lon, "E", "W")}
        for lon in _steps(west, east, step)
    ]
    return (
        alt.Chart(pd.DataFrame(labels))
        .mark_text(align="left", baseline="bottom", dx=2, dy=-2, color="#8c8c8c", fontSize=10)
        .encode(latitude="latitude:Q", longitude="longitude:Q", text="text:N")
        .project(type=PROJECTION)
    )


def _steps(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]


def _degrees(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value > 0 else negative if value < 0 else ""
    return f"{abs(value):g}°{hemisphere}"


def _point_labels(rows: pd.DataFrame) -> alt.Chart:
    """One label per cluster of nearby points, crossings first: 'Millford — ✖ Closed (+1 more)'."""
    return (
        alt.Chart(_label_rows(rows))
        .mark_text(align="left", baseline="middle", dx=9, fontSize=11, limit=240)
        .encode(latitude="latitude:Q", longitude="longitude:Q", text="label:N")
        .project(type=PROJECTION)
    )


def _label_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Greedy clusters: a point closer than LABEL_SPACING of the map's span joins a cluster."""
    ordered = rows.sort_values("kind", key=lambda k: k != "crossing", kind="stable")
    span = max(_span(rows["latitude"]), _span(rows["longitude"]), 1.0)
    near = span * LABEL_SPACING
    clusters: list[dict[str, object]] = []
    for label, lat, lon in zip(
        ordered["label"], ordered["latitude"], ordered["longitude"], strict=True
    ):
        home = next(
            (
                c
                for c in clusters
                if abs(c["latitude"] - lat) < near and abs(c["longitude"] - lon) < near
            ),
            None,
        )
        if home is None:
            clusters.append({"latitude": lat, "longitude": lon, "first": label, "more": 0})
        else:
            home["more"] += 1
    labels = [
        {
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "label": c["first"] + (f" (+{c['more']} more)" if c["more"] else ""),
        }
        for c in clusters
    ]
    return pd.DataFrame(labels, columns=["latitude", "longitude", "label"])


def _span(values: pd.Series) -> float:
    return float(values.max() - values.min()) if len(values) else 0.0
