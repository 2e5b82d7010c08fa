"""The ``confirmations`` filter and what a filtered view keeps of citations and sources.

``confirmations`` (in the link) is the least number of independent confirmations a fact
must have: 0 (the default: every fact), 1, 2 or 3. The counts come from
``dashboard.contract.confirmations``; ``query.selection`` applies them and keeps a view a consistent
data directory (the citations of the rows shown, every source they or the rows cite with the
sources those repeat, and the parties those sources speak for).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

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
