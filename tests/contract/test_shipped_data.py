"""The curated Durand Line dataset: loads clean, quotes are real, the article's facts are in,
and the figures the dashboard computes from it. This file (with tests/ui/test_shipped_app.py,
what the app shows on it) is the only place that pins data/: correcting the curated data
means updating these two files and no code test."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis import glance
from dashboard.analysis.claims import TopicComparison, compare_claims, ratio_words, spread_line
from dashboard.analysis.crossings import (
    crossing_board,
    describe_state,
    status_counts,
    status_runs,
)
from dashboard.contract import schema
from dashboard.contract.datapackage import describe_directory
from dashboard.contract.dataset import DEFAULT_DATA_DIR, PROJECT_ROOT, Dataset
from dashboard.contract.documents import SEEDS_DIR
from dashboard.contract.loader import load_dataset
from dashboard.export.snapshot import build_snapshot, snapshot_file_name
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.words import describe_filters
from tests.export.test_snapshot import MOMENT, assert_reloads_without_problems, assert_round_trip

ARTICLE = SEEDS_DIR / "000_2ab020f5d203936f.txt"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


def test_loads_with_zero_problems(dataset: Dataset) -> None:
    assert [str(p) for p in dataset.problems] == []
    assert dataset.title == "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
    assert {name: len(t) for name, t in dataset.tables.items()} == {
        "sources": 6,
        "parties": 3,
        "events": 17,
        "topics": 9,
        "claims": 18,
        "crossings": 2,
        "crossing_status": 2,
        "citations": 14,
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


# --- the descriptor and the validate command ------------------------------------------------


def test_shipped_descriptor_is_generated_from_the_contract() -> None:
    shipped = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert shipped == describe_directory(DEFAULT_DATA_DIR)
    assert shipped["name"] == "durand-line-clashes-2025-10"
    assert shipped["title"].strip() and shipped["description"].strip()
    assert [r["name"] for r in shipped["resources"]] == [t.name for t in schema.TABLES]


def test_frictionless_accepts_shipped_data() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(DEFAULT_DATA_DIR / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_validate_command_finds_the_shipped_data_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["data: 8 tables, 71 rows kept, 0 rejected: clean"]
    assert result.stderr == ""


# --- what the views compute from it ---------------------------------------------------------

TODAY = date(2026, 11, 24)


def test_freshness_and_verification_counts(dataset: Dataset) -> None:
    assert glance.data_as_of(dataset.tables) == date(2025, 10, 12)
    assert glance.earliest_date(dataset.tables) == date(1893, 1, 1)
    counts = glance.verification_counts(dataset.tables)
    assert counts == {"verified": 3, "reported": 15, "claimed": 14, "disputed": 5}
    assert sum(counts.values()) == 37


def test_filters_in_words_and_verified_only(dataset: Dataset) -> None:
    filters = Filters(
        parties=("afg", "pak"),
        date_from=date(2025, 10, 1),
        date_to=date(2025, 10, 12),
        verification="unverified",
    )
    view = apply_filters(dataset, filters)
    assert describe_filters(filters, dataset, view) == (
        "2 parties (Afghanistan (Taliban government), Pakistan) · 1–12 Oct 2025 · "
        f"unverified only · {len(view.tables['events'])} of 17 events · "
        f"{len(view.tables['claims'])} of 18 claims · "
        f"{len(view.tables['crossing_status'])} of 2 crossing reports"
    )
    everything = apply_filters(dataset, Filters())
    assert describe_filters(Filters(), dataset, everything) == (
        "all parties · all dates · verified and unverified · 17 events · 18 claims · "
        "2 crossing reports"
    )
    only = apply_filters(dataset, Filters(verification="verified"))
    assert set(only.tables["events"]["verification"]) == {"verified"}
    assert only.tables["claims"].empty and only.tables["topics"].empty


@pytest.fixture(scope="module")
def comparisons(dataset: Dataset) -> dict[str, TopicComparison]:
    tables = dataset.tables
    found = compare_claims(tables["topics"], tables["claims"], tables["parties"], tables["sources"])
    assert [c.topic_id for c in found] == list(tables["topics"]["topic_id"])
    return {c.topic_id: c for c in found}


def test_soldiers_killed_side_by_side(comparisons: dict[str, TopicComparison]) -> None:
    killed = comparisons["pak-soldiers-killed"]
    assert killed.spread == (
        "Pakistani soldiers killed, night of 11–12 Oct 2025: "
        "Afghanistan (Taliban government) says 58 · Pakistan: no comment · unconfirmed"
    )
    assert spread_line(killed) == killed.spread
    assert killed.unit == "soldiers"
    assert killed.event_id == "afg-cross-border-attacks"
    assert killed.numeric and not killed.confirmed
    assert killed.ratio is None and ratio_words(killed) is None
    afg, pak = killed.latest
    assert (afg.party_id, afg.stance, afg.value, afg.qualifier, afg.figure) == (
        "afg",
        "asserts",
        58.0,
        "exact",
        "58",
    )
    assert afg.spokesperson == "Zabihullah Mujahid, Taliban spokesman"
    assert afg.date == date(2025, 10, 12)
    assert afg.source_title is not None and afg.source_title.startswith("Afghanistan claims 58")
    assert afg.source_url is None
    assert (pak.party_name, pak.stance, pak.figure, pak.value) == (
        "Pakistan",
        "no-comment",
        "",
        None,
    )


def test_claimed_figures_and_verdicts(comparisons: dict[str, TopicComparison]) -> None:
    assert comparisons["pak-soldiers-wounded"].latest[0].figure == "> 30"
    assert comparisons["border-posts-captured"].latest[0].figure == "25"
    assert all(c.spread.endswith(" · unconfirmed") for c in comparisons.values())
    assert not any(c.confirmed for c in comparisons.values())
    assert comparisons["durand-line-status"].spread.endswith(
        ": Afghanistan (Taliban government) denies · Pakistan asserts · unconfirmed"
    )
    assert not comparisons["durand-line-status"].numeric
    assert comparisons["ttp-safe-havens-in-afghanistan"].unit is None
    assert comparisons["ttp-safe-havens-in-afghanistan"].event_id is None


def test_crossings_board_closed_since_12_october(dataset: Dataset) -> None:
    tables = dataset.tables
    board = crossing_board(tables["crossings"], tables["crossing_status"], TODAY)
    assert [(s.crossing_id, s.status, s.since) for s in board] == [
        ("torkham", "closed", date(2025, 10, 12)),
        ("chaman", "closed", date(2025, 10, 12)),
    ]
    torkham = board[0]
    assert (torkham.run_days, torkham.latest_age_days, torkham.verification) == (1, 408, "reported")
    assert describe_state(torkham) == (
        "✖ Closed since 12 Oct 2025 (at least 1 day, to the latest report of 12 Oct 2025, "
        "408 days ago) · reported"
    )
    assert status_counts(board) == {
        "closed": 2,
        "restricted": 0,
        "open": 0,
        "unknown": 0,
        "no report": 0,
    }
    runs = status_runs(tables["crossings"], tables["crossing_status"], date(2025, 10, 20))
    assert list(runs["name"]) == ["Torkham", "Chaman – Spin Boldak"]
    assert list(runs["end"]) == [pd.Timestamp("2025-10-21")] * 2


# --- snapshots of it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(parties=("afg",)),
        Filters(parties=("pak", "ttp")),
        Filters(date_from=date(2025, 10, 11), date_to=date(2025, 10, 12)),
        Filters(verification="verified"),
        Filters(types=("crossing",)),
        Filters(("afg",), date(2025, 10, 1), date(2025, 10, 31), "unverified", ("armed-clash",)),
    ],
    ids=repr,
)
def test_snapshot_round_trip(dataset: Dataset, filters: Filters, tmp_path: Path) -> None:
    loaded = assert_round_trip(dataset, filters, tmp_path)
    assert loaded.title == dataset.title
    assert len(loaded.tables["events"]) == len(apply_filters(dataset, filters).tables["events"])
    if filters == Filters():
        assert {n: len(t) for n, t in loaded.tables.items()} == {
            n: len(t) for n, t in dataset.tables.items()
        }
        assert_reloads_without_problems(loaded)


def test_snapshot_name_and_document(dataset: Dataset) -> None:
    assert snapshot_file_name(dataset, MOMENT) == (
        "durand-line-clashes-2025-10-snapshot-20251012T101500Z.zip"
    )
    view = apply_filters(dataset, Filters(parties=("afg",), verification="verified"))
    with zipfile.ZipFile(io.BytesIO(build_snapshot(dataset, view, MOMENT))) as archive:
        assert archive.namelist()[-1] == f"documents/{ARTICLE.name}"
        assert json.loads(archive.read("datapackage.json"))["name"] == (
            "durand-line-clashes-2025-10"
        )


# --- how solid each fact is (citations.csv, CURATION.md) ----------------------------------


def _counts(dataset: Dataset, table: str) -> pd.DataFrame:
    from dashboard.contract.confirmations import ID_COLUMNS, counts_of

    counts = counts_of(dataset)[table]
    return counts.set_index(dataset.tables[table][ID_COLUMNS[table]])


def test_afghanistans_several_voices_are_one_origin(dataset: Dataset) -> None:
    sources = dataset.tables["sources"].set_index("source_id")
    voices = sources.index[sources["party_id"] == "afg"]
    assert set(voices) == {
        "afg-spokesman-mujahid",
        "afg-defence-ministry",
        "afg-foreign-minister-muttaqi",
        "afg-taliban-officials",
    }
    assert sources.loc["afg-defence-ministry", "derived_from"] == "afg-spokesman-mujahid"
    # spokesman and Defence Ministry both confirm the attacks: one origin
    attacks = _counts(dataset, "events").loc["afg-cross-border-attacks"]
    assert attacks.to_dict() == {"sources": 3, "confirmations": 1, "contradictions": 0}
    # Muttaqi and the Taliban government both contradict Pakistan's accusation: one origin
    accusation = _counts(dataset, "claims").loc["ttp-safe-havens-in-afghanistan-pak"]
    assert accusation.to_dict() == {"sources": 3, "confirmations": 0, "contradictions": 1}


def test_witnesses_in_chaman_are_another_origin(dataset: Dataset) -> None:
    sources = dataset.tables["sources"].set_index("source_id")
    assert pd.isna(sources.loc["chaman-witnesses", "party_id"])
    jets = _counts(dataset, "events").loc["spin-boldak-jets-explosions"]
    assert jets.to_dict() == {"sources": 2, "confirmations": 1, "contradictions": 0}


@pytest.mark.parametrize(
    "claim_id", ["pak-soldiers-killed-afg", "pak-soldiers-wounded-afg", "border-posts-captured-afg"]
)
def test_nothing_confirms_the_casualty_figures(dataset: Dataset, claim_id: str) -> None:
    assert _counts(dataset, "claims").loc[claim_id, "confirmations"] == 0


def test_every_fact_rests_on_one_origin_or_none(dataset: Dataset) -> None:
    events, claims = _counts(dataset, "events"), _counts(dataset, "claims")
    confirmed = set(events.index[events["confirmations"] == 1])
    assert confirmed == {
        "afg-cross-border-attacks",
        "spin-boldak-jets-explosions",
        "durand-agreement-1893",
        "durand-line-frontier",
        "taliban-return-to-power-2021",
    }
    assert events["confirmations"].max() == 1
    assert claims["confirmations"].max() == 0
    assert claims["sources"].sum() == 18 + 14 - 3  # own source + citations of claims


def test_confirmations_filter_and_its_snapshot(dataset: Dataset, tmp_path: Path) -> None:
    filters = Filters(confirmations=1)
    view = apply_filters(dataset, filters)
    assert describe_filters(filters, dataset, view) == (
        "all parties · all dates · verified and unverified · at least 1 independent "
        "confirmation · 5 of 17 events · 0 of 18 claims · 0 of 2 crossing reports"
    )
    assert set(view.tables["citations"]["citation_id"]) == {
        "attacks-mujahid",
        "attacks-defence-ministry",
        "jets-chaman-witnesses",
    }
    assert set(view.tables["sources"]["source_id"]) == {
        "agencies-2025-10-12",
        "afg-spokesman-mujahid",
        "afg-defence-ministry",
        "chaman-witnesses",
    }
    loaded = assert_round_trip(dataset, filters, tmp_path / "snap")
    assert len(loaded.tables["citations"]) == 3
