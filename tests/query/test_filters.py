"""Filters: date-range overlap, party roles, verification, types, words and URL round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import FACT_TABLES
from dashboard.query.dates import describe_dates
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.link import filters_from_query, filters_to_query, query_string
from dashboard.query.selection import overlaps
from dashboard.query.words import describe_filters
from tests.minidata import set_cell


@pytest.fixture
def mini(mini_dir: Path) -> Dataset:
    return load_dataset(mini_dir)


def fact_rows(tables) -> int:
    return sum(len(tables[name]) for name in FACT_TABLES if name in tables)


def ids(view, table: str, column: str) -> list[str]:
    return list(view.tables[table][column])


def test_overlap_keeps_ranges_touching_the_window() -> None:
    starts = pd.Series(pd.to_datetime(["2025-10-01", "2025-10-05", "2025-10-11", "2025-10-13"]))
    ends = pd.Series(pd.to_datetime(["2025-10-04", None, "2025-10-12", None]))
    keep = overlaps(starts, ends, date(2025, 10, 4), date(2025, 10, 11))
    assert keep.tolist() == [True, True, True, False]
    assert overlaps(starts, ends, None, date(2025, 10, 4)).tolist() == [True, False, False, False]
    assert overlaps(starts, ends, date(2025, 10, 12), None).tolist() == [False, False, True, True]


def test_default_filters_keep_everything(mini: Dataset) -> None:
    view = apply_filters(mini, Filters())
    assert {k: len(v) for k, v in view.tables.items()} == {
        k: len(v) for k, v in mini.tables.items()
    }
    assert (fact_rows(view.tables), fact_rows(mini.tables)) == (7, 7)


def test_date_filter_selects_ranges_that_overlap(mini: Dataset) -> None:
    # bridge-closed runs 3-5 March; shelling is 3 March; talks 6 March
    view = apply_filters(mini, Filters(date_from=date(2024, 3, 4), date_to=date(2024, 3, 4)))
    assert ids(view, "events", "event_id") == ["bridge-closed"]
    assert ids(view, "claims", "claim_id") == ["south-denies"]
    assert ids(view, "crossing_status", "status") == []
    # the topic stays (it has a claim in view) but its event lies outside: link is cut
    assert view.tables["topics"]["event_id"].isna().tolist() == [True]


def test_party_filter_matches_actor_target_claimant_and_crossing_sides(mini: Dataset) -> None:
    view = apply_filters(mini, Filters(parties=("south",)))
    assert ids(view, "events", "event_id") == ["shelling", "bridge-closed"]  # target, actor
    # the topic South speaks on keeps North's side too: a comparison needs both sides
    assert ids(view, "claims", "claim_id") == ["north-12", "south-denies"]
    assert ids(view, "crossings", "crossing_id") == ["millford-bridge"]
    assert len(view.tables["crossing_status"]) == 2
    # the parties table keeps the selection and every party a shown row points at
    assert set(ids(view, "parties", "party_id")) == {"north", "south"}
    un = apply_filters(mini, Filters(parties=("un",)))
    assert ids(un, "events", "event_id") == ["talks"]
    assert un.tables["crossings"].empty and un.tables["claims"].empty


def test_party_filter_keeps_every_side_of_a_topic_the_party_speaks_on(
    rich_dataset: Dataset,
) -> None:
    # the Front claims only on the wounded soldiers and is the actor of no topic's event
    view = apply_filters(rich_dataset, Filters(parties=("front",)))
    assert ids(view, "topics", "topic_id") == ["soldiers-wounded"]
    assert ids(view, "claims", "claim_id") == ["south-wounded", "north-wounded", "front-wounded"]
    # the claimants are in the view's parties table, so a snapshot loads back whole
    assert {"north", "south", "front"} <= set(ids(view, "parties", "party_id"))


def test_party_filter_keeps_topics_of_the_party_s_events(mini_dir: Path) -> None:
    # a topic on which South never speaks, about an event South is the target of
    set_cell(mini_dir, "claims", 2, "party_id", "north")
    view = apply_filters(load_dataset(mini_dir), Filters(parties=("south",)))
    assert ids(view, "claims", "claim_id") == ["north-12", "south-denies"]
    assert set(view.tables["claims"]["party_id"]) == {"north"}


def test_date_and_verification_still_filter_claims_under_the_party_filter(
    rich_dataset: Dataset,
) -> None:
    view = apply_filters(
        rich_dataset,
        Filters(parties=("front",), date_from=date(2024, 3, 5), date_to=date(2024, 3, 31)),
    )
    # South's claim of 4 March is outside the dates; the Front's of 8 March selects the topic
    assert ids(view, "claims", "claim_id") == ["north-wounded", "front-wounded"]
    early = apply_filters(rich_dataset, Filters(parties=("front",), date_to=date(2024, 3, 4)))
    assert early.tables["claims"].empty  # the Front said nothing by then


def test_verification_filter(mini: Dataset) -> None:
    verified = apply_filters(mini, Filters(verification="verified"))
    assert fact_rows(verified.tables) == 0
    unverified = apply_filters(mini, Filters(verification="unverified"))
    assert fact_rows(unverified.tables) == 7


def test_verified_only_keeps_verified_events_and_crossing_reports(rich_dataset: Dataset) -> None:
    only = apply_filters(rich_dataset, Filters(verification="verified"))
    assert ids(only, "events", "event_id") == ["armistice", "ford-closed"]
    assert set(only.tables["events"]["verification"]) == {"verified"}
    assert list(only.tables["crossing_status"]["source_id"]) == ["monitor-3"]
    # no claim is verified, so no question is left either
    assert only.tables["claims"].empty and only.tables["topics"].empty
    assert (fact_rows(only.tables), fact_rows(rich_dataset.tables)) == (3, 20)


def test_type_filter_reaches_claims_through_their_topic_event(mini: Dataset) -> None:
    view = apply_filters(mini, Filters(types=("diplomatic",)))
    assert ids(view, "events", "event_id") == ["talks"]
    assert view.tables["claims"].empty  # their topic is about an armed clash
    assert view.tables["crossing_status"].empty  # status reports count as type "crossing"
    crossing = apply_filters(mini, Filters(types=("crossing",)))
    assert len(crossing.tables["crossing_status"]) == 2


def test_filtered_sources_are_those_cited(mini: Dataset) -> None:
    view = apply_filters(mini, Filters(types=("diplomatic",)))
    assert ids(view, "sources", "source_id") == ["radio-2"]


def test_view_without_optional_tables(mini_dir: Path) -> None:
    for name in ("topics", "claims", "crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    view = apply_filters(load_dataset(mini_dir), Filters(parties=("north",)))
    assert set(view.tables) == {"sources", "parties", "events"}
    assert fact_rows(view.tables) == 1


def test_caption_states_filters_in_words(rich_dataset: Dataset) -> None:
    filters = Filters(
        parties=("north", "south"),
        date_from=date(2024, 3, 1),
        date_to=date(2024, 3, 6),
        verification="unverified",
    )
    view = apply_filters(rich_dataset, filters)
    assert describe_filters(filters, rich_dataset, view) == (
        "2 parties (Northland, Southland) · 1–6 Mar 2024 · unverified only · 3 of 8 events · "
        "7 of 8 claims · 3 of 4 crossing reports"
    )
    everything = apply_filters(rich_dataset, Filters())
    assert describe_filters(Filters(), rich_dataset, everything) == (
        "all parties · all dates · verified and unverified · 8 events · 8 claims · "
        "4 crossing reports"
    )
    types = Filters(types=("air-strike", "crossing"))
    assert describe_filters(types, rich_dataset, apply_filters(rich_dataset, types)) == (
        "all parties · all dates · verified and unverified · "
        "2 event types (air-strike, crossing) · 3 of 8 events · 0 of 8 claims · "
        "4 of 4 crossing reports"
    )


def test_date_words() -> None:
    assert describe_dates(date(2025, 9, 28), date(2025, 10, 12)) == "28 Sep – 12 Oct 2025"
    assert describe_dates(date(2024, 12, 1), date(2025, 1, 2)) == "1 Dec 2024 – 2 Jan 2025"
    assert describe_dates(date(2025, 10, 12), date(2025, 10, 12)) == "12 Oct 2025"
    assert describe_dates(date(2025, 10, 1), None) == "from 1 Oct 2025"


def test_query_round_trip(mini: Dataset) -> None:
    filters = Filters(
        ("north", "un"), date(2024, 3, 1), date(2024, 3, 12), "verified", ("crossing",)
    )
    assert query_string(filters) == (
        "party=north&party=un&dates=2024-03-01&dates=2024-03-12&verification=verified&type=crossing"
    )
    party_ids = list(mini.tables["parties"]["party_id"])
    assert filters_from_query(filters_to_query(filters), party_ids) == (filters, [])
    assert query_string(Filters()) == ""


def test_bad_url_values_are_dropped_with_notices() -> None:
    params = {
        "party": ["afg", "xx", "afg"],
        "dates": ["2025-10-12", "2025-10-01"],
        "verification": ["maybe"],
        "type": ["raid"],
    }
    filters, notices = filters_from_query(params, ["afg", "pak"])
    assert filters == Filters(("afg",), date(2025, 10, 1), date(2025, 10, 12), "all", ())
    assert notices == [
        "unknown party 'xx' in the link was ignored",
        "unknown event type 'raid' in the link was ignored",
        "verification 'maybe' is not one of: all, verified, unverified — showing all",
        "the link's dates were in reverse order and have been swapped",
    ]
    garbage, notes = filters_from_query({"dates": ["2025-02-30", "soon"]}, ["afg"])
    assert (garbage.date_from, garbage.date_to) == (None, None)
    assert len(notes) == 2 and "'2025-02-30'" in notes[0]


def test_caption_names_the_first_three_of_many_parties_and_counts_the_rest(
    rich_dataset: Dataset,
) -> None:
    filters = Filters(parties=("north", "south", "un", "front"))
    caption = describe_filters(filters, rich_dataset, apply_filters(rich_dataset, filters))
    assert caption.startswith(
        "4 parties (Northland, Southland, United Nations and 1 more) · all dates · "
    )
