"""apply_filters: what each filter (parties, dates, verification, event types) keeps of every
table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import FACT_TABLES
from dashboard.query.filters import Filters, apply_filters
from tests.minidata import set_cell


@pytest.fixture
def mini(mini_dir: Path) -> Dataset:
    return load_dataset(mini_dir)


def fact_rows(tables) -> int:
    return sum(len(tables[name]) for name in FACT_TABLES if name in tables)


def ids(view, table: str, column: str) -> list[str]:
    return list(view.tables[table][column])


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


@pytest.mark.parametrize(
    ("party", "events", "claims", "crossings", "reports", "parties"),
    [
        pytest.param(
            "south",
            ["shelling", "bridge-closed"],  # target, actor
            # the topic South speaks on keeps North's side too: a comparison needs both sides
            ["north-12", "south-denies"],
            ["millford-bridge"],
            2,
            # the selection and every party a shown row points at
            {"north", "south"},
            id="actor-target-claimant-and-crossing-side",
        ),
        pytest.param("un", ["talks"], [], [], 0, {"un"}, id="a-party-of-one-event-only"),
    ],
)
def test_party_filter_matches_actor_target_claimant_and_crossing_sides(
    mini: Dataset,
    party: str,
    events: list[str],
    claims: list[str],
    crossings: list[str],
    reports: int,
    parties: set[str],
) -> None:
    view = apply_filters(mini, Filters(parties=(party,)))
    assert ids(view, "events", "event_id") == events
    assert ids(view, "claims", "claim_id") == claims
    assert ids(view, "crossings", "crossing_id") == crossings
    assert len(view.tables["crossing_status"]) == reports
    assert set(ids(view, "parties", "party_id")) == parties


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


@pytest.mark.parametrize(
    ("date_from", "date_to", "claims"),
    [
        # South's claim of 4 March is outside the dates; the Front's of 8 March selects the topic
        pytest.param(
            date(2024, 3, 5),
            date(2024, 3, 31),
            ["north-wounded", "front-wounded"],
            id="after-the-first-claim",
        ),
        pytest.param(None, date(2024, 3, 4), [], id="before-the-party-spoke"),
    ],
)
def test_date_and_verification_still_filter_claims_under_the_party_filter(
    rich_dataset: Dataset, date_from: date | None, date_to: date, claims: list[str]
) -> None:
    view = apply_filters(
        rich_dataset, Filters(parties=("front",), date_from=date_from, date_to=date_to)
    )
    assert ids(view, "claims", "claim_id") == claims


@pytest.mark.parametrize(
    ("verification", "shown"),
    [pytest.param("verified", 0, id="verified"), pytest.param("unverified", 7, id="unverified")],
)
def test_verification_filter(mini: Dataset, verification: str, shown: int) -> None:
    assert fact_rows(apply_filters(mini, Filters(verification=verification)).tables) == shown


def test_verified_only_keeps_verified_events_and_crossing_reports(rich_dataset: Dataset) -> None:
    only = apply_filters(rich_dataset, Filters(verification="verified"))
    assert ids(only, "events", "event_id") == ["armistice", "ford-closed"]
    assert set(only.tables["events"]["verification"]) == {"verified"}
    assert list(only.tables["crossing_status"]["source_id"]) == ["monitor-3"]
    # no claim is verified, so no question is left either
    assert only.tables["claims"].empty and only.tables["topics"].empty
    assert (fact_rows(only.tables), fact_rows(rich_dataset.tables)) == (3, 20)


@pytest.mark.parametrize(
    ("event_type", "events", "reports"),
    [
        # status reports count as type "crossing"
        pytest.param("diplomatic", ["talks"], 0, id="diplomatic-no-crossing-reports"),
        pytest.param("crossing", ["bridge-closed"], 2, id="crossing-keeps-status-reports"),
    ],
)
def test_type_filter_reaches_claims_through_their_topic_event(
    mini: Dataset, event_type: str, events: list[str], reports: int
) -> None:
    view = apply_filters(mini, Filters(types=(event_type,)))
    assert ids(view, "events", "event_id") == events
    assert view.tables["claims"].empty  # their topic is about an armed clash
    assert len(view.tables["crossing_status"]) == reports


def test_filtered_sources_are_those_cited(mini: Dataset) -> None:
    view = apply_filters(mini, Filters(types=("diplomatic",)))
    assert ids(view, "sources", "source_id") == ["radio-2"]


def test_view_without_optional_tables(mini_dir: Path) -> None:
    for name in ("topics", "claims", "crossings", "crossing_status"):
        (mini_dir / f"{name}.csv").unlink()
    view = apply_filters(load_dataset(mini_dir), Filters(parties=("north",)))
    assert set(view.tables) == {"sources", "parties", "events"}
    assert fact_rows(view.tables) == 1
