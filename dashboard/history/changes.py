"""What the dashboard shows of change: the diff from a version (the link's ``since``, else
the previous version) to the data on screen, under the same filters, bounded for the
browser; the glance's one line; which rows of a table are new or changed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.contract.arrowtext import is_in
from dashboard.contract.loader import Dataset
from dashboard.history.canonical import key_text
from dashboard.history.command import compare
from dashboard.history.diff import KEY, DatasetDiff, TableDiff
from dashboard.history.log import VersionLog
from dashboard.history.notable import notable_changes
from dashboard.history.record import Recorded, record_dataset
from dashboard.history.since import SinceError, parse_when
from dashboard.history.store import HistoryError, Version
from dashboard.history.stored import WORD_TABLES, loaded_fingerprint, sides
from dashboard.query.filters import FilteredView

NEW, CHANGED = "new", "changed"
PARTY_COLUMNS = ("actor", "target", "party_id", "party_a", "party_b")


@dataclass(frozen=True)
class Changes:
    """The diff shown: from ``version`` to the data on screen; ``note`` says what is
    missing or approximate (history off, no earlier version, a bad ``since``)."""

    version: Version | None
    diff: DatasetDiff | None
    note: str = ""
    versions: list[Version] = field(default_factory=list)
    # The small tables the sentences name things by (parties, topics, crossings, reports).
    old: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    new: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def since_words(self) -> str:
        """'since v3 (first seen 2025-10-11 18:00 UTC)'."""
        return f"since {self.version.id} ({self.version.time_words})" if self.version else ""


class Recorder:
    """Records each loaded version once, in a background thread (a load never waits for
    it), and remembers how it went per data directory."""

    def __init__(self, record: Callable[[Dataset], Recorded] = record_dataset) -> None:
        self._record = record
        self._lock = threading.Lock()
        self._results: dict[str, Recorded] = {}
        self._threads: dict[str, threading.Thread] = {}

    def loaded(self, dataset: Dataset) -> None:
        """Called once per newly loaded version."""
        key = str(dataset.data_dir)
        thread = threading.Thread(target=self._run, args=(key, dataset), daemon=True)
        with self._lock:
            self._threads[key] = thread
        thread.start()

    def _run(self, key: str, dataset: Dataset) -> None:
        result = self._record(dataset)
        with self._lock:
            self._results[key] = result

    def result(self, data_dir: str, wait_s: float = 0.0) -> Recorded | None:
        """How recording went (None while it runs, after waiting up to ``wait_s``)."""
        with self._lock:
            thread = self._threads.get(data_dir)
        if thread is not None and wait_s:
            thread.join(wait_s)
        with self._lock:
            return self._results.get(data_dir)


def changes_since(dataset: Dataset, since: str | None) -> Changes:
    """The diff from ``since`` (or the previous version) to the dataset; never raises."""
    from dashboard.history.record import open_store

    store, off = open_store(Path(dataset.data_dir))
    log = VersionLog(Path(dataset.data_dir), store)
    try:
        versions = log.versions()
        if since:
            version, note = log.at(parse_when(since), versions)
        else:
            version = log.previous(loaded_fingerprint(dataset), versions)
            note = "" if version else "no earlier version of this data directory is known yet"
        if version is None:
            return Changes(None, None, _join(off, note), versions)
        old, current = sides(dataset, log, version, versions)
        diff = compare(old, current)
        return Changes(
            version, diff, _join(off, note), versions, _for_words(old), _for_words(current)
        )
    except SinceError as error:
        return Changes(None, None, str(error))
    except (HistoryError, OSError, ValueError) as error:
        return Changes(None, None, _join(off, f"the history cannot be read: {error}"))


def _for_words(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables the notable sentences take names from (not the large ones: a Changes is
    kept in memory per `since`)."""
    return {name: tables[name] for name in WORD_TABLES if name in tables}


