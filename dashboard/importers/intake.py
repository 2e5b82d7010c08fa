"""Reading an export's bytes within the table size limit, refusing a file that is too
large, not UTF-8 text, or has no header line before more than its first bytes are read."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dashboard.contract import limits
from dashboard.contract.csvread import HEADER_BYTES, HEADER_LIMIT, header_names
from dashboard.contract.filehead import HEAD_BYTES, encoding_refusal
from dashboard.importers.failure import ImportFailure

_LINE_END = re.compile(rb"[\r\n]")


def read_head(path: Path) -> bytes:
    """The export's first 64 KiB, after the checks ``read_input`` makes on them."""
    refusal = limits.size_refusal(path, limits.TABLE)
    if refusal is not None:
        raise ImportFailure(f"{path.name}: {refusal}")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise ImportFailure(f"{path}: cannot be read: {error.strerror or error}") from None
    _check_head(path.name, head)
    return head


def head_header(head: bytes) -> list[str] | None:
    """The header names in the first bytes, lower case; None when they cannot be told
    there (the whole read reports why)."""
    try:
        names = header_names(head)
    except (ValueError, csv.Error):
        return None
    return None if names is None else [name.strip().lower() for name in names]


def read_input(path: Path) -> bytes:
    """The export's bytes. ImportFailure, with at most its first 64 KiB read, when it is
    larger than the table limit (``DASHBOARD_MAX_TABLE_MB``), UTF-16/32 or NUL bytes, or
    its first line is longer than any header; the limit also holds for a file that grows
    or a device that never ends."""
    refusal = limits.size_refusal(path, limits.TABLE)
    if refusal is not None:
        raise ImportFailure(f"{path.name}: {refusal}")
    limit = limits.TABLE.bytes()
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            _check_head(path.name, head)
            handle.seek(0)  # one buffer for the whole file, not the head and a copy
            data = handle.read(limit + 1)
    except OSError as error:
        raise ImportFailure(f"{path}: cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise ImportFailure(
            f"{path.name}: table file is more than the limit of {limit // limits.MEGABYTE:,} MB "
            f"set by {limits.TABLE.variable}; refused"
        )
    return data


def _check_head(file_name: str, head: bytes) -> None:
    wrong_encoding = encoding_refusal(file_name, head)
    if wrong_encoding is not None:
        raise ImportFailure(wrong_encoding)
    if len(head) > HEADER_BYTES and _LINE_END.search(head, 0, HEADER_BYTES) is None:
        raise ImportFailure(
            f"{file_name}:1: header row cannot be read: it is longer than {HEADER_LIMIT:,} "
            "characters (no line ends within its first "
            f"{HEADER_BYTES:,} bytes); is this a CSV export?"
        )
