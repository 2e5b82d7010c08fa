"""An export's cells as contract values: days, coordinates, counts, codes, text joined."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract import schema
from dashboard.contract.arrowtext import arrow_text, text_series
from dashboard.contract.rules import Rows, parse_dates, parse_numbers

SEPARATOR = " · "  # between the parts of a description


# --- values -------------------------------------------------------------------------------

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


# --- text --------------------------------------------------------------------------------


def labelled(label: str, values: pd.Series) -> pd.Series:
    """'label: value' where the value is given, else missing (left out of a join)."""
    return (label + values).where(values.fillna("") != "")


def joined(parts: Iterable[pd.Series], separator: str = SEPARATOR) -> pd.Series:
    """The parts that are given, joined; missing when none is."""
    parts = list(parts)
    arrays = [large_text(p.astype("str")) for p in parts]
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


def large_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Arrow large strings, so that columns of any origin join in one kernel."""
    text = arrow_text(values)
    return text if text.type == pa.large_string() else text.cast(pa.large_string())


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
