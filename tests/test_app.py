"""The dashboard as AppTest drives it: every view and every filter, on the shipped data and
on a small dataset of another conflict with no crossing tables."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.loader import PROJECT_ROOT
from tests.minidata import set_cell

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
TITLE = "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"


@pytest.fixture(autouse=True)
def default_data_dir():
    """Each test starts on data/ and leaves no data directory behind for the next."""
    os.environ.pop("DASHBOARD_DATA_DIR", None)
    yield
    os.environ.pop("DASHBOARD_DATA_DIR", None)


def run_app(params: dict[str, list[str] | str] | None = None, data_dir: Path | None = None):
    if data_dir is not None:
        os.environ["DASHBOARD_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(markdown: str) -> str:
    """What escaped Markdown displays: every backslash escape undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at) -> list[str]:
    return [t.value for t in at.text]


def sidebar_caption(at) -> str:
    return shown(at.sidebar.caption[0].value)


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


# --- shipped data ----------------------------------------------------------------------


def test_glance_shows_freshness_crossings_counts_and_spreads() -> None:
    at = run_app()
    assert shown(at.title[0].value) == TITLE
    as_of = metric(at, "Data as of")
    assert as_of.value == "12 Oct 2025"
    assert as_of.delta == f"{(date.today() - date(2025, 10, 12)).days:,} days ago"
    closed = metric(at, "Crossings closed")
    assert closed.value == "✖ 2 of 2"
    assert metric(at, "Verified facts").value == "✔ 3"
    assert metric(at, "Unverified facts").value == "34"  # 15 reported, 14 claimed, 5 disputed
    lines = texts(at)
    assert (
        "• Pakistani soldiers killed, night of 11–12 Oct 2025: Afghanistan (Taliban government)"
        " says 58 · Pakistan: no comment · unconfirmed"
    ) in lines
    assert any(line.startswith("Torkham: ✖ Closed since 12 Oct 2025") for line in lines)
    assert sidebar_caption(at) == (
        "all parties · all dates · verified and unverified · 37 of 37 rows"
    )


def test_timeline_view_lists_events_with_sources() -> None:
    at = run_app({"view": "timeline"})
    table = at.dataframe[0].value
    assert len(table) == 17
    assert set(table["verification"]) >= {"✔ verified", "○ claimed", "◐ reported"}
    assert (table["link"].isna()).all()  # the article has no known URL: no invented link
    captions = " ".join(c.value for c in at.caption)
    assert "background events lie far outside the chart" in captions


def test_timeline_event_details_for_a_picked_event() -> None:
    at = run_app({"view": "timeline"})
    at.selectbox(key="event_pick").set_value("torkham-closed").run()
    lines = texts(at)
    assert "12 Oct 2025 · crossing · ◐ reported" in lines
    assert any(line.startswith("Quote: “both the Torkham and Chaman") for line in lines)
    assert any(line.startswith("Source: Afghanistan claims 58") for line in lines)


def test_claims_view_has_one_card_per_topic_with_positions() -> None:
    at = run_app({"view": "claims"})
    questions = [shown(s.value) for s in at.subheader]
    assert len(questions) == 9
    assert "Afghanistan (Taliban government) says 58 · Pakistan: no comment · unconfirmed" in (
        texts(at)
    )
    assert "Pakistani soldiers wounded, night of 11–12 Oct 2025" in questions
    killed = next(d.value for d in at.dataframe if "58" in set(d.value["figure"]))
    assert list(killed["party"]) == ["Afghanistan (Taliban government)", "Pakistan"]
    assert list(killed["stance"]) == ["asserts", "no comment"]
    wounded = next(d.value for d in at.dataframe if "> 30" in set(d.value["figure"]))
    assert wounded.iloc[0]["verification"] == "○ claimed"


def test_crossings_view_shows_status_in_words() -> None:
    at = run_app({"view": "crossings"})
    assert [shown(s.value) for s in at.subheader] == ["Torkham", "Chaman – Spin Boldak"]
    badges = [m.value for m in at.markdown if "badge[" in m.value]
    assert badges == [":red-badge[✖ Closed]", ":red-badge[✖ Closed]"]
    assert any("refugees stranded" in line for line in texts(at))


def test_map_view_counts_rows_without_coordinates() -> None:
    at = run_app({"view": "map"})
    points = at.dataframe[0].value
    assert set(points["kind"]) == {"event", "crossing"}
    captions = " ".join(c.value for c in at.caption)
    assert "rows in this view have no coordinates" in captions


