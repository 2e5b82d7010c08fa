"""Snapshots: exactly what the user looked at, as spreadsheet-safe CSV files in a ZIP.

Every CSV written here is UTF-8 with a byte-order mark, RFC 4180 quoted with "\\r\\n" line
ends, dates as YYYY-MM-DD, numbers in shortest round-trip form, and text cells that a
spreadsheet would run as a formula neutralised with a leading apostrophe. A snapshot
unzipped is itself a data directory: its datapackage.json carries the formula-escape flag,
so ``load_dataset`` restores every text cell exactly and the tables equal the filtered view.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dashboard import schema
from dashboard.arrowtext import arrow_text
from dashboard.datapackage import build_descriptor
from dashboard.filters import (
    FilteredView,
    describe_filters,
    filters_to_query,
    query_string,
)
from dashboard.loader import (
    DESCRIPTOR_NAME,
    FORMULA_ESCAPE_APOSTROPHE,
    FORMULA_ESCAPE_PROPERTY,
    Dataset,
    resolve_document,
)
from dashboard.slugs import ascii_slug, is_slug

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
BOM = "\ufeff"
LINE_END = "\r\n"
GENERATOR = "conflict-claims-dashboard"
MANIFEST_NAME = "manifest.json"
DOCUMENTS_FOLDER = "documents"
ZIP_LEVEL = 1  # deflate level: 1 packs a million events about 2.5x faster than 6, 1.5x larger


# --- cells -------------------------------------------------------------------------------


def neutralise_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (or starting with ') gets a leading '."""
    return ESCAPE + text if text.startswith((*FORMULA_PREFIXES, ESCAPE)) else text


def number_text(value: float) -> str:
    """Shortest round-trip form, never in exponent notation and without a trailing '.0'."""
    return np.format_float_positional(float(value), trim="-")


def date_text(value: date | pd.Timestamp) -> str:
    """YYYY-MM-DD, or full ISO 8601 when the value has a time of day."""
    stamp = pd.Timestamp(value)
    if stamp == stamp.normalize() and stamp.tzinfo is None:
        return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"
    return stamp.isoformat()


def cell_text(value: Any) -> str:
    """Any display value as a safe CSV cell: missing empty, text neutralised."""
    if _is_missing(value):
        return ""
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return number_text(value)
    if isinstance(value, date | np.datetime64):
        return date_text(value)
    return neutralise_cell(str(value))


def _is_missing(value: Any) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _contract_cell(value: Any, kind: schema.Kind) -> str:
    """One contract cell by its column's kind (a number stays a number even as text)."""
    if _is_missing(value):
        return ""
    if kind == "number":
        return number_text(float(value))
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return date_text(value)
    return neutralise_cell(str(value))


# --- CSV ---------------------------------------------------------------------------------


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """BOM, RFC 4180 quoting, "\\r\\n" line ends, UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def table_csv(table_name: str, frame: pd.DataFrame) -> bytes:
    """A contract table as CSV: the contract's columns in contract order."""
    table = schema.TABLES_BY_NAME[table_name]
    columns = [_contract_column(frame[column.name], column.kind) for column in table.columns]
    return _arrow_csv_bytes(table.column_names, columns)


def _contract_column(values: pd.Series, kind: schema.Kind) -> pa.Array:
    """A contract column ready for Arrow's CSV writer: numbers as float64 and dates as
    date32 (written bare: 58, -12.25, 2025-10-12), text neutralised (written quoted);
    missing values as nulls (written as empty cells)."""
    missing = values.isna().to_numpy()
    if kind == "number" and pd.api.types.is_float_dtype(values.dtype):
        return pa.array(values.to_numpy(dtype="float64", na_value=np.nan), from_pandas=True)
    if kind == "integer" and pd.api.types.is_integer_dtype(values.dtype):
        return pa.array(values, type=pa.int64(), from_pandas=True)
    if kind == "date" and pd.api.types.is_datetime64_dtype(values.dtype):
        present = values[~missing]
        if (present == present.dt.normalize()).all():
            return pc.cast(pa.array(values, from_pandas=True), pa.date32())
    if kind not in ("number", "integer", "date") and pd.api.types.infer_dtype(
        values, skipna=True
    ) in (
        "string",
        "empty",
    ):
        return _neutralised_column(values)
    cells = [None if m else _contract_cell(v, kind) for v, m in zip(values, missing, strict=True)]
    return pa.array(cells, type=pa.string())


