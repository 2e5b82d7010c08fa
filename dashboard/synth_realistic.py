"""The ``realistic`` synth profile: an invented conflict shaped like a real export.

``write_realistic(out, events, seed)`` writes a data directory with the shape analysts
meet in UCDP or ACLED exports turned into the contract, plus the claims a curator adds:

- 32 years of events, in waves of intensity, with date ranges as coders give them
  (a day, a few days, a week, a month, a year);
- 62 parties with a very skewed prominence: the government is actor or target in about
  two events in three, a foreign air force and four large armed groups follow, then a
  long tail of local militias; civilians, protesters, mediators and two independent
  monitors;
- 60 outlets as sources, used with a skew, most graded F as importers leave them;
- fatalities as in ``synth`` (most events 0-5 deaths, a few in the hundreds, some
  unknown), location precision from exact to country centroid;
- hundreds of numeric topics on the deadliest events, each with positions of several
  parties: the independent monitor's ``between`` range, the government's lower figure
  (sometimes revised later), the other side's higher one, denials and silence.

Every event is ``reported`` (coders report, they do not verify); party figures are
``claimed`` or ``disputed``. No crossing tables: real exports have none. The same seed
gives the same bytes, and the directory validates clean.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dashboard import schema, synth_citations
from dashboard.datapackage import build_descriptor, write_descriptor
from dashboard.slugs import ascii_slug
from dashboard.synth import (
    DOCUMENTS_FOLDER,
    SynthCounts,
    _blank_where,
    _pick,
    _write_csv,
    synthetic_fatalities,
)

FIRST_YEAR = 1989
YEARS = 32
OUTLETS = 60
DOCUMENTS = 6
COUNTRY = "Veldmark"

GOVERNMENT = f"Government of {COUNTRY}"
AIR_FORCE = "Kestrian Air Force"
CIVILIANS = f"Civilians ({COUNTRY})"
PROTESTERS = f"Protesters ({COUNTRY})"
MONITOR = f"{COUNTRY} Casualty Monitor"
HOSPITALS = "Field Hospital Network"
MEDIATORS = (f"UN Mission in {COUNTRY}", "Regional Security Council")
BIG_GROUPS = (
    f"{COUNTRY} Liberation Front",
    "Army of the Northern Hills",
    "Sons of the River",
    "People's Defence Committees",
)
PLACES = (
    "Ambar",
    "Kessel",
    "Dravo",
    "Ostra",
    "Mirel",
    "Tannig",
    "Soro",
    "Vellin",
    "Karst",
    "Ulmen",
    "Bresk",
    "Holm",
    "Zarin",
    "Petra Vale",
    "Lisk",
    "Gorran",
    "Efta",
    "Noor Wells",
    "Saddle Gap",
    "Redmoor",
)
GROUP_NOUNS = (
    "Brigade",
    "Defence Militia",
    "Tribal Forces",
    "Self-Defence Group",
    "Battalion",
    "Front",
    "Movement",
    "Vigilantes",
)
TAIL_GROUPS = 50
OUTLET_WORDS = (
    ("Wire", "Agency"),
    ("Radio", COUNTRY),
    (COUNTRY, "Daily"),
    ("Border", "Monitor"),
    ("The Northern", "Herald"),
    ("Kestria", "Today"),
    ("Evening", "Ledger"),
    ("Regional", "Broadcaster"),
    ("Independent", "Observer"),
    ("Capital", "Post"),
)

# event types as coders see them: mostly fighting, some strikes, attacks, protests
TYPE_WEIGHTS = {
    "armed-clash": 0.37,
    "air-strike": 0.12,
    "shelling": 0.13,
    "bombing": 0.08,
    "attack-on-civilians": 0.15,
    "protest": 0.06,
    "territorial-control": 0.04,
    "statement": 0.02,
    "diplomatic": 0.015,
    "humanitarian": 0.01,
    "crossing": 0.0025,
    "background": 0.0025,
}
NO_FIGURE_TYPES = ("statement", "diplomatic", "humanitarian", "crossing", "background")
# chance that the government is a side before the types' own sides are applied; about
# two events in three keep it as actor or target afterwards
GOVERNMENT_SHARE = 0.73
PRECISION_WEIGHTS = {"exact": 0.42, "near": 0.26, "area": 0.24, "country": 0.08}
DATE_SPANS = {"day": 0.72, "days": 0.14, "week": 0.06, "month": 0.06, "year": 0.02}
RELIABILITY_WEIGHTS = {"B": 0.08, "C": 0.14, "D": 0.1, "E": 0.04, "F": 0.64}
UNITS = {"people": 0.45, "civilians": 0.25, "fighters": 0.2, "displaced people": 0.1}


def write_realistic(out: str | Path, events: int, seed: int = 0) -> SynthCounts:
    """Write the realistic profile with ``events`` events into ``out`` (created if needed)."""
    if events < 1:
        raise ValueError("a synthetic dataset needs at least one event")
    directory = Path(out)
    (directory / DOCUMENTS_FOLDER).mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    parties = _parties()
    sources = _sources(rng)
    event_columns = _events(events, parties, sources, rng)
    topics, claims = _topics_and_claims(event_columns, parties, sources, rng)
    _write_documents(directory, sources, claims, rng)
    links = synth_citations.citation_rng(seed)
    speakers = slice(0, 2 + len(BIG_GROUPS))  # the government, the air force, big groups
    sources = synth_citations.link_sources(
        sources, parties["party_id"][speakers], parties["name"][speakers], links
    )
    tables = {
        "sources": sources,
        "parties": parties,
        "events": event_columns,
        "topics": topics,
        "claims": claims,
        "citations": synth_citations.citations(
            event_columns["event_id"], claims["claim_id"], sources["source_id"], links
        ),
    }
    for name, columns in tables.items():
        _write_csv(directory / f"{name}.csv", schema.TABLES_BY_NAME[name], columns)
    descriptor = build_descriptor(
        f"synthetic-realistic-{events}-seed-{seed}",
        f"Synthetic realistic conflict, {events:,} events over {YEARS} years (seed {seed})",
        "Invented data generated by python -m dashboard synth --profile realistic: many "
        "parties with a skewed prominence, decades of events, many outlets, fatality "
        "estimates and numeric topics with ranges claimed by several parties.",
        list(tables),
    )
    write_descriptor(directory / "datapackage.json", descriptor)
    return SynthCounts(
        events=events,
        sources=len(sources["source_id"]),
        documents=DOCUMENTS,
        topics=len(topics["topic_id"]),
        claims=len(claims["claim_id"]),
        crossings=0,
        crossing_status=0,
        days=YEARS * 365,
    )


Columns = dict[str, np.ndarray]


def _weighted(weights: dict[str, float], rng, count: int) -> np.ndarray:
    """``count`` keys of ``weights`` drawn with their weights (normalised)."""
    p = np.asarray(list(weights.values()))
    return _pick(tuple(weights), rng, count, p=p / p.sum())


def _objects(values) -> np.ndarray:
    return np.asarray(list(values), dtype=object)


# --- parties and sources ---------------------------------------------------------------------


def _tail_group_names() -> list[str]:
    """Local militias named after places, in a fixed order (the same for every seed)."""
    names = []
    for number in range(TAIL_GROUPS):
        place = PLACES[number % len(PLACES)]
        noun = GROUP_NOUNS[(number * 3 + number // len(PLACES)) % len(GROUP_NOUNS)]
        names.append(f"{place} {noun}")
    return names


def _parties() -> Columns:
    """Parties in order of prominence: the government first, the long tail last."""
    rows = [
        (GOVERNMENT, "belligerent"),
        (AIR_FORCE, "belligerent"),
        *((name, "non-state-armed-group") for name in BIG_GROUPS),
        *((name, "non-state-armed-group") for name in _tail_group_names()),
        (CIVILIANS, "third-party"),
        (PROTESTERS, "third-party"),
        *((name, "mediator") for name in MEDIATORS),
        (MONITOR, "independent"),
        (HOSPITALS, "independent"),
    ]
    names = [name for name, _ in rows]
    return {
        "party_id": _objects(ascii_slug(name) for name in names),
        "name": _objects(names),
        "role": _objects(role for _, role in rows),
        "color": np.full(len(rows), None, dtype=object),
    }


def _outlet_names() -> list[str]:
    names = [f"{first} {second}" for first, second in OUTLET_WORDS]
    for number in range(OUTLETS - len(names)):
        place = PLACES[number % len(PLACES)]
        kind = ("Times", "Radio", "News Network", "Courier")[number // len(PLACES) % 4]
        names.append(f"{place} {kind}")
    return names


def _sources(rng) -> Columns:
    """One source per outlet, as the importers write them; the first few keep a document."""
    names = _outlet_names()
    ids = _objects(ascii_slug(name) for name in names)
    count = len(names)
    has_document = np.arange(count) < DOCUMENTS
    documents = _objects(f"{DOCUMENTS_FOLDER}/doc-{i:02d}.txt" for i in range(count))
    reliability = _pick(
        tuple(RELIABILITY_WEIGHTS), rng, count, p=list(RELIABILITY_WEIGHTS.values())
    )
    return {
        "source_id": ids,
        "title": _objects(f"Reports by {name}" for name in names),
        "publisher": _objects(names),
        "published": np.full(count, None, dtype=object),
        "url": _blank_where(
            _objects(f"https://example.org/{i}" for i in ids), rng.random(count) < 0.5
        ),
        "document": _blank_where(documents, ~has_document),
        "reliability": reliability,
        "_document_of": np.where(has_document, np.arange(count), -1),
    }


def _zipf(rng, size: int, count: int, exponent: float) -> np.ndarray:
    """Indices 0..size-1, index k drawn with weight 1 / (k + 1) ** exponent."""
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return rng.choice(size, size=count, p=weights / weights.sum())


# --- events ----------------------------------------------------------------------------------


def _event_days(rng, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end days (numpy dates): waves of intensity over the years, and date
    ranges of a day, a few days, a week, a month or a year."""
    intensity = rng.gamma(1.5, 1.0, YEARS) + np.sin(np.linspace(0, 3 * np.pi, YEARS)) + 1.2
    intensity = np.clip(intensity, 0.1, None)
    year = FIRST_YEAR + rng.choice(YEARS, size=count, p=intensity / intensity.sum())
    year_start = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    start = year_start + rng.integers(0, 365, count).astype("timedelta64[D]")
    span = _weighted(DATE_SPANS, rng, count)
    end = start.copy()
    end = np.where(span == "days", start + rng.integers(1, 6, count), end)
    end = np.where(span == "week", start + 6, end)
    month = start.astype("datetime64[M]")
    start = np.where(span == "month", month.astype("datetime64[D]"), start)
    end = np.where(span == "month", (month + 1).astype("datetime64[D]") - 1, end)
    whole_year = start.astype("datetime64[Y]")
    start = np.where(span == "year", whole_year.astype("datetime64[D]"), start)
    end = np.where(span == "year", (whole_year + 1).astype("datetime64[D]") - 1, end)
    return start, end