def test_sources_view_counts_citations_and_highlights_quotes() -> None:
    at = run_app({"view": "sources"})
    frame = at.dataframe[0].value
    assert frame.iloc[0]["rows_in_view"] == 37 and frame.iloc[0]["reliability"] == "F"
    assert frame.iloc[0]["reliability_meaning"] == "reliability cannot be judged"
    highlighted = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert any("58 Pakistani soldiers" in value for value in highlighted)


def test_quality_view_on_clean_data() -> None:
    at = run_app({"view": "quality"})
    assert at.success[0].value.startswith("No problems")
    counts = at.dataframe[0].value
    assert counts["rows rejected"].sum() == 0 and counts["rows kept"].sum() == 52


# --- filters ---------------------------------------------------------------------------


def test_party_filter_from_url_and_widget() -> None:
    at = run_app({"party": ["pak"]})
    assert sidebar_caption(at) == (
        "1 party (Pakistan) · all dates · verified and unverified · 19 of 37 rows"
    )
    at.multiselect(key="party").set_value(["afg", "pak"]).run()
    assert sidebar_caption(at).startswith(
        "2 parties (Afghanistan (Taliban government), Pakistan) · "
    )


def test_verification_filter_changes_counts() -> None:
    at = run_app()
    at.segmented_control(key="verification").set_value("verified").run()
    assert sidebar_caption(at).endswith("verified only · 3 of 37 rows")
    assert metric(at, "Unverified facts").value == "0"
    assert metric(at, "Verified facts").value == "✔ 3"


def test_date_filter_selects_overlapping_ranges() -> None:
    at = run_app({"view": "timeline"})
    at.date_input(key="dates").set_value((date(2025, 10, 12), date(2025, 10, 12))).run()
    assert "12 Oct 2025" in sidebar_caption(at)
    table = at.dataframe[0].value
    assert "afg-cross-border-attacks" in set(table["event_id"])  # 11–12 Oct overlaps
    assert "kabul-airstrikes-alleged" not in set(table["event_id"])  # 5–11 Oct does not


def test_type_filter_from_url() -> None:
    at = run_app({"type": ["air-strike"], "view": "timeline"})
    assert set(at.dataframe[0].value["type"]) == {"air-strike"}
    assert "1 event type (air-strike)" in sidebar_caption(at)


def test_wrong_url_values_give_notices_not_crashes() -> None:
    at = run_app(
        {
            "party": ["zzz"],
            "verification": "perhaps",
            "view": "nowhere",
            "dates": ["2025-13-40", "x"],
        }
    )
    warnings = shown(" ".join(w.value for w in at.warning))
    assert "unknown party 'zzz'" in warnings
    assert "verification 'perhaps'" in warnings
    assert "unknown view 'nowhere'" in warnings
    assert "not a YYYY-MM-DD date" in warnings
    assert metric(at, "Data as of").value == "12 Oct 2025"  # still the glance view


# --- another dataset -------------------------------------------------------------------


def test_other_conflict_without_crossing_tables(mini_dir: Path) -> None:
    for name in ("crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    at = run_app(data_dir=mini_dir)
    assert shown(at.title[0].value) == "mini"
    assert metric(at, "Crossings").value == "no crossing tables"
    assert metric(at, "Data as of").value == "7 Mar 2024"
    crossings = run_app({"view": "crossings"}, data_dir=mini_dir)
    assert "no crossings and crossing_status tables" in crossings.info[0].value
    claims = run_app({"view": "claims", "party": ["south"]}, data_dir=mini_dir)
    assert [shown(s.value) for s in claims.subheader] == ["Southland positions destroyed, 3 March"]
    timeline = run_app({"view": "timeline"}, data_dir=mini_dir)
    assert list(timeline.dataframe[0].value["event_id"]) == ["shelling", "bridge-closed", "talks"]


def test_broken_rows_are_listed_and_the_rest_works(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 1, "latitude", "123")
    at = run_app({"view": "quality"}, data_dir=mini_dir)
    problems = at.dataframe[0].value
    assert ("events.csv", 2, "latitude", "123") in set(
        zip(problems["file"], problems["line"], problems["column"], problems["value"], strict=True)
    )
    badge = " ".join(m.value for m in at.sidebar.markdown)
    assert "data problems" in badge
    timeline = run_app({"view": "timeline"}, data_dir=mini_dir)
    assert list(timeline.dataframe[0].value["event_id"]) == ["bridge-closed", "talks"]


def test_edited_tables_show_on_next_interaction(mini_dir: Path) -> None:
    at = run_app({"view": "timeline"}, data_dir=mini_dir)
    assert len(at.dataframe[0].value) == 3
    time.sleep(0.01)
    set_cell(mini_dir, "events", 3, "title", "Talks held in Riverton")
    at.run()
    assert "Talks held in Riverton" in set(at.dataframe[0].value["title"])