def _join(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def filtered(changes: Changes, view: FilteredView, parties: tuple[str, ...]) -> DatasetDiff:
    """The diff under the view's filters: added and changed rows that the view shows,
    removed rows of a chosen party (all removed rows without a party filter); the notable
    changes said again of those rows alone."""
    diff = changes.diff
    tables = {}
    for name, table in diff.tables.items():
        keys = _shown_keys(name, view, pd.concat([table.added[KEY], table.new[KEY]]))
        kept_new = is_in(table.new[KEY], keys).to_numpy()
        kept = TableDiff(
            name,
            table.added[is_in(table.added[KEY], keys)].reset_index(drop=True),
            _of_parties(table.removed, parties).reset_index(drop=True),
            table.old[kept_new].reset_index(drop=True),
            table.new[kept_new].reset_index(drop=True),
            table.cells[kept_new].reset_index(drop=True),
        )
        if kept.count:
            tables[name] = kept
    shown = set(view.tables["crossings"]["name"]) if "crossings" in view.tables else set()
    crossings = [c for c in diff.crossings if c[0] in shown]
    whole = {n: t.count for n, t in tables.items()} == {n: t.count for n, t in diff.tables.items()}
    if whole:
        return DatasetDiff(tables, diff.notable, crossings)
    notable = notable_changes(tables, changes.old, changes.new)
    named = {c[0] for c in diff.crossings} - shown  # crossings the filters leave out
    notable = [s for s in notable if s.split(": ", 1)[0] not in named]
    return DatasetDiff(tables, notable, crossings)


def _shown_keys(name: str, view: FilteredView, wanted: pd.Series) -> pd.Series:
    """Which of the ``wanted`` keys the view shows (a hash of the few wanted keys probed
    by the view's many, not the other way round)."""
    shown = view.tables.get(name)
    if shown is None:
        return pd.Series([], dtype="str")
    keys = key_text(name, shown)
    return keys[is_in(keys, wanted)]


def _of_parties(frame: pd.DataFrame, parties: tuple[str, ...]) -> pd.DataFrame:
    if not parties:
        return frame
    columns = [c for c in PARTY_COLUMNS if c in frame]
    if not columns:
        return frame
    return frame[frame[columns].isin(parties).any(axis=1)]


def marks(diff: DatasetDiff | None, table: str) -> dict[str, str]:
    """key -> 'new' or 'changed' for one table's rows (empty without a diff)."""
    if diff is None or table not in diff.tables:
        return {}
    found = diff.tables[table]
    return {**dict.fromkeys(found.new[KEY], CHANGED), **dict.fromkeys(found.added[KEY], NEW)}


def glance_line(version: Version | None, diff: DatasetDiff | None) -> str | None:
    """'since 11 Oct 2025 18:00 UTC (v3): 3 new events, 2 claims revised, Ridge Gate
    reopened'."""
    if version is None or diff is None:
        return None
    moment = version.time
    head = f"since {moment.day} {moment:%b %Y %H:%M} UTC ({version.id})"
    counts = diff.counts()
    parts = []
    added, removed, changed = counts.get("events", (0, 0, 0))
    parts += _count(added, "new event") + _count(changed, "event revised", "events revised")
    parts += _count(removed, "event removed", "events removed")
    added, removed, changed = counts.get("claims", (0, 0, 0))
    parts += _count(added, "new claim") + _count(changed, "claim revised", "claims revised")
    parts += _count(removed, "claim removed", "claims removed")
    parts += [_crossing_words(*change) for change in diff.crossings]
    if not parts:
        parts = ["no changes" if diff.same else "other tables changed"]
    return f"{head}: {', '.join(parts)}"


def history_lines(changes: Changes, shown: DatasetDiff | None) -> list[str]:
    """The glance's summary line and the notable changes in words (for the brief)."""
    line = glance_line(changes.version, shown)
    return ([line] if line else []) + (list(shown.notable) if shown is not None else [])


def _count(number: int, one: str, many: str | None = None) -> list[str]:
    if not number:
        return []
    return [f"1 {one}" if number == 1 else f"{number:,} {many or one + 's'}"]


_STATUS_WORDS = {"open": "reopened", "closed": "closed", "restricted": "restricted"}


def _crossing_words(name: str, was: str | None, status: str, as_of: str) -> str:
    """'Ridge Gate reopened', 'Ridge Gate closed', 'Ridge Gate now restricted'."""
    if status == "open" and was is None:
        return f"{name} open"
    return f"{name} {_STATUS_WORDS.get(status, 'now ' + status)}"


def topic_marks(diff: DatasetDiff | None) -> dict[str, str]:
    """topic_id -> 'new' or 'changed' words for the claims cards ('1 new position')."""
    if diff is None or "claims" not in diff.tables:
        return {}
    table = diff.tables["claims"]
    added = table.added["topic_id"].value_counts()
    changed = table.new["topic_id"].value_counts()
    words = {}
    for topic in set(added.index) | set(changed.index):
        parts = _count(int(added.get(topic, 0)), "new position")
        parts += _count(int(changed.get(topic, 0)), "changed position")
        words[topic] = ", ".join(parts)
    return words


def history_manifest(
    dataset: Dataset, changes: Changes, shown: DatasetDiff | None, since: str | None
) -> dict:
    """What a snapshot records of the history: the version it was taken from, and the diff
    when the link has ``since``."""
    from dashboard.history.report import diff_json

    fingerprint = loaded_fingerprint(dataset)
    same = [v for v in changes.versions if v.fingerprint and v.fingerprint == fingerprint]
    record: dict = {"version": {"id": same[-1].id if same else None, "fingerprint": fingerprint}}
    if since and changes.version is not None and shown is not None:
        record["since"] = {
            "asked": since,
            "version": changes.version.id,
            "time": changes.version.time_words,
        }
        record["changes"] = diff_json(shown)
    return record
