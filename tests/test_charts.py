"""The chart builders: what each chart draws, with which encodings, titles and data rows."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dashboard import charts, crossings, palette
from dashboard.loader import Dataset

TODAY = date(2024, 3, 20)
PARTIES = pd.DataFrame(
    {
        "party_id": ["north", "south"],
        "name": ["Northland", "Southland"],
        "role": ["belligerent", "belligerent"],
        "color": ["#0072B2", np.nan],
    }
).astype({"party_id": "str", "name": "str", "role": "str", "color": "str"})


@pytest.fixture(scope="module")
def tables(rich_dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The rich test dataset (tests/minidata.py): ranges, a far background event, four
    parties, an event nobody claims, located and unlocated rows."""
    return rich_dataset.tables


def make_events(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Events in the loader's types from a few fields per row."""
    defaults = {
        "date_end": None,
        "title": "An event",
        "event_type": "armed-clash",
        "actor": None,
        "target": None,
        "location": None,
        "latitude": np.nan,
        "longitude": np.nan,
        "verification": "claimed",
        "source_id": "wire-1",
    }
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("latitude", "longitude"):
        frame[column] = frame[column].astype("float64")
    text = ["event_id", "title", "event_type", "actor", "target", "location", "verification"]
    for column in [*text, "source_id"]:
        frame[column] = frame[column].astype("str")
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="line")
    return frame


def layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["layer"]


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    data = layer.get("data", spec.get("data"))  # shared data sits on the layer chart
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def layer_of(spec: dict[str, Any], mark: str) -> dict[str, Any]:
    found = [layer for layer in layers(spec) if mark_type(layer) == mark]
    assert len(found) == 1, f"expected one {mark} layer"
    return found[0]


