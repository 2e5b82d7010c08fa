"""What the shipped dashboard shows on the curated data/ (the Durand Line dataset), view by
view, under AppTest. These are pins of the curated figures: correcting the data means
updating this file (and tests/contract/test_shipped_data.py); how the views behave is tested on the
test datasets (tests/ui/test_app.py, tests/ui/test_views_alone.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.viewtest import (
    badges,
    captions,
    full_specs,
    metric,
    run_app,
    shown,
    sidebar_caption,
    sidebar_captions,
    subheaders,
    texts,
)

pytestmark = pytest.mark.usefixtures("app_environment")

TITLE = "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
TODAY = date(2026, 11, 24)
# By default the dates start at the first event that is not background (5 Oct 2025): the
# 1893 Durand Agreement, the frontier drawn then and the Taliban's return in 2021 (the three
# verified events, all background) are one widening of the range away.
DEFAULT_ROWS = (
    "all parties · 5–12 Oct 2025 · verified and unverified · 14 of 17 events · 18 of 18 claims · "
    "2 of 2 crossing reports"
)
ALL_DATES = {"dates": ["1893-01-01", "2025-10-12"]}


def run_shipped(params: dict[str, list[str] | str] | None = None):
    return run_app(params, data_dir=None, today=TODAY)


def test_glance() -> None:
    at = run_shipped()
    assert shown(at.title[0].value) == TITLE
    as_of = metric(at, "Data as of")
    assert (as_of.value, as_of.delta) == ("12 Oct 2025", "408 days ago · latest event start")
    assert metric(at, "Crossings closed").value == "✖ 2 of 2"
    assert metric(at, "Verified facts").value == "✔ 0"  # nothing of October 2025 is
    unverified = metric(at, "Unverified facts")
    assert (unverified.value, unverified.delta) == ("34", "15 rep. · 14 claimed · 5 disp.")
    lines = texts(at)
    assert (
        "• Pakistani soldiers killed, night of 11–12 Oct 2025: Afghanistan (Taliban government)"
        " says 58 · Pakistan: no comment · unconfirmed"
    ) in lines
    assert any(line.startswith("Torkham: ✖ Closed since 12 Oct 2025") for line in lines)
    assert sidebar_caption(at) == DEFAULT_ROWS
    assert "go back to 1 Jan 1893: widen the range" in sidebar_captions(at)


def test_timeline() -> None:
    at = run_shipped({"view": "timeline", **ALL_DATES})
    table = at.dataframe[0].value
    assert len(table) == 17
    assert set(table["verification"]) >= {"✔ verified", "○ claimed", "◐ reported"}
    assert (table["link"].isna()).all()  # the article has no known URL: no invented link
    assert any(
        c.startswith("3 background events lie far outside the span of the others")
        and "1893 Durand Agreement" in c
        for c in captions(at)
    )
    at.selectbox(key="event_pick").set_value("torkham-closed").run()
    lines = texts(at)
    assert "12 Oct 2025 · crossing · ◐ reported" in lines
    assert any(line.startswith("Quote: “both the Torkham and Chaman") for line in lines)
    assert any(line.startswith("Source: Afghanistan claims 58") for line in lines)


def test_claims() -> None:
    at = run_shipped({"view": "claims"})
    questions = subheaders(at)
    assert len(questions) == 9
    assert "Pakistani soldiers wounded, night of 11–12 Oct 2025" in questions
    assert "Afghanistan (Taliban government) says 58 · Pakistan: no comment · unconfirmed" in (
        texts(at)
    )
    cards = [d.value for d in at.dataframe if "figure" in d.value]  # not the event details
    killed = next(card for card in cards if "58" in set(card["figure"]))
    assert list(killed["party"]) == ["Afghanistan (Taliban government)", "Pakistan"]
    assert list(killed["stance"]) == ["asserts", "no comment"]
    wounded = next(card for card in cards if "> 30" in set(card["figure"]))
    assert wounded.iloc[0]["verification"] == "○ claimed"


def test_crossings() -> None:
    at = run_shipped({"view": "crossings"})
    assert subheaders(at) == ["Torkham", "Chaman – Spin Boldak"]
    assert badges(at) == [":red-badge[✖ Closed]", ":red-badge[✖ Closed]"]
    assert any("refugees stranded" in line for line in texts(at))


def test_map() -> None:
    at = run_shipped({"view": "map", **ALL_DATES})
    assert len(at.dataframe[0].value) == 6  # the located events
    assert "11 events have no coordinates and are not on the map." in captions(at)
    (spec,) = full_specs(at)
    assert {"Afghanistan", "Pakistan"} <= {
        f["properties"]["name"] for f in spec["datasets"]["countries"]
    }


def test_sources() -> None:
    at = run_shipped({"view": "sources", **ALL_DATES})
    frame = at.dataframe[0].value
    assert frame.iloc[0]["rows citing it in view"] == 37 and frame.iloc[0]["reliability"] == "F"
    assert frame.iloc[0]["what the grade means"] == "reliability cannot be judged"
    highlighted = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert any("58 Pakistani soldiers" in value for value in highlighted)


def test_quality() -> None:
    at = run_shipped({"view": "quality"})
    assert at.success[0].value.startswith("No problems")
    counts = at.dataframe[0].value
    assert counts["rows rejected"].sum() == 0 and counts["rows kept"].sum() == 71


@pytest.mark.parametrize(
    ("params", "caption"),
    [
        (
            {"party": ["pak"]},
            "1 party (Pakistan) · 5–12 Oct 2025 · verified and unverified · 8 of 17 events · "
            "18 of 18 claims · 2 of 2 crossing reports",
        ),
        (
            {"party": ["afg", "pak"]},
            "2 parties (Afghanistan (Taliban government), Pakistan) · 5–12 Oct 2025 · "
            "verified and unverified · 8 of 17 events · 18 of 18 claims · 2 of 2 crossing reports",
        ),
        (
            {"verification": "verified", **ALL_DATES},
            "all parties · all dates · verified only · 3 of 17 events · 0 of 18 claims · "
            "0 of 2 crossing reports",
        ),
    ],
    ids=["pak", "afg-and-pak", "verified"],
)
def test_filter_captions(params: dict[str, list[str] | str], caption: str) -> None:
    at = run_shipped(params)
    assert sidebar_caption(at) == caption
    if params.get("verification") == "verified":
        assert metric(at, "Unverified facts").value == "0"
        assert metric(at, "Verified facts").value == "✔ 3"


def test_one_day_keeps_the_events_overlapping_it() -> None:
    at = run_shipped({"view": "timeline", "dates": ["2025-10-12", "2025-10-12"]})
    assert " · 12 Oct 2025 · " in sidebar_caption(at)
    table = at.dataframe[0].value
    assert "afg-cross-border-attacks" in set(table["event_id"])  # 11–12 Oct overlaps
    assert "kabul-airstrikes-alleged" not in set(table["event_id"])  # 5–11 Oct does not


def test_air_strikes_only() -> None:
    at = run_shipped({"type": ["air-strike"], "view": "timeline"})
    assert set(at.dataframe[0].value["type"]) == {"air-strike"}
    assert "1 event type (air-strike)" in sidebar_caption(at)
