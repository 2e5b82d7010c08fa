"""Vega-Lite specifications built with Altair but emitted fast, for any chart module.

Altair validates a chart against the Vega-Lite JSON schema when it is built with inline
values and when it is turned into a dict; with thousands of rows that costs more than the
rest of a rerun. Here charts refer to their data by name (``named``), ``finish`` emits the
dict without validation and puts the rows in the spec's top-level ``datasets``. The tests
validate the finished specs against the schema instead.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import altair as alt
import pandas as pd

Records = list[dict[str, Any]]
SUBTITLE_CHARS = 52  # a subtitle line wraps after this many characters: a phone shows it whole


def wrapped(lines: list[str] | str, width: int = SUBTITLE_CHARS) -> list[str]:
    """Title or subtitle lines cut at word ends into lines of at most ``width`` characters
    (Vega draws each line as given and cuts a long one with "…" on a narrow screen)."""
    given = [lines] if isinstance(lines, str) else lines
    return [part for line in given for part in textwrap.wrap(line, width) or [""]]


def named(name: str) -> alt.NamedData:
    """A reference to the dataset ``name`` that ``finish`` fills in."""
    return alt.NamedData(name=name)


def records(frame: pd.DataFrame) -> Records:
    """Rows as JSON values: numbers, texts, booleans, and null for missing values."""
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def finish(
    chart: alt.TopLevelMixin,
    title: alt.Title,
    height: int,
    datasets: dict[str, Records],
) -> dict[str, Any]:
    """Full container width, ``height`` pixels of plotting area (titles and axes come on
    top); emitted without validation, with ``datasets`` attached by name."""
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    if isinstance(title.subtitle, (list, str)):
        title = alt.Title(title.text, subtitle=wrapped(title.subtitle))
    sized = chart.properties(title=title, width="container", height=height, autosize=autosize)
    spec = sized.to_dict(validate=False)
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec


def event_tooltip(party_field: str, *extra: tuple[str, str]) -> list[alt.Tooltip]:
    """One event mark's tooltip: title, dates, acting party, verification, then ``extra``
    (field:type, title) pairs."""
    base = (
        ("title:N", "Event"),
        ("dates:N", "Dates"),
        (f"{party_field}:N", "Party (actor)"),
        ("verification_label:N", "Verification"),
    )
    return [alt.Tooltip(field, title=title) for field, title in (*base, *extra)]
