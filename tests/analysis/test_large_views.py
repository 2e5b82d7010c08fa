"""Large views: the browser gets counts, samples and the latest rows, each with a note."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis import claims, display
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.synth.basic import write_synthetic

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "six-thousand"
    write_synthetic(folder, 6_000, seed=1)
    return folder


def test_limit_rows_keeps_small_tables_whole() -> None:
    frame = pd.DataFrame({"n": range(5)})
    shown, note = display.limit_rows(frame, 5)
    assert note is None and shown.equals(frame)


def test_limit_rows_keeps_the_latest_rows_latest_first_and_says_so() -> None:
    frame = pd.DataFrame({"day": [5, 1, 4, 2, 3], "name": list("abcde")})
    shown, note = display.limit_rows(frame, 3, latest_by="day")
    assert list(shown["name"]) == ["a", "c", "e"]  # days 5, 4, 3: latest first
    assert note == "showing 3 of 5 — the snapshot has all"
    whole, note = display.limit_rows(frame, 10, latest_by="day")
    assert list(whole["day"]) == [5, 4, 3, 2, 1] and note is None


def test_limit_rows_keeps_ties_in_table_order_and_missing_dates_last() -> None:
    days = pd.to_datetime(["2025-10-01", None, "2025-10-09", "2025-10-09"])
    frame = pd.DataFrame({"day": days, "name": list("abcd")})
    shown, _ = display.limit_rows(frame, 10, latest_by="day")
    assert list(shown["name"]) == ["c", "d", "a", "b"]


def test_limit_note_writes_thousands() -> None:
    assert display.limit_note(10_000, 1_000_000) == (
        "showing 10,000 of 1,000,000 — the snapshot has all"
    )


def test_latest_order_puts_the_most_recently_claimed_topics_first(synth_dir: Path) -> None:
    tables = load_dataset(synth_dir).tables
    ordered = claims.order_topics(tables["topics"], tables["claims"], "latest")
    assert len(ordered) == tables["claims"]["topic_id"].nunique()
    topics = ordered.iloc[:5]
    latest = tables["claims"].groupby("topic_id")["date"].max()
    assert latest[topics["topic_id"]].min() >= latest.drop(topics["topic_id"]).max()


def test_app_on_six_thousand_events_aggregates_and_limits(synth_dir: Path) -> None:
    os.environ["DASHBOARD_DATA_DIR"] = str(synth_dir)
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["view"] = "timeline"
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        captions = [c.value.replace("\\", "") for c in at.caption]
        assert any("more than the 5,000 the timeline draws one by one" in c for c in captions)
        assert at.get("vega_lite_chart")  # one chart of counts, not 6,000 marks
        shown = at.dataframe[0].value
        assert len(shown) == display.TABLE_ROW_LIMIT == 2_000  # the latest events only
        events = load_dataset(synth_dir).tables["events"]
        assert shown["start"].min() >= events["date_start"].sort_values().iloc[-2_000].date()
        assert any(c.startswith("Latest events: showing 2,000 of 6,000") for c in captions)
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["view"] = "claims"
        at.run()
        captions = [c.value.replace("\\", "") for c in at.caption]
        assert any(c.startswith("topics 1–10 of 60 · latest claims first") for c in captions)
        assert len(at.subheader) == 10  # one card per shown topic
    finally:
        os.environ.pop("DASHBOARD_DATA_DIR", None)
