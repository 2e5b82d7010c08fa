"""Synthetic data directories: valid, deterministic, scaled with the number of events."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import VERIFICATION
from dashboard.synth.basic import SynthCounts, write_synthetic
from dashboard.synth.realistic import write_realistic


def test_synthetic_data_is_valid_and_complete(tmp_path: Path) -> None:
    counts = write_synthetic(tmp_path / "synth", 300, seed=3)
    dataset = load_dataset(tmp_path / "synth")
    assert dataset.problems == []
    tables = dataset.tables
    assert len(tables["events"]) == 300
    assert len(tables["claims"]) == counts.claims
    assert len(tables["crossing_status"]) == counts.crossing_status
    for name in ("events", "claims", "crossing_status"):
        assert set(tables[name]["verification"]) == set(VERIFICATION), name
    events = tables["events"]
    assert events["latitude"].isna().any() and events["latitude"].notna().any()
    assert events["date_end"].notna().any() and events["date_end"].isna().any()
    assert events["actor"].nunique() >= 3
    assert events["quote"].notna().any()
    assert dataset.documents  # quotes were checked against stored documents


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        write_synthetic(tmp_path / name, 200, seed=seed)

    def files(name: str) -> dict[str, bytes]:
        folder = tmp_path / name
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.*")}

    assert files("a") == files("b")
    assert files("a")["events.csv"] != files("c")["events.csv"]


def test_counts_scale_with_the_events() -> None:
    small, large = SynthCounts.for_events(1_000), SynthCounts.for_events(100_000)
    assert large.claims == 100 * small.claims
    assert large.topics == 100 * small.topics
    assert large.crossing_status == 100 * small.crossing_status
    assert large.crossings > small.crossings and large.sources > small.sources


def test_synth_command_writes_a_directory_validate_reports_clean(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli"
    assert main(["synth", "--events", "120", "--out", str(out), "--seed", "2"]) == 0
    assert "120 events" in capsys.readouterr().out
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("clean")
    assert len(pd.read_csv(out / "events.csv")) == 120


def test_synthetic_fatalities_are_skewed_and_ordered(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "synth", 2_000, seed=5)
    events = load_dataset(tmp_path / "synth").tables["events"]
    best = events["fatalities"]
    assert str(best.dtype) == "Int64"
    assert 0.05 < best.isna().mean() < 0.2  # some unknown, never written as 0
    known = best.dropna()
    assert (known <= 5).mean() > 0.7  # most events: 0-5 deaths
    assert (known >= 100).sum() >= 5 and known.max() < 1_000  # a few in the hundreds
    low, high = events["fatalities_low"], events["fatalities_high"]
    ranged = low.notna() & high.notna()
    assert ranged.mean() > 0.3
    assert ((low <= best) & (best <= high))[ranged].all()
    assert set(events["location_precision"].dropna()) == {"exact", "near", "area", "country"}


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("realistic") / "data"
    write_realistic(folder, 6_416, seed=4)
    return folder


def test_realistic_profile_validates_clean_without_crossings(realistic: Path) -> None:
    dataset = load_dataset(realistic)
    assert dataset.problems == []
    assert not dataset.has("crossings") and dataset.has("topics", "claims")
    assert set(dataset.tables["events"]["verification"]) == {"reported"}
    assert len(dataset.documents) >= 5
    assert dataset.tables["claims"]["quote"].notna().sum() > 50  # checked against documents


def test_realistic_parties_have_a_skewed_prominence(realistic: Path) -> None:
    tables = load_dataset(realistic).tables
    parties, events = tables["parties"], tables["events"]
    assert len(parties) >= 50
    government = parties.loc[parties["name"].str.startswith("Government of"), "party_id"]
    [government] = list(government)
    share = ((events["actor"] == government) | (events["target"] == government)).mean()
    assert 0.6 < share < 0.72  # the government in about two events in three
    sides = pd.concat([events["actor"], events["target"]]).dropna().value_counts()
    assert sides.index[0] == government
    assert sides.iloc[1] > 5 * sides.iloc[20]  # a few big groups, then a long tail
    assert sides.size >= 50
    assert set(parties["role"]) == {
        "belligerent",
        "non-state-armed-group",
        "mediator",
        "third-party",
        "independent",
    }


def test_realistic_events_span_decades_outlets_and_precisions(realistic: Path) -> None:
    tables = load_dataset(realistic).tables
    events = tables["events"]
    span = events["date_start"].max() - events["date_start"].min()
    assert span.days > 30 * 365
    assert events["date_end"].notna().mean() > 0.2  # ranges: days, weeks, months, years
    assert events["source_id"].nunique() >= 50
    assert tables["sources"]["publisher"].nunique() == len(tables["sources"])
    assert events["fatalities"].max() >= 100 and (events["fatalities"].dropna() <= 5).mean() > 0.6
    assert events["fatalities"].isna().any()
    assert set(events["location_precision"].dropna()) == {"exact", "near", "area", "country"}
    assert {"shelling", "bombing", "attack-on-civilians", "protest"} <= set(events["event_type"])


def test_realistic_topics_have_ranges_from_several_parties(realistic: Path) -> None:
    tables = load_dataset(realistic).tables
    topics, claims, parties = tables["topics"], tables["claims"], tables["parties"]
    assert len(topics) >= 200 and topics["unit"].notna().all()
    role = claims["party_id"].map(parties.set_index("party_id")["role"])
    between = claims[claims["qualifier"] == "between"]
    assert (between["value_high"] > between["value"]).all()
    assert set(role[between.index]) >= {"independent"}
    assert between["topic_id"].nunique() > 0.9 * len(topics)
    per_topic = claims.groupby("topic_id")["party_id"].nunique()
    assert (per_topic >= 3).mean() > 0.5
    assert claims.duplicated(["topic_id", "party_id"]).any()  # revisions over time
    assert {"claimed", "reported", "disputed"} <= set(claims["verification"])
    assert {"denies", "no-comment"} <= set(claims["stance"])


def test_realistic_same_seed_same_bytes(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 9)):
        write_realistic(tmp_path / name, 500, seed=seed)

    def files(name: str) -> dict[str, bytes]:
        folder = tmp_path / name
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.*")}

    assert files("a") == files("b")
    assert files("a")["claims.csv"] != files("c")["claims.csv"]


def test_synth_command_realistic_profile(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli"
    args = ["synth", "--events", "400", "--out", str(out), "--profile", "realistic"]
    assert main(args) == 0
    assert "400 events" in capsys.readouterr().out
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("clean")
