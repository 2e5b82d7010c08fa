"""How solid each fact is: its sources, independent confirmations and contradictions.

The contract's counting rule (shared/data-contract.md, citations.csv): a source's *origin* is
its party when it has a ``party_id``, otherwise the root of its ``derived_from`` chain
(itself when it repeats nobody). A root that speaks for a party gives its party as origin to
every source repeating it, so a paper reprinting a ministry's statement is that party, not a
second origin. The **independent confirmations** of a row are the distinct origins among the
sources that ``confirm`` it (citations.csv), where the row's own source confirms when the
row is ``verified``; for a claim, sources whose origin is the claiming party never count.
**Contradictions** are counted the same way over ``contradicts``.

Everything here is vectorised over integer codes (a million events with three million
citations are counted in about a second) and works on any tables with the contract's
columns: a loaded dataset or a filtered view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.arrowtext import arrow_text
from dashboard.contract.schema import FACT_TABLES

ID_COLUMNS = {"events": "event_id", "claims": "claim_id"}
# Fact tables whose rows are counted: citations may cite events and claims; a crossing
# report has only its own source.
COUNTED_TABLES = FACT_TABLES
COUNT_COLUMNS = ("sources", "confirmations", "contradictions")
MEMO_KEY = ("fact-counts",)
PARTY_ORIGIN = "party:"
SOURCE_ORIGIN = "source:"
_SUPPORT_CODES = {"confirms": 0, "reports": 1, "contradicts": 2}
_OWN = 3  # the row's own source when the row is not verified: counted as a source only


def counts_of(dataset: Any) -> dict[str, pd.DataFrame]:
    """``fact_counts`` of a loaded dataset's tables, computed once per data version."""
    return dataset.memo.get(MEMO_KEY, lambda: fact_counts(dataset.tables))