def _sides(kind: np.ndarray, parties: Columns, rng) -> tuple[np.ndarray, np.ndarray]:
    """Actor and target party ids with the prominence skew and the type's usual sides."""
    count = len(kind)
    ids = parties["party_id"]
    government, air_force, civilians, protesters = (
        ids[list(parties["name"]).index(name)]
        for name in (GOVERNMENT, AIR_FORCE, CIVILIANS, PROTESTERS)
    )
    armed = ids[parties["role"] == "non-state-armed-group"]
    other = armed[_zipf(rng, len(armed), count, 1.3)]
    rival = armed[_zipf(rng, len(armed), count, 1.1)]
    involved = rng.random(count) < GOVERNMENT_SHARE
    acts = rng.random(count) < 0.62
    actor = np.where(involved & ~acts, other, np.where(involved, government, other))
    target = np.where(involved & ~acts, government, np.where(involved, other, rival))
    target = np.where(~involved & (rival == other), None, target)  # no fight with itself
    strike = kind == "air-strike"
    actor = np.where(strike, np.where(rng.random(count) < 0.3, air_force, government), actor)
    target = np.where(strike & (target == government), other, target)
    target = np.where(kind == "attack-on-civilians", civilians, target)
    actor = np.where(kind == "protest", protesters, actor)
    target = np.where(kind == "protest", np.where(involved, government, None), target)
    mediators = ids[parties["role"] == "mediator"]
    talks = kind == "diplomatic"
    actor = np.where(talks, mediators[rng.integers(0, len(mediators), count)], actor)
    helpers = ids[parties["role"] != "belligerent"][-3:]  # a mediator and the monitors
    relief = kind == "humanitarian"
    actor = np.where(relief, helpers[rng.integers(0, len(helpers), count)], actor)
    target = np.where(relief | (kind == "background"), None, target)
    return actor.astype(object), target.astype(object)


