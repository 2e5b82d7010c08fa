"""The map, offline: country borders from Natural Earth, events as points or hexagons.

``map_chart(events, crossings_board, colors, metric)`` returns a Vega-Lite specification
and the words the UI says under it. No tiles and no network: the borders come from
``assets/countries-50m.json`` (Natural Earth 1:50m, via the npm package world-atlas;
see assets/README.md). The browser gets only the countries that touch the data's extent,
their shared arcs simplified once (so neighbours keep one border) to about a pixel, clipped
to a box around the view and rounded to that precision: a few hundred KB at most.

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

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import shapely

from dashboard.analysis import eventcols
from dashboard.analysis.display import MAP_POINT_LIMIT
from dashboard.charts import palette
from dashboard.charts.palette import PartyColors
from dashboard.charts.timeline import dates_texts
from dashboard.charts.vlspec import Records, event_tooltip, finish, named, records

ATLAS_PATH = Path(__file__).resolve().parents[1] / "assets" / "countries-50m.json"
# Single events are drawn up to this many located (exact or near) events; more go into
# hexagons.
POINT_LIMIT = MAP_POINT_LIMIT
# Events are labelled by name when at most this many points are drawn.
POINT_LABEL_LIMIT = 40
HEX_COLUMNS = 36  # hexagons across the wider side of the extent
MIN_SPAN_DEG = 2.0  # the smallest extent shown, so that a lone point has surroundings
PAD_SHARE = 0.12  # room around the data, as a share of its span
EQUAL_EARTH_SPAN = 60.0  # degrees of latitude (or twice that of longitude) for Equal Earth
CLIP_ASPECTS = (1.0, 3.0)  # chart width/height ratios the clipped borders must fill
PIXELS_ACROSS = 1500  # border detail: the clip box's width in simplification steps
MAP_HEIGHT = 480
MAX_LATITUDE = 85.0
COUNTRY_FILL = "#8c8c8c"
COUNTRY_STROKE = "#6b6b6b"
HOLLOW_FILL = "white"
METRICS = ("events", "fatalities")


@dataclass(frozen=True)
class Extent:
    """A box in degrees: west, south, east, north."""

    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    def box(self) -> shapely.Polygon:
        return shapely.box(self.west, self.south, self.east, self.north)


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


# --- the chart -------------------------------------------------------------------------------


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
        "country_names": _country_labels(features, extent),
    }
    layers = [*_country_layers()]
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
        return [first, "square = border crossing, with its status · Natural Earth borders"]
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


# --- extent and projection -------------------------------------------------------------------


def data_extent(lons: np.ndarray, lats: np.ndarray) -> Extent:
    """The box around the points with PAD_SHARE of room, at least MIN_SPAN_DEG wide and
    high, within the Mercator latitude limits."""
    west, east = float(np.min(lons)), float(np.max(lons))
    south, north = float(np.min(lats)), float(np.max(lats))
    pad_x = max((east - west) * PAD_SHARE, (MIN_SPAN_DEG - (east - west)) / 2, 0.0)
    pad_y = max((north - south) * PAD_SHARE, (MIN_SPAN_DEG - (north - south)) / 2, 0.0)
    return Extent(
        max(-180.0, west - pad_x),
        max(-MAX_LATITUDE, south - pad_y),
        min(180.0, east + pad_x),
        min(MAX_LATITUDE, north + pad_y),
    )


def projection_type(extent: Extent) -> str:
    """Mercator for a region (shapes true, as on familiar web maps); Equal Earth for a
    continent or the world (areas true, no giant poles)."""
    large = extent.height > EQUAL_EARTH_SPAN or extent.width > 2 * EQUAL_EARTH_SPAN
    return "equalEarth" if large else "mercator"


def clip_extent(extent: Extent) -> Extent:
    """The box the borders are clipped to: the extent widened so that a chart of any
    width/height ratio in CLIP_ASPECTS fitted to the extent stays covered."""
    x0, x1 = math.radians(extent.west), math.radians(extent.east)
    y0, y1 = _mercator_y(extent.south), _mercator_y(extent.north)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w = max((x1 - x0) / 2, (y1 - y0) / 2 * CLIP_ASPECTS[1]) * 1.05
    half_h = max((y1 - y0) / 2, (x1 - x0) / 2 / CLIP_ASPECTS[0]) * 1.05
    limit = _mercator_y(MAX_LATITUDE)
    return Extent(
        max(-180.0, math.degrees(cx - half_w)),
        _latitude(max(-limit, cy - half_h)),
        min(180.0, math.degrees(cx + half_w)),
        _latitude(min(limit, cy + half_h)),
    )


def _mercator_y(latitude: float | np.ndarray) -> Any:
    return np.log(np.tan(np.pi / 4 + np.radians(latitude) / 2))


def _latitude(y: float | np.ndarray) -> Any:
    return np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2)


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


# --- borders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Atlas:
    """The decoded TopoJSON: every arc as lon/lat points, every country as polygons of
    rings of arc indexes (negative = reversed, as in TopoJSON), and country boxes."""

    arcs: list[np.ndarray]
    names: list[str]
    ids: list[str]
    polygons: list[list[list[list[int]]]]
    boxes: np.ndarray  # (countries, 4): west, south, east, north


@lru_cache(maxsize=1)
def atlas() -> Atlas:
    """The Natural Earth countries, decoded once per process."""
    topo = json.loads(ATLAS_PATH.read_text(encoding="utf-8"))
    scale = np.asarray(topo["transform"]["scale"], dtype="float64")
    shift = np.asarray(topo["transform"]["translate"], dtype="float64")
    arcs = [np.cumsum(np.asarray(a, dtype="float64"), axis=0) * scale + shift for a in topo["arcs"]]
    names, ids, polygons, boxes = [], [], [], []
    for geometry in topo["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        parts = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        points = np.concatenate(
            [arcs[_arc_index(i)] for part in parts for ring in part for i in ring]
        )
        names.append(str(geometry.get("properties", {}).get("name", "")))
        ids.append(str(geometry.get("id", "")))
        polygons.append(parts)
        boxes.append([*points.min(axis=0), *points.max(axis=0)])
    return Atlas(arcs, names, ids, polygons, np.asarray(boxes))


def _arc_index(index: int) -> int:
    return index if index >= 0 else ~index


def borders(box: Extent) -> tuple[list[dict[str, Any]], int]:
    """(GeoJSON features of the countries that touch ``box``, clipped to it and simplified
    to its scale; their size in bytes as JSON)."""
    key = tuple(round(v, 3) for v in (box.west, box.south, box.east, box.north))
    features = _borders_cached(*key)
    return json.loads(features), len(features.encode("utf-8"))


@lru_cache(maxsize=16)
def _borders_cached(west: float, south: float, east: float, north: float) -> str:
    data = atlas()
    hit = (
        (data.boxes[:, 0] <= east)
        & (data.boxes[:, 2] >= west)
        & (data.boxes[:, 1] <= north)
        & (data.boxes[:, 3] >= south)
    )
    chosen = np.flatnonzero(hit)
    tolerance = (east - west) / PIXELS_ACROSS
    decimals = max(1, math.ceil(-math.log10(tolerance / 2)))
    arcs = _simplified_arcs(data, chosen, tolerance)
    box = shapely.box(west, south, east, north)
    features = []
    for index in chosen:
        shape = _country_shape(data.polygons[index], arcs)
        if shape is None:
            continue
        clipped = shapely.clip_by_rect(shape, west, south, east, north)
        if clipped.is_empty or not clipped.intersects(box):
            continue
        clipped = shapely.orient_polygons(clipped, exterior_cw=True)  # d3's winding
        geometry = json.loads(shapely.to_geojson(clipped))
        features.append(
            {
                "type": "Feature",
                "id": data.ids[index],
                "properties": {"name": data.names[index]},
                "geometry": _rounded(geometry, decimals),
            }
        )
    return json.dumps(features, separators=(",", ":"))


def _simplified_arcs(data: Atlas, chosen: np.ndarray, tolerance: float) -> dict[int, np.ndarray]:
    """Each arc used by the chosen countries, simplified once (Douglas–Peucker, ends kept),
    so that two neighbours draw the same border."""
    used = sorted(
        {_arc_index(i) for c in chosen for part in data.polygons[c] for ring in part for i in ring}
    )
    pieces = [
        data.arcs[i] if len(data.arcs[i]) > 1 else np.repeat(data.arcs[i], 2, 0) for i in used
    ]
    owner = np.repeat(np.arange(len(pieces)), [len(p) for p in pieces])
    lines = shapely.linestrings(np.concatenate(pieces), indices=owner)
    simple = shapely.simplify(lines, tolerance, preserve_topology=False)
    return {i: shapely.get_coordinates(line) for i, line in zip(used, simple, strict=True)}


def _country_shape(
    parts: list[list[list[int]]], arcs: dict[int, np.ndarray]
) -> shapely.MultiPolygon | None:
    polygons = []
    for part in parts:
        rings = [_ring(ring, arcs) for ring in part]
        if rings[0] is None:
            continue
        holes = [r for r in rings[1:] if r is not None]
        polygon = shapely.make_valid(shapely.Polygon(rings[0], holes), method="structure")
        polygons += list(getattr(polygon, "geoms", [polygon]))
    polygons = [p for p in polygons if isinstance(p, shapely.Polygon) and not p.is_empty]
    return shapely.MultiPolygon(polygons) if polygons else None


def _ring(indexes: list[int], arcs: dict[int, np.ndarray]) -> np.ndarray | None:
    pieces = []
    for index in indexes:
        points = arcs[_arc_index(index)]
        points = points if index >= 0 else points[::-1]
        pieces.append(points if not pieces else points[1:])
    ring = np.concatenate(pieces)
    return ring if len(ring) >= 4 else None


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list):
        return [_rounded(v, decimals) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, decimals) for k, v in value.items()}
    return value


def _country_labels(features: list[dict[str, Any]], extent: Extent) -> Records:
    """A name per country, at a point inside the part of it within the extent."""
    view = extent.box()
    labels = []
    for feature in features:
        shape = shapely.from_geojson(json.dumps(feature["geometry"]))
        inside = shapely.intersection(shapely.make_valid(shape), view)
        if inside.is_empty or inside.area < view.area * 0.01:
            continue
        point = shapely.point_on_surface(inside)
        labels.append(
            {"name": feature["properties"]["name"], "longitude": point.x, "latitude": point.y}
        )
    return labels


def _country_layers() -> list[alt.Chart]:
    shapes = (
        alt.Chart(named("countries"))
        .mark_geoshape(
            fill=COUNTRY_FILL,
            fillOpacity=0.08,
            stroke=COUNTRY_STROKE,
            strokeWidth=1.1,
            clip=True,
        )
        .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    )
    names = (
        alt.Chart(named("country_names"))
        .mark_text(fontSize=12, fontStyle="italic", color="#6b6b6b", clip=True, aria=False)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="name:N")
    )
    return [shapes, names]


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
    rows["fatalities_text"] = eventcols.fatalities_text(best, low, high)
    labels, range_ = colors.legend(set(rows["group"]))
    scale = alt.Scale(domain=labels, range=range_)
    legend = alt.Legend(
        title="Party (actor)", orient="bottom", columns=min(3, len(labels)) or 1, labelLimit=220
    )
    encoding: dict[str, Any] = {
        "longitude": "longitude:Q",
        "latitude": "latitude:Q",
        "stroke": alt.Stroke("group:N", scale=scale, legend=legend),
        "fill": alt.condition(
            "datum.verified",
            alt.Fill("group:N", scale=scale, legend=legend),
            alt.value(HOLLOW_FILL),
        ),
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


def hexagons(
    drawn: pd.DataFrame, colors: PartyColors, extent: Extent, metric: str = "events"
) -> pd.DataFrame:
    """One row per hexagon with events: centre (lon, lat), events, verified events, the
    sum of known fatality figures and how many events have one, the three largest party
    groups in words, and ``value`` (events, or known fatalities: NaN when none is known).
    Hexagons are regular on the Mercator plane, HEX_COLUMNS across the extent."""
    radius = hex_radius(extent)
    x = np.radians(drawn["longitude"].to_numpy(dtype="float64"))
    y = _mercator_y(
        np.clip(drawn["latitude"].to_numpy(dtype="float64"), -MAX_LATITUDE, MAX_LATITUDE)
    )
    q, r = _hex_round((math.sqrt(3) / 3 * x - y / 3) / radius, (2 / 3 * y) / radius)
    frame = pd.DataFrame(
        {
            "q": q,
            "r": r,
            "group": colors.groups(drawn["actor"]).to_numpy(),
            "verified": (drawn["verification"] == "verified").to_numpy(),
            "fatalities": eventcols.best_fatalities(drawn).to_numpy(),
        }
    )
    cells = eventcols.tally(frame, ["q", "r"], metric)
    cells["parties"] = (
        _top_groups(frame).reindex(pd.MultiIndex.from_frame(cells[["q", "r"]])).to_numpy()
    )
    cx = radius * math.sqrt(3) * (cells["q"] + cells["r"] / 2)
    cy = radius * 1.5 * cells["r"]
    cells["longitude"] = np.degrees(cx)
    cells["latitude"] = _latitude(cy)
    cells["radius"] = radius
    return cells


def hex_radius(extent: Extent) -> float:
    """The circumradius of a hexagon on the Mercator plane (radians)."""
    width = math.radians(extent.width)
    height = _mercator_y(extent.north) - _mercator_y(extent.south)
    return max(width, height * 1.5) / (HEX_COLUMNS * math.sqrt(3))


def _hex_round(q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fractional axial coordinates to the hexagon they fall in (cube rounding)."""
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype("int64"), rr.astype("int64")


def _top_groups(frame: pd.DataFrame) -> pd.Series:
    """'Government 120 · other parties 14 · Front 3' per hexagon (the three largest)."""
    sizes = frame.groupby(["q", "r", "group"]).size().rename("n").reset_index()
    sizes = sizes.sort_values(["q", "r", "n"], ascending=[True, True, False], kind="stable")
    top = sizes.groupby(["q", "r"]).head(3)
    top = top.assign(text=top["group"] + " " + top["n"].map("{:,}".format))
    return top.groupby(["q", "r"])["text"].agg(" · ".join)


def _hexagon_features(cells: pd.DataFrame) -> Records:
    """Each hexagon as a GeoJSON polygon (clockwise, as d3 wants) with its figures."""
    if cells.empty:
        return []
    angles = np.radians([90, 30, -30, -90, -150, -210, 90])  # clockwise, closed
    radius = float(cells["radius"].iat[0])
    cx = np.radians(cells["longitude"].to_numpy())[:, None] + radius * np.cos(angles)
    cy = _mercator_y(cells["latitude"].to_numpy())[:, None] + radius * np.sin(angles)
    lons = np.round(np.degrees(cx), 4)
    lats = np.round(_latitude(cy), 4)
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
