"""The Frictionless Data Package descriptor (datapackage.json) of a data directory.

It is built from ``dashboard.contract.schema``, the same rules the loader applies, so the two cannot
drift apart; ``data/datapackage.json`` is this function's output with the dataset's title.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dashboard.contract import schema
from dashboard.contract.schema import Column, Table
from dashboard.contract.slugs import SLUG_PATTERN, package_name

_PATTERN_OF_KIND = {
    "slug": SLUG_PATTERN,
    "url": schema.URL_PATTERN,
    "color": schema.COLOR_PATTERN,
}


def build_descriptor(
    name: str,
    title: str,
    description: str,
    tables: Iterable[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A tabular Data Package for the named tables (all contract tables by default)."""
    wanted = set(tables) if tables is not None else {t.name for t in schema.TABLES}
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "resources": [resource(t, wanted) for t in schema.TABLES if t.name in wanted],
    }
    descriptor.update(extra or {})
    return descriptor


def resource(table: Table, present: set[str]) -> dict[str, Any]:
    """The Tabular Data Resource of one table; foreign keys only to tables present."""
    table_schema: dict[str, Any] = {
        "fields": [
            field_descriptor(c, unique=table.primary_key == (c.name,)) for c in table.columns
        ],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
        # Columns are matched by name and optional ones may be left out, as in the contract.
        "fieldsMatch": "superset",
    }
    foreign_keys = [
        {
            "fields": [c.name],
            "reference": {"resource": c.references[0], "fields": [c.references[1]]},
        }
        for c in table.columns
        if c.references and c.references[0] in present
    ]
    if foreign_keys:
        table_schema["foreignKeys"] = foreign_keys
    return {
        "name": table.name,
        "path": table.filename,
        "title": table.title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema,
    }


def field_descriptor(column: Column, unique: bool = False) -> dict[str, Any]:
    """One Table Schema field: type, format and constraints matching the loader's rules."""
    field: dict[str, Any] = {"name": column.name}
    if column.description:
        field["description"] = column.description
    constraints: dict[str, Any] = {}
    if column.kind == "date":
        field["type"] = "date"
    elif column.kind in ("number", "integer"):
        field["type"] = column.kind
        if column.minimum is not None:
            constraints["minimum"] = column.minimum
        if column.maximum is not None:
            constraints["maximum"] = column.maximum
    else:
        field["type"] = "string"
        if column.kind in _PATTERN_OF_KIND:
            constraints["pattern"] = _PATTERN_OF_KIND[column.kind]
        if column.enum:
            constraints["enum"] = list(column.enum)
    if column.required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def write_descriptor(path: Path, descriptor: dict[str, Any]) -> None:
    """Write the descriptor as indented UTF-8 JSON."""
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def describe_directory(data_dir: Path) -> dict[str, Any]:
    """The descriptor for the tables present in ``data_dir``, keeping its title and text."""
    existing: dict[str, Any] = {}
    path = data_dir / "datapackage.json"
    if path.is_file():
        existing = json.loads(path.read_text(encoding="utf-8"))
    present = [t.name for t in schema.TABLES if (data_dir / t.filename).is_file()]
    name = existing.get("name") or package_name(data_dir.resolve().name)
    title = existing.get("title") or data_dir.resolve().name
    return build_descriptor(name, title, existing.get("description", ""), present)
