"""The timeline from one night to decades, brushing, and the event search of the picker.

Every spec is validated against the Vega-Lite schema and read: bars per period, legend
entries, party lanes, the brush parameter.
"""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import display
from dashboard.analysis import periods as analysis_periods
from dashboard.analysis.eventsearch import find_events, parse_query
from dashboard.charts import palette, timeline
from dashboard.contract.dataset import Dataset
from dashboard.query import dates
from dashboard.query.dates import describe_dates
from tests.manyparty import load_many_party, write_many_party
from tests.specs import assert_brush, assert_valid, layer_with, rows_of

# --- time units ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "unit"),
    [
        (0, "day"),
        (6, "day"),
        (119, "day"),
        (200, "week"),
        (800, "week"),
        (3 * 365, "month"),
        (20 * 365, "quarter"),
        (32 * 365, "year"),
        (130 * 365, "2 years"),
        (400 * 365, "5 years"),
    ],
)
def test_unit_follows_the_span(days: int, unit: str) -> None:
    first = pd.Timestamp("1990-03-15")
    chosen = analysis_periods.period_unit(first, first + pd.Timedelta(days=days))
    assert chosen.name == unit


def test_no_span_gets_more_bars_than_the_budget() -> None:
    first = pd.Timestamp("1893-01-01")
    for days in np.unique(np.geomspace(1, 365 * 500, 200).astype(int)):
        last = first + pd.Timedelta(days=int(days))
        unit = analysis_periods.period_unit(first, last)
        start, _ = analysis_periods.period_bounds(pd.Series([first, last]), unit)
        bars = pd.date_range(start.iat[0], start.iat[1], freq="D")  # upper bound on periods
        periods = analysis_periods.period_bounds(pd.Series(bars), unit)[0].nunique()
        assert periods <= analysis_periods.BAR_BUDGET, (days, unit)


def test_period_labels() -> None:
    day = pd.Timestamp("2025-10-12")
    labels = {}
    for unit in (*analysis_periods.UNITS, analysis_periods.PeriodUnit("5 years", "", 5)):
        start, end = analysis_periods.period_bounds(pd.Series([day]), unit)
        labels[unit.name] = (analysis_periods.period_label(start.iat[0], unit), end.iat[0])
    assert labels["day"] == ("12 Oct 2025", pd.Timestamp("2025-10-13"))
    assert labels["week"] == ("week of 6 Oct 2025", pd.Timestamp("2025-10-13"))  # Monday
    assert labels["month"] == ("Oct 2025", pd.Timestamp("2025-11-01"))
    assert labels["quarter"] == ("Q4 2025", pd.Timestamp("2026-01-01"))
    assert labels["year"] == ("2025", pd.Timestamp("2026-01-01"))
    assert labels["5 years"] == ("2025–2029", pd.Timestamp("2030-01-01"))