def _places(rng, count: int) -> tuple[np.ndarray, ...]:
    """Place names, coordinates and their precision: towns, province and country centroids."""
    towns = len(PLACES)
    town_lat = 9.0 + rng.random(towns) * 6.0
    town_lon = 21.0 + rng.random(towns) * 9.0
    town = _zipf(rng, towns, count, 0.8)
    precision = _weighted(PRECISION_WEIGHTS, rng, count)
    jitter = np.where(precision == "near", 0.08, 0.005)
    latitude = town_lat[town] + rng.normal(0, 1, count) * jitter
    longitude = town_lon[town] + rng.normal(0, 1, count) * jitter
    province = town % 6
    province_lat = np.array([10.0, 10.5, 12.0, 12.5, 14.0, 14.2])
    province_lon = np.array([22.5, 27.5, 23.0, 28.0, 24.5, 29.0])
    area = precision == "area"
    latitude = np.where(area, province_lat[province], latitude)
    longitude = np.where(area, province_lon[province], longitude)
    country = precision == "country"
    latitude = np.round(np.where(country, 12.1, latitude), 4)
    longitude = np.round(np.where(country, 25.6, longitude), 4)
    names = _objects(PLACES)[town]
    names = np.where(area, _objects(f"{p} province" for p in PLACES)[province], names)
    names = np.where(country, COUNTRY, names).astype(object)
    located = rng.random(count) >= 0.04
    latitude = np.where(located, latitude, np.nan)
    longitude = np.where(located, longitude, np.nan)
    precision = _blank_where(precision, ~located)
    return names, latitude, longitude, precision


