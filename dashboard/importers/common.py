"""What the UCDP and ACLED importers share: reading an export, reporting rows, ids,
outlets as sources, filters, and writing a data directory that follows the contract.

Every input row ends up in exactly one of three places: imported, outside the filters
(counted), or reported with its line number and the reason it was not imported. Values
an importer had to change or drop in an imported row are listed as warnings.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text, text_series
from dashboard.contract.csvread import read_text_table
from dashboard.contract.datapackage import build_descriptor
from dashboard.contract.loader import (
    DESCRIPTOR_NAME,
    FORMULA_ESCAPE_APOSTROPHE,
    FORMULA_ESCAPE_PROPERTY,
)
from dashboard.contract.problems import Problem
from dashboard.contract.rules import parse_dates, parse_numbers
from dashboard.export.csvsafe import table_csv
from dashboard.export.snapshot import GENERATOR
from dashboard.importers.failure import ImportFailure
from dashboard.importers.intake import head_header, read_head, read_input
from dashboard.importers.names import ids_for_names, renamed_problems, whole_slug
from dashboard.importers.outdir import check_out_folder, write_out_folder

TABLES_WRITTEN = ("sources", "parties", "events")
FILES_WRITTEN = frozenset({*(f"{name}.csv" for name in TABLES_WRITTEN), DESCRIPTOR_NAME})
SEPARATOR = " · "  # between the parts of a description
IMPORT_PROPERTY = "dashboard:import"


@dataclass(frozen=True)
class ImportOptions:
    """The command's filters and settings."""

    countries: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    reliability: Path | None = None


@dataclass
class ImportResult:
    """What an import did: counts per outcome, every problem, what was written."""

    source_file: str
    out: Path
    rows_read: int
    imported: int
    outside_filters: int
    problems: list[Problem]
    parties: int
    sources: int

    @property
    def rows_reported(self) -> int:
        """Rows not imported because of a problem (each counted once)."""
        return len({p.line for p in self.problems if p.severity == "error"})

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def summary(self) -> str:
        """One line: what happened to the rows and what was written."""
        return (
            f"{self.source_file}: {self.rows_read:,} rows: {self.imported:,} imported, "
            f"{self.outside_filters:,} outside the filters, {self.rows_reported:,} reported "
            f"and not imported, {self.warnings:,} warnings; wrote {self.out} "
            f"({self.imported:,} events, {self.parties:,} parties, {self.sources:,} sources)"
        )


# --- reading -----------------------------------------------------------------------------


class Rows:
    """The export's rows under import: trimmed text cells by column name (index = line
    number in the file), which rows are still good, and what was found."""

    def __init__(self, file_name: str, cells: dict[str, pd.Series], index: pd.Index) -> None:
        self.file_name = file_name
        self.cells = cells
        self.index = index
        self.ok = pd.Series(True, index=index)
        self.problems: list[Problem] = []
        self.rows_read = len(index)  # data rows in the file, good or not

    def text(self, column: str) -> pd.Series:
        """The column's cells ("" when the export lacks the optional column)."""
        if column in self.cells:
            return self.cells[column]
        return pd.Series("", index=self.index, dtype="str")

    def has(self, column: str) -> bool:
        return column in self.cells

    def reject(self, mask: pd.Series, column: str, rule: str, message: str | pd.Series) -> None:
        """Leave the rows in ``mask`` out; each still good one gets its own problem
        (``message`` may differ per row: a Series on the same index)."""
        mask = mask.fillna(False).astype(bool) & self.ok
        self._list(mask, column, rule, message, "error")
        self.ok &= ~mask

    def warn(self, mask: pd.Series, column: str, rule: str, message: str) -> None:
        """List the good rows in ``mask``: imported, with the change the message names."""
        self._list(mask.fillna(False).astype(bool) & self.ok, column, rule, message, "warning")

    def forget(self, mask: pd.Series) -> None:
        """Drop what was found on the rows in ``mask`` (the filters leave them out)."""
        left_out = set(self.index[mask.to_numpy()].tolist())
        self.problems = [p for p in self.problems if p.line not in left_out]
        self.ok &= ~mask

    def _list(self, mask: pd.Series, column: str, rule: str, message, severity) -> None:
        if not mask.any():
            return
        values = self.text(column)[mask]
        for line, value in values.items():
            shown = value if len(value) <= 80 else value[:79] + "…"
            words = message if isinstance(message, str) else message[line]
            self.problems.append(
                Problem(self.file_name, int(line), column, shown, rule, words, severity)
            )


