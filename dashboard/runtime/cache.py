"""A warm-start cache of loaded datasets: Arrow IPC files keyed by the data files' fingerprint.

``load_dataset_cached(data_dir)`` returns exactly what ``load_dataset(data_dir)`` returns.
When the files are unchanged since the last load it reads the stored result (a million
events in a fraction of a second) instead of parsing and validating the CSV files again.

Where the cache lives, and what it may delete, is dashboard/runtime/cachedir.py: entries live in the
cache's own tagged subfolder, and only entries it can prove it wrote are ever removed. The
value ``off`` of ``DASHBOARD_CACHE_DIR`` turns the cache off; a cache folder inside or around
the data directory or seeds/, or one other users could write, is refused (and logged). One
entry per data directory is kept, and at most ``MAX_ENTRIES`` entries in all.

Never stale: an entry is used only when its fingerprint equals the files' fingerprint now.
The fingerprint covers every file under the data directory and under the project's seeds/
folder (where documents may live): path, size, modification and change times in
nanoseconds, inode and device; a SHA-256 of the content of every file up to
``HASH_LIMIT`` bytes (the hand-edited tables, documents, datapackage.json), and of the first
and last ``SAMPLE_BYTES`` of larger ones. The change time (ctime) cannot be set back by a
program, so an in-place rewrite that restores size and modification time still invalidates
the entry. The fingerprint also covers the dashboard's own source code and the versions of
Python, pandas, pyarrow and numpy, so a new loader never serves an old result.

Never damaged: every file of an entry is stored with its size and checksum (``CHECKSUM``)
in meta.json, whose own checksum is in the entry's marker; files are read into memory (not
mapped, so truncating one later cannot crash the server) and checked before use. A damaged
entry (truncated, edited, from another format version) is ignored and replaced by a fresh
load; caching is best effort and never makes a load fail.

Never half a file: a load is used only when the files' fingerprint is the same after it as
before it; otherwise the files are read again, up to ``load_attempts()`` times in all
(``DASHBOARD_LOAD_ATTEMPTS``, 3 by default). Files still changing after that are shown as
last read, with a warning among the problems that names the setting; they are not stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
import time
from dataclasses import asdict, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.contract.dataset import Dataset, TableCount
from dashboard.contract.documents import SEEDS_DIR
from dashboard.contract.loader import load_dataset
from dashboard.contract.problems import Problem
from dashboard.runtime import cachedir
from dashboard.runtime.cachedir import ENV_VAR, CacheRefused, cache_root, entry_name

__all__ = ["ENV_VAR", "cache_root", "entry_name", "load_dataset_cached", "load_fingerprint"]

FORMAT_VERSION = 2
HASH_LIMIT = 4 * 1024 * 1024  # files up to 4 MiB are hashed whole
SAMPLE_BYTES = 1024 * 1024  # larger ones by their first and last MiB
MAX_ENTRIES = 8
CHECKSUM = "sha256"  # with SHA extensions (most CPUs since 2017) faster than blake2b here
ATTEMPTS_VAR = "DASHBOARD_LOAD_ATTEMPTS"
LOAD_ATTEMPTS = 3  # loads of files that keep changing before the last one is shown
MAX_LOAD_ATTEMPTS = 10
RETRY_PAUSE_S = 0.5  # grows with each attempt: 0.5 s, then 1 s
META_NAME = "meta.json"
PROBLEMS_NAME = "problems.arrow"
PACKAGE_DIR = Path(__file__).resolve().parent
PROBLEM_FIELDS = ("file", "line", "column", "value", "rule", "message", "severity")
PROBLEM_SCHEMA = pa.schema(
    [("line", pa.int64())] + [(name, pa.string()) for name in PROBLEM_FIELDS if name != "line"]
)


def load_dataset_cached(data_dir: str | Path, cache_dir: str | Path | None = None) -> Dataset:
    """``load_dataset(data_dir)``, from the cache when the files are unchanged since it was
    stored; a fresh load (stored for next time) otherwise."""
    directory = Path(data_dir)
    folder = _entries_folder(directory, cache_dir)
    entry = folder / entry_name(directory) if folder is not None else None
    attempts = load_attempts()
    for attempt in range(1, attempts + 1):
        try:
            before = load_fingerprint(directory)
        except OSError:
            return load_dataset(directory)  # the loader says what is wrong with the folder
        if entry is not None:
            cached = read_entry(entry, before, directory)
            if cached is not None:
                return cached
        dataset = load_dataset(directory)
        if _unchanged(directory, before):  # nothing changed while it was loading
            if entry is not None:
                write_entry(folder, entry, before, dataset)
            return dataset
        if attempt < attempts:
            time.sleep(RETRY_PAUSE_S * attempt)
    return _with_unsettled_warning(dataset, attempts)


def load_attempts() -> int:
    """How many times files that change while being read are read (``DASHBOARD_LOAD_ATTEMPTS``,
    a whole number from 1 to 10; 3 otherwise)."""
    value = os.environ.get(ATTEMPTS_VAR, "").strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_LOAD_ATTEMPTS:
        return int(value)
    return LOAD_ATTEMPTS


def _entries_folder(directory: Path, cache_dir: str | Path | None) -> Path | None:
    root = cache_root(directory, cache_dir)
    if root is None:
        return None
    try:
        return cachedir.open_entries_folder(root)
    except (CacheRefused, OSError) as error:
        cachedir.LOG.warning("Warm-start cache off: %s. Loading without it.", error)
        return None


def _unchanged(directory: Path, fingerprint: dict) -> bool:
    try:
        return load_fingerprint(directory) == fingerprint
    except OSError:
        return False


def _with_unsettled_warning(dataset: Dataset, attempts: int) -> Dataset:
    """The last load of files that kept changing, saying so among its problems."""
    warning = Problem(
        file=dataset.data_dir.name or str(dataset.data_dir),
        line=None,
        column=None,
        value=None,
        rule="changing",
        message=(
            f"the files changed while they were being read, {attempts} times in a row (a "
            f"limit set by {ATTEMPTS_VAR}): what is shown may mix old and new rows. Reload "
            "the page once the writing is done."
        ),
        severity="warning",
    )
    return replace(dataset, problems=[warning, *dataset.problems])


# --- fingerprint -----------------------------------------------------------------------------


def load_fingerprint(data_dir: Path) -> dict:
    """Everything a load depends on: the data files, seeds/, the code, the libraries."""
    return {
        "format": FORMAT_VERSION,
        "folder": folder_identity(data_dir),
        "data": files_fingerprint(data_dir),
        "seeds": files_fingerprint(SEEDS_DIR) if SEEDS_DIR.is_dir() else [],
        "code": code_hash(),
        "versions": _versions(),
    }


def folder_identity(folder: Path) -> list:
    """Whether the folder is a readable directory, and which one (inode, device): an empty
    folder and a file, or a folder one may no longer read, must not look alike."""
    try:
        stat = folder.stat()
    except FileNotFoundError:
        return [False, False, 0, 0]
    readable = folder.is_dir() and os.access(folder, os.R_OK | os.X_OK)
    return [folder.is_dir(), readable, stat.st_ino, stat.st_dev]


def files_fingerprint(folder: Path) -> list[list]:
    """Per file under ``folder`` (sorted by path): path, size, mtime_ns, ctime_ns, inode,
    device and a content hash (whole file, or its first and last MiB when large)."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            try:
                stat = path.stat()
            except FileNotFoundError:  # a dangling link reads as missing, as for the loader
                continue
            entries.append(
                [
                    str(path.relative_to(folder)),
                    stat.st_size,
                    stat.st_mtime_ns,
                    stat.st_ctime_ns,
                    stat.st_ino,
                    stat.st_dev,
                    content_hash(path, stat.st_size),
                ]
            )
    return entries