def _events(count: int, parties: Columns, sources: Columns, rng) -> Columns:
    kind = _weighted(TYPE_WEIGHTS, rng, count)
    start, end = _event_days(rng, count)
    actor, target = _sides(kind, parties, rng)
    place, latitude, longitude, precision = _places(rng, count)
    best, low, high = synthetic_fatalities(rng, count)
    calm = np.isin(kind, NO_FIGURE_TYPES)
    quiet = (kind == "protest") & (rng.random(count) < 0.85)
    for figures in (best, low, high):
        figures[calm] = np.nan
        figures[quiet] = 0.0
    names = dict(zip(parties["party_id"], parties["name"], strict=True))
    words = _objects(str(k).replace("-", " ").capitalize() for k in kind)
    titles = _objects(f"{w} in {p}" for w, p in zip(words, place, strict=True))
    described = [
        f"{w} involving {names.get(a, 'unknown actors')}"
        + (f" and {names[t]}" if t else "")
        + f" around {p}, as reported by the outlet cited."
        for w, a, t, p in zip(words, actor, target, place, strict=True)
    ]
    outlet = _zipf(rng, len(sources["source_id"]), count, 1.05)
    start_text = np.datetime_as_string(start, unit="D").astype(object)
    end_text = np.datetime_as_string(end, unit="D").astype(object)
    return {
        "event_id": _objects(f"ev-{n:07d}" for n in range(count)),
        "date_start": start_text,
        "date_end": _blank_where(end_text, end == start),
        "title": titles,
        "description": _blank_where(_objects(described), rng.random(count) < 0.1),
        "event_type": kind,
        "actor": actor,
        "target": target,
        "location": place,
        "latitude": latitude,
        "longitude": longitude,
        "location_precision": precision,
        "fatalities": best,
        "fatalities_low": low,
        "fatalities_high": high,
        "verification": np.full(count, "reported", dtype=object),
        "source_id": sources["source_id"][outlet],
        "quote": np.full(count, None, dtype=object),
    }


