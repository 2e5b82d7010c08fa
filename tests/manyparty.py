"""A realistic many-party, multi-decade data directory for chart and map tests.

Shaped like a real conflict export: a handful of parties in most events (a government in
about two thirds of them) and a long tail of small armed groups; 30 years of events,
bursty, some of them date ranges; places clustered around towns of a region (the Sahel,
far from the curated data's region) with every location precision; fatality figures
known for most events, with low and high estimates for some. Invented data.

``write_many_party(out)`` writes the contract's tables plus the optional event columns
(``fatalities``, ``fatalities_low``, ``fatalities_high``, ``location_precision``);
``load_many_party(out)`` loads it and keeps those columns even where the loader does not
yet read them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset

OPTIONAL_EVENT_COLUMNS = ("fatalities", "fatalities_low", "fatalities_high", "location_precision")
TOWNS = (  # (name, latitude, longitude): a dozen invented places in the Sahel
    ("Kora", 14.45, -4.20),
    ("Tessit Wells", 15.93, 0.50),
    ("Dunbar", 13.10, -1.05),
    ("Ayoru Ford", 14.73, 0.92),
    ("Mirage", 16.27, -0.04),
    ("Sabon Gari", 13.52, 2.11),
    ("Diafara", 14.05, -6.10),
    ("Ouro Kessa", 12.37, -1.52),
    ("Telli", 15.30, -2.80),
    ("Ansongo Camp", 15.66, 0.50),
    ("Bilma Road", 18.69, 12.92),
    ("Lake Post", 13.70, 13.30),
)
PRECISIONS = ("exact", "near", "area", "country")
PRECISION_WEIGHTS = (0.55, 0.30, 0.12, 0.03)
VERIFICATIONS = ("verified", "reported", "claimed", "disputed")
EVENT_TYPES = (
    "armed-clash",
    "air-strike",
    "territorial-control",
    "humanitarian",
)  # in any contract


def party_rows(count: int) -> list[dict[str, str]]:
    """A government, a foreign air force, a big armed group, then a long tail; two of the
    tail parties carry their own colour."""
    rows = [
        {"party_id": "government", "name": "Government of Sahelia", "role": "belligerent"},
        {"party_id": "air-force", "name": "Foreign air force", "role": "third-party"},
        {"party_id": "front", "name": "Liberation Front", "role": "non-state-armed-group"},
    ]
    rows += [
        {
            "party_id": f"group-{i:02d}",
            "name": f"Armed group {i:02d} of the long tail",
            "role": "non-state-armed-group",
        }
        for i in range(count - len(rows))
    ]
    for row in rows:
        row["color"] = ""
    rows[-1]["color"] = "#332288"  # a tail party the curator coloured
    return rows


def write_many_party(out: Path, events: int = 6_000, parties: int = 40, seed: int = 0) -> Path:
    """Write the data directory into ``out`` and return it."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "doc.txt").write_text("Invented field reports.\n", encoding="utf-8")
    pd.DataFrame(
        [
            {
                "source_id": "field-reports",
                "title": "Field reports",
                "publisher": "Monitor",
                "published": "",
                "url": "",
                "document": "doc.txt",
                "reliability": "C",
            }
        ]
    ).to_csv(out / "sources.csv", index=False)
    party_table = pd.DataFrame(party_rows(parties))
    party_table.to_csv(out / "parties.csv", index=False)
    _events(events, party_table["party_id"].to_numpy(), rng).to_csv(out / "events.csv", index=False)
    return out


