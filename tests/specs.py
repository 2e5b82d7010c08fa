"""Reading Vega-Lite specifications in tests: schema validation and the rows a layer ships."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd
import shapely
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from dashboard.analysis import crossings
from dashboard.charts import timeline
from dashboard.contract.dataset import Dataset


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return load_schema()


def assert_valid(spec: dict[str, Any]) -> None:
    """Raises jsonschema's ValidationError when ``spec`` is not valid Vega-Lite."""
    validate_jsonschema(spec, _schema())


def rows_of(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a layer draws (named datasets or inline values)."""
    data = layer.get("data", spec.get("data"))
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def mark_type(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def params_named(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Every parameter called ``name``, at the top or in a layer."""
    found = [p for p in spec.get("params", []) if p.get("name") == name]
    for layer in spec.get("layer", []):
        found += [p for p in layer.get("params", []) if p.get("name") == name]
    return found


def layer_with(spec: dict, mark: str) -> dict:
    """The first layer of ``spec`` drawing marks of type ``mark``."""
    return next(layer for layer in spec["layer"] if mark_type(layer) == mark)


def assert_brush(spec: dict) -> None:
    """The timeline's brush: an interval along x."""
    (brush,) = params_named(spec, timeline.BRUSH)
    assert brush["select"]["type"] == "interval"
    assert brush["select"]["encodings"] == ["x"]


def board_of(dataset: Dataset) -> pd.DataFrame:
    """The dataset's crossing board as the map takes it (status as of 13 Oct 2025)."""
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
