"""Reading Vega-Lite specifications in tests: schema validation and the rows a layer ships."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema


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
