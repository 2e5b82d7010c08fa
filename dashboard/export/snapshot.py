"""Snapshots: exactly what the user looked at, as spreadsheet-safe CSV files in a ZIP.

Every CSV in it is written by ``csvsafe`` (spreadsheet-safe, formulas neutralised). A
snapshot unzipped is itself a data directory: its datapackage.json carries the
formula-escape flag, so ``load_dataset`` restores every text cell exactly and the tables
equal the filtered view.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from dashboard.analysis import glance
from dashboard.contract import schema
from dashboard.contract.datapackage import build_descriptor
from dashboard.contract.dataset import Dataset
from dashboard.contract.documents import resolve_document
from dashboard.contract.loader import (
    DESCRIPTOR_NAME,
    FORMULA_ESCAPE_APOSTROPHE,
    FORMULA_ESCAPE_PROPERTY,
)
from dashboard.contract.slugs import ascii_slug, is_slug
from dashboard.export.csvsafe import table_csv
from dashboard.query.filters import FilteredView
from dashboard.query.link import filters_to_query
from dashboard.query.lookups import party_names
from dashboard.query.params import PARAM_VIEW
from dashboard.query.words import view_caption
from dashboard.runtime import clock

GENERATOR = "conflict-claims-dashboard"
MANIFEST_NAME = "manifest.json"
DOCUMENTS_FOLDER = "documents"
ZIP_LEVEL = 1  # deflate level: 1 packs a million events about 2.5x faster than 6, 1.5x larger


# --- manifest ----------------------------------------------------------------------------


def input_files_sha256(dataset: Dataset) -> str:
    """SHA-256 over the data directory's input files, sorted by name, each as name + bytes."""
    # Inputs: the contract CSVs present, datapackage.json if present and the cited documents
    # (named as written in sources.csv). Each adds its UTF-8 name, NUL, its size in decimal,
    # NUL and its bytes, so two different sets of inputs cannot hash alike.
    digest = hashlib.sha256()
    for name, path in sorted(_input_files(dataset)):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()


def _input_files(dataset: Dataset) -> list[tuple[str, Path]]:
    directory = Path(dataset.data_dir)
    names = [t.filename for t in schema.TABLES] + [DESCRIPTOR_NAME]
    files = [(name, directory / name) for name in names if (directory / name).is_file()]
    for document in _cited_documents(dataset).values():
        path = resolve_document(directory, document)
        if path is not None:
            files.append((document, path))
    return files


def _cited_documents(dataset: Dataset) -> dict[str, str]:
    """source_id -> document path as written, for the documents the loader accepted."""
    sources = dataset.tables["sources"]
    return {
        source_id: document
        for source_id, document in zip(sources["source_id"], sources["document"], strict=True)
        if source_id in dataset.documents and isinstance(document, str)
    }


def _manifest(
    dataset: Dataset, view: FilteredView, moment: datetime, params: dict[str, list[str]]
) -> dict[str, Any]:
    """What the snapshot holds, how it was selected (the link's parameters) and which
    inputs it came from."""
    return {
        "dataset": dataset.title,
        "data_dir": dataset.shown_dir,
        "generated_at": utc_text(moment),
        "filters": {
            "words": view_caption(dataset, view),
            "query": urlencode(params, doseq=True),
            "params": params,
        },
        "rows": {name: len(frame) for name, frame in view.tables.items()},
        "input_sha256": input_files_sha256(dataset),
        "generator": GENERATOR,
    }


def _link_params(
    dataset: Dataset, view: FilteredView, view_name: str | None
) -> dict[str, list[str]]:
    """The link's parameters of the view's filters (all dates written out where the app's
    default range is not all dates), and the open view's ``view`` if given."""
    params = filters_to_query(view.filters, glance.dataset_date_frame(dataset, clock.today()))
    if view_name:
        params[PARAM_VIEW] = [view_name]
    return params


def _utc(moment: datetime | None) -> datetime:
    """The moment in UTC to the second (the clock's now if None; a naive moment is taken
    as UTC)."""
    moment = moment or clock.now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def utc_text(moment: datetime | None) -> str:
    """ISO 8601 in UTC, e.g. '2025-10-12T10:15:00Z'."""
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- names -------------------------------------------------------------------------------


def dataset_name(dataset: Dataset) -> str:
    """The datapackage.json name if it is a plain slug, else an ASCII slug of the title."""
    if is_slug(dataset.name):
        return dataset.name
    return ascii_slug(dataset.title)


def snapshot_file_name(dataset: Dataset, generated_at: datetime | None) -> str:
    """'riverland-clashes-snapshot-20251012T101500Z.zip'."""
    return f"{dataset_name(dataset)}-snapshot-{_utc(generated_at):%Y%m%dT%H%M%SZ}.zip"


def _document_file_name(path: str, taken: set[str]) -> str:
    """A safe file name for ``documents/``: the path's last part, numbered when taken."""
    last = PurePosixPath(path.replace("\\", "/")).name
    safe = re.sub(r"[^\w.-]", "_", last).lstrip(".") or "document.txt"
    stem, dot, suffix = safe.rpartition(".")
    if not dot or not stem:
        stem, suffix = safe, ""
    name, number = safe, 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.{suffix}" if suffix else f"{stem}-{number}"
    taken.add(name)
    return name


