"""OLD and NEW of a diff: a data directory, or a snapshot ZIP this dashboard wrote.

A ZIP is read with bounds: at most ``MAX_ENTRIES`` entries and ``SNAPSHOT`` megabytes in
all once unpacked (counted as the bytes come, not trusted from the header), only the names
a snapshot has (tables, datapackage.json, manifest.json, documents/<name>), never a path
that leaves its folder, unpacked into a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from dashboard.contract import schema
from dashboard.contract.limits import MEGABYTE, Limit
from dashboard.contract.loader import DESCRIPTOR_NAME, DataDirectoryError, Dataset, load_dataset
from dashboard.export.snapshot import GENERATOR, MANIFEST_NAME, dataset_name
from dashboard.history.canonical import canonical_table
from dashboard.history.diff import DiffError

SNAPSHOT = Limit("snapshot", "DASHBOARD_MAX_SNAPSHOT_MB", 2048)
MAX_ENTRIES = 10_000
CHUNK = 1024 * 1024
_TABLE_FILES = {t.filename for t in schema.TABLES}


@dataclass
class Side:
    """One side of a diff: its canonical tables, the dataset, and the snapshot's manifest."""

    label: str
    dataset: Dataset
    tables: dict[str, pd.DataFrame]
    manifest: dict = field(default_factory=dict)

    @property
    def identity(self) -> str | None:
        """The dataset's name when it has one (datapackage.json or a snapshot)."""
        return dataset_name(self.dataset) if self.dataset.name else None


def canonical_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Every table of a loaded dataset as canonical text."""
    return {name: canonical_table(name, frame) for name, frame in dataset.tables.items()}


def open_side(path: str | Path) -> Side:
    """A data directory or a snapshot ZIP, loaded and checked for comparison; DiffError
    when it cannot be read or compared."""
    path = Path(path)
    if path.is_file():
        return _open_zip(path)
    try:
        dataset = load_dataset(path)
    except DataDirectoryError as error:
        raise DiffError(str(error)) from error
    return checked_side(str(path), dataset, {})


def checked_side(label: str, dataset: Dataset, manifest: dict) -> Side:
    """The side, after refusing what cannot be compared: duplicate keys, a key column
    missing from a table's header."""
    for problem in dataset.problems:
        if problem.rule == "unique":
            raise DiffError(
                f"{label}: {problem.file} line {problem.line}: {problem.column} "
                f"{problem.value!r} is a duplicate key ({problem.message}); rows must be "
                "unique on their key to be compared"
            )
        if (
            problem.line in (None, 1)
            and problem.severity == "error"
            and _is_key(problem.file, problem.column)
        ):
            raise DiffError(
                f"{label}: {problem.file}: key column {problem.column}: {problem.message}"
            )
    return Side(label, dataset, canonical_tables(dataset), manifest)


def _is_key(filename: str, column: str | None) -> bool:
    table = next((t for t in schema.TABLES if t.filename == filename), None)
    return table is not None and column in table.primary_key


def _open_zip(path: Path) -> Side:
    folder = Path(tempfile.mkdtemp(prefix="dashboard-diff-"))
    try:
        manifest = unpack_snapshot(path, folder)
        try:
            dataset = load_dataset(folder)
        except DataDirectoryError as error:
            raise DiffError(f"{path}: {error}") from error
        return checked_side(str(path), dataset, manifest)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def unpack_snapshot(path: Path, folder: Path) -> dict:
    """Unpack a snapshot ZIP's known entries into ``folder``; its manifest. DiffError for a
    damaged ZIP, one that is not a snapshot, or one beyond the limits."""
    limit = SNAPSHOT.bytes()
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise DiffError(f"{path}: {len(entries):,} entries, more than {MAX_ENTRIES:,}")
            written = 0
            for info in entries:
                target = _entry_target(info.filename, folder)
                if target is None or info.is_dir():
                    continue
                written = _copy_entry(archive, info, target, written, limit, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise DiffError(f"{path}: not a readable ZIP ({error})") from error
    manifest = _manifest(folder / MANIFEST_NAME, path)
    if not (folder / DESCRIPTOR_NAME).is_file():
        raise DiffError(f"{path}: no {DESCRIPTOR_NAME}: not a snapshot this dashboard wrote")
    return manifest


def _entry_target(name: str, folder: Path) -> Path | None:
    """Where a known entry goes inside ``folder``; None for anything else."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or any(part in ("", ".", "..") or ":" in part for part in parts):
        return None
    if len(parts) == 1 and (
        parts[0] in _TABLE_FILES or parts[0] in (DESCRIPTOR_NAME, MANIFEST_NAME)
    ):
        return folder / parts[0]
    if len(parts) == 2 and parts[0] == "documents" and not parts[1].startswith("."):
        return folder / "documents" / parts[1]
    return None


def _copy_entry(archive, info, target: Path, written: int, limit: int, path: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(info) as source, target.open("wb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise DiffError(
                    f"{path}: unpacks to more than {limit // MEGABYTE:,} MB, the limit set by "
                    f"{SNAPSHOT.variable}"
                )
            sink.write(chunk)
    return written


def _manifest(path: Path, zip_path: Path) -> dict:
    if not path.is_file():
        raise DiffError(f"{zip_path}: no {MANIFEST_NAME}: not a snapshot this dashboard wrote")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise DiffError(f"{zip_path}: {MANIFEST_NAME} is not valid JSON ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("generator") != GENERATOR:
        raise DiffError(f"{zip_path}: {MANIFEST_NAME} was not written by this dashboard")
    return manifest


def check_same_dataset(old: Side, new: Side) -> None:
    """Refuse two sides that are plainly different datasets (both named, names differ)."""
    if old.identity and new.identity and old.identity != new.identity:
        raise DiffError(
            f"{old.label} is “{old.dataset.title}” ({old.identity}) and {new.label} is "
            f"“{new.dataset.title}” ({new.identity}): different datasets, nothing to compare"
        )
