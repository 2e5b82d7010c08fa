"""The curated Durand Line dataset: loads clean, quotes are real, the article's facts are in."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.loader import DEFAULT_DATA_DIR, SEEDS_DIR, Dataset, load_dataset

ARTICLE = SEEDS_DIR / "000_2ab020f5d203936f.txt"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


def test_loads_with_zero_problems(dataset: Dataset) -> None:
    assert [str(p) for p in dataset.problems] == []
    assert dataset.title == "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
    assert {name: len(t) for name, t in dataset.tables.items()} == {
        "sources": 1,
        "parties": 3,
        "events": 17,
        "topics": 9,
        "claims": 18,
        "crossings": 2,
        "crossing_status": 2,
    }


def test_seed_is_the_shared_article_unchanged() -> None:
    shared = DEFAULT_DATA_DIR.parent.parent / "shared" / "seeds" / ARTICLE.name
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert ARTICLE.read_bytes() == shared.read_bytes()


def test_every_quote_occurs_in_the_article(dataset: Dataset) -> None:
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    quotes = pd.concat(
        [dataset.tables[name]["quote"] for name in ("events", "claims", "crossing_status")]
    )
    assert quotes.notna().all()
    missing = [q for q in quotes if " ".join(q.split()) not in article]
    assert missing == []
    assert len(quotes) == 17 + 18 + 2


def test_every_fact_cites_the_stored_article(dataset: Dataset) -> None:
    source = dataset.tables["sources"].iloc[0]
    assert source["publisher"] == "Agencies"
    assert source["published"] == pd.Timestamp("2025-10-12")
    assert source["reliability"] == "F"
    assert dataset.documents[source["source_id"]] == ARTICLE.read_text(encoding="utf-8")


def claim(dataset: Dataset, topic: str, party: str) -> pd.Series:
    claims = dataset.tables["claims"]
    rows = claims[(claims["topic_id"] == topic) & (claims["party_id"] == party)]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("topic", "value", "qualifier", "unit"),
    [
        ("pak-soldiers-killed", 58, "exact", "soldiers"),
        ("pak-soldiers-wounded", 30, "more-than", "soldiers"),
        ("border-posts-captured", 25, "exact", "posts"),
    ],
)
def test_afghan_figures_are_claimed_and_pakistan_silent(
    dataset: Dataset, topic: str, value: int, qualifier: str, unit: str
) -> None:
    afghan = claim(dataset, topic, "afg")
    assert (afghan["stance"], afghan["value"], afghan["qualifier"]) == ("asserts", value, qualifier)
    assert afghan["verification"] == "claimed"
    pakistan = claim(dataset, topic, "pak")
    assert pakistan["stance"] == "no-comment" and pd.isna(pakistan["value"])
    topics = dataset.tables["topics"].set_index("topic_id")
    assert topics.loc[topic, "unit"] == unit
    assert topics.loc[topic, "event_id"] == "afg-cross-border-attacks"


def test_nothing_a_party_says_is_marked_verified(dataset: Dataset) -> None:
    claims = dataset.tables["claims"]
    assert "verified" not in set(claims["verification"])
    events = dataset.tables["events"]
    verified = set(events.loc[events["verification"] == "verified", "event_id"])
    assert verified == {
        "durand-agreement-1893",
        "durand-line-frontier",
        "taliban-return-to-power-2021",
    }
    statements = events[events["event_type"] == "statement"]
    assert set(statements["verification"]) <= {"claimed", "disputed"}


def test_ttp_accusation_and_denial_are_disputed(dataset: Dataset) -> None:
    accusation = claim(dataset, "ttp-safe-havens-in-afghanistan", "pak")
    denial = claim(dataset, "ttp-safe-havens-in-afghanistan", "afg")
    assert (accusation["stance"], denial["stance"]) == ("asserts", "denies")
    assert {accusation["verification"], denial["verification"]} == {"disputed"}
    assert "Muttaqi" in denial["spokesperson"]


def test_attack_night_and_vague_dates_are_ranges(dataset: Dataset) -> None:
    events = dataset.tables["events"].set_index("event_id")
    ranges = {
        "afg-cross-border-attacks": ("2025-10-11", "2025-10-12"),
        "kabul-airstrikes-alleged": ("2025-10-05", "2025-10-11"),
        "eastern-market-airstrike-alleged": ("2025-10-05", "2025-10-11"),
        "durand-agreement-1893": ("1893-01-01", "1893-12-31"),
        "taliban-return-to-power-2021": ("2021-08-01", "2021-08-31"),
    }
    for event_id, (start, end) in ranges.items():
        row = events.loc[event_id]
        assert (row["date_start"], row["date_end"]) == (pd.Timestamp(start), pd.Timestamp(end))


def test_crossings_closed_on_sunday_with_refugees_stranded(dataset: Dataset) -> None:
    crossings = dataset.tables["crossings"].set_index("crossing_id")
    assert set(crossings.index) == {"torkham", "chaman"}
    assert crossings[["latitude", "longitude"]].notna().all().all()
    status = dataset.tables["crossing_status"]
    assert set(status["status"]) == {"closed"}
    assert set(status["as_of"]) == {pd.Timestamp("2025-10-12")}
    assert status["detail"].str.contains("refugees stranded").all()


def test_located_events_have_coordinates(dataset: Dataset) -> None:
    events = dataset.tables["events"].set_index("event_id")
    for event_id in ("kabul-airstrikes-alleged", "spin-boldak-jets-explosions", "torkham-closed"):
        assert events.loc[event_id, ["latitude", "longitude"]].notna().all()
    assert events.loc["eastern-market-airstrike-alleged", ["latitude", "longitude"]].isna().all()
