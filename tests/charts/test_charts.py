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

from dashboard.charts import claims, crossings, palette
from dashboard.contract.dataset import Dataset

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
    tree = ast.parse(Path(claims.__file__).read_text(encoding="utf-8"))
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


# --- claims: tests/ui/test_claims_view.py reads the one claims chart of a view ---------------


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
    spec = crossings.crossing_history_chart(runs()).to_dict()
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


def test_crossing_history_of_a_few_days_has_one_tick_a_day() -> None:
    one_day = runs().iloc[[2]]  # the ford, 4 March only
    axis = layer_of(crossings.crossing_history_chart(one_day).to_dict(), "bar")["encoding"]["x"]
    assert axis["axis"]["tickCount"] == {"interval": "day", "step": 1}
    assert axis["axis"]["format"] == "%-d %b %Y"
    years = runs()
    years.loc[2, "end"] = pd.Timestamp("2026-01-01")  # a long history keeps Vega's ticks
    axis = layer_of(crossings.crossing_history_chart(years).to_dict(), "bar")["encoding"]["x"]
    assert "tickCount" not in axis["axis"]
