"""UCDP Georeferenced Event Dataset (GED) exports into a data directory.

Reads the published CSV layout and the humanitarian-portal (HDX) export of it (a second
header row of HXL ``#hashtags``, date-times instead of dates). Every mapping decision is
in ``docs/importers.md``; the tables below are the code's half of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.contract.rules import Rows
from dashboard.importers import citing, common
from dashboard.importers.cells import (
    check_fatality_order,
    coded_precision,
    codes,
    first_given,
    joined,
    labelled,
    parse_coordinates,
    parse_count,
    parse_days,
    semicolons_spaced,
)
from dashboard.importers.common import ImportOptions, ImportResult
from dashboard.importers.ids import event_ids, parties_table, reject_repeated_ids
from dashboard.importers.rows import read_export
from dashboard.importers.sources import DatasetSource, sources_and_event_sources, split_outlets

LAYOUT = "a UCDP GED export"
REQUIRED = (
    "id",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "source_office",
    "source_headline",
    "where_prec",
    "where_description",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
)
OPTIONAL = (
    "adm_1",
    "adm_2",
    "source_article",
    "source_original",
    "number_of_sources",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
)


# type_of_violence -> (event type, words)
VIOLENCE = {
    "1": ("armed-clash", "State-based armed conflict"),
    "2": ("armed-clash", "Non-state conflict"),
    "3": ("attack-on-civilians", "One-sided violence"),
}
# where_prec -> (location_precision, what the codebook says the coordinates stand for)
WHERE_PRECISION = {
    "1": ("exact", "the exact place"),
    "2": ("near", "a place within about 25 km of the event"),
    "3": ("area", "the centroid of a second-order administrative division (district)"),
    "4": ("area", "the centroid of a first-order administrative division (province)"),
    "5": ("area", "a linear feature or an area larger than a province (e.g. a road, a region)"),
    "6": ("country", "the centroid of the country"),
    "7": ("area", "international waters or airspace"),
}
# date_prec -> (calendar unit a single-day range is widened to, words)
DATE_PRECISION = {
    "1": (None, "the exact day"),
    "2": ("week", "known to within 2-6 days"),
    "3": ("week", "only the week is known"),
    "4": ("month", "known to within 8-30 days, or only the month"),
    "5": ("year", "known only to within more than a month, or only the year"),
}
CITATION = (
    "Cite: Sundberg, Ralph and Erik Melander (2013), 'Introducing the UCDP Georeferenced "
    "Event Dataset', Journal of Peace Research 50(4): 523-532; and Davies, Shawn, Therése "
    "Pettersson and Magnus Öberg, the UCDP 'Organized violence' article of the release "
    "used (Journal of Peace Research)."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
ORIGIN = {
    "title": "UCDP Georeferenced Event Dataset (GED)",
    "path": "https://ucdp.uu.se/downloads/",
}
DATASET_SOURCE = DatasetSource(
    "ucdp-ged",
    "UCDP Georeferenced Event Dataset (GED)",
    "Uppsala Conflict Data Program",
    "https://ucdp.uu.se/downloads/",
)
ACLED_COLUMNS = ("event_id_cnty", "event_date", "sub_event_type", "actor1", "inter1")
GOVERNMENT = re.compile(r"^government of\b", re.IGNORECASE)


def release_from_file_name(name: str) -> str | None:
    """'GEDEvent_v24_1.csv' -> '24.1', 'GEDEvent_v25_0_3.csv' -> '25.0.3', 'ged231.csv' ->
    '23.1'; None when the name carries no version (the HDX exports)."""
    lowered = name.lower()
    match = re.search(r"ged(?:event)?[_-]?v(\d{2})[_.](\d{1,2})(?:[_.](\d{1,2}))?", lowered)
    if match:
        return ".".join(part for part in match.groups() if part is not None)
    match = re.search(r"(?<![a-z])ged(\d{2})(\d)(?!\d)", lowered)
    return f"{match.group(1)}.{match.group(2)}" if match else None


def import_ucdp(path: str | Path, out: str | Path, options: ImportOptions) -> ImportResult:
    """Import a UCDP GED CSV into the data directory ``out``; ImportFailure when the file
    cannot be imported at all."""
    path, out = Path(path), Path(out)
    reliability = common.start_import(path, out, options)
    rows = read_export(
        path, REQUIRED, OPTIONAL, LAYOUT, {"acled": ("an ACLED export", ACLED_COLUMNS)}
    )
    ids = event_ids(rows, "id", "ucdp")
    violence = codes(rows.text("type_of_violence"))
    rows.reject(
        ~violence.isin(VIOLENCE),
        "type_of_violence",
        "type_of_violence",
        "type_of_violence must be 1 (state-based), 2 (non-state) or 3 (one-sided); "
        "row not imported",
    )
    start, end = _date_range(rows)
    latitude, longitude = parse_coordinates(rows, "latitude", "longitude")
    figures = {name: parse_count(rows, name) for name in ("best", "low", "high")}
    check_fatality_order(rows, figures, "best", "low", "high")
    precision = _location_precision(rows, latitude)
    reject_repeated_ids(rows, ids, "id")
    kept, outside = common.rows_to_import(rows, options, rows.text("country"), start, end)
    lines = rows.index[kept.to_numpy()]
    parties, party_of = parties_table(_sides(rows, violence, kept), rows)
    articles = citing.split_articles(rows.text("source_article"))
    named = citing.outlets_with_articles(split_outlets(rows.text("source_office")), articles)
    sources, source_of, cited = sources_and_event_sources(
        named,
        lines,
        DATASET_SOURCE,
        reliability,
        "{outlet}, as cited by UCDP GED",
        rows,
        "source_office",
    )
    sources, citations = _citations(rows, ids[kept], named, articles, sources, source_of)
    events = _events(rows, kept, ids, violence, start, end, latitude, longitude, precision)
    events["actor"] = rows.text("side_a")[kept].map(party_of)
    events["target"] = rows.text("side_b")[kept].map(party_of)
    events["source_id"] = source_of
    events["description"] = _descriptions(rows, kept, violence, cited)
    events["fatalities"] = figures["best"][kept]
    events["fatalities_low"] = figures["low"][kept]
    events["fatalities_high"] = figures["high"][kept]
    release = release_from_file_name(path.name)
    tables = {"sources": sources, "parties": parties, "events": events, "citations": citations}
    words = (
        _package_name(release),
        _title(release, options),
        _description(release, path.name, len(lines)),
    )
    return common.write_import(
        "ucdp", path, out, options, release, rows, outside, tables, words, (LICENSE, ORIGIN)
    )


# --- dates and places --------------------------------------------------------------------


def _date_range(rows: Rows) -> tuple[pd.Series, pd.Series]:
    """date_start..date_end as given (the codebook's earliest and latest possible days).
    A range narrower than date_prec allows (a single day with a code above 1) is widened
    to the calendar week, month or year around date_start, with a warning."""
    start = parse_days(rows.text("date_start"))
    end_text = rows.text("date_end")
    end = parse_days(end_text)
    for column, days in (("date_start", start), ("date_end", end)):
        given = rows.text(column) != ""
        bad = days.isna() & (given | (column == "date_start"))
        rows.reject(
            bad,
            column,
            "date",
            f"{column} must be a date (YYYY-MM-DD, a time of day may follow); row not imported",
        )
    end = end.fillna(start)
    rows.reject(end < start, "date_end", "date-order", "date_end is before date_start")
    precision = codes(rows.text("date_prec"))
    rows.warn(
        ~precision.isin(DATE_PRECISION) & (precision != ""),
        "date_prec",
        "date_prec",
        "date_prec is not a code 1-5; the range date_start..date_end is imported as given",
    )
    single = end == start
    for code, (unit, words) in DATE_PRECISION.items():
        if unit is None:
            continue
        widen = single & (precision == code) & rows.ok
        if not widen.any():
            continue
        low, high = _calendar_unit(start[widen], unit)
        start, end = start.where(~widen, low), end.where(~widen, high)
        rows.warn(
            widen,
            "date_prec",
            "date-precision",
            f"date_prec {code} ({words}) but date_start equals date_end: imported as the "
            f"whole {unit} around it",
        )
    return start.astype("datetime64[s]"), end.astype("datetime64[s]")


def _calendar_unit(days: pd.Series, unit: str) -> tuple[pd.Series, pd.Series]:
    """The Monday-Sunday week, calendar month or year that holds each day."""
    if unit == "week":
        first = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
        return first, first + pd.Timedelta(days=6)
    period = days.dt.to_period("M" if unit == "month" else "Y")
    return period.dt.start_time.astype("datetime64[s]"), period.dt.end_time.dt.normalize().astype(
        "datetime64[s]"
    )


def _location_precision(rows: Rows, latitude: pd.Series) -> pd.Series:
    """where_prec as location_precision; an unknown code is imported as 'area' (never
    claimed exact) with a warning. Empty for events without coordinates."""
    words = coded_precision(rows, "where_prec", WHERE_PRECISION, latitude, "a code 1-7")
    return words.where(latitude.notna()).astype("str")


# --- parties -----------------------------------------------------------------------------


def _sides(rows: Rows, violence: pd.Series, kept: pd.Series) -> pd.DataFrame:
    """Each side of each kept event with the role its position implies: side_a of
    state-based violence is a government; side_b is one when named 'Government of ...';
    non-state sides are armed groups; the victims of one-sided violence are civilians."""
    side_a, side_b, kind = rows.text("side_a")[kept], rows.text("side_b")[kept], violence[kept]
    role_a = np.where(
        (kind == "1") | ((kind == "3") & side_a.str.contains(GOVERNMENT)),
        "belligerent",
        "non-state-armed-group",
    )
    role_b = np.where(
        kind == "3",
        "third-party",
        np.where(
            (kind == "1") & side_b.str.contains(GOVERNMENT), "belligerent", "non-state-armed-group"
        ),
    )
    return pd.DataFrame(
        {
            "name": pd.concat([side_a, side_b], ignore_index=True),
            "role": np.concatenate([role_a, role_b]),
            "line": np.concatenate([side_a.index.to_numpy(), side_b.index.to_numpy()]),
            "column": np.repeat(["side_a", "side_b"], [len(side_a), len(side_b)]),
        }
    )


# --- events ------------------------------------------------------------------------------


def _events(
    rows: Rows,
    kept: pd.Series,
    ids: pd.Series,
    violence: pd.Series,
    start: pd.Series,
    end: pd.Series,
    latitude: pd.Series,
    longitude: pd.Series,
    precision: pd.Series,
) -> pd.DataFrame:
    words = violence[kept].map({code: w for code, (_, w) in VIOLENCE.items()})
    place = rows.text("where_description")[kept]
    title = joined(
        [
            words + ": " + rows.text("side_a")[kept] + " – " + rows.text("side_b")[kept],
            place.where(place != ""),
        ],
        ", ",
    )
    location = first_given(
        place,
        joined([rows.text("adm_2")[kept], rows.text("adm_1")[kept]], ", ").fillna(""),
        rows.text("country")[kept],
    )
    return pd.DataFrame(
        {
            "event_id": ids[kept],
            "date_start": start[kept],
            "date_end": end[kept].where(end[kept] != start[kept]),
            "title": title,
            "event_type": violence[kept].map({code: t for code, (t, _) in VIOLENCE.items()}),
            "location": location,
            "latitude": latitude[kept],
            "longitude": longitude[kept],
            "location_precision": precision[kept],
            "verification": "reported",
        }
    )


def _descriptions(rows: Rows, kept: pd.Series, violence: pd.Series, cited: pd.Series) -> pd.Series:
    """The coder's headline(s), the conflict, deaths by side, the outlets cited and what
    the precision codes say, joined."""

    def text(column: str) -> pd.Series:
        return rows.text(column)[kept]

    deaths = [
        labelled(label, text(column))
        for label, column in (
            ("side A ", "deaths_a"),
            ("side B ", "deaths_b"),
            ("civilians ", "deaths_civilians"),
            ("unknown ", "deaths_unknown"),
        )
    ]
    by_side = labelled("Deaths by side (UCDP): ", joined(deaths, ", ").fillna(""))
    date_words = codes(text("date_prec")).map({c: w for c, (u, w) in DATE_PRECISION.items() if u})
    where_words = codes(text("where_prec")).map(
        {c: w for c, (_, w) in WHERE_PRECISION.items() if c != "1"}
    )
    parts = [
        labelled("Headline: ", semicolons_spaced(text("source_headline"))),
        labelled("Conflict: ", text("conflict_name")),
        by_side,
        labelled("Outlets: ", cited.fillna("")),
        labelled("Original sources: ", semicolons_spaced(text("source_original"))),
        labelled("Sources counted by UCDP: ", text("number_of_sources")),
        labelled("Date: ", date_words.fillna("")),
        labelled("Coordinates: ", where_words.fillna("")),
    ]
    return joined(parts)


def _citations(
    rows: Rows,
    event_ids: pd.Series,
    named: pd.DataFrame,
    articles: pd.DataFrame,
    sources: pd.DataFrame,
    source_of: pd.Series,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sources with the original sources UCDP names added, and citations.csv: every
    outlet, article and original source of an event (``reports``)."""
    lines = event_ids.index
    originals = split_outlets(rows.text("source_original"))
    originals = originals[originals["line"].isin(lines)]
    named_sources, original_id = citing.original_sources(originals, "UCDP GED")
    cited = pd.concat(
        [
            citing.outlet_ids(named, lines)[["line", "source_id"]],
            citing.outlet_ids(articles, lines)[["line", "source_id", "headline"]],
            originals.assign(source_id=originals["outlet"].map(original_id))[["line", "source_id"]],
        ],
        ignore_index=True,
    ).sort_values("line", kind="stable")
    citations = citing.event_citations(cited, event_ids, source_of)
    sources = pd.concat([sources, named_sources], ignore_index=True)
    return sources, citations


# --- descriptor --------------------------------------------------------------------------


def _package_name(release: str | None) -> str:
    return f"ucdp-ged-{release.replace('.', '-')}" if release else "ucdp-ged"


def _title(release: str | None, options: ImportOptions) -> str:
    title = "UCDP Georeferenced Event Dataset (GED)"
    title += f" {release}" if release else ", release unknown"
    return title + common.countries_suffix(options)


def _description(release: str | None, file_name: str, events: int) -> str:
    release_words = f"release {release}" if release else "release unknown"
    return (
        f"{events:,} events of organised violence from the UCDP Georeferenced Event Dataset "
        f"(GED), {release_words}, file {file_name}, imported by python -m dashboard import "
        "ucdp. Uppsala Conflict Data Program, Uppsala University (ucdp.uu.se). Licence: "
        f"CC BY 4.0 (attribution required). {CITATION} UCDP coders report what outlets "
        "published; they do not verify it, so every event is 'reported'. How each column "
        "was mapped: docs/importers.md."
    )