# --- topics and claims -----------------------------------------------------------------------

CLAIM_COLUMNS = (
    "claim_id",
    "topic_id",
    "party_id",
    "spokesperson",
    "date",
    "stance",
    "value",
    "qualifier",
    "value_high",
    "statement",
    "verification",
    "source_id",
)


def _topic_events(events: Columns, rng, count: int) -> np.ndarray:
    """Indices of events the topics are about: the deadlier, the likelier."""
    best = events["fatalities"]
    weight = np.where(np.isnan(best), 0.0, best + 1.0)
    if weight.sum() == 0:
        weight = np.ones(len(best))
    replace = count > int((weight > 0).sum())
    return rng.choice(len(best), size=count, replace=replace, p=weight / weight.sum())


def _topics_and_claims(
    events: Columns, parties: Columns, sources: Columns, rng
) -> tuple[Columns, Columns]:
    count = max(200, len(events["event_id"]) // 30)
    chosen = _topic_events(events, rng, count)
    names = dict(zip(parties["party_id"], parties["name"], strict=True))
    ids = list(parties["party_id"])
    government = ids[list(parties["name"]).index(GOVERNMENT)]
    monitor, hospitals = (ids[list(parties["name"]).index(n)] for n in (MONITOR, HOSPITALS))
    mediators = [p for p, role in zip(ids, parties["role"], strict=True) if role == "mediator"]
    spokespeople = {
        party: "Group spokesperson"
        for party, role in zip(ids, parties["role"], strict=True)
        if role == "non-state-armed-group"
    }
    spokespeople[government] = "Ministry of Defence spokesperson"
    units = _weighted(UNITS, rng, count)
    topics: dict[str, list] = {"topic_id": [], "question": [], "unit": [], "event_id": []}
    claims: dict[str, list] = {name: [] for name in CLAIM_COLUMNS}

    def claim(topic_id, party, day, stance, value=None, qualifier=None, high=None, grade=None):
        number = len(claims["claim_id"])
        words = {None: "", "exact": "", "about": "about ", "more-than": "more than "}
        words |= {"at-least": "at least ", "at-most": "at most ", "fewer-than": "fewer than "}
        if stance == "no-comment":
            statement = f"{names[party]} has not commented."
        elif qualifier == "between":
            statement = f"{names[party]}: between {value:,.0f} and {high:,.0f} {counted[0]}."
        elif stance == "denies":
            statement = f"{names[party]} denies that there were any {counted[0]}."
        else:
            statement = f"{names[party]}: {words[qualifier]}{value:,.0f} {counted[0]}."
        claims["claim_id"].append(f"claim-{number:07d}")
        claims["topic_id"].append(topic_id)
        claims["party_id"].append(party)
        claims["spokesperson"].append(spokespeople.get(party) if rng.random() < 0.7 else None)
        claims["date"].append(str(day))
        claims["stance"].append(stance)
        claims["value"].append(np.nan if value is None else float(value))
        claims["qualifier"].append(qualifier)
        claims["value_high"].append(np.nan if high is None else float(high))
        claims["statement"].append(statement)
        claims["verification"].append(grade or "claimed")
        claims["source_id"].append(sources["source_id"][_zipf(rng, OUTLETS, 1, 1.05)[0]])

    counted = [""]  # what the current topic counts, e.g. "civilians killed"
    for number, (event, unit) in enumerate(zip(chosen, units, strict=True)):
        counted[0] = unit if unit == "displaced people" else f"{unit} killed"
        topic_id = f"topic-{number:05d}"
        day = np.datetime64(events["date_end"][event] or events["date_start"][event])
        best = events["fatalities"][event]
        truth = float(best) if not np.isnan(best) and best > 0 else float(rng.integers(1, 40))
        if unit == "displaced people":
            truth = truth * 40 + float(rng.integers(10, 500))
        topics["topic_id"].append(topic_id)
        topics["question"].append(
            f"{unit.capitalize()} killed: {events['title'][event]}, {day}"
            if unit != "displaced people"
            else f"People displaced: {events['title'][event]}, {day}"
        )
        topics["unit"].append(unit)
        topics["event_id"].append(events["event_id"][event])
        reported = day + rng.integers(0, 10)
        low = np.floor(truth * rng.uniform(0.6, 0.95))
        high = np.ceil(truth * rng.uniform(1.05, 1.8)) + 1
        claim(topic_id, monitor, reported + 3, "asserts", low, "between", high, "reported")
        if rng.random() < 0.3:
            spread = np.ceil(truth * rng.uniform(1.0, 1.4)) + 2
            claim(
                topic_id,
                hospitals,
                reported + 1,
                "asserts",
                np.floor(truth * 0.8),
                "between",
                spread,
                "reported",
            )
        sides = [events["actor"][event], events["target"][event]]
        in_event = government in sides
        if in_event or rng.random() < 0.6:
            choice = rng.random()
            if choice < 0.12:
                claim(topic_id, government, reported, "no-comment")
            elif choice < 0.25:
                claim(topic_id, government, reported, "denies", 0, None, None, "disputed")
            else:
                figure = max(0.0, np.round(truth * rng.uniform(0.2, 0.8)))
                qualifier = _pick(("exact", "about", "at-most"), rng, 1)[0]
                claim(topic_id, government, reported, "asserts", figure, qualifier)
                if rng.random() < 0.25:  # a revision, weeks later and higher
                    revised = np.round(figure + truth * rng.uniform(0.1, 0.5)) + 1
                    claim(
                        topic_id,
                        government,
                        reported + int(rng.integers(5, 90)),
                        "asserts",
                        revised,
                        "exact",
                    )
        opponents = [
            s for s in sides if s and s != government and names[s] not in (CIVILIANS, PROTESTERS)
        ]
        if opponents and rng.random() < 0.85:
            figure = np.round(truth * rng.uniform(1.2, 3.0)) + 1
            qualifier = _pick(("more-than", "at-least", "exact"), rng, 1)[0]
            claim(topic_id, opponents[0], reported + 1, "asserts", figure, qualifier)
        if rng.random() < 0.2:
            mediator = mediators[int(rng.integers(0, len(mediators)))]
            claim(
                topic_id,
                mediator,
                reported + 5,
                "asserts",
                np.round(truth),
                "about",
                None,
                "reported",
            )

    claim_columns = {name: np.asarray(values, dtype=object) for name, values in claims.items()}
    for name in ("value", "value_high"):
        claim_columns[name] = np.asarray(claims[name], dtype="float64")
    topic_columns = {name: np.asarray(values, dtype=object) for name, values in topics.items()}
    return topic_columns, claim_columns


def _write_documents(directory: Path, sources: Columns, claims: Columns, rng) -> None:
    """Each source that keeps a document gets a bulletin of the statements it carried;
    most of its claims quote their statement from it, word for word."""
    claims["quote"] = np.full(len(claims["claim_id"]), None, dtype=object)
    for number in range(DOCUMENTS):
        cites = claims["source_id"] == sources["source_id"][number]
        statements = claims["statement"][cites]
        body = "\n\n".join(
            f"{day}: {text}" for day, text in zip(claims["date"][cites], statements, strict=True)
        )
        path = directory / sources["document"][number]
        path.write_text(f"{sources['publisher'][number]}: bulletins\n\n{body}\n", encoding="utf-8")
        quoted = rng.random(len(statements)) < 0.7
        claims["quote"][np.flatnonzero(cites)[quoted]] = statements[quoted]
