"""The dashboard as AppTest drives it: every view and every filter through the link and the
widgets, on the rich test dataset of an invented conflict, and on the mini dataset with no
crossing tables or a broken row. (What the shipped data/ shows: tests/ui/test_shipped_app.py.)"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from dashboard.contract.loader import load_dataset
from tests.minidata import RICH_DESCRIPTION, RICH_TITLE, set_cell
from tests.viewtest import (
    badges,
    captions,
    metric,
    run_app,
    shown,
    sidebar_caption,
    subheaders,
    texts,
)

pytestmark = pytest.mark.usefixtures("app_environment")

# What opens by default: the dates start at the first fact that is not background (a
# crossing report of 2 Mar 2024), so the 1953 armistice (a verified background event) is out.
DEFAULT_ROWS = (
    "all parties · 2–10 Mar 2024 · verified and unverified · 7 of 8 events · 8 of 8 claims · "
    "4 of 4 crossing reports"
)
ALL_DATES = {"dates": ["1953-01-01", "2024-03-10"]}  # the whole range, background included


# --- the views ---------------------------------------------------------------------------


def test_glance_shows_freshness_crossings_counts_and_spreads(rich_dir: Path) -> None:
    at = run_app(data_dir=rich_dir, today=date(2024, 3, 20))
    assert shown(at.title[0].value) == RICH_TITLE
    assert RICH_DESCRIPTION in captions(at)
    as_of = metric(at, "Data as of")
    assert (as_of.value, as_of.delta) == (
        "10 Mar 2024",
        "10 days ago · latest publication",
    )
    closed = metric(at, "Crossings closed")
    assert (closed.value, closed.delta) == ("✖ 1 of 2", "1 open · 0 restricted")
    assert metric(at, "Verified facts").value == "✔ 2"
    unverified = metric(at, "Unverified facts")
    assert (unverified.value, unverified.delta) == ("17", "6 rep. · 7 claimed · 4 disp.")
    lines = texts(at)
    assert (
        "• Northland soldiers wounded, 3 March: Northland: no comment · Southland says > 30 · "
        "Millford Liberation Front says 10–20 · unconfirmed"
    ) in lines
    assert (
        "Old ford: ✖ Closed since 8 Mar 2024 (at least 1 day, to the latest report of "
        "8 Mar 2024, 12 days ago) · verified"
    ) in lines
    assert sidebar_caption(at) == DEFAULT_ROWS


def test_the_whole_range_shows_the_background_too(rich_dir: Path) -> None:
    at = run_app(ALL_DATES, rich_dir)
    assert sidebar_caption(at) == (
        "all parties · all dates · verified and unverified · 8 events · 8 claims · "
        "4 crossing reports"
    )
    assert metric(at, "Verified facts").value == "✔ 3"
    assert not any("not background" in c for c in captions(at))


@pytest.mark.parametrize(
    ("dates", "shown"),
    [
        (["0001-01-01", "9999-12-31"], "all dates · verified and unverified · 8 events"),
        (
            ["0001-01-01", "2024-03-05"],
            "1 Jan 1953 – 5 Mar 2024 · verified and unverified · 4 of 8 events",
        ),
        (["2024-03-05", "9999-12-31"], "5–10 Mar 2024 · verified and unverified · 5 of 8 events"),
    ],
    ids=["open ends", "open start", "open end"],
)
def test_a_link_with_open_ends_opens_what_it_asks_for(
    rich_dir: Path, dates: list[str], shown: str
) -> None:
    """Snapshot manifests and briefs write an open end as 0001-01-01 or 9999-12-31: the date
    widget, whose range is the data's, must not drop them for the default range."""
    at = run_app({"dates": dates}, rich_dir)
    assert sidebar_caption(at).startswith(f"all parties · {shown}")
    assert not at.warning and not at.exception
    at.run()  # the next run: the widget holds the range cut to the data's dates
    assert sidebar_caption(at).startswith(f"all parties · {shown}")
    low, high = (date.fromisoformat(day) for day in dates)
    expected = (max(low, date(1953, 1, 1)), min(high, date(2024, 3, 10)))
    assert tuple(at.date_input(key="dates").value) == expected


