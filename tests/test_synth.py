"""Synthetic data directories: valid, deterministic, scaled with the number of events."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.cli import main
from dashboard.loader import load_dataset
from dashboard.schema import VERIFICATION
from dashboard.synth import SynthCounts, write_synthetic


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
