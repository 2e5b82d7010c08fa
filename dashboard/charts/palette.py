"""Colours, symbols and words for parties, crossing status and verification.

Colour never carries meaning alone: every status and verification grade also has a word
and a symbol, and charts add shape or fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.contract.dataset import Dataset

# Colour-blind-safe party colours: the Okabe–Ito colours that keep 3:1 contrast against
# both the light (#FFFFFF) and the dark (#0E1117) background, then darker or lighter tones
# of the ones that do not (orange, sky blue) and two from Paul Tol's palettes. A test
# checks the contrast of every colour here.
PARTY_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#009E73",
    "#997700",
    "#AA3377",
    "#A0522D",
    "#4E79A7",
)
LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#0E1117"
# The most prominent parties of a dataset get a colour and a legend entry of their own (as
# many as the palette has colours); the rest share OTHER_PARTIES_COLOR under one entry.
PROMINENT_LIMIT = len(PARTY_PALETTE)
OTHER_PARTIES = "other parties"
OTHER_PARTIES_COLOR = "#929292"
# Events with no actor: a lane and legend entry of their own, darker than "other parties".
UNATTRIBUTED = "unattributed"
UNATTRIBUTED_COLOR = "#5A6570"

STATUS_ORDER: tuple[str, ...] = ("closed", "restricted", "open", "unknown")
STATUS_COLORS: dict[str, str] = {
    "closed": "#D55E00",
    "restricted": "#997700",
    "open": "#009E73",
    "unknown": "#7F7F7F",
}
STATUS_SYMBOLS: dict[str, str] = {
    "closed": "✖",
    "restricted": "▲",
    "open": "↔",
    "unknown": "?",
}
STATUS_WORDS: dict[str, str] = {
    "closed": "Closed",
    "restricted": "Restricted",
    "open": "Open",
    "unknown": "Unknown",
}
NO_REPORT = "no report"

VERIFICATION_SYMBOLS: dict[str, str] = {
    "verified": "✔",
    "reported": "◐",
    "claimed": "○",
    "disputed": "⇄",
}


@dataclass(frozen=True)
class PartyColors:
    """Colours and legend groups of a dataset's parties, the same in every view and filter.

    ``prominent`` lists the party ids with a legend entry of their own, most prominent
    first; every other party belongs to the group OTHER_PARTIES, an event without actor to
    UNATTRIBUTED.
    """

    by_id: Mapping[str, str]  # party id -> colour (tail parties: OTHER_PARTIES_COLOR)
    names: Mapping[str, str]  # party id -> legend label (its name, made unique)
    prominent: tuple[str, ...]

    def group(self, party_id: object) -> str:
        """The legend entry of a party: its name, OTHER_PARTIES or UNATTRIBUTED."""
        if not isinstance(party_id, str):
            return UNATTRIBUTED
        return self.names[party_id] if party_id in self.prominent else OTHER_PARTIES

    def color(self, party_id: object) -> str:
        if not isinstance(party_id, str):
            return UNATTRIBUTED_COLOR
        return self.by_id.get(party_id, OTHER_PARTIES_COLOR)

    def groups(self, party_ids: pd.Series) -> pd.Series:
        """The legend entry of every value of a column of party ids (vectorised)."""
        codes, uniques = pd.factorize(party_ids)  # a few parties: each id is looked up once
        labels = pa.array([self.group(pid) for pid in uniques] + [UNATTRIBUTED], pa.string())
        picked = pc.take(labels, np.where(codes < 0, len(labels) - 1, codes))  # -1: no actor
        return pd.Series(picked, index=party_ids.index, dtype="str")

    def legend(self, present: set[str] | None = None) -> tuple[list[str], list[str]]:
        """(labels, colours) of the legend entries, prominent parties first, then other
        parties and unattributed; only those in ``present`` when given."""
        labels = [self.names[pid] for pid in self.prominent]
        labels += [OTHER_PARTIES, UNATTRIBUTED]
        colors = [self.by_id[pid] for pid in self.prominent]
        colors += [OTHER_PARTIES_COLOR, UNATTRIBUTED_COLOR]
        kept = [
            (label, color)
            for label, color in zip(labels, colors, strict=True)
            if present is None or label in present
        ]
        return [label for label, _ in kept], [color for _, color in kept]


def prominence(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Per party id (in the parties table's order): events as actor, plus events as target,
    plus claims made."""
    parties = tables["parties"]["party_id"]
    score = pd.Series(0, index=pd.Index(parties, name="party_id"), dtype="int64")
    columns = [tables["events"][c] for c in ("actor", "target") if "events" in tables]
    if "claims" in tables:
        columns.append(tables["claims"]["party_id"])
    for column in columns:
        counts = column.value_counts()
        score = score.add(counts.reindex(score.index, fill_value=0), fill_value=0)
    return score.astype("int64")


def dataset_colors(dataset: Dataset) -> PartyColors:
    """``party_colors`` of the whole dataset, computed once per loaded version."""
    return dataset.memo.get("party_colors", lambda: party_colors(dataset.tables))


def party_colors(tables: Mapping[str, pd.DataFrame], limit: int = PROMINENT_LIMIT) -> PartyColors:
    """Colours by prominence over the whole dataset (pass the dataset's tables, not a
    filtered view's, so that a party keeps its colour across views and filters).

    At most ``limit`` parties get their own colour and legend entry: first those with a
    ``color`` of their own in parties.csv (that colour wins), then the most prominent (by
    events as actor or target and claims; ties in file order), which take the palette's
    colours in turn, skipping colours already given. The rest are "other parties".
    """
    parties = tables["parties"]
    own = dict(zip(parties["party_id"], parties["color"], strict=True))
    score = prominence(tables)
    order = list(score.sort_values(ascending=False, kind="stable").index)
    colored = [pid for pid in order if isinstance(own[pid], str)]
    prominent = (colored + [pid for pid in order if pid not in colored])[:limit]
    prominent.sort(key=order.index)
    taken = {own[pid].upper() for pid in prominent if isinstance(own[pid], str)}
    spare = iter([c for c in PARTY_PALETTE if c.upper() not in taken])
    by_id = {pid: OTHER_PARTIES_COLOR for pid in order}
    for pid in prominent:
        by_id[pid] = own[pid] if isinstance(own[pid], str) else next(spare)
    return PartyColors(by_id, _unique_names(parties), tuple(prominent))


def _unique_names(parties: pd.DataFrame) -> dict[str, str]:
    """Party names as legend labels; a name used twice gets its id: 'Front (front-2)'."""
    names = list(parties["name"])
    reserved = {OTHER_PARTIES, UNATTRIBUTED}
    return {
        pid: f"{name} ({pid})" if names.count(name) > 1 or name in reserved else name
        for pid, name in zip(parties["party_id"], names, strict=True)
    }


def status_label(status: str) -> str:
    """'✖ Closed' — a symbol and a word, never colour alone."""
    return f"{STATUS_SYMBOLS.get(status, '')} {STATUS_WORDS.get(status, status)}".strip()


def verification_label(verification: str) -> str:
    """'✔ verified', '○ claimed' …"""
    return f"{VERIFICATION_SYMBOLS.get(verification, '')} {verification}".strip()