def read_export(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str],
    layout: str,
    other: dict[str, tuple[str, Sequence[str]]],
) -> Rows:
    """The export's rows; ImportFailure when it cannot be read or lacks a required column.

    Header names are matched without case or surrounding space. A first data row made
    only of ``#hashtags`` (the humanitarian-portal exports' HXL row) is skipped with a
    warning. Rows the CSV reader cannot split are reported (not imported). Only the
    ``required`` and ``optional`` columns are kept."""
    header = head_header(read_head(path))  # the layout is checked before the whole read
    if header is not None:
        _check_layout(path.name, header, required, layout, other)
    raw = read_input(path)
    parsed = read_text_table(path.name, raw)
    del raw
    if isinstance(parsed, Problem):
        raise ImportFailure(str(parsed))
    header = [name.strip().lower() for name in parsed.header]
    _check_layout(path.name, header, required, layout, other)
    wanted = {*required, *optional}
    cells: dict[str, pd.Series] = {}
    for position, name in zip(parsed.frame.columns, header, strict=True):
        if name in wanted and name not in cells:
            cells[name] = _trimmed(parsed.frame[position])
    rows = Rows(path.name, cells, parsed.frame.index)
    rows.problems.extend(parsed.problems)
    rows.rows_read = parsed.rows_read
    _skip_hashtag_row(rows)
    return rows


def _check_layout(
    file_name: str,
    header: list[str],
    required: Sequence[str],
    layout: str,
    other: dict[str, tuple[str, Sequence[str]]],
) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFailure(_layout_message(file_name, layout, missing, header, other))


def _layout_message(
    file_name: str,
    layout: str,
    missing: list[str],
    header: list[str],
    other: dict[str, tuple[str, Sequence[str]]],
) -> str:
    message = (
        f"{file_name} is not {layout}: it lacks the column"
        f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    )
    for command, (name, columns) in other.items():
        if all(column in header for column in columns):
            message += f" (it looks like {name}: use python -m dashboard import {command})"
    return message


def _trimmed(values: pd.Series) -> pd.Series:
    return values.str.strip()