def content_hash(path: Path, size: int) -> str:
    """SHA-256 of the whole file up to HASH_LIMIT bytes, else of its first and last
    SAMPLE_BYTES (with the size beside it, the identity of a large file is its stat)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        if size <= HASH_LIMIT:
            digest.update(handle.read())
        else:
            digest.update(handle.read(SAMPLE_BYTES))
            handle.seek(-SAMPLE_BYTES, os.SEEK_END)
            digest.update(handle.read(SAMPLE_BYTES))
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of the dashboard package's source: a changed loader makes a new cache. Read
    once per process: the code a process runs does not change under it, and the app asks
    for the fingerprint on every rerun."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "pyarrow": pa.__version__,
        "numpy": np.__version__,
    }


# --- reading ---------------------------------------------------------------------------------


def read_entry(entry: Path, fingerprint: dict, data_dir: Path) -> Dataset | None:
    """The stored dataset when the entry is whole, the cache's own and its fingerprint is
    ``fingerprint``; None for anything else (missing, stale, damaged, planted)."""
    try:
        marker = cachedir.entry_marker(entry)
        if marker is None:
            return None
        meta_path = entry / META_NAME
        raw = cachedir.read_entry_file(meta_path, meta_path.lstat().st_size)
        if _checksum(raw) != marker[1]:
            return None
        meta = json.loads(raw.decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("fingerprint") != fingerprint:
            return None
        return _dataset_from_entry(entry, meta, data_dir)
    except Exception:  # a damaged entry of any kind means a fresh load, never a crash
        return None


def _dataset_from_entry(entry: Path, meta: dict, data_dir: Path) -> Dataset | None:
    files = meta["files"]
    counts = {name: TableCount(*pair) for name, pair in meta["counts"].items()}
    tables: dict[str, pd.DataFrame] = {}
    for name, columns in meta["tables"].items():
        frame = _read_arrow(entry, f"{name}.arrow", files).to_pandas()
        if list(frame.columns) != columns["names"] or _dtypes(frame) != columns["dtypes"]:
            return None
        if name in counts and len(frame) != counts[name].kept:
            return None
        tables[name] = frame
    problems = _problems_from_table(_read_arrow(entry, PROBLEMS_NAME, files))
    if len(problems) != meta["problem_count"]:
        return None
    return Dataset(
        data_dir=data_dir,
        title=meta["title"],
        description=meta["description"],
        tables=tables,
        documents=meta["documents"],
        problems=problems,
        counts=counts,
        name=meta["name"],
    )


def _read_arrow(entry: Path, filename: str, files: dict[str, dict]) -> pa.Table:
    """The table of one Arrow IPC file of the entry, read into memory and refused unless it
    has the size and checksum it was written with."""
    expected = files[filename]
    data = cachedir.read_entry_file(entry / filename, expected["size"])
    if _checksum(data) != expected[CHECKSUM]:
        raise ValueError(f"{filename} does not match its checksum")
    table = pa.ipc.open_file(pa.py_buffer(data)).read_all()
    table.validate()
    return table


def _checksum(data) -> str:
    return hashlib.new(CHECKSUM, data).hexdigest()


def _problems_from_table(table: pa.Table) -> list[Problem]:
    columns = {name: table.column(name).to_pylist() for name in PROBLEM_FIELDS}
    return [Problem(*row) for row in zip(*(columns[name] for name in PROBLEM_FIELDS), strict=True)]


def _dtypes(frame: pd.DataFrame) -> list[str]:
    return [str(frame.index.dtype), *(str(dtype) for dtype in frame.dtypes)]


# --- writing ---------------------------------------------------------------------------------


def write_entry(folder: Path, entry: Path, fingerprint: dict, dataset: Dataset) -> bool:
    """Store ``dataset`` as the entry (written aside, then moved into place); False when it
    could not be stored. Old entries beyond MAX_ENTRIES are removed."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".tmp-{entry.name}-", dir=folder))
    except OSError:
        return False
    try:
        _write_files(staging, entry.name, fingerprint, dataset)
        stored = _replace(staging, entry)
    except Exception:  # a full disk or an odd table: the load itself still stands
        stored = False
    if not stored:
        cachedir.remove_staged(staging)
        return False
    cachedir.prune(folder, keep=entry, max_entries=MAX_ENTRIES)
    return True


