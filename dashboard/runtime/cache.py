"""A warm-start cache of loaded datasets: Arrow IPC files keyed by the data files' fingerprint.

``load_dataset_cached(data_dir)`` returns exactly what ``load_dataset(data_dir)`` returns.
When the files are unchanged since the last load it reads the stored result (a million
events in a fraction of a second) instead of parsing and validating the CSV files again.

Where the cache lives: ``cache_dir`` if given, else ``$DASHBOARD_CACHE_DIR``, else
``$XDG_CACHE_HOME/conflict-dashboard`` (``~/.cache/conflict-dashboard``). The value ``off``
(also ``0``, ``false``, ``no``, ``none`` or empty) turns the cache off. Nothing is ever written
into the data directory: a cache folder inside it (or inside seeds/) is refused, and the cache
is then off. One
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

A damaged entry (truncated, edited, from another format version) is ignored and replaced by
a fresh load; caching is best effort and never makes a load fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.contract.loader import SEEDS_DIR, Dataset, TableCount, load_dataset
from dashboard.contract.problems import Problem

ENV_VAR = "DASHBOARD_CACHE_DIR"
OFF_VALUES = frozenset({"off", "0", "false", "no", "none", ""})
APP_FOLDER = "conflict-dashboard"
FORMAT_VERSION = 1
HASH_LIMIT = 4 * 1024 * 1024  # files up to 4 MiB are hashed whole
SAMPLE_BYTES = 1024 * 1024  # larger ones by their first and last MiB
MAX_ENTRIES = 8
META_NAME = "meta.json"
PROBLEMS_NAME = "problems.arrow"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROBLEM_FIELDS = ("file", "line", "column", "value", "rule", "message", "severity")
PROBLEM_SCHEMA = pa.schema(
    [("line", pa.int64())] + [(name, pa.string()) for name in PROBLEM_FIELDS if name != "line"]
)


def load_dataset_cached(data_dir: str | Path, cache_dir: str | Path | None = None) -> Dataset:
    """``load_dataset(data_dir)``, from the cache when the files are unchanged since it was
    stored; a fresh load (stored for next time) otherwise."""
    directory = Path(data_dir)
    root = cache_root(directory, cache_dir)
    if root is None:
        return load_dataset(directory)
    try:
        fingerprint = input_fingerprint(directory)
    except OSError:
        return load_dataset(directory)  # the loader says what is wrong with the folder
    entry = root / entry_name(directory)
    cached = read_entry(entry, fingerprint, directory)
    if cached is not None:
        return cached
    dataset = load_dataset(directory)
    if _unchanged(directory, fingerprint):  # nothing changed while it was loading
        write_entry(root, entry, fingerprint, dataset)
    return dataset


def _unchanged(directory: Path, fingerprint: dict) -> bool:
    try:
        return input_fingerprint(directory) == fingerprint
    except OSError:
        return False


# --- where -------------------------------------------------------------------------------------


def cache_root(data_dir: Path, cache_dir: str | Path | None = None) -> Path | None:
    """The cache folder to use for ``data_dir``, or None when caching is off."""
    if cache_dir is None:
        cache_dir = os.environ.get(ENV_VAR)
    if cache_dir is None:
        cache_dir = default_cache_root()
        if cache_dir is None:
            return None
    if str(cache_dir).strip().lower() in OFF_VALUES:
        return None
    root = Path(cache_dir).expanduser()
    if _is_within(root, data_dir) or _is_within(root, SEEDS_DIR):
        return None  # never write into the data (or its documents' folder)
    return root


def default_cache_root() -> Path | None:
    """``$XDG_CACHE_HOME/conflict-dashboard``, else ``~/.cache/conflict-dashboard``."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / APP_FOLDER
    try:
        return Path.home() / ".cache" / APP_FOLDER
    except RuntimeError:  # no home directory to be found
        return None


def entry_name(data_dir: Path) -> str:
    """One entry per data directory: a hash of its real path."""
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]


def _is_within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


# --- fingerprint -----------------------------------------------------------------------------


