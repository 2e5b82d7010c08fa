"""The changes view's diff read from the history store's changed rows alone (history/
stored.py) is the diff of the two versions read whole: same rows, order, notable words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.contract.loader import load_dataset
from dashboard.history.changes import changes_since
from dashboard.history.command import compare
from dashboard.history.diff import KEY
from dashboard.history.inputs import canonical_tables
from dashboard.history.record import record_dataset
from dashboard.history.store import HistoryStore
from dashboard.synth.basic import write_synthetic


def _edit(folder: Path, seed: int, undo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Revise, remove and add events, revise claims' figures, add a crossing report; put
    ``undo``'s rows back as they were (a change undone). The events revised, as they were."""
    rng = np.random.default_rng(seed)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    if undo is not None:
        events = events[~events["event_id"].isin(undo["event_id"])]
    picked = rng.choice(len(events), size=40, replace=False)
    revised = events.iloc[picked[:10]].copy()
    events.loc[events.index[picked[:10]], "verification"] = "disputed"
    events.loc[events.index[picked[10:20]], "fatalities"] = "77"
    events.loc[events.index[picked[20:25]], "date_start"] = "2024-02-29"
    added = events.iloc[picked[30:]].assign(event_id=[f"added-{seed}-{i}" for i in range(10)])
    events = pd.concat([events.drop(index=events.index[picked[25:30]]), added, undo])
    events.to_csv(folder / "events.csv", index=False)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    figures = (claims["value"] != "") & (claims.index % 7 == seed)
    claims.loc[figures, "value"] = "123"
    claims.to_csv(folder / "claims.csv", index=False)
    status = pd.read_csv(folder / "crossing_status.csv", dtype=str, keep_default_na=False)
    report = status.iloc[[0]].assign(as_of=f"2025-12-{10 + seed:02d}", status="closed")
    pd.concat([status, report]).to_csv(folder / "crossing_status.csv", index=False)
    return revised[revised["verification"] != "disputed"]  # those it did change


@pytest.fixture
def three_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A synthetic folder recorded three times (v1, v2, v3), edited in between; the events
    whose revision in v2 was undone in v3."""
    monkeypatch.setenv("DASHBOARD_HISTORY_DIR", str(tmp_path / "history"))
    folder = tmp_path / "data"
    write_synthetic(folder, 600, seed=4)
    assert record_dataset(load_dataset(folder)).version.id == "v1"
    undone = _edit(folder, 1)
    assert record_dataset(load_dataset(folder)).version.id == "v2"
    _edit(folder, 2, undo=undone)
    assert record_dataset(load_dataset(folder)).version.id == "v3"
    return folder, list(undone["event_id"])


def _assert_same(found, expected) -> None:
    assert found.notable == expected.notable and found.crossings == expected.crossings
    assert list(found.tables) == list(expected.tables)
    for name, table in expected.tables.items():
        for part in ("added", "removed", "old", "new", "cells"):
            pd.testing.assert_frame_equal(getattr(found.tables[name], part), getattr(table, part))


@pytest.mark.parametrize("since", [None, "v1", "v2", "v3"])
def test_the_view_diff_is_the_whole_versions_diff(three_versions, since) -> None:
    folder, undone = three_versions
    dataset = load_dataset(folder)
    changes = changes_since(dataset, since)
    store = HistoryStore(folder.parent / "history")
    whole = compare(store.tables_at(folder, changes.version.id), canonical_tables(dataset))
    _assert_same(changes.diff, whole)
    events = changes.diff.tables["events"] if not changes.diff.same else None
    if since in (None, "v2"):  # the revisions of v2 undone in v3, with new ones
        assert set(undone) <= set(events.new[KEY])
        assert min(changes.diff.counts()["events"]) >= 5
    if since == "v1":  # the undone revisions are no change at all
        assert set(undone) & set(events.new[KEY]) == set()
    if since == "v3":
        assert changes.diff.same


def test_changed_rows_are_those_of_either_version_not_in_the_other(three_versions) -> None:
    folder, undone = three_versions
    store = HistoryStore(folder.parent / "history")
    old, new = (store.tables_at(folder, v) for v in ("v1", "v3"))
    found = store.changed_rows(folder, "v1", "v3")
    assert set(found) == set(old)
    for name, (rows, keys) in found.items():
        frames = {
            side: tables[name].assign(**{KEY: _keys(name, tables[name])})
            for side, tables in (("old", old), ("new", new))
        }
        both = frames["old"].merge(frames["new"], how="outer", indicator=True)
        differing = set(both.loc[both["_merge"] != "both", KEY])
        assert differing <= keys and keys - differing <= set(undone)  # undone: stored anew
        expected = frames["old"][frames["old"][KEY].isin(keys)].drop(columns=[KEY])
        pd.testing.assert_frame_equal(rows, expected.reset_index(drop=True))
    assert set(undone) <= found["events"][1]
    assert 0 < len(found["events"][0]) < len(old["events"]) / 5  # only what changed was read


def _keys(name: str, frame: pd.DataFrame) -> pd.Series:
    from dashboard.history.canonical import row_keys

    return row_keys(name, frame)
