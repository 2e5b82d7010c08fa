"""Every outlet and original source an imported event names, as citations (``reports``).

An imported event's own ``source_id`` is its first outlet (see ``common``); the other
outlets it names, the articles UCDP lists (``source_article``: "outlet,date,headline",
several separated by ``;``) and the original sources UCDP names (``source_original``)
become rows of citations.csv, each ``reports``: the datasets' coders relay what outlets
published, they do not confirm it. Mapping decisions are in ``docs/importers.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.arrowtext import arrow_text, text_series
from dashboard.importers.cells import typed_table
from dashboard.importers.names import ids_for_names

# "Garowe Online,2019-03-03,Al-Shabaab attack on military base repulsed near Afgooye"
ARTICLE_PATTERN = r"^(?P<outlet>[^,]+),(?P<day>\d{4}-\d{2}-\d{2}),(?P<headline>.*\S.*)$"
ORIGINAL_PREFIX = "original-"


def split_articles(values: pd.Series) -> pd.DataFrame:
    """One row per article: ``line``, ``outlet`` and ``headline``, from cells such as
    '"Reuters,2019-03-03,Army repels attack";"AFP,2019-03-04,…"'. An article not written
    as outlet,date,headline is left out (its outlet cannot be told)."""
    text = arrow_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    lists = pc.split_pattern(text, ";")
    pieces = pc.utf8_trim(pc.utf8_trim_whitespace(pc.list_flatten(lists)), '"')
    parents = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    parts = pc.extract_regex(pieces, ARTICLE_PATTERN)
    found = pc.is_valid(parts).to_numpy(zero_copy_only=False)
    index = pd.RangeIndex(int(found.sum()))
    parts = parts.filter(pa.array(found))
    outlet = pc.replace_substring_regex(
        pc.utf8_trim_whitespace(pc.struct_field(parts, "outlet")), r"\s+", " "
    )
    frame = pd.DataFrame(
        {
            "line": values.index.to_numpy()[parents[found]],
            "outlet": text_series(outlet, index),
            "headline": text_series(
                pc.utf8_trim_whitespace(pc.struct_field(parts, "headline")), index
            ),
        }
    )
    return frame[frame["outlet"] != ""].reset_index(drop=True)


def outlets_with_articles(outlets: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The outlets an event names (its cell's order first), then those only its articles
    name: what the sources table is made of."""
    joined = pd.concat([outlets, articles[["line", "outlet"]]], ignore_index=True)
    joined = joined.sort_values("line", kind="stable")
    return joined.drop_duplicates(["line", "outlet"]).reset_index(drop=True)


def original_sources(originals: pd.DataFrame, dataset_name: str) -> tuple[pd.DataFrame, dict]:
    """A source per original source named (ids prefixed ``original-``, reliability F) and
    the name -> source_id mapping."""
    names = ids_for_names(originals["outlet"].value_counts(sort=False), "named")
    id_of, shown = names.id_of, names.shown
    id_of = {name: ORIGINAL_PREFIX + source_id for name, source_id in id_of.items()}
    ids = sorted(shown)
    frame = pd.DataFrame(
        {
            "source_id": [ORIGINAL_PREFIX + i for i in ids],
            "title": [f"{shown[i]}, an original source named by {dataset_name}" for i in ids],
            "publisher": [shown[i] for i in ids],
            "reliability": ["F"] * len(ids),
        }
    )
    return typed_table("sources", frame), id_of


def event_citations(
    cited: pd.DataFrame, event_id_of_line: pd.Series, own_source: pd.Series
) -> pd.DataFrame:
    """citations.csv from ``cited`` (``line``, ``source_id``, optional ``headline``): one
    row per source an event names besides its own (its own too when an article gives its
    headline), ``reports``, the headline as quote; ids ``<event_id>-1``, ``-2`` …"""
    cited = cited[cited["line"].isin(event_id_of_line.index)]
    if "headline" not in cited:
        cited = cited.assign(headline=pd.Series(None, index=cited.index, dtype="str"))
    key = ["line", "source_id"]
    headline = cited.dropna(subset=["headline"]).drop_duplicates(key).set_index(key)["headline"]
    cited = cited.drop_duplicates(key)  # an event names a source once, where it first does
    cited = cited.assign(headline=headline.reindex(pd.MultiIndex.from_frame(cited[key])).values)
    own = own_source.reindex(cited["line"]).to_numpy()
    cited = cited[(cited["source_id"].to_numpy() != own) | cited["headline"].notna().to_numpy()]
    row_id = event_id_of_line.reindex(cited["line"]).to_numpy(dtype=object)
    number = cited.groupby("line").cumcount().to_numpy() + 1
    citations = pd.DataFrame(
        {
            "citation_id": np.char.add(
                np.char.add(row_id.astype(str), "-"), number.astype(str)
            ).astype(object),
            "table": "events",
            "row_id": row_id,
            "source_id": cited["source_id"].to_numpy(dtype=object),
            "support": "reports",
            "quote": cited["headline"].to_numpy(dtype=object),
        }
    )
    return typed_table("citations", citations)


def outlet_ids(outlets: pd.DataFrame, event_lines: pd.Index) -> pd.DataFrame:
    """``outlets`` (line, outlet) of the kept events with the source_id each outlet got in
    the sources table (the same ids ``sources.sources_and_event_sources`` gives)."""
    outlets = outlets[outlets["line"].isin(event_lines)]
    names = ids_for_names(outlets["outlet"].value_counts(sort=False), "outlet")
    return outlets.assign(source_id=outlets["outlet"].map(names.id_of))