def positions(values: pd.Series, ids: pd.Series) -> np.ndarray:
    """For each value, its position in ``ids`` (unique), or -1 when absent or empty."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    haystack = arrow_text(ids)
    if isinstance(haystack, pa.ChunkedArray):
        haystack = haystack.combine_chunks()
    found = pc.index_in(arrow_text(values), value_set=haystack)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def chain_roots(source_ids: pd.Series, derived_from: pd.Series) -> np.ndarray:
    """For each source (by position), the position of the root of its derived_from chain;
    -1 when the chain runs into a cycle (a source that repeats itself included). A
    derived_from naming no listed source ends the chain there."""
    count = len(source_ids)
    own = np.arange(count, dtype=np.int64)
    parent = positions(derived_from, source_ids)
    self_reference = parent == own
    parent = np.where(parent < 0, own, parent)
    is_root = (parent == own) & ~self_reference
    for _ in range(max(1, int(np.ceil(np.log2(max(count, 2))))) + 1):
        jumped = parent[parent]
        if np.array_equal(jumped, parent):
            break
        parent = jumped
    return np.where(is_root[parent], parent, -1)


def cycle_words(source_ids: pd.Series, derived_from: pd.Series, start: int, limit: int = 6) -> str:
    """The chain from one source as words, 'a → b → a', cut after ``limit`` steps."""
    ids = list(source_ids)
    parents = positions(derived_from, source_ids)
    seen: list[int] = []
    position = start
    while position >= 0 and position not in seen and len(seen) < limit:
        seen.append(position)
        position = int(parents[position])
    names = [ids[p] for p in seen]
    if position >= 0:
        names.append(ids[position] if position in seen else "…")
    return " → ".join(names)


def source_origins(sources: pd.DataFrame) -> pd.DataFrame:
    """Per source (same index and order): ``root`` (the source at the end of its chain;
    missing in a cycle),
    ``origin`` ('party:north' or 'source:wire-1') and ``origin_party`` (the party it speaks
    for, itself or through its root; missing when none)."""
    ids = sources["source_id"]
    party = _optional_column(sources, "party_id")
    roots = chain_roots(ids, _optional_column(sources, "derived_from"))
    rooted = roots >= 0
    own_ids = ids.to_numpy(dtype=object)
    root_ids = np.where(rooted, own_ids[np.where(rooted, roots, 0)], None)
    party_values = party.to_numpy(dtype=object, na_value=None)
    root_party = np.where(rooted, party_values[np.where(rooted, roots, 0)], None)
    origin_party = np.where(pd.isna(party_values), root_party, party_values)
    origin = np.where(
        pd.notna(origin_party),
        PARTY_ORIGIN + pd.Series(origin_party, dtype=object).fillna("").to_numpy(dtype=object),
        SOURCE_ORIGIN + np.where(rooted, root_ids, own_ids),  # a cycle: each its own origin
    )
    frame = pd.DataFrame(
        {"root": root_ids, "origin": origin, "origin_party": origin_party}, index=sources.index
    )
    return frame.astype("str")


def fact_counts(
    tables: Mapping[str, pd.DataFrame], cited_positions: Mapping[str, np.ndarray] | None = None
) -> dict[str, pd.DataFrame]:
    """Per counted table present: ``sources``, ``confirmations`` and ``contradictions`` of
    each row (int64 columns, indexed like the table). ``cited_positions``: per cited table,
    the position in it of each citation naming it (in citation order), when already known."""
    sources = tables["sources"]
    present = [name for name in COUNTED_TABLES if name in tables]
    sizes = [len(tables[name]) for name in present]
    offsets = dict(zip(present, np.cumsum([0, *sizes[:-1]]), strict=True))
    total = int(sum(sizes))
    origins = source_origins(sources)
    origin_code = pd.factorize(origins["origin"])[0].astype(np.int64)
    party_ids = pd.Series(
        pd.unique(pd.concat([origins["origin_party"].dropna(), *_claimants(tables)]))
    )
    origin_party = positions(origins["origin_party"], party_ids)
    claimant = np.full(total, -1, dtype=np.int64)
    if "claims" in offsets:
        start = offsets["claims"]
        claimant[start : start + len(tables["claims"])] = positions(
            tables["claims"]["party_id"], party_ids
        )
    rows, cited, support = _own_sources(tables, present, offsets, sources)
    extra = _citations(tables, offsets, sources, cited_positions or {})
    if extra is not None:
        rows = np.concatenate((rows, extra[0]))
        cited = np.concatenate((cited, extra[1]))
        support = np.concatenate((support, extra[2]))
    known = cited >= 0
    rows, cited, support = rows[known], cited[known], support[known]
    counted = ~((claimant[rows] >= 0) & (origin_party[cited] == claimant[rows]))
    width = int(origin_code.max()) + 1 if len(origin_code) else 1
    confirming = counted & (support == 0)
    contradicting = counted & (support == 2)
    columns = {
        "sources": _distinct_per_row(rows, cited, len(sources), total),
        "confirmations": _distinct_per_row(
            rows[confirming], origin_code[cited[confirming]], width, total
        ),
        "contradictions": _distinct_per_row(
            rows[contradicting], origin_code[cited[contradicting]], width, total
        ),
    }
    result = {}
    for name in present:
        start, size = offsets[name], len(tables[name])
        part = {key: values[start : start + size] for key, values in columns.items()}
        result[name] = pd.DataFrame(part, index=tables[name].index)
    return result


def _distinct_per_row(rows: np.ndarray, values: np.ndarray, width: int, total: int) -> np.ndarray:
    """How many distinct ``values`` each row (0 … total-1) has."""
    if len(rows) == 0:
        return np.zeros(total, dtype=np.int64)
    keys = np.sort(rows.astype(np.int64) * max(width, 1) + values)  # sorting beats hashing
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return np.bincount(keys[first] // max(width, 1), minlength=total).astype(np.int64)


def _claimants(tables: Mapping[str, pd.DataFrame]) -> list[pd.Series]:
    return [tables["claims"]["party_id"].dropna()] if "claims" in tables else []


def _own_sources(
    tables: Mapping[str, pd.DataFrame],
    present: list[str],
    offsets: Mapping[str, int],
    sources: pd.DataFrame,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's own source: it confirms a verified row and only counts as a source else."""
    rows, cited, support = [], [], []
    for name in present:
        table = tables[name]
        rows.append(offsets[name] + np.arange(len(table), dtype=np.int64))
        cited.append(positions(table["source_id"], sources["source_id"]))
        verified = (table["verification"] == "verified").to_numpy(dtype=bool, na_value=False)
        support.append(np.where(verified, 0, _OWN).astype(np.int8))
    if not rows:
        return (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int8))
    return np.concatenate(rows), np.concatenate(cited), np.concatenate(support)


def _citations(
    tables: Mapping[str, pd.DataFrame],
    offsets: Mapping[str, int],
    sources: pd.DataFrame,
    known: Mapping[str, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The citations of the rows present, as (row code, source position, support code)."""
    citations = tables.get("citations")
    if citations is None or citations.empty:
        return None
    rows = np.full(len(citations), -1, dtype=np.int64)
    kind = citations["table"]
    for name, id_column in ID_COLUMNS.items():
        if name not in offsets:
            continue
        mask = (kind == name).to_numpy(dtype=bool, na_value=False)
        found = known.get(name)
        if found is None or len(found) != int(mask.sum()):
            found = positions(citations["row_id"][mask], tables[name][id_column])
        rows[mask] = np.where(found >= 0, offsets[name] + found, -1)
    cited = positions(citations["source_id"], sources["source_id"])
    codes = pd.Series(list(_SUPPORT_CODES), dtype="str")
    found = positions(citations["support"], codes)  # the codes are the positions
    support = np.where(found >= 0, found, _OWN).astype(np.int8)
    keep = rows >= 0
    return rows[keep], cited[keep], support[keep]


def _optional_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column that older tables may lack, as text (missing when absent)."""
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="str")