def mark_type(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


# --- purity ---------------------------------------------------------------------------------


def test_charts_module_does_not_import_streamlit() -> None:
    tree = ast.parse(Path(charts.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "streamlit" not in imported


# --- timeline frame -------------------------------------------------------------------------


def test_timeline_frame_columns_and_one_row_per_event(tables: dict[str, pd.DataFrame]) -> None:
    plotted, outside = charts.timeline_frame(tables["events"], tables["parties"])
    assert list(plotted.columns) == list(charts.TIMELINE_COLUMNS)
    assert len(plotted) + len(outside) == len(tables["events"])
    assert set(plotted["event_id"]).isdisjoint(outside["event_id"])


def test_far_background_events_are_outside_not_plotted(tables: dict[str, pd.DataFrame]) -> None:
    plotted, outside = charts.timeline_frame(tables["events"], tables["parties"])
    assert outside["event_id"].tolist() == ["armistice"]
    assert (outside["event_type"] == "background").all()
    assert plotted["start"].min() == pd.Timestamp("2024-03-03")
    row = outside.set_index("event_id").loc["armistice"]
    assert row["dates"] == "1 Jan – 31 Dec 1953"


def test_range_and_single_day_rows(tables: dict[str, pd.DataFrame]) -> None:
    plotted, _ = charts.timeline_frame(tables["events"], tables["parties"])
    rows = plotted.set_index("event_id")
    raid = rows.loc["front-raid"]
    assert bool(raid["is_range"]) is True
    assert raid["end"] == pd.Timestamp("2024-03-09")
    assert raid["end_exclusive"] == pd.Timestamp("2024-03-10")
    assert raid["dates"] == "7–9 Mar 2024"
    assert raid["party"] == "Millford Liberation Front"
    assert raid["target_name"] == "Northland"
    shelling = rows.loc["shelling"]
    assert bool(shelling["is_range"]) is False
    assert shelling["end"] == shelling["start"] == pd.Timestamp("2024-03-03")
    assert shelling["dates"] == "3 Mar 2024"
    assert rows.loc["market-blast", "party"] == palette.UNATTRIBUTED
    assert plotted["start"].dtype.kind == "M" and plotted["end_exclusive"].dtype.kind == "M"


def test_verification_columns() -> None:
    events = make_events(
        [
            {"event_id": "a", "date_start": "2024-03-03", "verification": "verified"},
            {"event_id": "b", "date_start": "2024-03-03", "verification": "disputed"},
        ]
    )
    plotted, _ = charts.timeline_frame(events, PARTIES)
    rows = plotted.set_index("event_id")
    assert rows["verified"].tolist() == [True, False]
    assert rows.loc["b", "verification_label"] == palette.verification_label("disputed")


def test_all_background_events_are_plotted() -> None:
    events = make_events(
        [
            {"event_id": "treaty", "date_start": "1893-01-01", "event_type": "background"},
            {"event_id": "war", "date_start": "1919-05-01", "event_type": "background"},
        ]
    )
    plotted, outside = charts.timeline_frame(events, PARTIES)
    assert sorted(plotted["event_id"]) == ["treaty", "war"]
    assert outside.empty


def test_background_inside_the_span_stays_plotted() -> None:
    events = make_events(
        [
            {"event_id": "a", "date_start": "2024-03-01"},
            {"event_id": "b", "date_start": "2024-03-09"},
            {"event_id": "ctx", "date_start": "2024-03-05", "event_type": "background"},
            {"event_id": "old", "date_start": "2020-01-01", "event_type": "background"},
        ]
    )
    plotted, outside = charts.timeline_frame(events, PARTIES)
    assert "ctx" in set(plotted["event_id"])
    assert outside["event_id"].tolist() == ["old"]


# --- timeline chart -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline_spec(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    plotted, _ = charts.timeline_frame(tables["events"], tables["parties"])
    return charts.timeline_chart(plotted, tables["parties"]).to_dict()


def test_ranges_are_bars_and_single_days_are_points(timeline_spec: dict[str, Any]) -> None:
    bars = layer_of(timeline_spec, "bar")
    points = layer_of(timeline_spec, "point")
    bar_ids = {row["event_id"] for row in layer_rows(timeline_spec, bars)}
    point_ids = {row["event_id"] for row in layer_rows(timeline_spec, points)}
    assert bar_ids == {"bridge-closed", "front-raid"}
    assert point_ids == {"shelling", "talks", "school-hit", "ford-closed", "market-blast"}
    assert "armistice" not in bar_ids | point_ids
    assert bars["encoding"]["x"]["field"] == "start"
    assert bars["encoding"]["x2"]["field"] == "end_exclusive"
    raid = next(r for r in layer_rows(timeline_spec, bars) if r["event_id"] == "front-raid")
    assert raid["start"].startswith("2024-03-07")
    assert raid["end_exclusive"].startswith("2024-03-10")


def test_timeline_titles_axes_and_legend(timeline_spec: dict[str, Any]) -> None:
    assert timeline_spec["title"]["text"] == "Timeline of events"
    assert "filled = verified" in " ".join(timeline_spec["title"]["subtitle"])
    assert "hollow = unverified" in " ".join(timeline_spec["title"]["subtitle"])
    assert timeline_spec["width"] == "container"
    for layer in layers(timeline_spec):
        encoding = layer["encoding"]
        assert encoding["x"]["title"] == "Date"
        assert encoding["y"]["title"] == "Party (actor)"
        assert encoding["stroke"]["legend"]["title"] == "Party"
        tooltip_fields = {t["field"] for t in encoding["tooltip"]}
        expected = {"title", "dates", "verification_label", "event_type", "location", "source_id"}
        assert expected <= tooltip_fields


def test_timeline_colours_come_from_the_palette(
    timeline_spec: dict[str, Any], tables: dict[str, pd.DataFrame]
) -> None:
    scale = layer_of(timeline_spec, "bar")["encoding"]["stroke"]["scale"]
    colors = dict(zip(scale["domain"], scale["range"], strict=True))
    by_id = palette.party_colors(tables["parties"])
    assert colors["Northland"] == by_id["north"] == "#0072B2"  # its own colour in parties.csv
    assert colors["Southland"] == by_id["south"]
    assert colors["Millford Liberation Front"] == by_id["front"]
    assert len(set(colors.values())) == len(colors)
    assert colors[palette.UNATTRIBUTED] == palette.UNATTRIBUTED_COLOR
    assert scale["domain"][-1] == palette.UNATTRIBUTED


def test_verified_filled_and_unverified_hollow() -> None:
    events = make_events(
        [
            {"event_id": "v", "date_start": "2024-03-03", "verification": "verified"},
            {"event_id": "u", "date_start": "2024-03-03", "verification": "reported"},
            {"event_id": "vr", "date_start": "2024-03-01", "date_end": "2024-03-04"},
        ]
    )
    plotted, _ = charts.timeline_frame(events, PARTIES)
    spec = charts.timeline_chart(plotted, PARTIES).to_dict()
    for layer in layers(spec):
        fill = layer["encoding"]["fill"]
        assert fill["condition"]["test"] == "datum.verified"
        assert fill["condition"]["field"] == "party"
        assert fill["value"] == charts.HOLLOW_FILL
        assert "stroke" in layer["encoding"]
    points = {r["event_id"]: r for r in layer_rows(spec, layer_of(spec, "point"))}
    assert points["v"]["verified"] is True and points["u"]["verified"] is False


def test_overlapping_events_of_one_party_get_separate_lanes() -> None:
    events = make_events(
        [
            {"event_id": "a", "date_start": "2024-03-03", "actor": "north"},
            {"event_id": "b", "date_start": "2024-03-03", "actor": "north"},
            {"event_id": "c", "date_start": "2024-03-03", "actor": "south"},
            {"event_id": "d", "date_start": "2024-03-04", "actor": "north"},
        ]
    )
    plotted, _ = charts.timeline_frame(events, PARTIES)
    spec = charts.timeline_chart(plotted, PARTIES).to_dict()
    rows = {r["event_id"]: r for r in layer_rows(spec, layer_of(spec, "point"))}
    assert rows["a"]["lane"] != rows["b"]["lane"]
    assert rows["c"]["lane"] == 0 and rows["d"]["lane"] == 0
    assert layer_of(spec, "point")["encoding"]["yOffset"]["field"] == "lane"
    assert rows["a"]["party"] == "Northland"


def test_selection_param_on_event_id(timeline_spec: dict[str, Any]) -> None:
    params = [p for _, value in walk(timeline_spec) if isinstance(value, list) for p in value]
    selections = [
        p for p in params if isinstance(p, dict) and p.get("name") == charts.TIMELINE_SELECTION
    ]
    assert len(selections) == 1
    assert selections[0]["select"]["type"] == "point"
    assert selections[0]["select"]["fields"] == ["event_id"]


def test_timeline_ships_only_needed_columns(timeline_spec: dict[str, Any]) -> None:
    row = layer_rows(timeline_spec, layer_of(timeline_spec, "bar"))[0]
    assert "description" not in row and "quote" not in row and "target_name" not in row


def test_empty_timeline_is_valid() -> None:
    plotted, outside = charts.timeline_frame(
        make_events([{"event_id": "a", "date_start": "2024-03-03"}]).iloc[0:0], PARTIES
    )
    assert plotted.empty and outside.empty
    spec = charts.timeline_chart(plotted, PARTIES).to_dict()
    assert spec["title"]["text"] == "Timeline of events"


# --- claims ---------------------------------------------------------------------------------


def positions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "party_id": ["north", "south"],
            "party": ["Northland", "Southland"],
            "value": [58.0, 3.0],
            "figure": ["> 58", "3"],
            "verification": ["claimed", "verified"],
            "verified": [False, True],
            "statement": ["North says 58", "South admits 3"],
        }
    )


def test_claims_chart_bars_labels_and_fill() -> None:
    spec = charts.claims_chart(positions(), PARTIES, "Soldiers killed", "soldiers").to_dict()
    assert spec["title"]["text"] == "Soldiers killed"
    bars = layer_of(spec, "bar")
    text = layer_of(spec, "text")
    rows = {r["party"]: r for r in layer_rows(spec, bars)}
    assert rows["Northland"]["value"] == 58.0 and rows["Southland"]["verified"] is True
    assert bars["encoding"]["x"]["title"] == "soldiers"
    assert bars["encoding"]["y"]["field"] == "party"
    assert bars["encoding"]["fill"]["condition"]["test"] == "datum.verified"
    assert bars["encoding"]["fill"]["value"] == charts.HOLLOW_FILL
    assert bars["encoding"]["stroke"]["scale"]["range"][0] == "#0072B2"
    assert text["encoding"]["text"]["field"] == "label"
    assert rows["Northland"]["label"].startswith("> 58")
    tooltip = {t["field"] for t in bars["encoding"]["tooltip"]}
    assert {"statement", "verification_label"} <= tooltip


def test_claims_chart_without_unit_says_figure() -> None:
    spec = charts.claims_chart(positions(), PARTIES, "Posts", None).to_dict()
    assert layer_of(spec, "bar")["encoding"]["x"]["title"] == "Figure"


# --- crossing history -----------------------------------------------------------------------


def runs() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "crossing_id": ["bridge", "bridge", "ford"],
            "name": ["Millford bridge", "Millford bridge", "Old ford"],
            "status": ["closed", "open", "restricted"],
            "start": ["2024-03-03", "2024-03-05", "2024-03-04"],
            "end": ["2024-03-05", "2024-03-08", "2024-03-04"],
            "reports": [1, 2, 1],
            "verification": ["reported", "verified", "claimed"],
        }
    )
    frame["status_label"] = frame["status"].map(palette.status_label)
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    return frame


