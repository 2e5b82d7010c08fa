"""The views use fatalities: glance totals with their range and the unknown count, the
deadliest events, the measure of the timeline and map, the facts of an event."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.fatalities import (
    FatalitySummary,
    deadliest_events,
    fatality_summary,
    summary_words,
)
from dashboard.contract.loader import load_dataset
from dashboard.synth.basic import write_synthetic
from tests.viewtest import full_specs, metric, run_view, subheaders, texts, view_app


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("deaths") / "synth"
    write_synthetic(folder, 400, seed=11)
    return folder


def test_glance_adds_known_figures_and_counts_the_unknown(synth_dir: Path) -> None:
    events = load_dataset(synth_dir).tables["events"]
    summary = fatality_summary(events)
    assert summary.unknown > 0 and summary.with_figure > 0
    at = run_view("glance", synth_dir)
    shown = metric(at, "Fatalities")
    assert shown.value == f"{summary.total:,}"
    assert f"{summary.unknown:,} of {len(events):,} events unknown" in shown.delta
    if summary.has_range:
        assert shown.delta.startswith(f"range {summary.low:,}–{summary.high:,}")
    assert "Deadliest events" in subheaders(at)
    top = deadliest_events(events, 1).iloc[0]
    assert any(line.endswith(f"· {top['title']}") and " killed · " in line for line in texts(at))


def test_no_figure_at_all_reads_unknown_never_zero() -> None:
    assert summary_words(FatalitySummary(0, 0, 0, 0, 5)) == (
        "unknown",
        "no figure for any of the 5 events",
    )
    assert summary_words(FatalitySummary(12, 10, 15, 2, 0)) == (
        "12",
        "range 10–15 · all 2 events have a figure",
    )


def test_timeline_and_map_can_measure_fatalities(synth_dir: Path) -> None:
    at = view_app("timeline", synth_dir).run()
    at.segmented_control(key="timeline_measure").set_value("fatalities").run()
    assert not at.exception
    (spec,) = full_specs(at)
    assert "Fatalities" in spec["title"]["text"] or "fatalities" in spec["title"]["text"]
    at = view_app("map", synth_dir).run()
    at.segmented_control(key="map_measure").set_value("fatalities").run()
    assert not at.exception
    assert "fatalities" in at.dataframe[0].value.columns


def test_event_details_show_fatalities_and_location_precision(synth_dir: Path) -> None:
    events = load_dataset(synth_dir).tables["events"]
    event = events[events["fatalities"].notna() & events["latitude"].notna()].iloc[0]
    at = view_app("timeline", synth_dir).run()
    at.text_input(key="event_search").set_value(event["title"]).run()
    at.selectbox(key="event_pick").set_value(event["event_id"]).run()
    facts = [t for t in texts(at) if t.startswith("Fatalities: ")]
    assert len(facts) == 1
    assert facts[0].startswith(f"Fatalities: {int(event['fatalities']):,}")
    precision = (
        event["location_precision"] if isinstance(event["location_precision"], str) else "exact"
    )
    assert facts[0].endswith(f"({precision})")
