"""How solid a fact is, in words and lists: "3 sources · 2 independent confirmations · 1
contradiction", each source of a row with its reliability, support, quote and origin, the
facts resting on one origin or none, and what each source confirms, reports or contradicts.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.contract import confirmations
from dashboard.contract.schema import FACT_TABLES
from dashboard.query.lookups import party_names


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def solidity_words(sources: int, confirmed: int, contradicted: int) -> str:
    """'3 sources · 2 independent confirmations · 1 contradiction'."""
    return " · ".join(
        (
            _plural(sources, "source", "sources"),
            _plural(confirmed, "independent confirmation", "independent confirmations"),
            _plural(contradicted, "contradiction", "contradictions"),
        )
    )


def row_words(counts: Mapping[str, pd.DataFrame], table: str, line: int) -> str | None:
    """The words for one row of ``table`` (by its line), None when it is not counted."""
    frame = counts.get(table)
    if frame is None or line not in frame.index:
        return None
    row = frame.loc[line]
    return solidity_words(
        int(row["sources"]), int(row["confirmations"]), int(row["contradictions"])
    )


def words_by_id(
    tables: Mapping[str, pd.DataFrame],
    counts: Mapping[str, pd.DataFrame],
    table: str,
    ids: list[str],
) -> list[str]:
    """``solidity_words`` for the rows of ``table`` with these ids, in their order."""
    frame = tables[table]
    lines = pd.Series(frame.index, index=frame[confirmations.ID_COLUMNS[table]].to_numpy())
    rows = counts[table].reindex(lines.reindex(ids).to_numpy()).fillna(0).astype("int64")
    return [
        solidity_words(*values)
        for values in rows[["sources", "confirmations", "contradictions"]].itertuples(index=False)
    ]


def row_sources(tables: Mapping[str, pd.DataFrame], table: str, row: pd.Series) -> pd.DataFrame:
    """Every source of one event or claim: its own first, then its citations; with
    publisher, reliability, support, quote and origin ('via Wire Agency' when it repeats
    another source, 'speaks for Northland' when it speaks for a party)."""
    own_support = "confirms" if row.get("verification") == "verified" else "its own source"
    listed = [{"source_id": row["source_id"], "support": own_support, "quote": row.get("quote")}]
    citations = tables.get("citations")
    id_column = confirmations.ID_COLUMNS.get(table)
    if citations is not None and id_column is not None:
        mine = citations[(citations["table"] == table) & (citations["row_id"] == row[id_column])]
        listed += mine[["source_id", "support", "quote"]].to_dict("records")
    frame = pd.DataFrame(listed)
    sources = tables["sources"].set_index("source_id")
    origins = source_origin_words(tables)
    frame["publisher"] = frame["source_id"].map(sources["publisher"])
    frame["reliability"] = frame["source_id"].map(sources["reliability"])
    frame["origin"] = frame["source_id"].map(origins).fillna("")
    frame["quote"] = frame["quote"].where(frame["quote"].notna(), "")
    return frame[["publisher", "reliability", "support", "quote", "origin", "source_id"]]


def source_origin_words(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Per source_id: 'via <publisher of the source it repeats, at the root>', 'speaks for
    <party>', both, or ''."""
    sources = tables["sources"]
    origins = confirmations.source_origins(sources)
    ids = sources["source_id"]
    publisher = sources.set_index("source_id")["publisher"]
    names = party_names(tables["parties"]) if "parties" in tables else {}
    via = origins["root"].where(origins["root"] != ids.to_numpy()).map(publisher)
    words = ("via " + via.astype("string")).fillna("")  # all missing would be float NaN
    party = origins["origin_party"].map(lambda p: names.get(p, p), na_action="ignore")
    speaks = ("speaks for " + party.astype("string")).fillna("")
    joined = (words + "; " + speaks).str.strip("; ")
    return pd.Series(joined.to_numpy(), index=ids.to_numpy())


def origin_chain(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Per source_id: the chain of sources it repeats, 'Paper B → Paper A → Wire Agency'
    (just its publisher when it repeats nobody)."""
    sources = tables["sources"]
    publisher = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    parent = dict(zip(sources["source_id"], sources.get("derived_from", pd.Series()), strict=False))
    chains = {}
    for source_id in sources["source_id"]:
        chain, current = [], source_id
        while isinstance(current, str) and current not in chain and len(chain) < 20:
            chain.append(current)
            current = parent.get(current)
        chains[source_id] = " → ".join(publisher.get(s, s) for s in chain)
    return pd.Series(chains, dtype="str")


def support_counts(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per source_id, how many rows it confirms, reports or contradicts: citations by
    their support; a row's own source confirms a verified row and reports any other."""
    parts = []
    for name in FACT_TABLES:
        if name in tables:
            table = tables[name]
            support = table["verification"].eq("verified").map({True: "confirms", False: "reports"})
            parts.append(pd.DataFrame({"source_id": table["source_id"], "support": support}))
    if "citations" in tables:
        parts.append(tables["citations"][["source_id", "support"]])
    if not parts:
        return pd.DataFrame(columns=["confirms", "reports", "contradicts"], dtype="int64")
    joined = pd.concat(parts, ignore_index=True)
    counted = joined.groupby(["source_id", "support"]).size().unstack(fill_value=0)
    for column in ("confirms", "reports", "contradicts"):
        if column not in counted:
            counted[column] = 0
    return counted[["confirms", "reports", "contradicts"]].astype("int64")


def one_origin_or_none(
    view_tables: Mapping[str, pd.DataFrame], counts: Mapping[str, pd.DataFrame]
) -> tuple[int, int, int]:
    """(facts in view confirmed by no origin, by exactly one, facts in view)."""
    none = one = total = 0
    for name in FACT_TABLES:
        if name in view_tables and name in counts:
            found = counts[name]["confirmations"].reindex(view_tables[name].index).fillna(0)
            none += int((found == 0).sum())
            one += int((found == 1).sum())
            total += len(found)
    return none, one, total


def origin_words(none: int, one: int, total: int) -> str:
    """'37 of 37 facts in view rest on one origin or none (5 on one, 32 on none)'."""
    noun = "fact" if total == 1 else "facts"
    return (
        f"{none + one:,} of {total:,} {noun} in view rest on one origin or none "
        f"({one:,} on one, {none:,} on none)"
    )
