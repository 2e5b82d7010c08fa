"""The offline map: Natural Earth borders clipped to the data, points or hexagons, crossings."""

from __future__ import annotations

import json

import numpy as np

from dashboard.analysis import hexagons
from dashboard.charts import borders, palette
from dashboard.charts import map as charts_map
from dashboard.contract.dataset import PROJECT_ROOT, Dataset
from tests.specs import assert_valid, board_of, layers_on, rows_of

BORDER_BYTES_LIMIT = 300_000  # "a few hundred kilobytes at most"


# --- many parties, decades -------------------------------------------------------------------


def test_many_events_are_aggregated_into_hexagons_not_sampled(many: Dataset) -> None:
    events = many.tables["events"]
    chart = charts_map.map_chart(events, None, palette.party_colors(many.tables))
    spec = chart.spec
    assert_valid(spec)
    located = events["latitude"].notna()
    precise = located & events["location_precision"].isin(["exact", "near"])
    assert chart.mode == "hexagons" and precise.sum() > charts_map.POINT_LIMIT
    hexes = spec["datasets"]["hexagons"]
    assert len(hexes) == chart.hexagons
    assert sum(h["properties"]["events"] for h in hexes) == chart.in_hexagons == precise.sum()
    assert chart.imprecise == {
        "area": int((located & (events["location_precision"] == "area")).sum()),
        "country": int((located & (events["location_precision"] == "country")).sum()),
    }
    assert {"Mali", "Niger", "Burkina Faso"} <= set(chart.countries)
    assert "Pakistan" not in chart.countries
    for feature in hexes:  # clockwise rings, as d3 wants (else a hexagon covers the globe)
        ring = np.asarray(feature["geometry"]["coordinates"][0])
        area = np.sum(ring[:-1, 0] * ring[1:, 1] - ring[1:, 0] * ring[:-1, 1])
        assert area < 0
    layer = layers_on(spec, "hexagons")[0]
    assert layer["encoding"]["color"]["field"] == "properties.value"
    assert chart.border_bytes < BORDER_BYTES_LIMIT


def test_hexagon_fatalities_sum_known_figures(many: Dataset) -> None:
    events = many.tables["events"]
    chart = charts_map.map_chart(events, None, palette.party_colors(many.tables), "fatalities")
    precise = events["latitude"].notna() & events["location_precision"].isin(["exact", "near"])
    hexes = chart.spec["datasets"]["hexagons"]
    known = sum(h["properties"]["value"] or 0 for h in hexes)
    assert known == events.loc[precise, "fatalities"].sum()
    assert (
        sum(h["properties"]["with_figure"] for h in hexes)
        == events.loc[precise, "fatalities"].notna().sum()
    )


def test_few_events_are_points_with_a_bounded_party_legend(many: Dataset) -> None:
    events = many.tables["events"]
    recent = events[events["date_start"] >= "2024-06-01"].iloc[:300]
    colors = palette.party_colors(many.tables)
    chart = charts_map.map_chart(recent, None, colors, "fatalities")
    assert_valid(chart.spec)
    assert chart.mode == "points"
    layer = layers_on(chart.spec, "events")[0]
    domain = layer["encoding"]["stroke"]["scale"]["domain"]
    assert len(domain) <= len(colors.prominent) + 2
    points = rows_of(chart.spec, layer)
    assert len(points) == chart.points
    unknown = [p for p in points if p["fatalities"] is None]
    assert unknown and all(p["fatalities_text"] in ("unknown",) for p in unknown)
    assert layer["encoding"]["size"]["condition"]["test"] == "isValid(datum.fatalities)"


# --- size and projection ---------------------------------------------------------------------


def test_hundred_thousand_events_stay_small(synth_100k: Dataset) -> None:
    tables = synth_100k.tables
    chart = charts_map.map_chart(
        tables["events"], board_of(synth_100k), palette.party_colors(tables)
    )
    assert_valid(chart.spec)
    assert chart.mode == "hexagons"
    assert chart.hexagons <= hexagons.HEX_COLUMNS * hexagons.HEX_COLUMNS
    assert chart.border_bytes < BORDER_BYTES_LIMIT
    assert len(json.dumps(chart.spec)) < 400_000


def test_clip_box_covers_wide_and_square_charts() -> None:
    extent = hexagons.Extent(60.0, 25.0, 75.0, 38.0)
    clip = hexagons.clip_extent(extent)
    assert clip.west < extent.west and clip.east > extent.east
    assert clip.south < extent.south and clip.north > extent.north
    assert clip.width >= extent.width * 1.5  # a 3:1 chart shows more longitude


def test_atlas_asset_and_its_notes() -> None:
    data = borders.atlas()
    assert len(data.names) > 200 and "Afghanistan" in data.names
    readme = (PROJECT_ROOT / "dashboard" / "assets" / "README.md").read_text(encoding="utf-8")
    for words in ("world-atlas", "2.0.2", "ISC", "Natural Earth", "public domain"):
        assert words in readme
