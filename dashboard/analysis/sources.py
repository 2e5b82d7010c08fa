"""The sources view: who said what, how reliable they are, and where they are quoted."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.analysis import citelist
from dashboard.contract.schema import FACT_TABLES, RELIABILITY_MEANING
from dashboard.query.lookups import party_names


def citation_counts(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """How many fact rows (events, claims, crossing reports) cite each source_id."""
    cited = [tables[name]["source_id"] for name in FACT_TABLES if name in tables]
    if not cited:
        return pd.Series(dtype="int64")
    return pd.concat(cited).value_counts()


def sources_frame(sources: pd.DataFrame, shown: pd.Series, total: pd.Series) -> pd.DataFrame:
    """One row per source: publisher, date, grade with its meaning, rows citing it, link."""
    frame = sources[["source_id", "title", "publisher", "published", "reliability", "url"]].copy()
    frame["reliability_meaning"] = frame["reliability"].map(RELIABILITY_MEANING)
    frame["rows_in_view"] = frame["source_id"].map(shown).fillna(0).astype("int64")
    frame["rows_in_data"] = frame["source_id"].map(total).fillna(0).astype("int64")
    frame["has_document"] = sources["document"].notna().to_numpy()
    return frame.reset_index(drop=True)


def with_origins(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The sources frame with each source's origin chain, the party it speaks for and how
    many rows it confirms, reports or contradicts (in the whole data)."""
    sources = tables["sources"].set_index("source_id")
    names = party_names(tables["parties"])
    result = frame.copy()
    result["origin_chain"] = result["source_id"].map(citelist.origin_chain(tables))
    party = result["source_id"].map(sources["party_id"]) if "party_id" in sources else None
    result["speaks_for"] = party.map(names, na_action="ignore") if party is not None else None
    support = citelist.support_counts(tables)
    for column in ("confirms", "reports", "contradicts"):
        result[column] = result["source_id"].map(support[column]).fillna(0).astype("int64")
    return result


SOURCE_COLUMN_WORDS = {
    "source_id": "source id",
    "reliability_meaning": "what the grade means",
    "rows_in_view": "rows citing it in view",
    "rows_in_data": "rows citing it in all data",
    "has_document": "document stored",
    "origin_chain": "origin (the sources it repeats)",
    "speaks_for": "speaks for",
}


def shown_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The sources table with words for column names, as the view shows it (the CSV keeps
    the names a program reads)."""
    return frame.rename(columns=SOURCE_COLUMN_WORDS)


def quotes_by_source(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """source_id -> every distinct non-empty quote citing it in the given tables (one pass
    over the tables, not one per source)."""
    pairs = [
        tables[name][["source_id", "quote"]].dropna()
        for name in FACT_TABLES
        if name in tables and "quote" in tables[name]
    ]
    if not pairs:
        return {}
    joined = pd.concat(pairs).drop_duplicates()
    joined = joined[joined["quote"] != ""]
    return {str(k): list(v) for k, v in joined.groupby("source_id", sort=False)["quote"]}


def quote_spans(document: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of ``document`` where each quote occurs (whitespace may differ),
    merged where they overlap, in document order."""
    normalised, origin = _normalise_with_map(document)
    spans: list[tuple[int, int]] = []
    for quote in set(quotes):
        needle = " ".join(quote.split())
        if not needle:
            continue
        start = normalised.find(needle)
        while start != -1:
            end = start + len(needle) - 1
            spans.append((origin[start], origin[end] + 1))
            start = normalised.find(needle, start + 1)
    return _merge(sorted(spans))


def paragraphs_with_spans(
    document: str, spans: list[tuple[int, int]]
) -> list[tuple[str, list[tuple[int, int]]]]:
    """The document split at blank lines, each paragraph with its spans made local."""
    result: list[tuple[str, list[tuple[int, int]]]] = []
    position = 0
    for block in document.split("\n\n"):
        start, end = position, position + len(block)
        local = [
            (max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start
        ]
        if block.strip():
            result.append((block, local))
        position = end + 2
    return result


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Whitespace runs collapsed to one space (and trimmed), with each character's origin."""
    characters: list[str] = []
    origin: list[int] = []
    in_space = True
    for index, character in enumerate(text):
        if character.isspace():
            if not in_space:
                characters.append(" ")
                origin.append(index)
            in_space = True
        else:
            characters.append(character)
            origin.append(index)
            in_space = False
    return "".join(characters), origin


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