def _large_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Arrow large strings, so that columns of any origin join in one kernel."""
    text = arrow_text(values)
    return text if text.type == pa.large_string() else text.cast(pa.large_string())


def _skip_hashtag_row(rows: Rows) -> None:
    """Drop a first row whose non-empty cells all start with '#' (HXL hashtags)."""
    if len(rows.index) == 0:
        return
    first = rows.index[0]
    cells = [series.iat[0] for series in rows.cells.values()]
    filled = [cell for cell in cells if cell]
    if not filled or not all(cell.startswith("#") for cell in filled):
        return
    rows.problems.append(
        Problem(
            rows.file_name,
            int(first),
            None,
            None,
            "hashtag-row",
            "row of HXL #hashtags (humanitarian-portal export) skipped: it is not an event",
            "warning",
        )
    )
    keep = rows.index != first
    rows.cells = {name: series[keep] for name, series in rows.cells.items()}
    rows.index = rows.index[keep]
    rows.ok = rows.ok[keep]
    rows.rows_read -= 1


# --- cells -------------------------------------------------------------------------------

_ISO_DAY = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"


def parse_days(values: pd.Series, day_first_formats: Sequence[str] = ()) -> pd.Series:
    """Dates (datetime64[s], NaT when not a real date): ISO ``YYYY-MM-DD``, also with a
    time of day (which is dropped), then each of ``day_first_formats`` (strptime formats
    that start with the day, e.g. ``%d %B %Y``) on what is left. A day that does not
    exist (31 February) is never rolled over into the next month."""
    text = arrow_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    iso = pc.match_substring_regex(text, _ISO_DAY).fill_null(False)
    day_text = pc.if_else(iso, pc.utf8_slice_codeunits(text, 0, 10), "")
    days = parse_dates(text_series(day_text, values.index))
    if not day_first_formats:
        return days.astype("datetime64[s]")
    leading = pd.to_numeric(values.str.extract(r"^(\d{1,2})\D", expand=False), errors="coerce")
    written_day = leading.to_numpy(dtype="float64", na_value=np.nan)
    for format_ in day_first_formats:
        todo = days.isna().to_numpy() & ~iso.to_numpy(zero_copy_only=False)
        if not todo.any():
            break
        parsed = pc.strptime(text, format=format_, unit="s", error_is_null=True)
        parsed_day = pc.day(parsed).to_numpy(zero_copy_only=False).astype("float64")
        found = todo & (parsed_day == written_day)  # 31 February is not 3 March
        stamps = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
        days = days.where(~found, pd.Series(stamps, index=values.index))
    return days.astype("datetime64[s]")


def parse_coordinates(rows: Rows, latitude: str, longitude: str) -> tuple[pd.Series, pd.Series]:
    """Latitude and longitude as floats (NaN when both cells are empty). A row with a
    coordinate that is not a number, lies outside its range, or lacks its partner is
    reported and not imported."""
    values = {}
    for column, limit in ((latitude, 90), (longitude, 180)):
        text = rows.text(column)
        numbers = parse_numbers(text)
        given = text != ""
        bad = given & (numbers.isna() | ~np.isfinite(numbers) | (numbers.abs() > limit))
        rows.reject(
            bad,
            column,
            "coordinate",
            f"{column} must be a number between -{limit} and {limit}; row not imported",
        )
        values[column] = numbers.where(given)
    lat, lon = values[latitude], values[longitude]
    rows.reject(
        lat.isna() != lon.isna(),
        latitude if lat.isna().any() else longitude,
        "coordinate",
        "latitude and longitude come as a pair: one is missing; row not imported",
    )
    return lat, lon


_COUNT = r"^\+?[0-9]{1,15}(?:\.0*)?$"


def parse_count(rows: Rows, column: str) -> pd.Series:
    """A figure of people killed as nullable Int64; empty = unknown. A cell that is not a
    whole number of at least 0 (such as -1 or 2.5) is dropped (unknown) with a warning."""
    text = rows.text(column)
    arrow = arrow_text(text)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    whole = pc.match_substring_regex(arrow, _COUNT).fill_null(False)
    digits = pc.replace_substring_regex(pc.if_else(whole, arrow, None), r"\..*$|^\+", "")
    counts = pc.cast(digits, pa.int64()).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    counts.index = text.index
    rows.reject(
        counts > schema.MAX_FATALITIES,
        column,
        "fatalities-bound",
        f"{column} is above {schema.MAX_FATALITIES:,}, more than any single event ever recorded; "
        "row not imported",
    )
    rows.warn(
        (text != "") & ~pd.Series(whole.to_numpy(zero_copy_only=False), index=text.index),
        column,
        "fatalities",
        f"{column} is not a whole number of 0 or more; imported as unknown (empty)",
    )
    return counts


def check_fatality_order(
    rows: Rows, figures: dict[str, pd.Series], best: str, low: str, high: str
) -> None:
    """List rows whose figures (by column name) break low <= best <= high: they are
    imported as given, and the data directory's validation warns about them too."""
    order = "fatalities-order"
    rows.warn(figures[low] > figures[best], low, order, f"{low} is above {best}; kept as given")
    rows.warn(figures[best] > figures[high], high, order, f"{high} is below {best}; kept as given")


