"""What the loader agrees to read: files inside the data directory, and not too large.

Limits are set in megabytes by environment variables (see the README); the defaults leave
a million-event dataset working and refuse a file that would take minutes and gigabytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """A size limit for one kind of file, and the environment variable that sets it."""

    noun: str
    variable: str
    default_mb: int

    def bytes(self, environ: Mapping[str, str] | None = None) -> int:
        """The limit in bytes: the variable's whole number of megabytes, else the default."""
        value = (os.environ if environ is None else environ).get(self.variable, "").strip()
        megabytes = int(value) if value.isdigit() and int(value) > 0 else self.default_mb
        return megabytes * MEGABYTE


TABLE = Limit("table", "DASHBOARD_MAX_TABLE_MB", 512)
DOCUMENT = Limit("document", "DASHBOARD_MAX_DOCUMENT_MB", 20)
DESCRIPTOR = Limit("datapackage.json", "DASHBOARD_MAX_DESCRIPTOR_MB", 1)


def inside(directory: Path, path: Path) -> bool:
    """Whether ``path``, links followed, lies inside ``directory``."""
    return path.resolve().is_relative_to(directory.resolve())


def size_refusal(path: Path, limit: Limit) -> str | None:
    """Why a file is too large to read (None when it is not, or cannot be measured)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= limit.bytes():
        return None
    return (
        f"{limit.noun} file is {size / MEGABYTE:,.0f} MB, more than the limit of "
        f"{limit.bytes() // MEGABYTE:,} MB set by {limit.variable}; refused unread"
    )


def refusal(directory: Path, path: Path, limit: Limit) -> str | None:
    """Why a file of the data directory is not read: it links outside, or it is too large."""
    if not inside(directory, path):
        return f"{limit.noun} file is a link to a place outside the data directory; refused unread"
    return size_refusal(path, limit)