def _events(count: int, party_ids: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    weights = 1.0 / np.arange(1, len(party_ids) + 1) ** 1.3  # a few parties in most events
    weights[0] *= 6
    weights /= weights.sum()
    actor = party_ids[rng.choice(len(party_ids), count, p=weights)].astype(object)
    actor[rng.random(count) < 0.05] = None  # no actor named
    target = party_ids[rng.choice(len(party_ids), count, p=weights)].astype(object)
    target[rng.random(count) < 0.3] = None
    # bursty over 30 years: more events in later years, clustered in campaigns
    years = 30
    base = np.datetime64("1995-01-01")
    day = (rng.beta(2.2, 1.0, count) * years * 365).astype("int64")
    day = np.sort(day)
    start = base + day.astype("timedelta64[D]")
    length = np.where(rng.random(count) < 0.15, rng.integers(1, 60, count), 0)
    end = np.where(length > 0, start + length.astype("timedelta64[D]"), np.datetime64("NaT"))
    town = rng.integers(0, len(TOWNS), count)
    precision = np.asarray(PRECISIONS, dtype=object)[
        rng.choice(len(PRECISIONS), count, p=PRECISION_WEIGHTS)
    ]
    spread = np.select([precision == "exact", precision == "near"], [0.02, 0.08], 0.0)
    latitude = np.array([TOWNS[t][1] for t in town]) + rng.normal(0, 1, count) * spread
    longitude = np.array([TOWNS[t][2] for t in town]) + rng.normal(0, 1, count) * spread
    latitude[precision == "country"] = 17.0  # the country's centroid
    longitude[precision == "country"] = 1.5
    unlocated = rng.random(count) < 0.04
    latitude[unlocated] = np.nan
    longitude[unlocated] = np.nan
    best = np.floor(rng.pareto(1.6, count) * 3).astype("float64")
    best[rng.random(count) < 0.25] = np.nan  # unknown, not zero
    ranged = ~np.isnan(best) & (rng.random(count) < 0.3)
    low = np.where(ranged, np.floor(best * 0.6), np.nan)
    high = np.where(ranged, np.ceil(best * 1.8) + 1, np.nan)
    event_type = np.asarray(EVENT_TYPES, dtype=object)[rng.integers(0, len(EVENT_TYPES), count)]
    place = np.array([TOWNS[t][0] for t in town], dtype=object)
    return pd.DataFrame(
        {
            "event_id": [f"ev-{i:05d}" for i in range(count)],
            "date_start": np.datetime_as_string(start, unit="D"),
            "date_end": [
                "" if np.isnat(e) else str(e)
                for e in end.astype("datetime64[D]")  # type: ignore[union-attr]
            ],
            "title": [
                f"{t.replace('-', ' ').capitalize()} near {p}"
                for t, p in zip(event_type, place, strict=True)
            ],
            "description": "",
            "event_type": event_type,
            "actor": actor,
            "target": target,
            "location": place,
            "latitude": np.round(latitude, 4),
            "longitude": np.round(longitude, 4),
            "verification": np.asarray(VERIFICATIONS, dtype=object)[
                rng.choice(4, count, p=(0.3, 0.4, 0.2, 0.1))
            ],
            "source_id": "field-reports",
            "quote": "",
            "fatalities": _integers(best),
            "fatalities_low": _integers(low),
            "fatalities_high": _integers(high),
            "location_precision": precision,
        }
    )


def _integers(values: np.ndarray) -> list[str]:
    return ["" if np.isnan(v) else str(int(v)) for v in values]


def load_many_party(folder: Path) -> Dataset:
    """The loaded data directory, with the optional event columns typed as the contract
    says (added from the CSV where the loader does not read them yet)."""
    dataset = load_dataset(folder)
    events = dataset.tables["events"]
    missing = [c for c in OPTIONAL_EVENT_COLUMNS if c not in events.columns]
    if missing:
        raw = pd.read_csv(folder / "events.csv", usecols=["event_id", *missing], dtype="str")
        extra = raw.set_index("event_id").reindex(events["event_id"])
        for column in missing:
            values = extra[column].to_numpy()
            if column == "location_precision":
                events[column] = pd.array(values, dtype="str")
            else:
                events[column] = (
                    pd.to_numeric(pd.Series(values), errors="coerce").astype("Int64").to_numpy()
                )
    return dataset
