"""Each view on its own (tests/viewtest.py: no sidebar, no view bar), on the mini dataset of
an invented conflict: what it shows, what it says when the filters leave nothing, and what
it says when the dataset lacks the tables it needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.contract.schema import VERIFICATION_MEANING
from dashboard.query.filters import Filters
from dashboard.query.params import VIEWS
from tests.minidata import set_cell
from tests.specs import mark_type, params_named, rows_of
from tests.viewtest import (
    badges,
    captions,
    chart_data,
    chart_titles,
    full_specs,
    metric,
    run_view,
    subheaders,
    texts,
    view_app,
)

NORTH = Filters(parties=("north",))
UN = Filters(parties=("un",))


def test_every_view_renders_alone_into_the_main_area(mini_dir: Path) -> None:
    for view in VIEWS:
        at = run_view(view, mini_dir)
        assert len(at.main.children) > 0, f"the {view} view shows nothing"
        assert not at.sidebar.children, f"the {view} view writes into the sidebar"


# --- glance ----------------------------------------------------------------------------


def test_glance(mini_dir: Path) -> None:
    at = run_view("glance", mini_dir)
    as_of = metric(at, "Data as of")
    assert (as_of.value, as_of.delta) == (
        "7 Mar 2024",
        "13 days ago · latest publication",
    )
    closed = metric(at, "Crossings closed")
    assert (closed.value, closed.delta) == ("✖ 0 of 1", "1 open · 0 restricted")
    assert "Verified facts" not in [m.label for m in at.metric]  # nothing is verified
    unverified = metric(at, "Unverified facts")
    assert (unverified.value, unverified.delta) == ("7", "4 rep. · 2 claimed · 1 disp.")
    grades = captions(at)[0]  # each grade present, with its meaning; none verified
    assert grades.startswith("Grades in this dataset — ")
    for grade in ("reported", "claimed", "disputed"):
        assert f"{grade}: {VERIFICATION_MEANING[grade]}" in grades
    assert "verified:" not in grades and grades.endswith("None is verified.")
    assert subheaders(at) == ["What each side claims", "Crossings", "Latest events"]
    assert texts(at) == [
        "• Southland positions destroyed, 3 March: Northland says 12 · Southland denies, "
        "says 0 · unconfirmed",
        "Millford bridge: ↔ Open since 5 Mar 2024 (at least 1 day, to the latest report of "
        "5 Mar 2024, 15 days ago) · reported",
        "6 Mar 2024 · Talks announced · ◐ reported",
        "3–5 Mar 2024 · Millford bridge closed · ◐ reported",
        "3 Mar 2024 · Artillery fire near Millford · ○ claimed",
    ]


def test_glance_of_a_party_with_no_claims_and_no_crossing(mini_dir: Path) -> None:
    at = run_view("glance", mini_dir, UN)
    assert [i.value for i in at.info] == ["No numeric claims in this view."]
    assert subheaders(at) == ["What each side claims", "Latest events"]
    assert metric(at, "Crossings closed").value == "✖ 0 of 0"
    assert metric(at, "Unverified facts").value == "1"
    assert metric(at, "Data as of").value == "7 Mar 2024"  # of the data, not of the view
    assert texts(at) == ["6 Mar 2024 · Talks announced · ◐ reported"]


def test_glance_without_crossing_tables(mini_dir: Path) -> None:
    for name in ("crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    at = run_view("glance", mini_dir)
    labels = [m.label for m in at.metric]  # no crossings metric without crossing tables
    assert labels == ["Data as of", "Unverified facts"]
    assert "Crossings" not in subheaders(at)


# --- timeline --------------------------------------------------------------------------


def marks_layer(spec: dict, mark: str) -> dict:
    return next(layer for layer in spec["layer"] if mark_type(layer) == mark)


def test_timeline(mini_dir: Path) -> None:
    at = run_view("timeline", mini_dir)
    assert chart_titles(at) == ["Timeline of events by party (actor)"]
    (spec,) = full_specs(at)
    bars, dots = (rows_of(spec, marks_layer(spec, mark)) for mark in ("bar", "point"))
    assert [r["event_id"] for r in bars] == ["bridge-closed"]  # 3–5 March: a range is a bar
    assert sorted(r["event_id"] for r in dots) == ["shelling", "talks"]  # single days: dots
    assert params_named(spec, "span")[0]["select"]["encodings"] == ["x"]  # the date brush
    # the marks' key and the brush hint under the chart are said once (not twice)
    (hint,) = [c for c in captions(at) if "drag" in c]
    assert hint.startswith("Filled marks are verified facts, hollow marks unverified")
    assert "filled = verified" in spec["title"]["subtitle"][0]
    assert subheaders(at) == ["Events"]
    table = at.dataframe[0].value
    assert list(table["event_id"]) == ["talks", "shelling", "bridge-closed"]  # latest first
    assert list(table["actor"]) == ["United Nations", "Northland", "Southland"]
    assert list(table["verification"]) == ["◐ reported", "○ claimed", "◐ reported"]
    assert list(table["target"]) == ["", "Southland", ""]  # empty, never "None"
    assert texts(at) == []  # no event picked yet


def test_timeline_picked_event_details(mini_dir: Path) -> None:
    at = run_view("timeline", mini_dir)
    at.selectbox(key="event_pick").set_value("shelling").run()
    assert "**Artillery fire near Millford**" in [m.value for m in at.markdown]
    assert texts(at) == [
        "3 Mar 2024 · armed-clash · ○ claimed",
        "Quote: “Northland says its artillery destroyed 12 Southland positions”",
        "Source: Shelling near Millford — Wire Agency (reliability B: usually reliable)",
        "○ claimed · 1 source · 0 independent confirmations · 0 contradictions",
    ]
    assert [b.proto.url for b in at.get("link_button")] == ["https://example.org/millford"]
    at.selectbox(key="event_pick").set_value("talks").run()
    assert texts(at) == [
        "6 Mar 2024 · diplomatic · ◐ reported",
        "Source: Evening bulletin — Radio North (reliability D: not usually reliable)",
        "◐ reported · 1 source · 0 independent confirmations · 0 contradictions",
    ]
    assert len(at.get("link_button")) == 0  # the bulletin has no link


def test_event_details_list_every_source_with_its_origin(cited_dir: Path) -> None:
    at = run_view("timeline", cited_dir)
    at.selectbox(key="event_pick").set_value("shelling").run()
    assert "○ claimed · 3 sources · 1 independent confirmation · 0 contradictions" in texts(at)
    frames = [d.value for d in at.dataframe]
    [listed] = [f for f in frames if "support" in f]
    assert listed[["publisher", "reliability", "support", "origin"]].values.tolist() == [
        ["Wire Agency", "B", "its own source", ""],
        ["Millford Courier", "C", "reports", "via Wire Agency"],
        ["Northland Army", "E", "confirms", "speaks for Northland"],
    ]
    [events] = [f for f in frames if "event_id" in f]
    row = events[events["event_id"] == "shelling"].iloc[0]
    assert (row["sources"], row["independent confirmations"], row["contradictions"]) == (3, 1, 0)


def test_timeline_with_no_events_in_view(mini_dir: Path) -> None:
    at = run_view("timeline", mini_dir, Filters(types=("air-strike",)))
    assert [i.value for i in at.info] == ["No events match the filters."]
    assert chart_titles(at) == [] and len(at.dataframe) == 0


# --- claims ----------------------------------------------------------------------------


def test_claims(mini_dir: Path) -> None:
    at = run_view("claims", mini_dir)
    assert subheaders(at) == ["Southland positions destroyed, 3 March"]
    assert texts(at)[0] == "Northland says 12 · Southland denies, says 0 · unconfirmed"
    (event,) = at.expander  # the topic's event, one click away
    assert event.label == "Event: Artillery fire near Millford"
    assert next(t.value for t in event.text) == "3 Mar 2024 · armed-clash · ○ claimed"
    card = at.dataframe[0].value
    assert list(card["party"]) == ["Northland", "Southland"]
    assert list(card["stance"]) == ["asserts", "denies"]
    assert list(card["figure"]) == ["12", "0"]
    assert list(card["verification"]) == ["○ claimed", "⇄ disputed"]
    assert list(card["date"]) == [pd.Timestamp("2024-03-03"), pd.Timestamp("2024-03-04")]
    title = "1. Southland positions destroyed, 3 March (positions)"
    assert chart_titles(at) == [title]
    (rows,) = chart_data(at, title)
    assert dict(zip(rows["party"], rows["value"], strict=True)) == {
        "Northland": 12.0,
        "Southland": 0.0,
    }
    assert set(rows["row"]) == {"1. Southland positions destroyed, 3 March (positions)"}
    assert captions(at)[0] == "topic 1 of 1 · latest claims first"
    assert captions(at)[1].startswith("filled = verified · hollow = unverified")


def test_claims_of_one_party_keep_the_other_side(mini_dir: Path) -> None:
    at = run_view("claims", mini_dir, Filters(parties=("south",)))
    # South's position first, then North's: the comparison keeps both sides
    assert list(at.dataframe[0].value["party"]) == ["Southland", "Northland"]
    assert texts(at)[0] == "Southland denies, says 0 · Northland says 12 · unconfirmed"
    assert captions(at)[1].startswith("With a party filter, a topic is shown when")


def test_claims_with_nothing_to_show(mini_dir: Path) -> None:
    at = run_view("claims", mini_dir, UN)
    assert [i.value for i in at.info] == ["No claims match the filters."]
    for name in ("topics", "claims"):
        (mini_dir / f"{name}.csv").unlink()
    at = run_view("claims", mini_dir)
    assert [i.value for i in at.info] == [
        "This dataset has no topics and claims tables, so there is nothing to compare."
    ]


# --- crossings -------------------------------------------------------------------------


def test_crossings(mini_dir: Path) -> None:
    at = run_view("crossings", mini_dir)
    assert subheaders(at) == ["Millford bridge"]
    assert badges(at) == [":green-badge[↔ Open]"]
    assert texts(at) == [
        "↔ Open since 5 Mar 2024 (at least 1 day, to the latest report of 5 Mar 2024, "
        "15 days ago) · reported",
        "Detail: aid convoys waiting",
        "Quote: reopened on 5 March",
        "Between: Northland – Southland",
        "Source: Shelling near Millford — Wire Agency (reliability B: usually reliable)",
    ]
    (runs,) = chart_data(at, "Crossing status over time")
    assert list(runs["status_label"]) == ["✖ Closed", "↔ Open"]


def test_crossings_closed_in_a_view_that_ends_before_the_reopening(mini_dir: Path) -> None:
    at = run_view("crossings", mini_dir, Filters(date_to=date(2024, 3, 4)))
    assert badges(at) == [":red-badge[✖ Closed]"]
    assert texts(at)[0].startswith("✖ Closed since 3 Mar 2024 ")


def test_crossings_with_nothing_to_show(mini_dir: Path) -> None:
    at = run_view("crossings", mini_dir, UN)
    assert [i.value for i in at.info] == ["No crossings match the filters."]
    for name in ("crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    at = run_view("crossings", mini_dir)
    assert [i.value for i in at.info] == [
        "This dataset has no crossings and crossing_status tables."
    ]


# --- map -------------------------------------------------------------------------------


def test_map(mini_dir: Path) -> None:
    at = run_view("map", mini_dir)
    assert chart_titles(at) == ["Map of events and crossings"]
    (spec,) = full_specs(at)
    assert spec["projection"]["type"] == "mercator"
    assert [r["title"] for r in spec["datasets"]["events"]] == ["Artillery fire near Millford"]
    assert [r["name"] for r in spec["datasets"]["crossings"]] == ["Millford bridge"]
    points = at.dataframe[0].value
    assert list(points["title"]) == ["Artillery fire near Millford"]
    assert (points["latitude"].tolist(), points["longitude"].tolist()) == ([45.5], [-12.25])
    assert list(points["precision"]) == ["exact"]
    assert captions(at)[-1] == "2 events have no coordinates and are not on the map."


def test_map_without_located_rows(mini_dir: Path) -> None:
    at = run_view("map", mini_dir, UN)
    assert [i.value for i in at.info] == ["No event or crossing in this view has coordinates."]
    assert chart_titles(at) == [] and len(at.dataframe) == 0


# --- sources ---------------------------------------------------------------------------


def test_sources(mini_dir: Path) -> None:
    at = run_view("sources", mini_dir, NORTH)
    frame = at.dataframe[0].value.set_index("source id")  # columns in words
    # North's event, claim and crossing reports, and South's denial on North's topic
    counts = ["rows citing it in view", "rows citing it in all data"]
    assert frame.loc["wire-1", counts].tolist() == [5, 6]
    assert frame.loc["radio-2", counts].tolist() == [0, 1]
    assert frame.loc["radio-2", "what the grade means"] == "not usually reliable"
    assert not any("_" in column for column in frame.columns)
    # the quotes of the rows in view are marked in the stored document
    assert [e.label for e in at.expander] == [
        "Document: Shelling near Millford — 4 quoted passages"
    ]
    (paragraph,) = [m.value for m in at.markdown if "orange-background" in m.value]
    assert ":orange-background[**reopened on 5 March**]" in paragraph
    assert "**The Millford bridge crossing was closed by Southland on 3 March**" in paragraph


# --- quality ---------------------------------------------------------------------------


def test_quality_on_clean_data(mini_dir: Path) -> None:
    at = run_view("quality", mini_dir)
    assert [s.value for s in at.success] == [
        "No problems: every row of every table follows the data contract."
    ]
    counts = at.dataframe[0].value
    assert dict(zip(counts["table"], counts["rows kept"], strict=True)) == {
        "sources.csv": 2,
        "parties.csv": 3,
        "events.csv": 3,
        "topics.csv": 1,
        "claims.csv": 2,
        "crossings.csv": 1,
        "crossing_status.csv": 2,
    }
    assert captions(at) == ["Data directory: mini"]  # never the server's absolute path


def test_quality_lists_a_broken_row(mini_dir: Path) -> None:
    set_cell(mini_dir, "events", 3, "latitude", "123")
    at = view_app("quality", mini_dir).run()
    assert not at.exception
    assert at.warning[0].value.startswith("1 problems, 1 rows rejected.")
    problems = at.dataframe[0].value
    assert problems[["file", "line", "column", "value"]].values.tolist() == [
        ["events.csv", 4, "latitude", "123"]
    ]
    counts = at.dataframe[1].value.set_index("table")
    assert counts.loc["events.csv", ["rows read", "rows kept", "rows rejected"]].tolist() == [
        3,
        2,
        1,
    ]


def test_claim_cards_say_how_solid_each_position_is(cited_dir: Path) -> None:
    at = run_view("claims", cited_dir)
    cards = [d.value for d in at.dataframe if "sources" in d.value]
    rows = pd.concat(cards)
    row = rows[rows["statement"] == "Northland says it destroyed 12 positions."].iloc[0]
    # its own source and Northland's army (the claimant's own: it never counts), and the
    # monitor contradicting it
    assert row["sources"] == "3 sources · 0 independent confirmations · 1 contradiction"
