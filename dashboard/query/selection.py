"""Which rows of each shared table a filter keeps, as boolean masks over the whole table
(``filters.apply_filters`` turns them into the row positions of a ``ViewTables``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.contract.arrowtext import is_in
from dashboard.contract.confirmations import ID_COLUMNS, counts_of
from dashboard.contract.schema import FACT_TABLES, VERIFIED
from dashboard.query.dates import event_ends

if TYPE_CHECKING:
    from dashboard.contract.loader import Dataset
    from dashboard.query.filters import Filters

PARTY_COLUMNS = {
    "events": ("actor", "target"),
    "claims": ("party_id",),
    "crossings": ("party_a", "party_b"),
}
Column = Callable[[str, str], pd.Series]  # (table, column) -> that column of the kept rows


def overlaps(
    starts: pd.Series, ends: pd.Series, date_from: date | None, date_to: date | None
) -> pd.Series:
    """Rows whose [start, end] range (end empty = start) overlaps [date_from, date_to]."""
    ends = ends.fillna(starts)
    keep = pd.Series(True, index=starts.index)
    if date_from is not None:
        keep &= ends >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= starts <= pd.Timestamp(date_to)
    return keep


def verification_mask(values: pd.Series, choice: str) -> pd.Series:
    """'verified' keeps only verified rows; 'unverified' keeps reported, claimed, disputed."""
    if choice == "verified":
        return values == VERIFIED
    if choice == "unverified":
        return values != VERIFIED
    return pd.Series(True, index=values.index)


def event_mask(events: pd.DataFrame, filters: Filters) -> np.ndarray:
    keep = overlaps(events["date_start"], event_ends(events), filters.date_from, filters.date_to)
    keep &= verification_mask(events["verification"], filters.verification)
    if filters.parties:
        keep &= events["actor"].isin(filters.parties) | events["target"].isin(filters.parties)
    if filters.types:
        keep &= events["event_type"].isin(filters.types)
    return keep.to_numpy(dtype=bool)


def claim_masks(
    claims: pd.DataFrame,
    topics: pd.DataFrame,
    events: pd.DataFrame,
    shown_events: np.ndarray,
    filters: Filters,
    allowed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(claims kept, topics kept, which kept topics lose their event link because the event
    is outside the view). Claims go by date, verification and the type of their topic's
    event; the party filter selects topics (see ``topics_of_parties``) and keeps every
    party's claims on them, so a comparison keeps both sides. ``allowed`` (the confirmations
    filter) rules claims out before any of that."""
    keep = overlaps(claims["date"], claims["date"], filters.date_from, filters.date_to)
    if allowed is not None:
        keep &= allowed
    keep &= verification_mask(claims["verification"], filters.verification)
    if filters.types:
        event_types = events.set_index("event_id")["event_type"]
        topic_type = topics.set_index("topic_id")["event_id"].map(event_types)
        allowed = topic_type.isna() | topic_type.isin(filters.types)
        keep &= claims["topic_id"].map(allowed).fillna(True).astype(bool)
    if filters.parties:
        kept = claims.loc[keep.to_numpy(dtype=bool), ["party_id", "topic_id"]]
        chosen = topics_of_parties(kept, topics, events, filters.parties)
        keep &= claims["topic_id"].isin(chosen)
    keep_claims = keep.to_numpy(dtype=bool)
    keep_topics = topics["topic_id"].isin(claims["topic_id"][keep_claims]).to_numpy(dtype=bool)
    linked = topics["event_id"][keep_topics]
    outside = linked.notna() & ~is_in(linked, events["event_id"][shown_events])
    return keep_claims, keep_topics, outside.to_numpy(dtype=bool)


def topics_of_parties(
    claims: pd.DataFrame, topics: pd.DataFrame, events: pd.DataFrame, parties: Sequence[str]
) -> set[str]:
    """Topics on which a chosen party takes a position (among ``claims``) or whose event
    has a chosen party as actor or target."""
    chosen = set(claims.loc[claims["party_id"].isin(parties), "topic_id"])
    involved = events["actor"].isin(parties) | events["target"].isin(parties)
    their_events = set(events.loc[involved, "event_id"])
    chosen.update(topics.loc[topics["event_id"].isin(their_events), "topic_id"])
    return chosen


def crossing_mask(crossings: pd.DataFrame, parties: Sequence[str]) -> np.ndarray:
    if not parties:
        return np.ones(len(crossings), dtype=bool)
    sides = crossings["party_a"].isin(parties) | crossings["party_b"].isin(parties)
    return sides.to_numpy(dtype=bool)


def status_mask(status: pd.DataFrame, crossing_ids: pd.Series, filters: Filters) -> np.ndarray:
    """Reports on kept crossings by date and verification; type must admit 'crossing'."""
    keep = status["crossing_id"].isin(crossing_ids)
    keep &= overlaps(status["as_of"], status["as_of"], filters.date_from, filters.date_to)
    keep &= verification_mask(status["verification"], filters.verification)
    if filters.types and "crossing" not in filters.types:
        keep &= False
    return keep.to_numpy(dtype=bool)


def parties_mask(
    parties: pd.DataFrame, column: Column, present: Sequence[str], selected: Sequence[str]
) -> np.ndarray:
    """The selected parties and every party a kept row points at."""
    if not selected:
        return np.ones(len(parties), dtype=bool)
    wanted = set(selected)
    for name, names in PARTY_COLUMNS.items():
        if name in present:
            for one in names:
                wanted.update(column(name, one).dropna().unique())
    return parties["party_id"].isin(wanted).to_numpy(dtype=bool)


def confirmed_masks(dataset: Dataset, least: int) -> dict[str, np.ndarray]:
    """Per fact table, the rows with at least ``least`` independent confirmations (every row
    when ``least`` is 0)."""
    tables = dataset.tables
    if least <= 0:
        return {
            name: np.ones(len(tables[name]), dtype=bool) for name in FACT_TABLES if name in tables
        }
    counts = counts_of(dataset)
    return {
        name: (
            counts[name]["confirmations"].reindex(tables[name].index).fillna(0) >= least
        ).to_numpy(dtype=bool)
        for name in FACT_TABLES
        if name in tables
    }


def citations_mask(citations: pd.DataFrame, column: Column, present: Sequence[str]) -> np.ndarray:
    """The citations of the kept events and claims."""
    keep = np.zeros(len(citations), dtype=bool)
    for name, id_column in ID_COLUMNS.items():
        if name in present:
            of_table = (citations["table"] == name).to_numpy(dtype=bool)
            keep |= of_table & is_in(citations["row_id"], column(name, id_column)).to_numpy(
                dtype=bool
            )
    return keep


def sources_mask(sources: pd.DataFrame, column: Column, present: Sequence[str]) -> np.ndarray:
    """The sources that a kept fact or citation cites, and every source they repeat."""
    cited: set[str] = set()
    for name in (*FACT_TABLES, "citations"):
        if name in present:
            cited.update(column(name, "source_id").dropna().unique())
    if "derived_from" in sources:
        repeats = sources.set_index("source_id")["derived_from"].dropna()
        frontier = cited
        while frontier:  # ancestors, a generation at a time (the loader refused cycles)
            frontier = set(repeats.reindex(list(frontier)).dropna()) - cited
            cited |= frontier
    return sources["source_id"].isin(cited).to_numpy(dtype=bool)