def test_crossing_history_chart() -> None:
    spec = charts.crossing_history_chart(runs()).to_dict()
    assert spec["title"]["text"] == "Crossing status over time"
    bars = layer_of(spec, "bar")
    words = layer_of(spec, "text")
    assert bars["encoding"]["x"]["title"] == "Date"
    assert bars["encoding"]["y"]["title"] == "Crossing"
    assert bars["encoding"]["x2"]["field"] == "bar_end"
    color = bars["encoding"]["color"]
    assert color["field"] == "status_label"
    assert color["scale"]["domain"] == [palette.status_label(s) for s in palette.STATUS_ORDER]
    assert color["scale"]["range"] == [palette.STATUS_COLORS[s] for s in palette.STATUS_ORDER]
    assert words["encoding"]["text"]["field"] == "status_label"
    rows = layer_rows(spec, bars)
    assert [r["status_label"] for r in rows] == ["✖ Closed", "↔ Open", "▲ Restricted"]
    assert rows[0]["dates"] == "3–4 Mar 2024"
    ford = rows[2]  # a one-day run still has a visible width
    assert ford["bar_end"].startswith("2024-03-05") and ford["dates"] == "4 Mar 2024"
    assert {t["field"] for t in bars["encoding"]["tooltip"]} >= {"name", "reports"}


