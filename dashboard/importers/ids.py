"""Ids of what an import writes: events from the export's own ids, parties from names."""

from __future__ import annotations

import pandas as pd

from dashboard.contract import schema
from dashboard.contract.rules import Rows
from dashboard.importers.cells import typed_table
from dashboard.importers.names import ids_for_names, renamed_problems

# --- ids ---------------------------------------------------------------------------------


def event_ids(rows: Rows, column: str, prefix: str) -> pd.Series:
    """``prefix-<id>`` from the export's own ids; a row with an empty or unusable id is
    reported."""
    lowered = rows.text(column).str.lower()
    usable = lowered.str.fullmatch(r"[a-z0-9][a-z0-9-]*")
    rule = f"{column} must be letters, digits and '-'; row not imported"
    rows.reject(~usable, column, "id", rule)
    return prefix + "-" + lowered


def reject_repeated_ids(rows: Rows, ids: pd.Series, column: str) -> None:
    """Among the rows still good, a second row with an id already seen is reported
    (call it after the other checks, so the first is one that is imported)."""
    kept = ids[rows.ok]
    repeated = kept.duplicated(keep="first")
    if not repeated.any():
        return
    first_line = pd.Series(kept[~repeated].index, index=kept[~repeated].to_numpy())
    original = kept[repeated].map(first_line)
    messages = "the same " + column + " is already on line " + original.astype("str")
    rows.reject(
        pd.Series(rows.index.isin(original.index), index=rows.index),
        column,
        "duplicate-id",
        (messages + "; this row is not imported").reindex(rows.index),
    )


# --- parties -----------------------------------------------------------------------------


def parties_table(sides: pd.DataFrame, rows: Rows) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parties from ``sides`` (columns ``name``, ``role``, ``line`` and ``column``, one row
    per appearance): one per id, its most frequent spelling as name, its most frequent
    role (ties: the first in the contract's order, belligerent first). Names whose ids
    were changed or shared are warnings. Returns the table and name -> id."""
    sides = sides[sides["name"] != ""]
    names = ids_for_names(sides["name"].value_counts(sort=False), "party")
    rows.problems += renamed_problems(rows.file_name, names, sides, "", "party")
    id_of, shown = names.id_of, names.shown
    sides = sides.assign(party_id=sides["name"].map(id_of))
    votes = sides.groupby(["party_id", "role"], sort=False).size().reset_index(name="n")
    votes["rank"] = votes["role"].map({role: i for i, role in enumerate(schema.ROLES)})
    votes = votes.sort_values(["party_id", "n", "rank"], ascending=[True, False, True])
    role = votes.drop_duplicates("party_id").set_index("party_id")["role"]
    ids = sorted(shown)
    parties = pd.DataFrame(
        {
            "party_id": ids,
            "name": [shown[i] for i in ids],
            "role": [role[i] for i in ids],
            "color": [None] * len(ids),
        }
    )
    return typed_table("parties", parties), id_of