def codes(values: pd.Series) -> pd.Series:
    """Numeric codes as text without a decimal tail ('2.0' -> '2')."""
    if not values.str.contains(".", regex=False).any():
        return values
    return values.str.replace(r"\.0+$", "", regex=True)


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
    values = _large_text(names["name"].astype("str"))
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


# --- filters -----------------------------------------------------------------------------


def apply_filters(
    rows: Rows, options: ImportOptions, country: pd.Series, start: pd.Series, end: pd.Series
) -> tuple[pd.Series, int]:
    """The rows to import and how many the filters leave out. A row of another country is
    left out whatever else is wrong with it (its problems are not listed); a good row
    whose date range does not overlap [--from, --to] is left out too (an event that
    overlaps the edge is kept, as in the dashboard). Rows reported for a problem stay
    reported: a bad date cannot be filtered."""
    outside = pd.Series(False, index=rows.index)
    if options.countries:
        wanted = {name.strip().casefold() for name in options.countries}
        outside |= ~country.str.casefold().isin(wanted)
    in_range = pd.Series(True, index=rows.index)
    if options.date_from is not None:
        in_range &= ~(end < pd.Timestamp(options.date_from)).fillna(False)
    if options.date_to is not None:
        in_range &= ~(start > pd.Timestamp(options.date_to)).fillna(False)
    outside |= rows.ok & ~in_range
    rows.forget(outside)
    return rows.ok & ~outside, int(outside.sum())


# --- text --------------------------------------------------------------------------------


def labelled(label: str, values: pd.Series) -> pd.Series:
    """'label: value' where the value is given, else missing (left out of a join)."""
    return (label + values).where(values.fillna("") != "")


def joined(parts: Iterable[pd.Series], separator: str = SEPARATOR) -> pd.Series:
    """The parts that are given, joined; missing when none is."""
    parts = list(parts)
    arrays = [_large_text(p.astype("str")) for p in parts]
    between = pa.scalar(separator, pa.large_string())
    text = pc.binary_join_element_wise(*arrays, between, null_handling="skip")
    result = text_series(text, parts[0].index)
    return result.where(result != "")


def semicolons_spaced(values: pd.Series) -> pd.Series:
    """'a;b ;  c' -> 'a; b; c' (in Arrow: pandas would run a Python regex per cell)."""
    spaced = pc.replace_substring_regex(arrow_text(values), r"\s*;\s*", "; ")
    return text_series(spaced, values.index)


def first_given(*parts: pd.Series) -> pd.Series:
    """The first non-empty value of each row."""
    result = parts[0].where(parts[0] != "")
    for part in parts[1:]:
        result = result.fillna(part.where(part != ""))
    return result.astype("str")


# --- writing -----------------------------------------------------------------------------


