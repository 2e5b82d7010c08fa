"""The edits of issue 20's acceptance test, made to a copy of the curated data: a new
event, a claim graded `disputed`, Torkham reopened, a claim removed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from dashboard.contract.dataset import DEFAULT_DATA_DIR

NEW_EVENT = "torkham-reopens"
DISPUTED_CLAIM = "pak-soldiers-killed-afg"
REMOVED_CLAIM = "durand-line-status-afg"


def curated_copy(folder: Path) -> Path:
    """A copy of data/ (its documents stay behind: their quotes are not checked there)."""
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    return folder


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def dispute_claim(folder: Path) -> Path:
    """The first edit alone: the claim graded `disputed`."""
    header, claims = _rows(folder / "claims.csv")
    for claim in claims:
        if claim["claim_id"] == DISPUTED_CLAIM:
            claim["verification"] = "disputed"
    _write(folder / "claims.csv", header, claims)
    return folder


def edit_curated(folder: Path) -> Path:
    """Make the four edits in ``folder`` (a copy of data/)."""
    header, events = _rows(folder / "events.csv")
    events.append(
        {
            **dict.fromkeys(header, ""),
            "event_id": NEW_EVENT,
            "date_start": "2025-10-20",
            "title": "Torkham crossing reopens to trade",
            "event_type": "crossing",
            "location": "Torkham",
            "verification": "reported",
            "source_id": "agencies-2025-10-12",
        }
    )
    _write(folder / "events.csv", header, events)
    header, claims = _rows(folder / "claims.csv")
    for claim in claims:
        if claim["claim_id"] == DISPUTED_CLAIM:
            claim["verification"] = "disputed"
    claims = [c for c in claims if c["claim_id"] != REMOVED_CLAIM]
    _write(folder / "claims.csv", header, claims)
    header, reports = _rows(folder / "crossing_status.csv")
    reports.append(
        {
            **dict.fromkeys(header, ""),
            "crossing_id": "torkham",
            "as_of": "2025-10-20",
            "status": "open",
            "detail": "reopened to trade",
            "verification": "reported",
            "source_id": "agencies-2025-10-12",
        }
    )
    _write(folder / "crossing_status.csv", header, reports)
    return folder
