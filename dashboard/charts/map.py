"""The map, offline: country borders from Natural Earth, events as points or hexagons.

``map_chart(events, crossings_board, colors, metric)`` returns a Vega-Lite specification
and the words the UI says under it. No tiles and no network: the borders come from
Natural Earth (``charts/borders.py``), only the countries that touch the data's extent.
The extent, the projection and the hexagons are computed in ``analysis/hexagons.py``.

- The projection is fitted to the extent of what is drawn: Mercator for a region, Equal
  Earth when the data spans a continent or more (more than EQUAL_EARTH_SPAN degrees).
- Up to POINT_LIMIT located events are drawn one by one (colour = party group, filled =
  verified, hollow = unverified); more are counted into hexagons (events or known
  fatalities per hexagon), never sampled.
- Events whose ``location_precision`` is ``area`` or ``country`` sit on a centroid: they
  are neither points nor in a hexagon; they are counted and the notes say so.
- Crossings are squares with their status symbol and a label with the status in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from dashboard.analysis import eventcols
from dashboard.analysis.display import MAP_POINT_LIMIT
from dashboard.analysis.hexagons import (
    Extent,
    clip_extent,
    data_extent,
    hexagons,
    mercator_latitude,
    mercator_y,
    projection_type,
)
from dashboard.charts import palette
from dashboard.charts.borders import borders, country_labels, country_layers
from dashboard.charts.palette import PartyColors
from dashboard.charts.style import LEGEND_COLUMNS, LEGEND_LABEL_LIMIT, group_scale, verified_fill
from dashboard.charts.vlspec import Records, event_tooltip, finish, named, records
from dashboard.query.dates import dates_texts

# Single events are drawn up to this many located (exact or near) events; more go into
# hexagons.
POINT_LIMIT = MAP_POINT_LIMIT
# Events are labelled by name when at most this many points are drawn.
POINT_LABEL_LIMIT = 40
MAP_HEIGHT = 480


@dataclass
class MapChart:
    """A map specification (None when nothing has coordinates) and what the UI says."""

    spec: dict[str, Any] | None
    mode: str  # "points", "hexagons" or "none"
    metric: str
    notes: list[str] = field(default_factory=list)
    extent: Extent | None = None
    projection: str = ""
    points: int = 0  # events drawn one by one
    hexagons: int = 0  # hexagons drawn
    in_hexagons: int = 0  # events counted in them
    imprecise: dict[str, int] = field(default_factory=dict)  # precision -> events not drawn
    unlocated: int = 0  # events without coordinates
    crossings: int = 0  # crossings drawn
    crossings_unlocated: int = 0
    countries: list[str] = field(default_factory=list)  # countries whose shapes are sent
    border_bytes: int = 0  # size of the border features as JSON


def map_chart(
    events: pd.DataFrame,
    crossings_board: pd.DataFrame | None,
    colors: PartyColors,
    metric: str = "events",
    point_limit: int = POINT_LIMIT,
) -> MapChart:
    """The map of a view's events and crossing board (crossings.board_frame; None when the
    dataset has no crossing tables), party colours from the whole dataset."""
    located = events["latitude"].notna() & events["longitude"].notna()
    precision = eventcols.location_precision(events)
    exact = located & precision.isin(eventcols.PRECISE)
    imprecise = precision[located & ~exact].value_counts()
    board = _located_crossings(crossings_board)
    chart = MapChart(
        None,
        "none",
        metric,
        imprecise={str(k): int(v) for k, v in imprecise.items()},
        unlocated=int((~located).sum()),
        crossings=len(board),
        crossings_unlocated=0 if crossings_board is None else len(crossings_board) - len(board),
    )
    if metric == "fatalities" and not eventcols.has_fatalities(events):
        chart.notes.append("No event in this view has a fatality figure, so the map counts events.")
        chart.metric = metric = "events"
    if int(exact.sum()) > point_limit:  # hexagons: only what they count is copied
        wanted = ["longitude", "latitude", "actor", "verification", *eventcols.FATALITY_COLUMNS]
        events = events[[c for c in wanted if c in events.columns]]
    drawn = events[exact.to_numpy()]
    lons = np.concatenate([drawn["longitude"].to_numpy(), board["longitude"].to_numpy()])
    lats = np.concatenate([drawn["latitude"].to_numpy(), board["latitude"].to_numpy()])
    if len(lons) == 0:
        chart.notes += _count_notes(chart)
        return chart
    extent = data_extent(lons, lats)
    chart.extent, chart.projection = extent, projection_type(extent)
    features, border_bytes = borders(clip_extent(extent))
    chart.countries = [f["properties"]["name"] for f in features]
    chart.border_bytes = border_bytes
    datasets: dict[str, Records] = {
        "countries": features,
        "country_names": country_labels(features, extent),
    }
    layers = [*country_layers()]
    if len(drawn) <= point_limit:
        chart.mode, chart.points = "points", len(drawn)
        point_layers, datasets["events"], datasets["event_labels"] = _event_points(
            drawn, colors, metric, extent, board
        )
        layers += point_layers
    else:
        hexes = hexagons(drawn, colors, extent, metric)
        chart.mode, chart.hexagons = "hexagons", len(hexes)
        chart.in_hexagons = int(hexes["events"].sum()) if len(hexes) else 0
        layers.append(_hexagon_layer(metric))
        datasets["hexagons"] = _hexagon_features(hexes)
    if len(board):
        layers += _crossing_layers(board)
        datasets["crossings"] = records(_crossing_rows(board))
    title = alt.Title(
        "Map of events and crossings",
        subtitle=_subtitle(chart),
    )
    layered = (
        alt.layer(*layers)
        .project(type=chart.projection, fit=_fit_feature(extent))
        .resolve_scale(stroke="independent", color="independent", fill="independent")
        .resolve_legend(stroke="independent", color="independent", size="independent")
    )
    spec = finish(layered, title, MAP_HEIGHT, datasets)
    chart.spec = spec
    chart.notes += _count_notes(chart)
    return chart


def _located_crossings(board: pd.DataFrame | None) -> pd.DataFrame:
    if board is None or board.empty:
        return pd.DataFrame(columns=["name", "status", "status_label", "latitude", "longitude"])
    located = board["latitude"].notna() & board["longitude"].notna()
    return board[located.to_numpy()].reset_index(drop=True)


def _subtitle(chart: MapChart) -> list[str]:
    if chart.mode == "hexagons":
        what = "events" if chart.metric == "events" else "known fatalities"
        first = f"{what} per hexagon (too many events to draw one by one)"
    elif chart.metric == "fatalities":
        first = (
            "circle = event, its area = fatalities (best estimate; smallest = none known) · "
            "colour = acting party · filled = verified, hollow = unverified"
        )
    else:
        first = "circle = event (colour = acting party; filled = verified, hollow = unverified)"
    if chart.crossings:
        return [first, "square = border crossing, with its status", "Natural Earth borders"]
    return [first, "borders: Natural Earth"]


def _count_notes(chart: MapChart) -> list[str]:
    notes = []
    if chart.mode == "hexagons":
        what = "events" if chart.metric == "events" else "known fatalities"
        notes.append(
            f"{chart.in_hexagons:,} located events are counted into {chart.hexagons:,} "
            f"hexagons ({what} per hexagon): more than the {POINT_LIMIT:,} drawn one by one."
        )
    for precision, words in (("area", "a district or province"), ("country", "a country")):
        count = chart.imprecise.get(precision, 0)
        if count:
            notes.append(
                f"{count:,} event{'s are' if count != 1 else ' is'} located only to {words} "
                f"(precision '{precision}') and not drawn on the map."
            )
    if chart.unlocated:
        notes.append(f"{chart.unlocated:,} events have no coordinates and are not on the map.")
    if chart.crossings_unlocated:
        notes.append(
            f"{chart.crossings_unlocated:,} crossings have no coordinates and are not on the map."
        )
    return notes


def _fit_feature(extent: Extent) -> dict[str, Any]:
    """A GeoJSON MultiPoint along the extent's edges: what the projection is fitted to
    (points, so no ring orientation can turn the box inside out)."""
    steps = np.linspace(0.0, 1.0, 5)
    lons = extent.west + steps * extent.width
    lats = extent.south + steps * extent.height
    edge = [[lon, extent.south] for lon in lons] + [[lon, extent.north] for lon in lons]
    edge += [[extent.west, lat] for lat in lats] + [[extent.east, lat] for lat in lats]
    coordinates = [[round(float(x), 5), round(float(y), 5)] for x, y in edge]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": coordinates},
    }


# --- points ----------------------------------------------------------------------------------


def _event_points(
    drawn: pd.DataFrame, colors: PartyColors, metric: str, extent: Extent, board: pd.DataFrame
) -> tuple[list[alt.Chart], Records, Records]:
    rows = pd.DataFrame(
        {
            "title": drawn["title"].to_numpy(),
            "latitude": drawn["latitude"].to_numpy(dtype="float64"),
            "longitude": drawn["longitude"].to_numpy(dtype="float64"),
            "group": colors.groups(drawn["actor"]).to_numpy(),
            "verified": (drawn["verification"] == "verified").to_numpy(),
            "verification_label": drawn["verification"].map(palette.verification_label).to_numpy(),
            "dates": dates_texts(drawn["date_start"], drawn["date_end"]),
            "location": drawn["location"].fillna("").to_numpy(),
            "precision": eventcols.location_precision(drawn).to_numpy(),
        }
    )
    best = eventcols.best_fatalities(drawn)
    low, high = eventcols.fatality_range(drawn)
    rows["fatalities"] = best.to_numpy()
    rows["fatalities_text"] = eventcols.fatalities_texts(best, low, high)
    labels, scale = group_scale(colors, set(rows["group"]))
    legend = alt.Legend(
        title="Party (actor)",
        orient="bottom",
        columns=min(LEGEND_COLUMNS, len(labels)) or 1,
        labelLimit=LEGEND_LABEL_LIMIT,
    )
    encoding: dict[str, Any] = {
        "longitude": "longitude:Q",
        "latitude": "latitude:Q",
        "stroke": alt.Stroke("group:N", scale=scale, legend=legend),
        "fill": verified_fill(scale, legend),
        "tooltip": event_tooltip(
            "group",
            ("location:N", "Location"),
            ("precision:N", "Location precision"),
            ("fatalities_text:N", "Fatalities"),
        ),
    }
    mark = {"shape": "circle", "size": 90, "strokeWidth": 1.8, "filled": True, "opacity": 0.9}
    if metric == "fatalities":
        encoding["size"] = alt.condition(  # no figure: the smallest size, never left out
            "isValid(datum.fatalities)",
            alt.Size(
                "fatalities:Q",
                scale=alt.Scale(type="sqrt", range=[30, 900]),
                legend=None,  # the party legend is the one legend; the subtitle explains size
            ),
            alt.value(30),
        )
        mark.pop("size")
    points = alt.Chart(named("events")).mark_point(**mark).encode(**encoding)
    layers = [points]
    label_rows: Records = []
    if len(rows) <= POINT_LABEL_LIMIT:
        label_rows = _cluster_labels(rows, extent, board)
        for align, dx in (("left", 9), ("right", -9)):
            layers.append(
                alt.Chart(named("event_labels"))
                .transform_filter(alt.datum.align == align)
                .mark_text(align=align, baseline="middle", dx=dx, fontSize=11, limit=300)
                .encode(longitude="longitude:Q", latitude="latitude:Q", text="label:N")
            )
    return layers, records(rows), label_rows


def _cluster_labels(rows: pd.DataFrame, extent: Extent, board: pd.DataFrame) -> Records:
    """One label per cell of a coarse grid: the first title there and '(+N more)'; none
    in the cell of a crossing (its own label is there); to the left of points in the
    eastern third, so that labels stay on the map."""
    cell = max(extent.width, extent.height) * 0.04
    taken = set(
        zip(
            np.floor(board["longitude"].to_numpy(dtype="float64") / cell).astype("int64").tolist(),
            np.floor(board["latitude"].to_numpy(dtype="float64") / cell).astype("int64").tolist(),
            strict=True,
        )
    )
    east = extent.west + extent.width * 2 / 3
    keys = list(
        zip(
            np.floor(rows["longitude"].to_numpy() / cell).astype("int64").tolist(),
            np.floor(rows["latitude"].to_numpy() / cell).astype("int64").tolist(),
            strict=True,
        )
    )
    first: dict[tuple[int, int], int] = {}
    count: dict[tuple[int, int], int] = {}
    for position, key in enumerate(keys):
        first.setdefault(key, position)
        count[key] = count.get(key, 0) + 1
    labels = []
    for key, position in first.items():
        if key in taken:
            continue
        title = str(rows["title"].iat[position])
        more = count[key] - 1
        longitude = float(rows["longitude"].iat[position])
        labels.append(
            {
                "longitude": longitude,
                "latitude": float(rows["latitude"].iat[position]),
                "label": title + (f" (+{more} more)" if more else ""),
                "align": "right" if longitude > east else "left",
            }
        )
    return labels


# --- hexagons --------------------------------------------------------------------------------


def _hexagon_features(cells: pd.DataFrame) -> Records:
    """Each hexagon as a GeoJSON polygon (clockwise, as d3 wants) with its figures."""
    if cells.empty:
        return []
    angles = np.radians([90, 30, -30, -90, -150, -210, 90])  # clockwise, closed
    radius = float(cells["radius"].iat[0])
    cx = np.radians(cells["longitude"].to_numpy())[:, None] + radius * np.cos(angles)
    cy = mercator_y(cells["latitude"].to_numpy())[:, None] + radius * np.sin(angles)
    lons = np.round(np.degrees(cx), 4)
    lats = np.round(mercator_latitude(cy), 4)
    props = records(cells[["events", "verified", "fatalities", "with_figure", "parties", "value"]])
    return [
        {
            "type": "Feature",
            "properties": prop,
            "geometry": {
                "type": "Polygon",
                "coordinates": [np.column_stack([lon, lat]).tolist()],
            },
        }
        for prop, lon, lat in zip(props, lons, lats, strict=True)
    ]


def _hexagon_layer(metric: str) -> alt.Chart:
    title = "Events per hexagon" if metric == "events" else "Known fatalities per hexagon"
    tooltip = [
        alt.Tooltip("properties.events:Q", title="Events", format=","),
        alt.Tooltip("properties.verified:Q", title="of them verified", format=","),
        alt.Tooltip("properties.parties:N", title="Parties (actor)"),
    ]
    if metric == "fatalities":
        tooltip += [
            alt.Tooltip("properties.fatalities:Q", title="Fatalities (known)", format=","),
            alt.Tooltip("properties.with_figure:Q", title="Events with a figure", format=","),
        ]
    return (
        alt.Chart(named("hexagons"))
        .mark_geoshape(stroke="white", strokeWidth=0.4, clip=True)
        .encode(
            color=alt.Color(
                "properties.value:Q",
                title=title,
                scale=alt.Scale(type="sqrt", scheme="viridis", reverse=True, zero=True),
                legend=alt.Legend(orient="bottom", gradientLength=260),
            ),
            tooltip=tooltip,
        )
        .transform_filter("isValid(datum.properties.value)")
    )


# --- crossings -------------------------------------------------------------------------------


def _crossing_rows(board: pd.DataFrame) -> pd.DataFrame:
    status = board["status"].astype("str")
    label = board["status_label"].astype("str")
    return pd.DataFrame(
        {
            "name": board["name"].to_numpy(),
            "latitude": board["latitude"].to_numpy(dtype="float64"),
            "longitude": board["longitude"].to_numpy(dtype="float64"),
            "status_label": label.to_numpy(),
            "symbol": [palette.STATUS_SYMBOLS.get(s, "?") for s in status],
            "label": [f"{n} · {s}" for n, s in zip(board["name"], label, strict=True)],
        }
    )


def _crossing_layers(board: pd.DataFrame) -> list[alt.Chart]:
    present = list(dict.fromkeys(board["status_label"].astype("str")))
    order = [palette.status_label(s) for s in palette.STATUS_ORDER]
    domain = [s for s in order if s in present] + [s for s in present if s not in order]
    colours = [
        palette.STATUS_COLORS.get(_status_of(label, board), palette.STATUS_COLORS["unknown"])
        for label in domain
    ]
    scale = alt.Scale(domain=domain, range=colours)
    base = alt.Chart(named("crossings")).encode(longitude="longitude:Q", latitude="latitude:Q")
    squares = base.mark_point(
        shape="square", size=260, filled=True, fill="white", strokeWidth=2.2
    ).encode(
        stroke=alt.Stroke(
            "status_label:N",
            scale=scale,
            legend=alt.Legend(title="Crossing status", orient="bottom", symbolType="square"),
        ),
        tooltip=[
            alt.Tooltip("name:N", title="Crossing"),
            alt.Tooltip("status_label:N", title="Status"),
        ],
    )
    symbols = base.mark_text(fontSize=11, fontWeight="bold", baseline="middle").encode(
        text="symbol:N", color=alt.Color("status_label:N", scale=scale, legend=None)
    )
    labels = base.mark_text(
        align="left", baseline="middle", dx=11, fontSize=12, fontWeight="bold"
    ).encode(text="label:N")
    return [squares, symbols, labels]


def _status_of(label: str, board: pd.DataFrame) -> str:
    match = board.loc[board["status_label"].astype("str") == label, "status"]
    return str(match.iat[0]) if len(match) else "unknown"


LOCATED_COLUMNS = ["event_id", "title", "date_start", "location", "latitude", "longitude"]


def located_events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The view's events that have coordinates, with their precision and any fatalities."""
    located = events[events["latitude"].notna() & events["longitude"].notna()]
    frame = located[LOCATED_COLUMNS].copy()
    frame["date_start"] = frame["date_start"].dt.date
    frame["precision"] = eventcols.location_precision(located)
    if eventcols.has_fatalities(located):
        frame["fatalities"] = located["fatalities"]
    return frame.reset_index(drop=True)
