"""The views a dataset can fill, and the glance's words for the grades a dataset uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis import glance
from dashboard.contract.loader import load_dataset
from dashboard.query.viewlist import absent_view_note, available_views
from tests.viewtest import captions, metric, run_app

ALL = ("sources", "parties", "events", "topics", "claims", "crossings", "crossing_status")


def test_views_need_their_optional_tables() -> None:
    assert available_views(ALL) == (
        "glance", "timeline", "claims", "crossings", "map", "sources", "quality", "changes"
    )  # fmt: skip
    required = ("sources", "parties", "events")
    assert available_views(required) == (
        "glance", "timeline", "map", "sources", "quality", "changes"
    )  # fmt: skip
    assert "claims" not in available_views((*required, "topics"))  # a pair, or nothing
    assert absent_view_note("claims", ALL) is None
    assert absent_view_note("nowhere", required) is None  # unknown views have their notice
    assert absent_view_note("claims", required) == (
        "this dataset has no topics.csv and claims.csv, so it has no claims view; showing "
        "glance instead"
    )


def test_one_grade_in_words() -> None:
    assert glance.grades_words(["reported"]) == (
        "This dataset's rows are all 'reported': reported by journalists or witnesses; not "
        "independently confirmed. None is verified."
    )
    assert glance.grades_words(["verified", "claimed"]).endswith("not independently confirmed.")


@pytest.mark.usefixtures("app_environment")
def test_realistic_glance_counts_per_kind_and_shows_its_grades(realistic_dir: Path) -> None:
    dataset = load_dataset(realistic_dir)
    events, claims = len(dataset.tables["events"]), len(dataset.tables["claims"])
    at = run_app(data_dir=realistic_dir)
    caption = at.sidebar.caption[0].value.replace("\\", "")
    assert caption.endswith(f" · {events:,} events · {claims:,} claims")  # no crossing tables
    assert "crossings" not in at.segmented_control(key="view").options
    grades = glance.grades_in_use(dataset.tables)
    assert "verified" not in grades
    assert "Verified facts" not in [m.label for m in at.metric]
    assert metric(at, "Unverified facts").value == f"{events + claims:,}"
    assert glance.grades_words(grades) in captions(at)
