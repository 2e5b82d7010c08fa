"""Id lookups: a party's name, a table's row by its id."""

from __future__ import annotations

import pandas as pd


def party_names(parties: pd.DataFrame) -> dict[str, str]:
    """party_id -> display name."""
    return dict(zip(parties["party_id"], parties["name"].astype(str), strict=True))


def party_name(parties: pd.DataFrame, party_id: str) -> str:
    """The party's name, or its id when the parties table does not have it."""
    match = parties.loc[parties["party_id"] == party_id, "name"]
    return str(match.iloc[0]) if len(match) else str(party_id)


def row_by_id(table: pd.DataFrame, key: str, value: str) -> pd.Series | None:
    """The first row whose ``key`` column equals ``value``, or None."""
    match = table[table[key] == value]
    return None if match.empty else match.iloc[0]


def given_values(table: pd.DataFrame, key: str, column: str) -> dict[str, str]:
    """key -> column for the rows where column is given."""
    given = table[table[column].notna()]
    return dict(zip(given[key], given[column], strict=True))