# --- map --------------------------------------------------------------------------------------


def board(latitude: float = 34.1, status: str = "closed") -> pd.DataFrame:
    """A board of two crossings far from the test data's events; the second unlocated."""
    return pd.DataFrame(
        {
            "crossing_id": ["bridge", "ford"],
            "name": ["Millford bridge", "Old ford"],
            "latitude": [latitude, np.nan],
            "longitude": [71.1, np.nan],
            "status": [status, palette.NO_REPORT],
            "status_label": [palette.status_label(status), palette.NO_REPORT],
        }
    )


def test_map_points_count_missing_coordinates(tables: dict[str, pd.DataFrame]) -> None:
    events = tables["events"]
    located = int((events["latitude"].notna() & events["longitude"].notna()).sum())
    points, missing = charts.map_points(events, board(), tables["parties"])
    assert list(points.columns) == list(charts.MAP_COLUMNS)
    assert missing == len(events) - located + 1  # the ford has no coordinates
    assert (points["kind"] == "event").sum() == located
    assert points[points["kind"] == "crossing"]["label"].tolist() == ["Millford bridge — ✖ Closed"]
    assert points[["latitude", "longitude"]].notna().all().all()


def test_map_points_colours(tables: dict[str, pd.DataFrame]) -> None:
    points, _ = charts.map_points(tables["events"], board(), tables["parties"])
    by_label = points.set_index("label")
    shelling = by_label.loc["Artillery fire near Millford"]
    assert shelling["color"] == palette.party_colors(tables["parties"])["north"] == "#0072B2"
    assert shelling["group"] == "Northland"
    strike = by_label.loc["Air strike on Riverton market"]
    assert strike["color"] == palette.UNATTRIBUTED_COLOR
    assert strike["group"] == palette.UNATTRIBUTED
    assert strike["detail"] == "9 Mar 2024 · ◐ reported · air-strike · Riverton"
    crossing = by_label.loc["Millford bridge — ✖ Closed"]
    assert crossing["color"] == palette.STATUS_COLORS["closed"]