def test_dates_texts_agree_with_describe_dates() -> None:
    rng = np.random.default_rng(3)
    start = pd.Series(
        pd.to_datetime("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, 300), "D")
    )
    end = start + pd.to_timedelta(rng.choice([0, 0, 1, 20, 70, 400], 300), "D")
    end[::7] = pd.NaT
    texts = dates.dates_texts(start.astype("datetime64[s]"), end.astype("datetime64[s]"))
    for s, e, text in zip(start, end, texts, strict=True):
        last = s if pd.isna(e) else e
        assert text == describe_dates(s.date(), last.date())


# --- counts ----------------------------------------------------------------------------------


def test_many_party_decades_are_counted_per_quarter_with_a_bounded_legend(many: Dataset) -> None:
    events = many.tables["events"]
    colors = palette.party_colors(many.tables)
    chart = timeline.timeline_chart(events, colors)
    spec = chart.spec
    assert_valid(spec)
    assert chart.mode == "counts" and chart.unit.name == "quarter"
    bars = layer_with(spec, "bar")
    rows = rows_of(spec, bars)
    periods = {row["start"] for row in rows}
    assert chart.bars == len(periods) <= analysis_periods.BAR_BUDGET
    assert sum(row["events"] for row in rows) == len(events)
    color = bars["encoding"]["color"]
    assert color["scale"]["domain"] == chart.legend
    assert len(chart.legend) <= len(colors.prominent) + 2
    assert palette.OTHER_PARTIES in chart.legend and palette.UNATTRIBUTED in chart.legend
    assert set(row["group"] for row in rows) == set(chart.legend)
    # stacked: within a period, bars sit on each other in legend order
    first = sorted(
        (r for r in rows if r["start"] == max(periods)),
        key=lambda r: chart.legend.index(r["group"]),
    )
    assert first[0]["base"] == 0
    for below, above in itertools.pairwise(first):
        assert above["base"] == below["top"]
    assert_brush(spec)
    assert "more than the 5,000" in chart.notes[0]


def test_fatalities_per_period_count_known_figures_only(many: Dataset) -> None:
    events = many.tables["events"]
    chart = timeline.timeline_chart(events, palette.party_colors(many.tables), "fatalities")
    assert_valid(chart.spec)
    assert chart.mode == "counts" and chart.metric == "fatalities"
    rows = rows_of(chart.spec, layer_with(chart.spec, "bar"))
    assert sum(r["value"] for r in rows) == events["fatalities"].sum()
    assert sum(r["with_figure"] for r in rows) == events["fatalities"].notna().sum()
    unknown = int(events["fatalities"].isna().sum())
    assert f"{unknown:,} of {len(events):,} events have no figure" in chart.notes[-1]


def test_hundred_thousand_events(synth_100k: Dataset) -> None:
    colors = palette.party_colors(synth_100k.tables)
    chart = timeline.timeline_chart(synth_100k.tables["events"], colors)
    assert_valid(chart.spec)
    assert chart.mode == "counts" and chart.bars <= analysis_periods.BAR_BUDGET
    assert len(chart.legend) <= len(colors.prominent) + 2
    assert len(json.dumps(chart.spec)) < 200_000  # aggregated: kilobytes, not megabytes


# --- marks -----------------------------------------------------------------------------------


def assert_no_overlap(spec: dict) -> None:
    """Marks sharing a row never overlap at the width they were packed for."""
    bars = rows_of(spec, layer_with(spec, "bar"))
    dots = rows_of(spec, layer_with(spec, "point"))
    low, high = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    scale = analysis_periods.PLOT_WIDTH_PX / (high - low)
    marks = [
        (round(r["top"] - 0.15), (r["start"] - low) * scale, (r["end"] - low) * scale) for r in bars
    ]
    marks += [
        (
            round(r["centre"] - 0.5),
            (r["mid"] - low) * scale - analysis_periods.DOT_PX / 2,
            (r["mid"] - low) * scale + analysis_periods.DOT_PX / 2,
        )
        for r in dots
    ]
    by_row: dict[int, list[tuple[float, float]]] = {}
    for row, left, right in marks:
        by_row.setdefault(row, []).append((left, max(right, left + analysis_periods.MIN_BAR_PX)))
    for spans in by_row.values():
        spans.sort()
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert left >= right + analysis_periods.GAP_PX - 1e-6


def test_a_year_of_a_busy_conflict_is_readable_one_by_one(many: Dataset) -> None:
    events = many.tables["events"]
    year = events[(events["date_start"] >= "2023-01-01") & (events["date_start"] < "2024-01-01")]
    chart = timeline.timeline_chart(year, palette.party_colors(many.tables))
    assert_valid(chart.spec)
    assert chart.mode == "marks" and chart.bars == len(year) > 300
    assert chart.spec["height"] <= timeline.ROW_BUDGET * timeline.ROW_PX
    assert_no_overlap(chart.spec)
    assert len(chart.legend) <= palette.PROMINENT_LIMIT + 2


def test_too_dense_for_marks_falls_back_to_counts(many: Dataset) -> None:
    events = many.tables["events"]
    decade = events[events["date_start"] >= "2015-01-01"]
    assert len(decade) < display.TIMELINE_MARK_LIMIT
    chart = timeline.timeline_chart(decade, palette.party_colors(many.tables))
    assert chart.mode == "counts" and chart.unit.name == "month"
    assert "too close together" in chart.notes[0]


# --- brushing --------------------------------------------------------------------------------


def test_brush_reads_back_as_inclusive_days() -> None:
    day = 86_400_000
    oct_5 = 1_759_622_400_000  # 2025-10-05T00:00Z
    cases = [
        ({"selection": {"span": {"start": [oct_5, oct_5 + 7 * day]}}}, (5, 11)),
        ({"span": {"start": [oct_5 + 7 * day + 3, oct_5 + day // 2]}}, (5, 12)),
        ({"span": {"start": ["2025-10-05T00:00:00.000Z", "2025-10-09T13:00:00.000Z"]}}, (5, 9)),
        ({"span": {"start": ["2025-10-05T05:00:00+05:00", "2025-10-06"]}}, (5, 5)),
    ]
    for payload, (first, last) in cases:
        assert timeline.brush_dates(payload) == (date(2025, 10, first), date(2025, 10, last))


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"selection": {}},
        {"span": {}},
        {"span": {"start": [1]}},
        {"span": "x"},
        {"span": {"start": ["no", "date"]}},
        {"span": {"start": [True, False]}},
    ],
)
def test_no_brush_is_none(payload) -> None:
    assert timeline.brush_dates(payload) is None


# --- event search ----------------------------------------------------------------------------


def test_search_finds_an_old_event_among_thousands_and_stays_bounded(many: Dataset) -> None:
    events = many.tables["events"]
    everything = find_events(events, "")
    assert everything.total == len(events) and len(everything.ids) == 50
    latest = events["date_start"].max()
    assert everything.labels[0].startswith(describe_dates(latest.date(), latest.date())[:6])
    oldest = events.sort_values("date_start").iloc[0]
    query = f"{oldest['location']} {oldest['date_start']:%b %Y}"
    found = find_events(events, query, limit=5)
    assert oldest["event_id"] in found.ids
    assert found.total >= 1 and len(found.ids) <= 5


def test_parse_query_forms() -> None:
    assert parse_query("Kora 12 March 2003") == (["kora"], (date(2003, 3, 12), date(2003, 3, 12)))
    assert parse_query("2003-02") == ([], (date(2003, 2, 1), date(2003, 2, 28)))
    assert parse_query("sept 2001 air strike")[1] == (date(2001, 9, 1), date(2001, 9, 30))
    assert parse_query("1999")[1] == (date(1999, 1, 1), date(1999, 12, 31))
    assert parse_query("convoy near ford") == (["convoy", "near", "ford"], None)
    assert parse_query("2003-02-30")[1] == (date(2003, 2, 1), date(2003, 2, 28))  # no 30 Feb


def test_fixture_spans_decades(tmp_path: Path) -> None:
    dataset = load_many_party(write_many_party(tmp_path / "d", events=500, parties=40))
    days = dataset.tables["events"]["date_start"]
    assert days.max() - days.min() > timedelta(days=25 * 365)
