"""The dashboard's filters and what they select (in words: ``words``; in a link: ``link``).

A ``Filters`` value is applied to a loaded ``Dataset`` with ``apply_filters``; the result
is a ``FilteredView`` whose tables are themselves a consistent data directory (every id a
row points at is present), so a snapshot of it loads back as exactly the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from dashboard.contract.dataset import Dataset
from dashboard.query import selection, solidity
from dashboard.query.viewtables import ViewTables, positions
from dashboard.runtime.memosize import estimate_bytes

VerificationChoice = Literal["all", "verified", "unverified"]
VERIFICATION_CHOICES: tuple[str, ...] = ("all", "verified", "unverified")


@dataclass(frozen=True)
class Filters:
    """What the user selected; empty tuples and None mean 'no restriction'."""

    parties: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    verification: VerificationChoice = "all"
    types: tuple[str, ...] = ()
    confirmations: int = 0  # least independent confirmations a fact must have

    def is_default(self) -> bool:
        return self == Filters()


@dataclass
class FilteredView:
    """The filtered tables (same names and columns as the dataset, as row selections of the
    shared tables: see ``ViewTables``)."""

    filters: Filters
    tables: Mapping[str, pd.DataFrame]

    def has(self, *names: str) -> bool:
        return all(name in self.tables for name in names)

    def row_count(self, name: str) -> int:
        """Rows kept of a table (0 when the view lacks it), without copying any."""
        if name not in self.tables:
            return 0
        if isinstance(self.tables, ViewTables):
            return self.tables.row_count(name)
        return len(self.tables[name])

    def memo_bytes(self) -> int:
        """What the view holds of its own (see ``memosize``): its row positions."""
        if isinstance(self.tables, ViewTables):
            return 256 + self.tables.memo_bytes()
        return 256 + sum(estimate_bytes(frame) for frame in self.tables.values())


def apply_filters(dataset: Dataset, filters: Filters) -> FilteredView:
    """Every table filtered as the dashboard shows it (row selections, not copies)."""
    tables = dataset.tables
    masks: dict[str, np.ndarray] = {}
    blanks: dict[str, tuple[str, np.ndarray]] = {}
    if not filters.is_default():  # else nothing to select but the sources that rows cite
        least = selection.confirmed_masks(dataset, filters.confirmations)
        masks["events"] = selection.event_mask(tables["events"], filters) & least["events"]
        if dataset.has("topics", "claims"):
            claims, topics, outside = selection.claim_masks(
                tables["claims"],
                tables["topics"],
                tables["events"],
                masks["events"],
                filters,
                least.get("claims"),
            )
            masks["claims"], masks["topics"] = claims, topics
            if outside.any():  # topics whose event lies outside the view lose the link
                blanks["topics"] = ("event_id", np.flatnonzero(outside))
        elif dataset.has("topics"):
            masks["topics"] = np.zeros(len(tables["topics"]), dtype=bool)
        if dataset.has("crossings"):
            masks["crossings"] = selection.crossing_mask(tables["crossings"], filters.parties)
        if dataset.has("crossings", "crossing_status"):
            kept = tables["crossings"]["crossing_id"][masks["crossings"]]
            masks["crossing_status"] = selection.status_mask(
                tables["crossing_status"], kept, filters
            ) & least.get("crossing_status", True)
    rows = {name: positions(masks[name]) if name in masks else None for name in tables}
    view = ViewTables(tables, rows, filters, dataset.memo, blanks)
    present = [name for name in rows if name not in ("citations", "sources", "parties")]
    if dataset.has("citations"):
        rows["citations"] = positions(
            selection.citations_mask(tables["citations"], view.column, present)
        )
        present.append("citations")
    rows["sources"] = positions(selection.sources_mask(tables["sources"], view.column, present))
    speakers = solidity.speaking_parties(view["sources"]) if filters.parties else set()
    rows["parties"] = positions(
        selection.parties_mask(
            tables["parties"], view.column, present, (*filters.parties, *speakers)
        )
    )
    return FilteredView(filters, view)