def test_map_points_without_crossing_tables() -> None:
    events = make_events(
        [
            {"event_id": "a", "date_start": "2024-03-03", "latitude": 45.5, "longitude": -12.2},
            {"event_id": "b", "date_start": "2024-03-03", "actor": "north"},
        ]
    )
    points, missing = charts.map_points(events, None, PARTIES)
    assert len(points) == 1 and missing == 1


def test_map_chart_is_offline_and_encodes_kind(tables: dict[str, pd.DataFrame]) -> None:
    state = crossings.crossing_board(tables["crossings"], tables["crossing_status"], TODAY)
    board_table = crossings.board_frame(state)
    points, _ = charts.map_points(tables["events"], board_table, tables["parties"])
    spec = charts.map_chart(points).to_dict()
    assert spec["title"]["text"] == "Map of located events and crossings"
    assert not [key for key, _ in walk(spec) if key == "url"]
    grid = layer_of(spec, "geoshape")
    assert "graticule" in grid["data"]
    (west, south), (east, north) = grid["data"]["graticule"]["extent"]
    assert west <= points["longitude"].min() and east >= points["longitude"].max()
    assert south <= points["latitude"].min() and north >= points["latitude"].max()
    marks = layer_of(spec, "point")
    encoding = marks["encoding"]
    assert encoding["latitude"]["field"] == "latitude"
    assert encoding["longitude"]["field"] == "longitude"
    assert encoding["color"] == {"field": "color", "scale": None, "type": "nominal"}
    assert encoding["shape"]["scale"]["range"] == ["circle", "square"]
    assert len(layer_rows(spec, marks)) == len(points)
    assert all("projection" in layer for layer in layers(spec))
    label_rows = [layer_rows(spec, layer) for layer in layers(spec) if mark_type(layer) == "text"]
    texts = {row["label"] for rows in label_rows for row in rows if "label" in row}
    # crossings are labelled first; nearby points share a label (the old ford's closure
    # event sits on the crossing; the shelling and the school are 1 km apart)
    assert texts == {
        "Old ford — ✖ Closed (+1 more)",
        "Millford bridge — ↔ Open",
        "Artillery fire near Millford (+1 more)",
        "Air strike on Riverton market",
    }


def test_empty_map_is_valid() -> None:
    spec = charts.map_chart(pd.DataFrame(columns=list(charts.MAP_COLUMNS))).to_dict()
    assert layer_of(spec, "geoshape")["data"]["graticule"]["step"] == [30, 30]
