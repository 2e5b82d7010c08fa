"""The realistic profile's invented world: its parties in order of prominence, its
places and its outlets (the sources), and the skewed draws the profile makes from them."""

from __future__ import annotations

import numpy as np

from dashboard.contract.slugs import ascii_slug
from dashboard.synth.basic import DOCUMENTS_FOLDER, _blank_where, _pick

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
RELIABILITY_WEIGHTS = {"B": 0.08, "C": 0.14, "D": 0.1, "E": 0.04, "F": 0.64}

Columns = dict[str, np.ndarray]


def weighted_pick(weights: dict[str, float], rng, count: int) -> np.ndarray:
    """``count`` keys of ``weights`` drawn with their weights (normalised)."""
    p = np.asarray(list(weights.values()))
    return _pick(tuple(weights), rng, count, p=p / p.sum())


def object_array(values) -> np.ndarray:
    """Any iterable as a numpy array of Python objects (text columns)."""
    return np.asarray(list(values), dtype=object)


def zipf_indices(rng, size: int, count: int, exponent: float) -> np.ndarray:
    """Indices 0..size-1, index k drawn with weight 1 / (k + 1) ** exponent."""
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return rng.choice(size, size=count, p=weights / weights.sum())


# --- parties and sources ---------------------------------------------------------------------


def _tail_group_names() -> list[str]:
    """Local militias named after places, in a fixed order (the same for every seed)."""
    names = []
    for number in range(TAIL_GROUPS):
        place = PLACES[number % len(PLACES)]
        noun = GROUP_NOUNS[(number * 3 + number // len(PLACES)) % len(GROUP_NOUNS)]
        names.append(f"{place} {noun}")
    return names


def invented_parties() -> Columns:
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
        "party_id": object_array(ascii_slug(name) for name in names),
        "name": object_array(names),
        "role": object_array(role for _, role in rows),
        "color": np.full(len(rows), None, dtype=object),
    }


def _outlet_names() -> list[str]:
    names = [f"{first} {second}" for first, second in OUTLET_WORDS]
    for number in range(OUTLETS - len(names)):
        place = PLACES[number % len(PLACES)]
        kind = ("Times", "Radio", "News Network", "Courier")[number // len(PLACES) % 4]
        names.append(f"{place} {kind}")
    return names


def invented_sources(rng) -> Columns:
    """One source per outlet, as the importers write them; the first few keep a document."""
    names = _outlet_names()
    ids = object_array(ascii_slug(name) for name in names)
    count = len(names)
    has_document = np.arange(count) < DOCUMENTS
    documents = object_array(f"{DOCUMENTS_FOLDER}/doc-{i:02d}.txt" for i in range(count))
    reliability = _pick(
        tuple(RELIABILITY_WEIGHTS), rng, count, p=list(RELIABILITY_WEIGHTS.values())
    )
    return {
        "source_id": ids,
        "title": object_array(f"Reports by {name}" for name in names),
        "publisher": object_array(names),
        "published": np.full(count, None, dtype=object),
        "url": _blank_where(
            object_array(f"https://example.org/{i}" for i in ids), rng.random(count) < 0.5
        ),
        "document": _blank_where(documents, ~has_document),
        "reliability": reliability,
        "_document_of": np.where(has_document, np.arange(count), -1),
    }
