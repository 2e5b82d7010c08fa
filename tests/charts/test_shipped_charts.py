"""The curated Durand Line data on the map, the timeline and in the colours (shipped-data
tests: only these pin the curated figures)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
import shapely

from dashboard.analysis import hexagons
from dashboard.analysis.eventsearch import find_events
from dashboard.charts import map as charts_map
from dashboard.charts import palette, style, timeline
from dashboard.contract.dataset import DEFAULT_DATA_DIR, Dataset
from dashboard.contract.loader import load_dataset
from tests.specs import (
    assert_brush,
    assert_valid,
    board_of,
    country_shapes,
    layer_with,
    layers_on,
    mark_type,
    params_named,
    rows_of,
)

BORDER_BYTES_LIMIT = 300_000  # "a few hundred kilobytes at most"


@pytest.fixture(scope="module")
def curated() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


def test_curated_map_shows_the_border_with_both_crossings_on_it(curated: Dataset) -> None:
    colors = palette.party_colors(curated.tables)
    chart = charts_map.map_chart(curated.tables["events"], board_of(curated), colors)
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
    chart = charts_map.map_chart(events, board_of(curated), palette.party_colors(curated.tables))
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
    chart = charts_map.map_chart(events, None, palette.party_colors(curated.tables))
    assert chart.imprecise == {"area": 1, "country": 1}
    assert chart.points == 4
    titles = {p["title"] for p in rows_of(chart.spec, layers_on(chart.spec, "events")[0])}
    assert not any(t.startswith("Alleged Pakistani airstrikes on parts") for t in titles)
    assert any("1 event is located only to a district or province" in n for n in chart.notes)
    assert any("1 event is located only to a country" in n for n in chart.notes)


def test_nothing_located_gives_no_map(curated: Dataset) -> None:
    events = curated.tables["events"]
    unlocated = events[events["latitude"].isna()]
    chart = charts_map.map_chart(unlocated, None, palette.party_colors(curated.tables))
    assert chart.spec is None and chart.mode == "none"
    assert chart.notes == [f"{len(unlocated)} events have no coordinates and are not on the map."]


def test_world_spanning_data_uses_equal_earth_and_stays_bounded(curated: Dataset) -> None:
    events = curated.tables["events"].iloc[:4].copy()
    events["latitude"] = [60.0, -35.0, 10.0, 40.0]
    events["longitude"] = [-120.0, 150.0, 20.0, -3.0]
    chart = charts_map.map_chart(events, None, palette.party_colors(curated.tables))
    assert_valid(chart.spec)
    assert chart.projection == "equalEarth"
    assert len(chart.countries) > 150
    assert chart.border_bytes < BORDER_BYTES_LIMIT


def test_a_single_point_still_shows_its_surroundings(curated: Dataset) -> None:
    events = curated.tables["events"]
    one = events[events["event_id"] == "torkham-closed"]
    chart = charts_map.map_chart(one, None, palette.party_colors(curated.tables))
    assert (
        chart.extent.width >= hexagons.MIN_SPAN_DEG and chart.extent.height >= hexagons.MIN_SPAN_DEG
    )
    assert {"Afghanistan", "Pakistan"} <= set(chart.countries)


def test_layers_are_drawn_in_order(curated: Dataset) -> None:
    chart = charts_map.map_chart(
        curated.tables["events"], board_of(curated), palette.party_colors(curated.tables)
    )
    marks = [mark_type(layer) for layer in chart.spec["layer"]]
    assert marks[0] == "geoshape"  # countries under everything
    assert marks[-3:] == ["point", "text", "text"]  # crossings on top


def test_a_period_with_no_known_figure_has_no_bar_not_a_zero(curated: Dataset) -> None:
    events = curated.tables["events"].copy()
    events["fatalities"] = pd.array([pd.NA] * len(events), dtype="Int64")
    events.loc[events["event_id"] == "afg-cross-border-attacks", "fatalities"] = 7
    chart = timeline.timeline_chart(events, palette.party_colors(curated.tables), "fatalities")
    rows = rows_of(chart.spec, layer_with(chart.spec, "bar"))
    assert [(r["period"], r["value"]) for r in rows] == [("11 Oct 2025", 7)]


def test_without_fatality_figures_the_chart_counts_events(curated: Dataset) -> None:
    chart = timeline.timeline_chart(
        curated.tables["events"], palette.party_colors(curated.tables), "fatalities"
    )
    assert chart.metric == "events"
    assert chart.notes[0].startswith("No event in this view has a fatality figure")


def test_curated_events_are_drawn_one_by_one(curated: Dataset) -> None:
    colors = palette.party_colors(curated.tables)
    chart = timeline.timeline_chart(curated.tables["events"], colors)
    spec = chart.spec
    assert_valid(spec)
    assert chart.mode == "marks"
    assert list(chart.outside["event_id"]) == [
        "durand-agreement-1893",
        "durand-line-frontier",
        "taliban-return-to-power-2021",
    ]
    bars = {r["event_id"]: r for r in rows_of(spec, layer_with(spec, "bar"))}
    dots = {r["event_id"]: r for r in rows_of(spec, layer_with(spec, "point"))}
    attack = bars["afg-cross-border-attacks"]  # 11–12 Oct: a bar to the end of the 12th
    assert attack["dates"] == "11–12 Oct 2025"
    day = 86_400_000
    assert attack["end"] - attack["start"] == 2 * day
    assert "torkham-closed" in dots and dots["torkham-closed"]["verified"] is False
    assert chart.bars == len(bars) + len(dots) == 14
    for layer in (layer_with(spec, "bar"), layer_with(spec, "point")):
        fill = layer["encoding"]["fill"]
        assert fill["condition"]["test"] == "datum.verified"
        assert fill["value"] == style.HOLLOW_FILL
    headers = [
        r for layer in spec["layer"] if mark_type(layer) == "text" for r in rows_of(spec, layer)
    ]
    assert [h["label"] for h in headers] == [
        "Afghanistan (Taliban government) · 6 events",
        "Pakistan · 2 events",
        "unattributed · 6 events",
    ]
    assert params_named(spec, timeline.EVENT_SELECTION)[0]["select"]["fields"] == ["event_id"]
    assert_brush(spec)


def test_search_by_date_place_and_title(curated: Dataset) -> None:
    events = curated.tables["events"]
    on_day = find_events(events, "2025-10-12")
    assert on_day.total == 12 and on_day.dates == (date(2025, 10, 12), date(2025, 10, 12))
    assert all(
        label.startswith(("12 Oct 2025", "11–12 Oct", "5–11 Oct", "6–12 Oct"))
        for label in on_day.labels
    )
    month = find_events(events, "Oct 2025")
    assert month.total == 14 and month.dates == (date(2025, 10, 1), date(2025, 10, 31))
    place = find_events(events, "torkham")
    assert set(place.ids) == {"torkham-closed", "afghan-refugees-stranded"}
    assert place.label_of()["torkham-closed"] == (
        "12 Oct 2025 · Torkham border crossing closed · Torkham border crossing"
    )
    old = find_events(events, "Durand agreement")
    assert old.ids == ["durand-agreement-1893"]
    assert old.labels[0].startswith("1 Jan – 31 Dec 1893 · 1893 Durand Agreement")
    assert find_events(events, "torkham 2024").total == 0


def test_curated_parties_keep_their_own_colours() -> None:
    tables = load_dataset(DEFAULT_DATA_DIR).tables
    colors = palette.party_colors(tables)
    parties = tables["parties"].set_index("party_id")
    for party_id in colors.prominent:
        assert colors.by_id[party_id] == parties.loc[party_id, "color"]
    assert set(colors.prominent) == set(parties.index)