def test_timeline_view_lists_events_with_sources(rich_dir: Path) -> None:
    at = run_app({"view": "timeline", **ALL_DATES}, rich_dir)
    table = at.dataframe[0].value
    assert len(table) == 8
    assert set(table["verification"]) == {"✔ verified", "○ claimed", "◐ reported", "⇄ disputed"}
    links = dict(zip(table["event_id"], table["link"], strict=True))
    assert links["shelling"] == "https://example.org/millford"
    assert links["ford-closed"] == "https://example.org/monitor/8-march"
    assert table.loc[table["source"] == "Evening bulletin", "link"].isna().all()  # no URL given
    # how many are left off the chart, and which (with their dates)
    assert any(
        c.startswith("1 background event ")
        and "left off the chart" in c
        and c.endswith(": Armistice line drawn through Millford (1 Jan – 31 Dec 1953)")
        for c in captions(at)
    )


def test_timeline_event_details_for_a_picked_event(rich_dir: Path) -> None:
    at = run_app({"view": "timeline"}, rich_dir)
    at.selectbox(key="event_pick").set_value("school-hit").run()
    assert "**School hit in Millford**" in [m.value for m in at.markdown]
    lines = texts(at)
    assert "3 Mar 2024 · armed-clash · ⇄ disputed" in lines
    assert "Southland says shells hit a school; Northland denies it." in lines
    assert "Quote: “the shelling hit a school”" in lines
    assert "Source: Shelling near Millford — Wire Agency (reliability B: usually reliable)" in (
        lines
    )


def test_claims_view_has_one_card_per_topic_with_positions(rich_dir: Path) -> None:
    at = run_app({"view": "claims"}, rich_dir)
    assert subheaders(at) == [  # latest claims first: 8, 6 and 4 March
        "Northland soldiers wounded, 3 March",
        "Southland positions destroyed, 3 March",
        "Was the Millford school shelled?",
    ]
    assert (
        "Northland: no comment · Southland says > 30 · Millford Liberation Front says 10–20 · "
        "unconfirmed"
    ) in texts(at)
    assert "highest figure is 3.0\u00d7 the lowest" in captions(at)
    destroyed = next(d.value for d in at.dataframe if "~ 15" in set(d.value["figure"]))
    assert list(destroyed["party"]) == ["Northland", "Northland", "Southland"]
    assert list(destroyed["stance"]) == ["asserts", "asserts", "denies"]
    assert list(destroyed["revision"]) == [1, 2, 1]
    wounded = next(d.value for d in at.dataframe if "> 30" in set(d.value["figure"]))
    assert list(wounded["stance"]) == ["no comment", "asserts", "asserts"]
    assert wounded.iloc[1]["verification"] == "○ claimed"


def test_crossings_view_shows_status_in_words(rich_dir: Path) -> None:
    at = run_app({"view": "crossings"}, rich_dir)
    assert subheaders(at) == ["Old ford", "Millford bridge"]  # closed first
    assert badges(at) == [":red-badge[✖ Closed]", ":green-badge[↔ Open]"]
    assert "Detail: farmers turned back" in texts(at)


def test_map_view_counts_rows_without_coordinates(rich_dir: Path) -> None:
    at = run_app({"view": "map", **ALL_DATES}, rich_dir)
    events = load_dataset(rich_dir).tables["events"]
    located = events["latitude"].notna() & events["longitude"].notna()
    points = at.dataframe[0].value
    assert set(points["event_id"]) == set(events.loc[located, "event_id"])
    assert set(points["precision"]) == {"exact"}
    assert f"{(~located).sum()} events have no coordinates and are not on the map." in captions(at)


def test_sources_view_counts_citations_and_highlights_quotes(rich_dir: Path) -> None:
    at = run_app({"view": "sources", **ALL_DATES}, rich_dir)
    frame = at.dataframe[0].value.set_index("source id")
    assert frame.loc["wire-1", "rows citing it in view"] == 11
    assert frame.loc["wire-1", "reliability"] == "B"
    assert frame.loc["wire-1", "what the grade means"] == "usually reliable"
    highlighted = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert any("**more than 30 Northland soldiers were wounded**" in v for v in highlighted)


def test_quality_view_on_clean_data(rich_dir: Path) -> None:
    at = run_app({"view": "quality"}, rich_dir)
    assert at.success[0].value.startswith("No problems")
    counts = at.dataframe[0].value
    assert counts["rows rejected"].sum() == 0 and counts["rows kept"].sum() == 32


# --- filters ---------------------------------------------------------------------------


# The filters are read from the link once per run; the widgets write the link (in a
# browser: tests/e2e/test_filters.py), which AppTest does not do, so these set the link.


