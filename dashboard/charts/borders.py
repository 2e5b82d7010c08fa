"""Country borders, offline, from Natural Earth: ``assets/countries-50m.json`` (1:50m,
via the npm package world-atlas; see assets/README.md), decoded once per process.

``borders(box)`` gives only the countries that touch the box, their shared arcs simplified
once (so neighbours keep one border) to about a pixel, clipped to the box and rounded to
that precision: a few hundred KB at most. The map chart draws them as its first layers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import shapely

from dashboard.analysis.hexagons import Extent
from dashboard.charts.vlspec import Records, named

ATLAS_PATH = Path(__file__).resolve().parents[1] / "assets" / "countries-50m.json"
PIXELS_ACROSS = 1500  # border detail: the clip box's width in simplification steps
COUNTRY_FILL = "#8c8c8c"
COUNTRY_STROKE = "#6b6b6b"


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


def country_labels(features: list[dict[str, Any]], extent: Extent) -> Records:
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


def country_layers() -> list[alt.Chart]:
    """The countries (faint fill, a tooltip with the name) and their names, in italics."""
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