def input_fingerprint(data_dir: Path) -> dict:
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
    """The stored dataset when the entry is whole and its fingerprint is ``fingerprint``;
    None for anything else (missing, stale, damaged)."""
    try:
        meta = json.loads((entry / META_NAME).read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("fingerprint") != fingerprint:
            return None
        return _dataset_from_entry(entry, meta, data_dir)
    except Exception:  # a damaged entry of any kind means a fresh load, never a crash
        return None


def _dataset_from_entry(entry: Path, meta: dict, data_dir: Path) -> Dataset | None:
    if not _files_match(entry, meta["files"]):
        return None
    counts = {name: TableCount(*pair) for name, pair in meta["counts"].items()}
    tables: dict[str, pd.DataFrame] = {}
    for name, columns in meta["tables"].items():
        frame = _read_arrow(entry / f"{name}.arrow").to_pandas()
        if list(frame.columns) != columns["names"] or _dtypes(frame) != columns["dtypes"]:
            return None
        if name in counts and len(frame) != counts[name].kept:
            return None
        tables[name] = frame
    problems = _problems_from_table(_read_arrow(entry / PROBLEMS_NAME))
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


def _files_match(entry: Path, sizes: dict[str, int]) -> bool:
    """Every file of the entry is there with the size it was written with."""
    return all((entry / name).stat().st_size == size for name, size in sizes.items())


def _read_arrow(path: Path) -> pa.Table:
    """The table of an Arrow IPC file, mapped rather than copied, its structure checked in
    full (offsets, lengths, UTF-8) so that a damaged file is refused, never half-read."""
    with pa.memory_map(str(path)) as source:
        table = pa.ipc.open_file(source).read_all()
    table.validate(full=True)
    return table


def _problems_from_table(table: pa.Table) -> list[Problem]:
    columns = {name: table.column(name).to_pylist() for name in PROBLEM_FIELDS}
    return [Problem(*row) for row in zip(*(columns[name] for name in PROBLEM_FIELDS), strict=True)]


def _dtypes(frame: pd.DataFrame) -> list[str]:
    return [str(frame.index.dtype), *(str(dtype) for dtype in frame.dtypes)]


# --- writing ---------------------------------------------------------------------------------


def write_entry(root: Path, entry: Path, fingerprint: dict, dataset: Dataset) -> bool:
    """Store ``dataset`` as the entry (written aside, then moved into place); False when it
    could not be stored. Old entries beyond MAX_ENTRIES are removed."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=root))
    except OSError:
        return False
    try:
        _write_files(staging, fingerprint, dataset)
        _replace(staging, entry)
    except Exception:  # a full disk or an odd table: the load itself still stands
        shutil.rmtree(staging, ignore_errors=True)
        return False
    _prune(root, keep=entry)
    return True


def _write_files(folder: Path, fingerprint: dict, dataset: Dataset) -> None:
    files: dict[str, int] = {}
    tables: dict[str, dict] = {}
    for name, frame in dataset.tables.items():
        filename = f"{name}.arrow"
        _write_arrow(folder / filename, pa.Table.from_pandas(frame, preserve_index=True))
        files[filename] = (folder / filename).stat().st_size
        tables[name] = {"names": list(frame.columns), "dtypes": _dtypes(frame)}
    _write_arrow(folder / PROBLEMS_NAME, _problems_table(dataset.problems))
    files[PROBLEMS_NAME] = (folder / PROBLEMS_NAME).stat().st_size
    meta = {
        "fingerprint": fingerprint,
        "files": files,
        "tables": tables,
        "counts": {name: [c.read, c.rejected] for name, c in dataset.counts.items()},
        "problem_count": len(dataset.problems),
        "documents": dataset.documents,
        "title": dataset.title,
        "description": dataset.description,
        "name": dataset.name,
    }
    (folder / META_NAME).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _write_arrow(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _problems_table(problems: list[Problem]) -> pa.Table:
    rows = [asdict(problem) for problem in problems]
    return pa.Table.from_pylist(rows, schema=PROBLEM_SCHEMA)


def _replace(staging: Path, entry: Path) -> None:
    """Move the staged folder into place; an old entry is moved aside and deleted first."""
    if entry.exists():
        old = entry.with_name(f".{entry.name}-old-{os.getpid()}")
        os.replace(entry, old)
        shutil.rmtree(old, ignore_errors=True)
    os.replace(staging, entry)


def _prune(root: Path, keep: Path) -> None:
    """Remove the least recently written entries beyond MAX_ENTRIES."""
    try:
        entries = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return
    for old in [p for p in entries if p != keep][MAX_ENTRIES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
