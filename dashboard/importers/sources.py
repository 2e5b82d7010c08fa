"""The outlets an export cites, as the sources table, and the reliability grades file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text, text_series
from dashboard.contract.rules import Rows
from dashboard.importers.cells import large_text, typed_table
from dashboard.importers.failure import ImportFailure
from dashboard.importers.names import ids_for_names, renamed_problems, whole_slug

# --- outlets and sources ----------------------------------------------------------------


def split_outlets(values: pd.Series) -> pd.DataFrame:
    """One row per outlet cited: ``line`` (the event's) and ``outlet`` in the order cited,
    from cells such as 'Reuters; AFP;BBC Monitoring' (repeats within a cell dropped)."""
    text = arrow_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    lists = pc.split_pattern(text, ";")
    names = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    names = pc.replace_substring_regex(names, r"\s+", " ")
    parents = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    lines = values.index.to_numpy()[parents]
    frame = pd.DataFrame({"line": lines, "outlet": text_series(names, pd.RangeIndex(len(lines)))})
    frame = frame[frame["outlet"] != ""]
    return frame.drop_duplicates(["line", "outlet"]).reset_index(drop=True)


@dataclass(frozen=True)
class DatasetSource:
    """The dataset itself as a source, for events that name no outlet."""

    source_id: str
    title: str
    publisher: str
    url: str


def sources_and_event_sources(
    outlets: pd.DataFrame,
    event_lines: pd.Index,
    dataset: DatasetSource,
    reliability: dict[str, str],
    title_of_outlet: str,
    rows: Rows,
    column: str,
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The sources table (one row per outlet, then the dataset itself), each event's
    source_id (its first outlet, or the dataset) and the outlets each event cites in words.
    Outlets whose ids were shared or changed are listed as warnings (``column``'s line)."""
    outlets = outlets[outlets["line"].isin(event_lines)]
    names = ids_for_names(outlets["outlet"].value_counts(sort=False), "outlet")
    rows.problems += renamed_problems(
        rows.file_name, names, outlets.rename(columns={"outlet": "name"}), column, "outlet"
    )
    id_of, shown = names.id_of, names.shown
    outlets = outlets.assign(source_id=outlets["outlet"].map(id_of))
    taken = set(shown)
    dataset_id = dataset.source_id
    while dataset_id in taken:
        dataset_id += "-dataset"
    first = outlets.drop_duplicates("line").set_index("line")["source_id"]
    source_of_event = first.reindex(event_lines).fillna(dataset_id).astype("str")
    cited = outlets.assign(name=outlets["source_id"].map(shown))
    cited_words = joined_per_line(cited.drop_duplicates(["line", "name"]), "; ")
    cited_words = cited_words.reindex(event_lines)
    ids = sorted(shown)
    publishers = [shown[i] for i in ids]
    sources = pd.DataFrame(
        {
            "source_id": [*ids, dataset_id],
            "title": [title_of_outlet.format(outlet=p) for p in publishers] + [dataset.title],
            "publisher": [*publishers, dataset.publisher],
            "published": pd.Series([pd.NaT] * (len(ids) + 1), dtype="datetime64[s]"),
            "url": [None] * len(ids) + [dataset.url],
            "document": [None] * (len(ids) + 1),
            "reliability": [
                reliability.get(whole_slug(p), "F") for p in [*publishers, dataset.publisher]
            ],
        }
    )
    if dataset_id not in set(source_of_event):
        sources = sources.iloc[:-1]
    return typed_table("sources", sources), source_of_event, cited_words


def joined_per_line(names: pd.DataFrame, separator: str) -> pd.Series:
    """The ``name`` cells of each ``line`` (rows of a line next to each other) joined in
    their order, indexed by line; vectorised in Arrow."""
    lines = names["line"].to_numpy()
    if len(lines) == 0:
        return pd.Series([], dtype="str", index=pd.Index([], dtype="int64"))
    starts = np.flatnonzero(np.r_[True, lines[1:] != lines[:-1]])
    offsets = pa.array(np.r_[starts, len(lines)].astype("int32"))
    values = large_text(names["name"].astype("str"))
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    lists = pa.ListArray.from_arrays(offsets, values)
    joined_text = pc.binary_join(lists, pa.scalar(separator, pa.large_string()))
    return text_series(joined_text, pd.Index(lines[starts]))


def read_reliability(path: Path) -> dict[str, str]:
    """A mapping file ``publisher,reliability`` (one outlet a line, grade A-F) as
    the outlet's whole slug (``names.whole_slug``) -> grade. ImportFailure names file,
    line, column and rule when it is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFailure(f"{path}: cannot be read: {error}") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "publisher" not in header or "reliability" not in header:
        raise ImportFailure(
            f"{path.name}:1: the reliability file needs the columns publisher and reliability "
            f"(it has: {', '.join(header) or 'nothing'})"
        )
    grades: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        grade, publisher = cells.get("reliability", "").upper(), cells.get("publisher", "")
        if not publisher:
            raise ImportFailure(f"{path.name}:{number}: publisher: required value is missing")
        if grade not in schema.RELIABILITY:
            raise ImportFailure(
                f"{path.name}:{number}: reliability: must be one of A, B, C, D, E, F "
                f"(value: {grade!r})"
            )
        grades[whole_slug(publisher)] = grade
    return grades