def typed_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the contract's columns in order and the loader's types."""
    table = schema.TABLES_BY_NAME[name]
    typed = pd.DataFrame(index=frame.index)
    for column in table.columns:
        values = frame[column.name] if column.name in frame else pd.Series(None, index=frame.index)
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(values).astype("datetime64[s]")
        elif column.kind == "number":
            typed[column.name] = values.astype("float64")
        elif column.kind == "integer":
            typed[column.name] = values.astype("Int64")
        else:
            typed[column.name] = values.astype("str")
    return typed.reset_index(drop=True)


def write_data_directory(
    out: Path,
    tables: dict[str, pd.DataFrame],
    descriptor: dict,
    record: dict[str, Any],
    inputs: list[Path],
) -> None:
    """The tables as spreadsheet-safe CSV (the snapshot's writer) and the descriptor, as
    the folder ``out`` (see ``outdir``: never over files the import did not write)."""
    files = {f"{name}.csv": table_csv(name, tables[name]) for name in TABLES_WRITTEN}
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    files[DESCRIPTOR_NAME] = text.encode("utf-8")
    write_out_folder(out, files, record, inputs)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_descriptor(
    name: str,
    title: str,
    description: str,
    settings: dict[str, Any],
    licenses: list[dict[str, str]],
    origin: dict[str, str],
) -> dict[str, Any]:
    """The output's datapackage.json: the three tables, formula-escaped text, the
    dataset's licence and origin, and the importer's settings under ``dashboard:import``."""
    extra: dict[str, Any] = {FORMULA_ESCAPE_PROPERTY: FORMULA_ESCAPE_APOSTROPHE}
    if licenses:
        extra["licenses"] = licenses
    extra["sources"] = [origin]
    extra[IMPORT_PROPERTY] = {"generator": GENERATOR, **settings}
    return build_descriptor(name, title, description, list(TABLES_WRITTEN), extra)


def settings_record(
    importer: str, path: Path, options: ImportOptions, release: str | None, counts: dict
) -> dict[str, Any]:
    """The importer's settings and input as the descriptor records them (no paths or
    times that would differ between two runs on the same file)."""
    reliability = None
    if options.reliability is not None:
        reliability = {
            "file": options.reliability.name,
            "sha256": file_sha256(options.reliability),
        }
    return {
        "importer": importer,
        "input": {"file": path.name, "sha256": file_sha256(path), "release": release},
        "filters": {
            "country": list(options.countries),
            "from": options.date_from.isoformat() if options.date_from else None,
            "to": options.date_to.isoformat() if options.date_to else None,
        },
        "reliability": reliability,
        "defaults": {"reliability": "F", "verification": "reported"},
        "rows": counts,
    }


def write_import(
    importer: str,
    path: Path,
    out: Path,
    options: ImportOptions,
    release: str | None,
    rows: Rows,
    outside: int,
    tables: dict[str, pd.DataFrame],
    words: tuple[str, str, str],
    license_and_origin: tuple[dict, Any],
) -> ImportResult:
    """Write the imported tables and their descriptor (``words``: package name, title,
    description), and say what became of every row."""
    imported = len(tables["events"])
    counts = {
        "read": rows.rows_read,
        "imported": imported,
        "outside_filters": outside,
        "reported": len({p.line for p in rows.problems if p.severity == "error"}),
    }
    license, origin = license_and_origin
    settings = settings_record(importer, path, options, release, counts)
    descriptor = import_descriptor(*words, settings, [license], origin)
    written = {**tables, "events": typed_table("events", tables["events"])}
    record = {"generator": GENERATOR, "importer": importer, "input": settings["input"]}
    write_data_directory(out, written, descriptor, record, input_files(path, options))
    return ImportResult(
        path.name,
        out,
        rows.rows_read,
        imported,
        outside,
        sorted(rows.problems, key=lambda p: (p.line or 0, p.severity != "error")),
        len(tables["parties"]),
        len(tables["sources"]),
    )


def input_files(path: Path, options: ImportOptions) -> list[Path]:
    """The files an import reads: never inside its output folder."""
    return [path] + ([options.reliability] if options.reliability else [])


def start_import(path: Path, out: Path, options: ImportOptions) -> dict[str, str]:
    """Refuse a bad output folder before any work, then read the reliability file."""
    check_out_folder(out, input_files(path, options))
    return read_reliability(options.reliability) if options.reliability else {}


def countries_suffix(options: ImportOptions) -> str:
    """': Mali, Niger' for a title when the import kept some countries only."""
    return ": " + ", ".join(options.countries) if options.countries else ""


def coded_precision(
    rows: Rows, column: str, table: dict[str, tuple[str, str]], latitude: pd.Series, valid: str
) -> pd.Series:
    """A dataset's location precision code as location_precision (``table``: code ->
    (precision, words)); an unknown code on a located row is 'area', never an exact place,
    with a warning."""
    code = codes(rows.text(column))
    rows.warn(
        ~code.isin(table) & latitude.notna(),
        column,
        column,
        f"{column} is not {valid}; the location is imported as an area, not an exact place",
    )
    return code.map({c: precision for c, (precision, _) in table.items()}).fillna("area")
