"""The history store: every version of every data directory seen, in one SQLite file.

Layout (temporal, as git-history and slowly-changing-dimension tables do): per contract
table, each *row version* with the version it appeared in (``since``) and the one it was
replaced or removed in (``until``, null while current); the row's cells are stored once per
content hash in ``contents``. A new version adds only the rows that changed, so storage
grows with what changed, not with the number of versions.

Sharing: SQLite in WAL mode, so readers are never blocked by the writer; a writer takes
``BEGIN IMMEDIATE`` (one writer at a time, across processes); versions of one data directory
form a chain (``UNIQUE(dataset, parent)``), and a version whose fingerprint equals the
latest one is not recorded again, so no version is recorded twice.

Where: ``$DASHBOARD_HISTORY_DIR``, else ``$XDG_DATA_HOME/conflict-dashboard``, else
``~/.local/share/conflict-dashboard``; ``off`` turns it off. It is data, not cache: nothing
in it is ever pruned.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.contract import schema
from dashboard.contract.arrowtext import text_series
from dashboard.contract.documents import SEEDS_DIR
from dashboard.history.canonical import (
    dataset_fingerprint,
    row_hashes,
    row_keys,
    table_fingerprint,
)

ENV_VAR = "DASHBOARD_HISTORY_DIR"
OFF_VALUES = frozenset({"off", "0", "false", "no", "none", ""})
APP_FOLDER = "conflict-dashboard"
FILE_NAME = "history.sqlite"
BUSY_MS = 30_000  # how long a writer waits for another one
SEEN = "seen"  # a version's time is when the dashboard first saw it
GIT = "git"  # ... or its commit time

_SCHEMA = """
CREATE TABLE IF NOT EXISTS datasets (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    dataset INTEGER NOT NULL REFERENCES datasets(id),
    parent INTEGER REFERENCES versions(id),
    fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    title TEXT NOT NULL,
    tables TEXT NOT NULL,
    UNIQUE (dataset, parent)
);
CREATE UNIQUE INDEX IF NOT EXISTS first_version ON versions(dataset) WHERE parent IS NULL;
CREATE TABLE IF NOT EXISTS contents (
    tbl TEXT NOT NULL, hash INTEGER NOT NULL, cells TEXT NOT NULL, PRIMARY KEY (tbl, hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rows (
    dataset INTEGER NOT NULL, tbl TEXT NOT NULL, key TEXT NOT NULL, hash INTEGER NOT NULL,
    since INTEGER NOT NULL, until INTEGER
);
CREATE INDEX IF NOT EXISTS rows_open ON rows(dataset, tbl) WHERE until IS NULL;
CREATE INDEX IF NOT EXISTS rows_since ON rows(dataset, tbl, since);
"""


class HistoryError(Exception):
    """The history store cannot be used (unwritable, damaged, locked for too long)."""


@dataclass(frozen=True)
class Version:
    """One version of a data directory: an id for links, its time and what that time is."""

    id: str  # 'v12' (seen by the dashboard) or 'g1a2b3c4d' (a git commit)
    time: datetime
    kind: str  # SEEN or GIT
    fingerprint: str = ""
    rows: dict[str, int] = field(default_factory=dict)
    message: str = ""  # a commit's subject line

    @property
    def time_words(self) -> str:
        """'first seen 2025-10-20 18:00 UTC' or 'committed 2025-10-20 18:00 UTC'."""
        verb = "first seen" if self.kind == SEEN else "committed"
        return f"{verb} {self.time:%Y-%m-%d %H:%M} UTC"


def history_root(data_dir: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """The store's folder, or None when history is off. Raises HistoryError when the chosen
    folder lies inside the data directory or seeds/ (it would change the data)."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENV_VAR)
    if chosen is not None and chosen.strip().lower() in OFF_VALUES:
        return None
    if chosen is None:
        base = environ.get("XDG_DATA_HOME")
        if base and Path(base).is_absolute():
            root = Path(base) / APP_FOLDER
        else:
            root = Path.home() / ".local" / "share" / APP_FOLDER
    else:
        root = Path(chosen).expanduser()
    for folder in (data_dir, SEEDS_DIR):
        if root.resolve().is_relative_to(folder.resolve()):
            raise HistoryError(f"{ENV_VAR} points inside {folder.name}/: it would change the data")
    return root


def dataset_key(data_dir: Path) -> str:
    """A data directory's identity in the store: its real path."""
    return str(Path(data_dir).resolve())


def version_fingerprint(tables: Mapping[str, pd.DataFrame]) -> str:
    """The fingerprint a version of these canonical tables is recorded under."""
    return dataset_fingerprint({n: _prepare(n, f).fingerprint for n, f in tables.items()})


class HistoryStore:
    """The versions of data directories in one SQLite file under ``root``."""

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise HistoryError(f"cannot use the history store: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    # --- writing ---------------------------------------------------------------------------

    def record(
        self,
        data_dir: Path,
        tables: Mapping[str, pd.DataFrame],
        title: str = "",
        seen_at: datetime | None = None,
    ) -> tuple[Version, bool]:
        """Record the canonical ``tables`` as the data directory's newest version; (that
        version, whether it is new). The same content as the latest version is not new."""
        prepared = {name: _prepare(name, frame) for name, frame in tables.items()}
        fingerprint = dataset_fingerprint({n: p.fingerprint for n, p in prepared.items()})
        seen_at = (seen_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        try:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                result = self._record(connection, data_dir, prepared, fingerprint, title, seen_at)
                connection.execute("COMMIT")
                return result
            except BaseException:
                connection.execute("ROLLBACK") if connection.in_transaction else None
                raise
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise HistoryError(f"cannot record a version: {error}") from error

    def _record(self, connection, data_dir, prepared, fingerprint, title, seen_at):
        dataset = _dataset_id(connection, dataset_key(data_dir))
        latest = connection.execute(
            "SELECT id, fingerprint FROM versions WHERE dataset=? ORDER BY id DESC LIMIT 1",
            (dataset,),
        ).fetchone()
        if latest is not None and latest[1] == fingerprint:
            return self._version(connection, latest[0]), False
        meta = {name: {"rows": len(p.keys), "columns": p.columns} for name, p in prepared.items()}
        number = connection.execute(
            "INSERT INTO versions (dataset, parent, fingerprint, first_seen, title, tables) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                dataset,
                None if latest is None else latest[0],
                fingerprint,
                seen_at.isoformat(),
                title,
                json.dumps(meta),
            ),
        ).lastrowid
        names = set(prepared) | _open_tables(connection, dataset)
        for name in sorted(names):
            _record_table(connection, dataset, number, name, prepared.get(name))
        return self._version(connection, number), True

    # --- reading ---------------------------------------------------------------------------

    def versions(self, data_dir: Path) -> list[Version]:
        """The data directory's recorded versions, oldest first."""
        with self._reading() as connection:
            rows = connection.execute(
                "SELECT v.id FROM versions v JOIN datasets d ON d.id = v.dataset "
                "WHERE d.path = ? ORDER BY v.id",
                (dataset_key(data_dir),),
            ).fetchall()
            return [self._version(connection, number) for (number,) in rows]

    def tables_at(
        self, data_dir: Path, version_id: str, names: Collection[str] | None = None
    ) -> dict[str, pd.DataFrame]:
        """The canonical tables of one recorded version of the data directory (only those
        in ``names`` when given)."""
        number = _number(version_id)
        with self._reading() as connection:
            meta, dataset = self._meta(connection, data_dir, version_id)
            return {
                name: _table_at(connection, dataset, name, number, info["columns"])
                for name, info in meta.items()
                if names is None or name in names
            }

    def changed_rows(
        self, data_dir: Path, old_id: str, new_id: str
    ) -> dict[str, tuple[pd.DataFrame, set[str]]]:
        """Per table of the old version: its row versions that are not in force at the new
        version (canonical, in ``tables_at``'s order), and the keys of those and of the new
        version's rows not in force at the old one: every row that differs, and any whose
        change was undone in between. Reads only those rows."""
        old_number, new_number = _number(old_id), _number(new_id)
        with self._reading() as connection:
            old_meta, dataset = self._meta(connection, data_dir, old_id)
            self._meta(connection, data_dir, new_id)
            found = {}
            for name, info in old_meta.items():
                went = _cells_at(connection, dataset, name, old_number, new_number)
                came = connection.execute(
                    f"SELECT key FROM rows WHERE dataset=? AND tbl=? AND {_ONLY_AT}",
                    (dataset, name, new_number, new_number, old_number, old_number),
                )
                keys = {key for key, _ in went} | {key for (key,) in came}
                found[name] = (_frame([cells for _, cells in went], info["columns"]), keys)
            return found

    def _meta(self, connection, data_dir: Path, version_id: str) -> tuple[dict, int]:
        """A recorded version's tables (name -> rows, columns) and its dataset's number."""
        found = connection.execute(
            "SELECT v.tables, v.dataset FROM versions v JOIN datasets d ON d.id=v.dataset "
            "WHERE v.id = ? AND d.path = ?",
            (_number(version_id), dataset_key(data_dir)),
        ).fetchone()
        if found is None:
            raise HistoryError(f"no version {version_id} of this data directory")
        return json.loads(found[0]), found[1]

    def _reading(self) -> sqlite3.Connection:
        try:
            return _Closing(self._connect())
        except sqlite3.Error as error:
            raise HistoryError(f"cannot read the history store: {error}") from error

    def _version(self, connection: sqlite3.Connection, number: int) -> Version:
        fingerprint, first_seen, tables = connection.execute(
            "SELECT fingerprint, first_seen, tables FROM versions WHERE id=?", (number,)
        ).fetchone()
        rows = {name: info["rows"] for name, info in json.loads(tables).items()}
        return Version(f"v{number}", datetime.fromisoformat(first_seen), SEEN, fingerprint, rows)


class _Closing:
    """A connection used in ``with``: closed afterwards (sqlite3's own ``with`` only commits)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


@dataclass
class _Prepared:
    columns: list[str]
    keys: np.ndarray
    hashes: np.ndarray  # int64 (SQLite integers)
    frame: pd.DataFrame
    fingerprint: str


def _prepare(name: str, frame: pd.DataFrame) -> _Prepared:
    columns = schema.TABLES_BY_NAME[name].column_names
    frame = frame[columns].reset_index(drop=True)
    keys = row_keys(name, frame)
    hashes = row_hashes(frame)
    return _Prepared(
        columns,
        keys.to_numpy(dtype=object),
        hashes.view(np.int64),
        frame,
        table_fingerprint(keys, hashes),
    )


def _number(version_id: str) -> int:
    if not (version_id.startswith("v") and version_id[1:].isdigit()):
        raise HistoryError(f"{version_id!r} is not a version id of the history store (v1, v2 …)")
    return int(version_id[1:])


def _dataset_id(connection: sqlite3.Connection, key: str) -> int:
    connection.execute("INSERT OR IGNORE INTO datasets (path) VALUES (?)", (key,))
    return connection.execute("SELECT id FROM datasets WHERE path=?", (key,)).fetchone()[0]


def _open_tables(connection: sqlite3.Connection, dataset: int) -> set[str]:
    rows = connection.execute(
        "SELECT DISTINCT tbl FROM rows WHERE dataset=? AND until IS NULL", (dataset,)
    )
    return {name for (name,) in rows}


def _record_table(connection, dataset: int, number: int, name: str, new: _Prepared | None):
    """Close the row versions that changed or went, open the ones that came."""
    open_rows = pd.DataFrame(
        connection.execute(
            "SELECT rowid, key, hash FROM rows WHERE dataset=? AND tbl=? AND until IS NULL",
            (dataset, name),
        ).fetchall(),
        columns=["rowid", "key", "hash"],
    ).astype({"rowid": "int64", "key": object, "hash": "int64"})
    if new is None:
        new = _Prepared([], np.array([], dtype=object), np.array([], dtype=np.int64), None, "")
    position = pd.Index(open_rows["key"].to_numpy(dtype=object)).get_indexer(new.keys)
    known = position >= 0
    open_hashes = open_rows["hash"].to_numpy()
    unchanged = np.zeros(len(new.keys), dtype=bool)
    unchanged[known] = open_hashes[position[known]] == new.hashes[known]
    still_open = np.zeros(len(open_rows), dtype=bool)
    still_open[position[unchanged]] = True
    gone = open_rows["rowid"].to_numpy()[~still_open]
    connection.executemany(
        "UPDATE rows SET until=? WHERE rowid=?", ((number, int(r)) for r in gone)
    )
    came = np.flatnonzero(~unchanged)
    if len(came) == 0:
        return
    picked = new.frame.iloc[came]
    cells = picked.astype(object).where(picked.notna(), None)
    connection.executemany(
        "INSERT OR IGNORE INTO contents (tbl, hash, cells) VALUES (?, ?, ?)",
        (
            (name, int(h), json.dumps(row, ensure_ascii=False))
            for h, row in zip(
                new.hashes[came], cells.itertuples(index=False, name=None), strict=True
            )
        ),
    )
    connection.executemany(
        "INSERT INTO rows (dataset, tbl, key, hash, since) VALUES (?, ?, ?, ?, ?)",
        (
            (dataset, name, k, int(h), number)
            for k, h in zip(new.keys[came], new.hashes[came], strict=True)
        ),
    )


# A row version in force at one version (?1) and not at another (?2): parameters ?1 ?1 ?2 ?2.
_ONLY_AT = (
    "since<=? AND (until IS NULL OR until>?) AND NOT (since<=? AND (until IS NULL OR until>?))"
)
_CELLS = (
    "SELECT r.key, c.cells FROM rows r JOIN contents c ON c.tbl = r.tbl AND c.hash = r.hash "
    "WHERE r.dataset=? AND r.tbl=? AND r.since<=? AND (r.until IS NULL OR r.until>?) {also}"
    "ORDER BY r.since, r.rowid"  # the rows_since index's own order: no sorting
)


def _table_at(connection, dataset: int, name: str, number: int, columns: list[str]):
    rows = connection.execute(_CELLS.format(also=""), (dataset, name, number, number))
    return _frame([cells for _, cells in rows], columns)


def _cells_at(connection, dataset: int, name: str, number: int, other: int) -> list:
    """(key, cells) of the table's row versions in force at ``number`` and not at
    ``other``, in ``_table_at``'s order."""
    also = "AND NOT (r.since<=? AND (r.until IS NULL OR r.until>?)) "
    query = _CELLS.format(also=also)
    return connection.execute(query, (dataset, name, number, number, other, other)).fetchall()


def _frame(cells: list[str], columns: list[str]) -> pd.DataFrame:
    """A canonical table from its rows' stored cells (JSON arrays)."""
    if not cells:
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in columns})
    values = json.loads("[" + ",".join(cells) + "]")  # one parse in C, not one per row
    by_column = zip(*values, strict=True)
    index = pd.RangeIndex(len(values))
    return pd.DataFrame(  # each column built by Arrow in C, not string by string by pandas
        {
            c: text_series(pa.array(v, type=pa.string()), index)
            for c, v in zip(columns, by_column, strict=True)
        }
    )
