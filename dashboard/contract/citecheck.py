"""The loader's rules for citations.csv and the sources' derived_from and party_id columns.

The checked tables are the loader's ``_Checked`` values (text cells, an ``ok`` mask, and
``reject``/``warn``); this module only decides which rows break which rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from dashboard.contract import confirmations
from dashboard.contract.problems import Problem

CYCLE_RULE = "derived-from-cycle"
UNCONFIRMED_RULE = "independent-confirmation"


def reject_derived_cycles(sources: Any) -> None:
    """Reject every source whose derived_from chain runs in a cycle (or into one): its
    origin cannot be found. The message shows the chain."""
    ok = sources.ok.to_numpy()
    frame = sources.frame[ok]
    if frame.empty or not (frame["derived_from"] != "").any():
        return
    ids, derived = frame["source_id"], frame["derived_from"].where(frame["derived_from"] != "")
    roots = confirmations.chain_roots(ids, derived)
    for position in np.flatnonzero(roots < 0):
        line = frame.index[position]
        chain = confirmations.cycle_words(ids, derived, int(position))
        mask = pd.Series(sources.frame.index == line, index=sources.frame.index)
        sources.reject(
            mask,
            "derived_from",
            CYCLE_RULE,
            f"the derived_from chain runs in a cycle ({chain}), so no source it repeats is "
            "the original: its origin cannot be counted",
        )


def check_cited_rows(citations: Any, checked: Mapping[str, Any]) -> None:
    """row_id must name a kept row of the table that ``table`` names."""
    frame = citations.frame
    present = citations.ok & (frame["row_id"] != "")
    for name, id_column in confirmations.ID_COLUMNS.items():
        of_table = present & (frame["table"] == name)
        if not of_table.any():
            continue
        target = checked.get(name)
        if target is None:
            citations.reject(
                of_table,
                "row_id",
                "foreign-key",
                f"{name}.csv is missing, so no {id_column} can be found",
            )
            continue
        listed = target.frame[id_column]
        wanted = of_table.to_numpy(dtype=bool)
        found = _positions_of(frame["row_id"], wanted, listed)
        in_listed = _spread(found >= 0, wanted)
        in_kept = in_listed
        if target.ok.all():  # the positions in the table as loaded: kept for the counting
            citations.cited_positions[name] = found
        else:  # some rows of the target were rejected: look again
            kept = listed[target.ok.to_numpy()]
            in_kept = _spread(_positions_of(frame["row_id"], wanted, kept) >= 0, wanted)
        citations.reject(
            of_table & ~in_listed,
            "row_id",
            "foreign-key",
            f"no row of {name}.csv has this {id_column}",
        )
        citations.reject(
            of_table & in_listed & ~in_kept,
            "row_id",
            "foreign-key",
            f"the row of {name}.csv with this {id_column} was rejected (see its own problem)",
        )


def _positions_of(values: pd.Series, wanted: np.ndarray, ids: pd.Series) -> np.ndarray:
    """``confirmations.positions`` of the wanted values: a few looked up alone, most of
    them looked up with the rest (no copy of the wanted cells)."""
    if wanted.mean() < 0.5:
        return confirmations.positions(values[wanted], ids)
    return confirmations.positions(values, ids)[wanted]


def _spread(found: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``found`` (one per wanted row) over all rows: False where not wanted."""
    spread = np.zeros(len(wanted), dtype=bool)
    spread[wanted] = found
    return spread


def may_warn(tables: Mapping[str, pd.DataFrame]) -> bool:
    """Whether a verified row can lack an independent confirmation: only when a source
    speaks for a party (a claimant's own) or citations exist; else every verified row has
    its own source's origin."""
    has_party = tables["sources"]["party_id"].notna().any()
    return bool(has_party) or "citations" in tables


def unconfirmed_warnings(
    tables: Mapping[str, pd.DataFrame], counts: Mapping[str, pd.DataFrame]
) -> list[Problem]:
    """A warning (never an error) for each verified row with no independent confirmation."""
    problems: list[Problem] = []
    for name, frame in counts.items():
        table = tables[name]
        lone = (table["verification"] == "verified") & (frame["confirmations"] == 0)
        for line in table.index[lone.to_numpy(dtype=bool, na_value=False)]:
            problems.append(
                Problem(
                    f"{name}.csv",
                    int(line),
                    "verification",
                    "verified",
                    UNCONFIRMED_RULE,
                    "the row is verified but no independent source confirms it (its own "
                    "source speaks for the claiming party, and no citation confirms it)",
                    "warning",
                )
            )
    return problems
