"""The offline map: Natural Earth borders clipped to the data, points or hexagons, crossings."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard import crossings, geo, palette
from dashboard.loader import DEFAULT_DATA_DIR, PROJECT_ROOT, Dataset, load_dataset
from dashboard.synth import write_synthetic
from tests.manyparty import load_many_party, write_many_party
from tests.specs import assert_valid, mark_type, rows_of

BORDER_BYTES_LIMIT = 300_000  # "a few hundred kilobytes at most"


@pytest.fixture(scope="module")
def curated() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Dataset:
    return load_many_party(write_many_party(tmp_path_factory.mktemp("many") / "data"))


@pytest.fixture(scope="module")
def synth_100k(tmp_path_factory) -> Dataset:
    folder = tmp_path_factory.mktemp("synth") / "100k"
    write_synthetic(folder, 100_000, seed=5)
    return load_dataset(folder)


def board_of(dataset: Dataset) -> pd.DataFrame:
    tables = dataset.tables
    states = crossings.crossing_board(
        tables["crossings"], tables["crossing_status"], date(2025, 10, 13)
    )
    return crossings.board_frame(states)


def country_shapes(spec: dict) -> dict[str, shapely.Geometry]:
    return {
        f["properties"]["name"]: shapely.from_geojson(json.dumps(f["geometry"]))
        for f in spec["datasets"]["countries"]
    }


def layers_on(spec: dict, dataset: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer.get("data", {}).get("name") == dataset]


# --- curated data ----------------------------------------------------------------------------


def test_curated_map_shows_the_border_with_both_crossings_on_it(curated: Dataset) -> None:
    colors = palette.party_colors(curated.tables)
    chart = geo.map_chart(curated.tables["events"], board_of(curated), colors)
    spec = chart.spec
    assert_valid(spec)
    assert chart.mode == "points" and chart.projection == "mercator"
    shapes = country_shapes(spec)
    assert {"Afghanistan", "Pakistan", "India", "Iran"} <= set(shapes) == set(chart.countries)
    border = shapes["Afghanistan"].boundary.intersection(shapes["Pakistan"].boundary)
    assert border.length > 10  # degrees of shared border inside the view
    crossing_rows = rows_of(spec, layers_on(spec, "crossings")[0])
    assert {r["name"] for r in crossing_rows} == {"Torkham", "Chaman – Spin Boldak"}
    for row in crossing_rows:  # on the border: within 0.05° (about 5 km)
        assert border.distance(shapely.Point(row["longitude"], row["latitude"])) < 0.05
        assert row["symbol"] == palette.STATUS_SYMBOLS["closed"]
        assert row["label"].endswith("· ✖ Closed")
    names = {r["name"] for r in spec["datasets"]["country_names"]}
    assert {"Afghanistan", "Pakistan"} <= names
    projection = spec["projection"]
    assert (
        projection["type"] == "mercator" and projection["fit"]["geometry"]["type"] == "MultiPoint"
    )
    assert not [k for k in json.dumps(spec).split('"') if k == "url"]  # nothing fetched


def test_curated_points_and_counts(curated: Dataset) -> None:
    events = curated.tables["events"]
    chart = geo.map_chart(events, board_of(curated), palette.party_colors(curated.tables))
    located = events["latitude"].notna() & events["longitude"].notna()
    assert chart.points == int(located.sum()) == 6
    assert chart.unlocated == len(events) - 6
    assert chart.crossings == 2 and chart.crossings_unlocated == 0
    assert f"{len(events) - 6} events have no coordinates" in chart.notes[-1]
    points = rows_of(chart.spec, layers_on(chart.spec, "events")[0])
    kabul = next(
        p for p in points if p["title"].startswith("Alleged Pakistani airstrikes on parts")
    )
    assert kabul["group"] == "Pakistan" and kabul["verified"] is False
    legend_layer = layers_on(chart.spec, "events")[0]["encoding"]["stroke"]
    assert legend_layer["scale"]["domain"] == [
        "Afghanistan (Taliban government)",
        "Pakistan",
        palette.UNATTRIBUTED,
    ]
    assert chart.border_bytes == len(
        json.dumps(chart.spec["datasets"]["countries"], separators=(",", ":")).encode()
    )
    assert chart.border_bytes < BORDER_BYTES_LIMIT


def test_area_and_country_precision_are_counted_apart(curated: Dataset) -> None:
    events = curated.tables["events"].copy()
    precision = pd.Series("", index=events.index, dtype="str")
    precision[events["event_id"] == "kabul-airstrikes-alleged"] = "area"
    precision[events["event_id"] == "muttaqi-denies-ttp-presence"] = "country"
    precision[events["event_id"] == "chaman-closed"] = "near"
    events["location_precision"] = precision
    chart = geo.map_chart(events, None, palette.party_colors(curated.tables))
    assert chart.imprecise == {"area": 1, "country": 1}
    assert chart.points == 4
    titles = {p["title"] for p in rows_of(chart.spec, layers_on(chart.spec, "events")[0])}
    assert not any(t.startswith("Alleged Pakistani airstrikes on parts") for t in titles)
    assert any("1 event is located only to a district or province" in n for n in chart.notes)
    assert any("1 event is located only to a country" in n for n in chart.notes)


def test_nothing_located_gives_no_map(curated: Dataset) -> None:
    events = curated.tables["events"]
    unlocated = events[events["latitude"].isna()]
    chart = geo.map_chart(unlocated, None, palette.party_colors(curated.tables))
    assert chart.spec is None and chart.mode == "none"
    assert chart.notes == [f"{len(unlocated)} events have no coordinates and are not on the map."]


# --- many parties, decades -------------------------------------------------------------------


def test_many_events_are_aggregated_into_hexagons_not_sampled(many: Dataset) -> None:
    events = many.tables["events"]
    chart = geo.map_chart(events, None, palette.party_colors(many.tables))
    spec = chart.spec
    assert_valid(spec)
    located = events["latitude"].notna()
    precise = located & events["location_precision"].isin(["exact", "near"])
    assert chart.mode == "hexagons" and precise.sum() > geo.POINT_LIMIT
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
    chart = geo.map_chart(events, None, palette.party_colors(many.tables), "fatalities")
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
    chart = geo.map_chart(recent, None, colors, "fatalities")
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
    chart = geo.map_chart(tables["events"], board_of(synth_100k), palette.party_colors(tables))
    assert_valid(chart.spec)
    assert chart.mode == "hexagons"
    assert chart.hexagons <= geo.HEX_COLUMNS * geo.HEX_COLUMNS
    assert chart.border_bytes < BORDER_BYTES_LIMIT
    assert len(json.dumps(chart.spec)) < 400_000


def test_world_spanning_data_uses_equal_earth_and_stays_bounded(curated: Dataset) -> None:
    events = curated.tables["events"].iloc[:4].copy()
    events["latitude"] = [60.0, -35.0, 10.0, 40.0]
    events["longitude"] = [-120.0, 150.0, 20.0, -3.0]
    chart = geo.map_chart(events, None, palette.party_colors(curated.tables))
    assert_valid(chart.spec)
    assert chart.projection == "equalEarth"
    assert len(chart.countries) > 150
    assert chart.border_bytes < BORDER_BYTES_LIMIT


def test_a_single_point_still_shows_its_surroundings(curated: Dataset) -> None:
    events = curated.tables["events"]
    one = events[events["event_id"] == "torkham-closed"]
    chart = geo.map_chart(one, None, palette.party_colors(curated.tables))
    assert chart.extent.width >= geo.MIN_SPAN_DEG and chart.extent.height >= geo.MIN_SPAN_DEG
    assert {"Afghanistan", "Pakistan"} <= set(chart.countries)


def test_clip_box_covers_wide_and_square_charts() -> None:
    extent = geo.Extent(60.0, 25.0, 75.0, 38.0)
    clip = geo.clip_extent(extent)
    assert clip.west < extent.west and clip.east > extent.east
    assert clip.south < extent.south and clip.north > extent.north
    assert clip.width >= extent.width * 1.5  # a 3:1 chart shows more longitude


def test_atlas_asset_and_its_notes() -> None:
    data = geo.atlas()
    assert len(data.names) > 200 and "Afghanistan" in data.names
    readme = (PROJECT_ROOT / "dashboard" / "assets" / "README.md").read_text(encoding="utf-8")
    for words in ("world-atlas", "2.0.2", "ISC", "Natural Earth", "public domain"):
        assert words in readme


def test_layers_are_drawn_in_order(curated: Dataset) -> None:
    chart = geo.map_chart(
        curated.tables["events"], board_of(curated), palette.party_colors(curated.tables)
    )
    marks = [mark_type(layer) for layer in chart.spec["layer"]]
    assert marks[0] == "geoshape"  # countries under everything
    assert marks[-3:] == ["point", "text", "text"]  # crossings on top