def _write_files(folder: Path, name: str, fingerprint: dict, dataset: Dataset) -> None:
    files: dict[str, dict] = {}
    tables: dict[str, dict] = {}
    for table_name, frame in dataset.tables.items():
        filename = f"{table_name}.arrow"
        table = pa.Table.from_pandas(frame, preserve_index=True)
        files[filename] = _write_arrow(folder / filename, table)
        tables[table_name] = {"names": list(frame.columns), "dtypes": _dtypes(frame)}
    files[PROBLEMS_NAME] = _write_arrow(folder / PROBLEMS_NAME, _problems_table(dataset.problems))
    meta = {
        "fingerprint": fingerprint,
        "files": files,
        "tables": tables,
        "counts": {key: [c.read, c.rejected] for key, c in dataset.counts.items()},
        "problem_count": len(dataset.problems),
        "documents": dataset.documents,
        "title": dataset.title,
        "description": dataset.description,
        "name": dataset.name,
    }
    raw = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    cachedir.write_entry_file(folder / META_NAME, raw)
    marker = cachedir.marker_text(name, _checksum(raw)).encode("utf-8")
    cachedir.write_entry_file(folder / cachedir.MARKER_NAME, marker)  # last: the entry is whole


def _write_arrow(path: Path, table: pa.Table) -> dict:
    """Write ``table`` as an Arrow IPC file; its size and checksum."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    data = sink.getvalue()
    cachedir.write_entry_file(path, data)
    return {"size": data.size, CHECKSUM: _checksum(data)}


def _problems_table(problems: list[Problem]) -> pa.Table:
    rows = [asdict(problem) for problem in problems]
    return pa.Table.from_pylist(rows, schema=PROBLEM_SCHEMA)


def _replace(staging: Path, entry: Path) -> bool:
    """Move the staged folder into place; an old entry is moved aside and deleted first,
    and only when the cache can prove it wrote it (False otherwise: nothing is touched)."""
    if os.path.lexists(entry):
        if cachedir.entry_marker(entry) is None:
            cachedir.LOG.warning(
                "Cache entry %s was not written by the dashboard: left as it is.", entry
            )
            return False
        old = entry.with_name(f".old-{entry.name}-{os.getpid()}")
        os.replace(entry, old)
        cachedir.remove_staged(old)
    os.replace(staging, entry)
    return True