def test_party_filter_from_the_link(rich_dir: Path) -> None:
    at = run_app({"party": ["south"]}, rich_dir)
    assert sidebar_caption(at) == (
        "1 party (Southland) · 2–10 Mar 2024 · verified and unverified · 3 of 8 events · "
        "8 of 8 claims · 4 of 4 crossing reports"
    )
    assert at.multiselect(key="party").value == ["south"]
    both = run_app({"party": ["north", "south"]}, rich_dir)
    assert sidebar_caption(both).startswith("2 parties (Northland, Southland) · ")


def test_verification_filter_changes_counts(rich_dir: Path) -> None:
    at = run_app({"verification": "verified", **ALL_DATES}, rich_dir)
    assert at.segmented_control(key="verification").value == "verified"
    assert sidebar_caption(at).endswith(
        "verified only · 2 of 8 events · 0 of 8 claims · 1 of 4 crossing reports"
    )
    assert metric(at, "Unverified facts").value == "0"
    assert metric(at, "Verified facts").value == "✔ 3"


def test_date_filter_selects_overlapping_ranges(rich_dir: Path) -> None:
    at = run_app({"view": "timeline", "dates": ["2024-03-04", "2024-03-04"]}, rich_dir)
    assert set(at.date_input(key="dates").value) == {date(2024, 3, 4)}
    assert " · 4 Mar 2024 · " in sidebar_caption(at)
    table = at.dataframe[0].value
    assert list(table["event_id"]) == ["bridge-closed"]  # 3–5 Mar overlaps, 3 Mar does not


def test_type_filter_from_url(rich_dir: Path) -> None:
    at = run_app({"type": ["air-strike"], "view": "timeline"}, rich_dir)
    assert set(at.dataframe[0].value["type"]) == {"air-strike"}
    assert "1 event type (air-strike)" in sidebar_caption(at)


def test_wrong_url_values_give_notices_not_crashes(rich_dir: Path) -> None:
    at = run_app(
        {
            "party": ["zzz"],
            "verification": "perhaps",
            "view": "nowhere",
            "dates": ["2024-13-40", "x"],
        },
        rich_dir,
    )
    warnings = shown(" ".join(w.value for w in at.warning))
    assert "unknown party 'zzz'" in warnings
    assert "verification 'perhaps'" in warnings
    assert "view 'nowhere' is not one of" in warnings
    assert "not a YYYY-MM-DD date" in warnings
    assert metric(at, "Data as of").value == "10 Mar 2024"  # still the glance view
    assert sidebar_caption(at) == DEFAULT_ROWS


# --- another dataset -------------------------------------------------------------------


def test_other_conflict_without_crossing_tables(mini_dir: Path) -> None:
    for name in ("crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    at = run_app(data_dir=mini_dir)
    assert shown(at.title[0].value) == "mini"
    assert "Crossings closed" not in [m.label for m in at.metric]
    assert metric(at, "Data as of").value == "7 Mar 2024"
    assert at.segmented_control(key="view").options == [
        "glance", "timeline", "claims", "map", "sources", "quality", "changes"
    ]  # fmt: skip
    crossings = run_app({"view": "crossings"}, data_dir=mini_dir)  # a link to an absent view
    assert [shown(w.value) for w in crossings.warning] == [
        "Link: this dataset has no crossings.csv and crossing_status.csv, so it has no "
        "crossings view; showing glance instead"
    ]
    assert metric(crossings, "Data as of").value == "7 Mar 2024"  # the glance view
    claims = run_app({"view": "claims", "party": ["south"]}, data_dir=mini_dir)
    assert [shown(s.value) for s in claims.subheader] == ["Southland positions destroyed, 3 March"]
    timeline = run_app({"view": "timeline"}, data_dir=mini_dir)
    assert list(timeline.dataframe[0].value["event_id"]) == ["talks", "shelling", "bridge-closed"]


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
    assert list(timeline.dataframe[0].value["event_id"]) == ["talks", "bridge-closed"]


def test_edited_tables_show_on_next_interaction(mini_dir: Path) -> None:
    at = run_app({"view": "timeline"}, data_dir=mini_dir)
    assert len(at.dataframe[0].value) == 3
    time.sleep(0.01)
    set_cell(mini_dir, "events", 3, "title", "Talks held in Riverton")
    at.run()
    assert "Talks held in Riverton" in set(at.dataframe[0].value["title"])