def _neutralised_column(values: pd.Series) -> pa.Array:
    """Text cells with ``neutralise_cell`` applied: one leading ' where a formula could start."""
    text = arrow_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    text = text.cast(_TEXT)
    risky = pc.match_substring_regex(text, _RISKY_START).fill_null(False)
    if not pc.any(risky).as_py():
        return text
    escaped = pc.binary_join_element_wise(_text(ESCAPE), text.filter(risky), _text(""))
    return pc.replace_with_mask(text, risky, escaped)


_TEXT = pa.large_string()
_RISKY_START = "^[" + "".join(re.escape(p) for p in (*FORMULA_PREFIXES, ESCAPE)) + "]"


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, type=_TEXT)


def _arrow_csv_bytes(header: list[str], columns: list[pa.Array]) -> bytes:
    """The header as ``_csv_bytes`` writes it, then the rows by Arrow's CSV writer: every
    text cell quoted (RFC 4180, inner quotes doubled), numbers and dates bare, missing
    values empty, lines ended with CRLF."""
    head = _csv_bytes(header, [])
    if not columns or len(columns[0]) == 0:
        return head
    names = [f"c{i}" for i in range(len(columns))]
    table = pa.table(columns, names=names)
    sink = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed", eol=LINE_END)
    pacsv.write_csv(table, sink, write_options=options)
    return head + sink.getvalue()


def view_csv(frame: pd.DataFrame) -> bytes:
    """Any display table as the same safe CSV, without its index."""
    header = [cell_text(str(name)) for name in frame.columns]
    columns = [[cell_text(value) for value in frame.iloc[:, i]] for i in range(frame.shape[1])]
    return _csv_bytes(header, _rows(columns, len(frame)))


def _rows(columns: list[list[str]], count: int) -> Iterator[list[str]]:
    return (list(row) for row in zip(*columns, strict=True)) if columns else iter([[]] * count)


# --- manifest ----------------------------------------------------------------------------


def input_fingerprint(dataset: Dataset) -> str:
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


def snapshot_manifest(
    dataset: Dataset,
    view: FilteredView,
    generated_at: datetime | None = None,
    history: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the snapshot holds, how it was selected and which inputs it came from (and,
    given ``history``, the version it was taken from and the changes since `since`)."""
    filters = view.filters
    manifest = {
        "dataset": dataset.title,
        "data_dir": dataset.shown_dir,
        "generated_at": utc_text(generated_at),
        "filters": {
            "words": describe_filters(filters, dataset, view),
            "query": query_string(filters),
            "params": filters_to_query(filters),
        },
        "rows": {name: len(frame) for name, frame in view.tables.items()},
        "input_sha256": input_fingerprint(dataset),
        "generator": GENERATOR,
    }
    if history is not None:
        manifest["history"] = history
    return manifest


def _utc(moment: datetime | None) -> datetime:
    """The moment in UTC to the second (now if None; a naive moment is taken as UTC)."""
    moment = moment or datetime.now(UTC)
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
    return build_descriptor(
        dataset_name(dataset),
        dataset.title,
        description,
        list(view.tables),
        {FORMULA_ESCAPE_PROPERTY: FORMULA_ESCAPE_APOSTROPHE},
    )


def build_snapshot(
    dataset: Dataset,
    view: FilteredView,
    generated_at: datetime | None = None,
    history: dict[str, Any] | None = None,
) -> bytes:
    """A ZIP of the view's tables (as on screen), datapackage.json, manifest.json and the
    cited documents."""
    moment = _utc(generated_at)
    manifest = snapshot_manifest(dataset, view, moment, history)
    descriptor = snapshot_descriptor(dataset, view, manifest["filters"]["words"])
    tables = dict(view.tables)
    tables["sources"], documents = snapshot_documents(dataset, tables["sources"])
    entries: list[tuple[str, Callable[[], bytes]]] = [
        (MANIFEST_NAME, lambda: _json_bytes(manifest)),
        (DESCRIPTOR_NAME, lambda: _json_bytes(descriptor)),
    ]
    entries += [
        (f"{name}.csv", lambda name=name, frame=frame: table_csv(name, frame))
        for name, frame in tables.items()
    ]
    entries += [
        (f"{DOCUMENTS_FOLDER}/{name}", lambda text=text: text.encode("utf-8"))
        for name, text in documents.items()
    ]
    return _zip_bytes(entries, moment)


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
