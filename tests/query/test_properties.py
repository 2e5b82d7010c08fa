"""Property tests (hypothesis): what the filters and snapshots promise, for any input."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import (
    EVENT_TYPES,
    FACT_TABLES,
    LOCATION_PRECISIONS,
    MAX_FATALITIES,
    TABLES_BY_NAME,
    VERIFICATION,
)
from dashboard.export.snapshot import build_snapshot
from dashboard.query.filters import Filters, apply_filters
from tests.minidata import write_mini_dataset, write_rich_dataset

with tempfile.TemporaryDirectory() as _folder:
    MINI = load_dataset(write_mini_dataset(Path(_folder) / "mini"))
    RICH = load_dataset(write_rich_dataset(Path(_folder) / "rich"))
DATASETS = st.sampled_from([RICH, MINI])

days = st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def filters_for(draw, dataset: Dataset) -> Filters:
    party_ids = [*list(dataset.tables["parties"]["party_id"]), "nobody"]
    parties = draw(st.lists(st.sampled_from(party_ids), unique=True, max_size=3))
    date_from, date_to = draw(st.one_of(st.none(), days)), draw(st.one_of(st.none(), days))
    verification = draw(st.sampled_from(["all", "verified", "unverified"]))
    types = draw(st.lists(st.sampled_from(EVENT_TYPES), unique=True, max_size=3))
    return Filters(tuple(parties), date_from, date_to, verification, tuple(types))


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_filtering_never_adds_rows(data) -> None:
    dataset = data.draw(DATASETS)
    view = apply_filters(dataset, data.draw(filters_for(dataset)))
    for name, table in view.tables.items():
        original = dataset.tables[name]
        assert set(table.index) <= set(original.index), name
        kept = original.loc[table.index].drop(columns=["event_id"], errors="ignore")
        assert table.drop(columns=["event_id"], errors="ignore").equals(kept), name


@given(data=st.data())
@settings(max_examples=100, deadline=None)
def test_verified_only_returns_only_verified_rows(data) -> None:
    dataset = data.draw(DATASETS)
    filters = data.draw(filters_for(dataset))
    view = apply_filters(
        dataset,
        Filters(filters.parties, filters.date_from, filters.date_to, "verified", filters.types),
    )
    for name in FACT_TABLES:
        if name in view.tables:
            assert set(view.tables[name]["verification"]) <= {"verified"}, name


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_date_filter_keeps_exactly_the_overlapping_rows(data) -> None:
    dataset = data.draw(DATASETS)
    date_from, date_to = (
        data.draw(st.one_of(st.none(), days)),
        data.draw(st.one_of(st.none(), days)),
    )
    view = apply_filters(dataset, Filters(date_from=date_from, date_to=date_to))
    events = dataset.tables["events"]
    expected = [
        line
        for line, start, end in zip(
            events.index, events["date_start"], events["date_end"], strict=True
        )
        if (date_to is None or start.date() <= date_to)
        and (date_from is None or (end if pd.notna(end) else start).date() >= date_from)
    ]
    assert list(view.tables["events"].index) == expected
    if "claims" in dataset.tables:
        claims = dataset.tables["claims"]
        inside = [
            line
            for line, day in zip(claims.index, claims["date"], strict=True)
            if (date_from is None or day.date() >= date_from)
            and (date_to is None or day.date() <= date_to)
        ]
        assert list(view.tables["claims"].index) == inside


# --- snapshot round trip ----------------------------------------------------------------

ODD_CELLS = [
    "=1+1",
    "+cmd",
    "-x",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "'quoted",
    "''twice",
    'say "hi", ok',
    "line\nbreak\r\nmore",
    "پښتو اردو",
    "🔥💥",
    " padded ",
    "<b>x</b>",
]
odd_text = st.one_of(
    st.sampled_from(ODD_CELLS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
).filter(lambda s: s.strip() != "")
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
coordinates = st.one_of(st.none(), st.floats(-90, 90, allow_nan=False).map(lambda x: round(x, 6)))


@st.composite
def small_dataset(draw) -> dict[str, list[list[str]]]:
    party_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    event_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    parties = [TABLES_BY_NAME["parties"].column_names] + [
        [p, draw(odd_text), "belligerent", ""] for p in party_ids
    ]
    header = TABLES_BY_NAME["events"].column_names
    events = [list(header)]
    for event_id in event_ids:
        start = draw(days)
        end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=date(2031, 1, 1))))
        latitude = draw(coordinates)
        row = {
            "event_id": event_id,
            "date_start": start.isoformat(),
            "date_end": end.isoformat() if end else "",
            "title": draw(odd_text),
            "description": draw(st.one_of(st.just(""), odd_text)),
            "event_type": draw(st.sampled_from(EVENT_TYPES)),
            "actor": draw(st.sampled_from([*party_ids, ""])),
            "target": draw(st.sampled_from([*party_ids, ""])),
            "location": draw(st.one_of(st.just(""), odd_text)),
            "latitude": "" if latitude is None else repr(latitude),
            "longitude": "" if latitude is None else repr(round(latitude * 1.5, 6)),
            "location_precision": draw(st.sampled_from(["", *LOCATION_PRECISIONS])),
            "verification": draw(st.sampled_from(VERIFICATION)),
            "source_id": "src",
            "quote": "",
        }
        for name in ("fatalities", "fatalities_low", "fatalities_high"):
            row[name] = draw(st.one_of(st.just(""), st.integers(0, MAX_FATALITIES).map(str)))
        events.append([row[name] for name in header])
    sources = [
        TABLES_BY_NAME["sources"].column_names,
        ["src", draw(odd_text), draw(odd_text), "", "", "", "C", "", ""],
    ]
    return {"sources": sources, "parties": parties, "events": events}


def write_crlf(directory: Path, tables: dict[str, list[list[str]]]) -> None:
    directory.mkdir(parents=True)
    for name, rows in tables.items():
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)


@given(tables=small_dataset())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_snapshot_write_then_load_is_the_identity(tables) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original_dir = Path(folder) / "data"
        write_crlf(original_dir, tables)
        original = load_dataset(original_dir)
        assert original.errors == [], [str(p) for p in original.errors]
        assert {p.rule for p in original.problems} <= {"fatalities-order"}
        snapshot_dir = Path(folder) / "snapshot"
        zipfile.ZipFile(
            io.BytesIO(build_snapshot(original, apply_filters(original, Filters())))
        ).extractall(snapshot_dir)
        again = load_dataset(snapshot_dir)
        assert again.errors == []
        kept = [(p.rule, p.column) for p in original.problems]
        assert [(p.rule, p.column) for p in again.problems] == kept  # names beside ids: silent
        for name, table in original.tables.items():
            pd.testing.assert_frame_equal(
                again.tables[name].reset_index(drop=True), table.reset_index(drop=True)
            )