# --- the ZIP -----------------------------------------------------------------------------


def snapshot_documents(
    dataset: Dataset, sources: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Sources with ``document`` rewritten to documents/<name>, and the text of each file."""
    # One file per distinct document. A source whose document the loader did not accept
    # loses the reference: its quotes were never checked, and the path may lead nowhere.
    cited = _cited_documents(dataset)
    directory = Path(dataset.data_dir)
    name_of: dict[Path | str, str] = {}
    files: dict[str, str] = {}
    taken: set[str] = set()
    paths: list[str | float] = []
    for source_id in sources["source_id"]:
        document = cited.get(source_id)
        if document is None:
            paths.append(np.nan)
            continue
        key = resolve_document(directory, document) or document
        if key not in name_of:
            name_of[key] = _document_file_name(document, taken)
            files[name_of[key]] = dataset.documents[source_id]
        paths.append(f"{DOCUMENTS_FOLDER}/{name_of[key]}")
    rewritten = sources.copy()
    rewritten["document"] = pd.Series(paths, index=sources.index, dtype="str")
    return rewritten, files


def snapshot_descriptor(dataset: Dataset, view: FilteredView, words: str) -> dict[str, Any]:
    """The Data Package of the snapshot's tables, flagged as formula-escaped."""
    description = f"Filtered snapshot of “{dataset.title}”: {words}."
    if dataset.description:
        description += f" {dataset.description}"
    descriptor = build_descriptor(
        dataset_name(dataset),
        dataset.title,
        description,
        list(view.tables),
        {FORMULA_ESCAPE_PROPERTY: FORMULA_ESCAPE_APOSTROPHE},
    )
    for entry in descriptor["resources"]:
        _declare_name_fields(entry)
    return descriptor


def _declare_name_fields(resource: dict[str, Any]) -> None:
    """Each party-name column the snapshot writes, declared beside its id field (so a Data
    Package validator accepts the file; the dashboard's loader ignores the column)."""
    fields = resource["schema"]["fields"]
    for column in reversed(_party_columns(resource["name"])):
        place = next(i for i, f in enumerate(fields) if f["name"] == column) + 1
        fields.insert(
            place,
            {
                "name": schema.party_name_column(column),
                "type": "string",
                "description": f"The name of the party whose id is in {column}, written "
                "beside it by the snapshot; not part of the data contract (ignored on load).",
            },
        )


def build_snapshot(
    dataset: Dataset,
    view: FilteredView,
    generated_at: datetime | None = None,
    view_name: str | None = None,
    history: dict[str, Any] | None = None,
) -> bytes:
    """A ZIP of the view's tables (as on screen, each party id column with the party's
    name beside it), datapackage.json, manifest.json and the cited documents. The manifest
    names the open view (``view_name``) in its link and, given ``history``, the version the
    snapshot was taken from and the changes since `since`."""
    moment = _utc(generated_at)
    manifest = _manifest(dataset, view, moment, _link_params(dataset, view, view_name))
    if history is not None:
        manifest["history"] = history
    descriptor = snapshot_descriptor(dataset, view, manifest["filters"]["words"])
    tables = dict(view.tables)
    tables["sources"], documents = snapshot_documents(dataset, tables["sources"])
    entries: list[tuple[str, Callable[[], bytes]]] = [
        (MANIFEST_NAME, lambda: _json_bytes(manifest)),
        (DESCRIPTOR_NAME, lambda: _json_bytes(descriptor)),
    ]
    names = party_names(dataset.tables["parties"])
    entries += [
        (
            f"{name}.csv",
            lambda name=name, frame=frame: table_csv(
                name, frame, party_name_columns(name, frame, names)
            ),
        )
        for name, frame in tables.items()
    ]
    entries += [
        (f"{DOCUMENTS_FOLDER}/{name}", lambda text=text: text.encode("utf-8"))
        for name, text in documents.items()
    ]
    return _zip_bytes(entries, moment)


def party_name_columns(
    table_name: str, frame: pd.DataFrame, names: dict[str, str]
) -> dict[str, tuple[str, pd.Series]]:
    """For each column of the table that holds a party id (events' actor and target,
    claims' party_id ...), the party's name to write beside it: ``actor`` -> ``actor_name``,
    ``party_id`` -> ``party_name``. Outside the contract: a reload ignores them."""
    return {
        column: (schema.party_name_column(column), frame[column].map(names))
        for column in _party_columns(table_name)
    }


def _party_columns(table_name: str) -> list[str]:
    return schema.party_id_columns(schema.TABLES_BY_NAME[table_name])


def _json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _zip_bytes(entries: list[tuple[str, Callable[[], bytes]]], moment: datetime) -> bytes:
    """A deflated ZIP whose entries all carry the snapshot's time (same input, same bytes).
    Each entry's bytes are made just before they are compressed and dropped after, so a
    large snapshot never holds all its CSV text at once."""
    stamp = max(moment, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, make in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, make(), compresslevel=ZIP_LEVEL)
    return buffer.getvalue()
