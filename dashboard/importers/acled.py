"""ACLED exports into a data directory.

Reads the export layout (Data Export Tool, API, and the humanitarian-portal copies with
a second row of HXL ``#hashtags``), with either date style ACLED has used: ISO
``2023-05-01`` and day-first ``01 May 2023`` / ``1-May-23``. Actor types come as numeric
``inter`` codes (before 2024) or as words (since). Every mapping decision is in
``docs/importers.md``; the tables below are the code's half of it.

ACLED's terms forbid redistributing its raw data: the output is for the analyst's own use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.contract.rules import Rows
from dashboard.importers import citing, common
from dashboard.importers.cells import (
    coded_precision,
    codes,
    joined,
    labelled,
    parse_coordinates,
    parse_count,
    parse_days,
)
from dashboard.importers.common import ImportOptions, ImportResult
from dashboard.importers.ids import event_ids, parties_table, reject_repeated_ids
from dashboard.importers.rows import read_export
from dashboard.importers.sources import DatasetSource, sources_and_event_sources, split_outlets

LAYOUT = "an ACLED export"
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
UCDP_COLUMNS = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "date_prec")
# day-first styles ACLED exports have used, tried after ISO YYYY-MM-DD
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d-%B-%Y", "%d/%m/%Y")
OPTIONAL = (
    "assoc_actor_1",
    "assoc_actor_2",
    "admin1",
    "civilian_targeting",
    "source_scale",
    "tags",
    "timestamp",
)


SUB_EVENT_TYPES = {
    # Battles
    "armed clash": "armed-clash",
    "government regains territory": "territorial-control",
    "non-state actor overtakes territory": "territorial-control",
    # Explosions/Remote violence
    "air/drone strike": "air-strike",
    "shelling/artillery/missile attack": "shelling",
    "remote explosive/landmine/ied": "bombing",
    "suicide bomb": "bombing",
    "grenade": "bombing",
    "chemical weapon": "shelling",
    # Violence against civilians
    "attack": "attack-on-civilians",
    "abduction/forced disappearance": "attack-on-civilians",
    "sexual violence": "attack-on-civilians",
    # Protests and riots
    "peaceful protest": "protest",
    "protest with intervention": "protest",
    "excessive force against protesters": "protest",
    "excessive force against protestors": "protest",
    "violent demonstration": "protest",
    "mob violence": "protest",
    # Strategic developments
    "agreement": "diplomatic",
    "change to group/activity": "statement",
    "headquarters or base established": "territorial-control",
    "non-violent transfer of territory": "territorial-control",
    "arrests": "background",
    "disrupted weapons use": "background",
    "looting/property destruction": "background",
    "other": "background",
}
# event_type alone, for rows whose sub-event type is empty or not in the codebook
# (including the event types of exports made before 2019)
EVENT_TYPES = {
    "battles": "armed-clash",
    "explosions/remote violence": "shelling",
    "violence against civilians": "attack-on-civilians",
    "protests": "protest",
    "riots": "protest",
    "strategic developments": "background",
    "battle-no change of territory": "armed-clash",
    "battle-government regains territory": "territorial-control",
    "battle-non-state actor overtakes territory": "territorial-control",
    "remote violence": "shelling",
    "riots/protests": "protest",
    "non-violent transfer of territory": "territorial-control",
    "headquarters or base established": "territorial-control",
    "strategic development": "background",
    "non-violent activity by a conflict actor": "background",
}
# inter1/inter2: the numeric codes (to 2023) and the words (since 2024) -> role
INTER_ROLES = {
    "1": "belligerent",
    "2": "non-state-armed-group",
    "3": "non-state-armed-group",
    "4": "non-state-armed-group",
    "5": "third-party",
    "6": "third-party",
    "7": "third-party",
    "8": "third-party",
    "state forces": "belligerent",
    "rebel group": "non-state-armed-group",
    "political militia": "non-state-armed-group",
    "identity militia": "non-state-armed-group",
    "rioters": "third-party",
    "protesters": "third-party",
    "civilians": "third-party",
    "external/other forces": "third-party",
}
TIME_PRECISION = {
    "1": "the exact day",
    "2": "only the week (the range covers every week holding the date)",
    "3": "only the month",
}
ATTRIBUTION = (
    "Attribution required: Armed Conflict Location & Event Data (ACLED), www.acleddata.com. "
    "ACLED's terms of use forbid redistributing its raw data: keep this folder for your own "
    "analysis and do not publish or share it (https://acleddata.com/terms-of-use/)."
)
LICENSE = {
    "name": "ACLED-terms-of-use",
    "path": "https://acleddata.com/terms-of-use/",
    "title": "ACLED terms of use (attribution; no redistribution of raw data)",
}
GEO_PRECISION = {
    "1": ("exact", ""),
    "2": ("near", "near the named place, or a small part of a region: the nearest town"),
    "3": ("area", "a larger region: its capital or centroid"),
}
ORIGIN = {"title": "Armed Conflict Location & Event Data (ACLED)", "path": "https://acleddata.com"}
DATASET_SOURCE = DatasetSource(
    "acled",
    "Armed Conflict Location & Event Data (ACLED)",
    "ACLED",
    "https://acleddata.com",
)


def import_acled(path: str | Path, out: str | Path, options: ImportOptions) -> ImportResult:
    """Import an ACLED CSV export into the data directory ``out``; ImportFailure when the
    file cannot be imported at all."""
    path, out = Path(path), Path(out)
    reliability = common.start_import(path, out, options)
    rows = read_export(
        path, REQUIRED, OPTIONAL, LAYOUT, {"ucdp": ("a UCDP GED export", UCDP_COLUMNS)}
    )
    ids = event_ids(rows, "event_id_cnty", "acled")
    event_type = _event_types(rows)
    start, end = _date_range(rows)
    latitude, longitude = parse_coordinates(rows, "latitude", "longitude")
    fatalities = parse_count(rows, "fatalities")
    precision = _location_precision(rows, latitude)
    reject_repeated_ids(rows, ids, "event_id_cnty")
    kept, outside = common.rows_to_import(rows, options, rows.text("country"), start, end)
    lines = rows.index[kept.to_numpy()]
    parties, party_of = parties_table(_sides(rows, kept), rows)
    outlets = split_outlets(rows.text("source"))
    sources, source_of, cited = sources_and_event_sources(
        outlets,
        lines,
        DATASET_SOURCE,
        reliability,
        "{outlet}, as cited by ACLED",
        rows,
        "source",
    )
    named = citing.outlet_ids(outlets, lines)[["line", "source_id"]]
    citations = citing.event_citations(named, ids[kept], source_of)
    events = pd.DataFrame(
        {
            "event_id": ids[kept],
            "date_start": start[kept],
            "date_end": end[kept].where(end[kept] != start[kept]),
            "title": _titles(rows, kept),
            "description": _descriptions(rows, kept, cited),
            "event_type": event_type[kept],
            "actor": rows.text("actor1")[kept].map(party_of),
            "target": rows.text("actor2")[kept].map(party_of),
            "location": _locations(rows, kept),
            "latitude": latitude[kept],
            "longitude": longitude[kept],
            "location_precision": precision[kept],
            "fatalities": fatalities[kept],
            "verification": "reported",
            "source_id": source_of,
        }
    )
    release = _release(rows, kept)
    tables = {"sources": sources, "parties": parties, "events": events, "citations": citations}
    words = ("acled-export", _title(options), _description(release, path.name, len(lines)))
    return common.write_import(
        "acled", path, out, options, release, rows, outside, tables, words, (LICENSE, ORIGIN)
    )


# --- types, dates, places ------------------------------------------------------------------


def _event_types(rows: Rows) -> pd.Series:
    """Event type from sub_event_type; from event_type alone (with a warning) when the
    sub-event type is empty or unknown; a row with neither known is reported."""
    sub = rows.text("sub_event_type").str.lower().map(SUB_EVENT_TYPES)
    main = rows.text("event_type").str.lower().map(EVENT_TYPES)
    rows.reject(
        sub.isna() & main.isna(),
        "event_type",
        "event-type",
        "neither event_type nor sub_event_type is in ACLED's codebook; row not imported",
    )
    rows.warn(
        sub.isna() & main.notna(),
        "sub_event_type",
        "sub-event-type",
        "sub_event_type is empty or not in ACLED's codebook; the type follows event_type",
    )
    return sub.fillna(main).astype("str")


def _date_range(rows: Rows) -> tuple[pd.Series, pd.Series]:
    """event_date widened by time_precision: 1 the day, 2 the 13 days from 6 before to 6
    after (every week that holds the date), 3 the calendar month. An unknown code is
    taken as 3 (month) with a warning: never a single day the data does not know."""
    day = parse_days(rows.text("event_date"), DATE_FORMATS)
    rows.reject(
        day.isna(),
        "event_date",
        "date",
        "event_date must be a date such as 2023-05-01, 01 May 2023 or 1-May-23; row not imported",
    )
    precision = codes(rows.text("time_precision"))
    unknown = ~precision.isin(TIME_PRECISION)
    rows.warn(
        unknown,
        "time_precision",
        "time_precision",
        "time_precision is not 1, 2 or 3; imported as the whole month of event_date",
    )
    precision = precision.where(~unknown, "3")
    week = precision == "2"
    month = precision == "3"
    start = day.where(~week, day - pd.Timedelta(days=6))
    end = day.where(~week, day + pd.Timedelta(days=6))
    first = day.dt.to_period("M").dt.start_time.astype("datetime64[s]")
    last = day.dt.to_period("M").dt.end_time.dt.normalize().astype("datetime64[s]")
    start, end = start.where(~month, first), end.where(~month, last)
    return start.astype("datetime64[s]"), end.astype("datetime64[s]")


def _location_precision(rows: Rows, latitude: pd.Series) -> pd.Series:
    """geo_precision 1 exact, 2 near, 3 area, or country when the location is the
    country itself; an unknown code is imported as area with a warning."""
    words = coded_precision(rows, "geo_precision", GEO_PRECISION, latitude, "1, 2 or 3")
    whole_country = rows.text("location").str.casefold() == rows.text("country").str.casefold()
    words = words.where(~((words == "area") & whole_country), "country")
    return words.where(latitude.notna()).astype("str")


def _locations(rows: Rows, kept: pd.Series) -> pd.Series:
    """'Omdurman, Khartoum, Sudan': location, admin1 and country, repeats left out; just
    the country when the location is the country itself."""
    place, admin1, country = (rows.text(c)[kept] for c in ("location", "admin1", "country"))
    is_country = country.str.casefold() == place.str.casefold()
    admin1 = admin1.where((admin1.str.casefold() != place.str.casefold()) & ~is_country, "")
    country = country.where(~is_country, "")
    parts = [p.where(p != "") for p in (place, admin1, country)]
    return joined(parts, ", ")


# --- parties -----------------------------------------------------------------------------


def _sides(rows: Rows, kept: pd.Series) -> pd.DataFrame:
    """Actor 1 and actor 2 of each kept event with the role of their inter code (state
    forces are belligerents; rebels and militias armed groups; rioters, protesters,
    civilians and external or other forces third parties). An unknown code counts as a
    third party."""
    frames = []
    for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        code = codes(rows.text(inter)[kept]).str.lower()
        frames.append(
            pd.DataFrame(
                {
                    "name": rows.text(actor)[kept].to_numpy(),
                    "role": code.map(INTER_ROLES).fillna("third-party").to_numpy(),
                    "line": rows.index[kept.to_numpy()],
                    "column": actor,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# --- text --------------------------------------------------------------------------------


def _titles(rows: Rows, kept: pd.Series) -> pd.Series:
    """'Air/drone strike: Military Forces of Sudan (2019-) – Rapid Support Forces, Omdurman'."""
    kind = rows.text("sub_event_type")[kept]
    kind = kind.where(kind != "", rows.text("event_type")[kept])
    actor1, actor2 = rows.text("actor1")[kept], rows.text("actor2")[kept]
    sides = joined([actor1.where(actor1 != ""), actor2.where(actor2 != "")], " – ")
    head = joined([kind.where(kind != ""), sides], ": ")
    place = rows.text("location")[kept]
    return joined([head, place.where(place != "")], ", ")


def _descriptions(rows: Rows, kept: pd.Series, cited: pd.Series) -> pd.Series:
    """The coder's notes first, then associated actors, civilian targeting, outlets,
    source scale, tags and what the precision codes say."""

    def text(column: str) -> pd.Series:
        return rows.text(column)[kept]

    time_words = codes(text("time_precision")).map(
        {"2": TIME_PRECISION["2"], "3": "only the month"}
    )
    geo_words = codes(text("geo_precision")).map({c: w for c, (_, w) in GEO_PRECISION.items() if w})
    targeting = text("civilian_targeting")
    parts = [
        text("notes").where(text("notes") != ""),
        labelled("With " + text("actor1") + ": ", text("assoc_actor_1")),
        labelled("With " + text("actor2") + ": ", text("assoc_actor_2")),
        pd.Series("Civilians targeted", index=targeting.index).where(targeting != ""),
        labelled("Outlets: ", cited.fillna("")),
        labelled("Source scale: ", text("source_scale")),
        labelled("Tags: ", text("tags")),
        labelled("Date: ", time_words.fillna("")),
        labelled("Coordinates: ", geo_words.fillna("")),
    ]
    return joined(parts)


# --- descriptor --------------------------------------------------------------------------


def _release(rows: Rows, kept: pd.Series) -> str | None:
    """'data as of 2024-03-05' from the latest row timestamp (ACLED updates rows in
    place; the export has no release number), None without timestamps."""
    if not rows.has("timestamp"):
        return None
    stamps = pd.to_numeric(rows.text("timestamp")[kept], errors="coerce")
    stamps = stamps[(stamps > 0) & (stamps < 4e9)]
    if stamps.empty:
        return None
    latest = datetime.fromtimestamp(int(np.max(stamps)), tz=UTC)
    return f"data as of {latest:%Y-%m-%d}"


def _title(options: ImportOptions) -> str:
    return "ACLED export" + common.countries_suffix(options)


def _description(release: str | None, file_name: str, events: int) -> str:
    release_words = f"{release} (the latest row timestamp)" if release else "release unknown"
    return (
        f"{events:,} events from an Armed Conflict Location & Event Data (ACLED) export, "
        f"{release_words}, file {file_name}, "
        f"imported by python -m dashboard import acled. {ATTRIBUTION} ACLED coders report "
        "what sources published; they do not verify it, so every event is 'reported'. "
        "ACLED's fatality figure is a conservative estimate, and 0 also stands for 'none "
        "reported'. How each column was mapped: docs/importers.md."
    )
