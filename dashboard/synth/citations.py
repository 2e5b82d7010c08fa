"""Citations for the synthetic profiles: reprint chains, party voices, many sources per row.

Both ``synth`` profiles call ``link_sources`` and ``citations`` after their other tables
are drawn, with a random generator of their own (seeded from the profile's seed), so the
other tables stay as they were and the same seed still gives the same bytes:

- about a third of the outlets repeat an earlier one (``derived_from``), so chains of
  reprints form (a reprint of a reprint of a wire story);
- each party that speaks gets three voices: a ministry and a spokesperson with its
  ``party_id``, and a state broadcaster relaying the ministry (``derived_from``);
- each event has on average ``CITATIONS_PER_EVENT`` citations and each claim one, drawn
  from every source (voices included): most ``reports``, some ``confirms``, a few
  ``contradicts``. Rows never cite a voice as their own source, so a verified claim
  always keeps its own source's confirmation and the data validates clean.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Columns = dict[str, np.ndarray]

CITATIONS_PER_EVENT = 3
CITATIONS_PER_CLAIM = 1
REPRINT_SHARE = 0.35
SUPPORT_WEIGHTS = {"reports": 0.6, "confirms": 0.3, "contradicts": 0.1}
SEED_SALT = 21  # the issue number: a generator apart from the profile's own
VOICES = (
    ("ministry", "Official statement", None),
    ("spokesperson", "Spokesperson's statement", None),
    ("broadcaster", "State broadcaster", "ministry"),  # relays the ministry
)


def citation_rng(seed: int) -> np.random.Generator:
    """The generator for links and citations: the same for the same seed."""
    return np.random.default_rng([seed, SEED_SALT])


def link_sources(
    sources: Columns, parties: Sequence[str], names: Sequence[str], rng: np.random.Generator
) -> Columns:
    """``sources`` with ``derived_from`` and ``party_id`` columns, and three voices per
    party in ``parties`` (named ``names``) appended."""
    count = len(sources["source_id"])
    ids = sources["source_id"]
    reprint = (np.arange(count) > 0) & (rng.random(count) < REPRINT_SHARE)
    earlier = (rng.random(count) * np.arange(count)).astype(np.int64)  # always j < i
    derived = np.where(reprint, ids[earlier], None).astype(object)
    linked = dict(sources)
    linked["derived_from"] = derived
    linked["party_id"] = np.full(count, None, dtype=object)
    voices = [
        (party, name, kind, title, relays)
        for party, name in zip(parties, names, strict=True)
        for kind, title, relays in VOICES
    ]
    extra = {
        "source_id": [f"{party}-{kind}" for party, _, kind, _, _ in voices],
        "title": [f"{title}, {name}" for _, name, _, title, _ in voices],
        "publisher": [f"{name} ({kind})" for _, name, kind, _, _ in voices],
        "reliability": ["F"] * len(voices),
        "derived_from": [f"{p}-{relays}" if relays else None for p, _, _, _, relays in voices],
        "party_id": [None if relays else party for party, _, _, _, relays in voices],
        "_document_of": [-1] * len(voices),
    }
    for column in linked:
        values = extra.get(column, [None] * len(voices))
        kind = np.int64 if column == "_document_of" else object
        linked[column] = np.concatenate((linked[column], np.asarray(values, dtype=kind)))
    return linked


def citations(
    event_ids: np.ndarray,
    claim_ids: np.ndarray,
    source_ids: np.ndarray,
    rng: np.random.Generator,
) -> Columns:
    """The citations.csv columns: events and claims cited by random sources."""
    parts = []
    for table, ids, per_row in (
        ("events", event_ids, CITATIONS_PER_EVENT),
        ("claims", claim_ids, CITATIONS_PER_CLAIM),
    ):
        count = len(ids) * per_row
        if count == 0:
            continue
        rows = rng.integers(0, len(ids), count)
        parts.append((np.full(count, table, dtype=object), np.asarray(ids, dtype=object)[rows]))
    tables = np.concatenate([table for table, _ in parts])
    rows = np.concatenate([row for _, row in parts])
    total = len(rows)
    weights = np.asarray(list(SUPPORT_WEIGHTS.values()))
    support = np.asarray(list(SUPPORT_WEIGHTS), dtype=object)[
        rng.choice(len(weights), size=total, p=weights / weights.sum())
    ]
    width = len(str(max(total - 1, 0)))
    numbers = np.char.zfill(np.arange(total).astype(str), width)
    return {
        "citation_id": np.char.add("cit-", numbers).astype(object),
        "table": tables,
        "row_id": rows,
        "source_id": np.asarray(source_ids, dtype=object)[rng.integers(0, len(source_ids), total)],
        "support": support,
        "quote": np.full(total, None, dtype=object),
    }
