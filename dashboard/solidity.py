"""The ``confirmations`` filter and what a filtered view keeps of citations and sources.

``confirmations`` (in the link) is the least number of independent confirmations a fact
must have: 0 (the default: every fact), 1, 2 or 3. The counts come from
``dashboard.confirmations``; this module applies them and keeps a view a consistent data
directory: the citations of the rows shown, every source they or the rows cite with the
sources those repeat (``derived_from``), and the parties those sources speak for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard import confirmations
from dashboard.arrowtext import is_in
from dashboard.schema import FACT_TABLES

CONFIRMATION_CHOICES: tuple[int, ...] = (0, 1, 2, 3)


def least_from_query(values: Sequence[str], notices: list[str]) -> int:
    """The first usable value of the link's ``confirmations``; a notice for each other."""
    least = None
    for value in values:
        if value.strip() in {str(choice) for choice in CONFIRMATION_CHOICES}:
            least = int(value) if least is None else least
        else:
            shown = value if len(value) <= 40 else value[:39] + "…"
            notices.append(
                f"confirmations {shown!r} is not one of: "
                f"{', '.join(str(c) for c in CONFIRMATION_CHOICES)} — showing every fact"
            )
    return least or 0


def least_words(least: int) -> str | None:
    """The filter in words for the caption; None when it keeps every fact."""
    if least <= 0:
        return None
    noun = "confirmation" if least == 1 else "confirmations"
    return f"at least {least} independent {noun}"


def confirmed_tables(
    tables: Mapping[str, pd.DataFrame], counts: Mapping[str, pd.DataFrame], least: int
) -> dict[str, pd.DataFrame]:
    """The fact tables present, each cut to the rows with at least ``least`` independent
    confirmations (``counts``: per table, indexed like it)."""
    kept = {name: tables[name] for name in FACT_TABLES if name in tables}
    if least <= 0:
        return kept
    for name, frame in kept.items():
        found = counts[name]["confirmations"].reindex(frame.index).fillna(0)
        kept[name] = frame[(found >= least).to_numpy()]
    return kept


def citations_in_view(citations: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The citations of the events and claims in ``tables``."""
    keep = pd.Series(False, index=citations.index)
    for name, id_column in confirmations.ID_COLUMNS.items():
        if name in tables:
            of_table = citations["table"] == name
            keep |= of_table & is_in(citations["row_id"], tables[name][id_column])
    return citations[keep]


def sources_in_view(sources: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The sources that a shown fact or citation cites, and every source they repeat."""
    cited: set[str] = set()
    for name in (*FACT_TABLES, "citations"):
        if name in tables:
            cited.update(tables[name]["source_id"].dropna().unique())
    if "derived_from" in sources:
        repeats = sources.set_index("source_id")["derived_from"].dropna()
        frontier = cited
        while frontier:  # ancestors, a generation at a time (the loader refused cycles)
            frontier = set(repeats.reindex(list(frontier)).dropna()) - cited
            cited |= frontier
    return sources[sources["source_id"].isin(cited)]


def speaking_parties(sources: pd.DataFrame) -> set[str]:
    """The parties the given sources speak for."""
    if "party_id" not in sources:
        return set()
    return set(sources["party_id"].dropna().unique())


def count_columns(dataset_counts: Mapping[str, pd.DataFrame], name: str, frame: pd.DataFrame):
    """The two counts for the rows of ``frame`` (a table of the dataset, or part of it), as
    (independent confirmations, contradictions) Series on its index; None for a table
    that is not counted."""
    counts = dataset_counts.get(name)
    if counts is None:
        return None
    aligned = counts.reindex(frame.index).fillna(0).astype("int64")
    return aligned["confirmations"], aligned["contradictions"]
