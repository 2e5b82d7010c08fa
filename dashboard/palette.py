"""Colours, symbols and words for parties, crossing status and verification.

Colour never carries meaning alone: every status and verification grade also has a word
and a symbol, and charts add shape or fill.
"""

from __future__ import annotations

import pandas as pd

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
UNATTRIBUTED = "unattributed"
UNATTRIBUTED_COLOR = "#7F7F7F"

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


def party_colors(parties: pd.DataFrame) -> dict[str, str]:
    """Each party's own colour, or the next palette colour not already taken."""
    taken = {c.upper() for c in parties["color"].dropna()}
    spare = iter([c for c in PARTY_PALETTE if c.upper() not in taken])
    colors: dict[str, str] = {}
    for party_id, color in zip(parties["party_id"], parties["color"], strict=True):
        colors[party_id] = color if isinstance(color, str) else next(spare, UNATTRIBUTED_COLOR)
    return colors


def status_label(status: str) -> str:
    """'✖ Closed' — a symbol and a word, never colour alone."""
    return f"{STATUS_SYMBOLS.get(status, '')} {STATUS_WORDS.get(status, status)}".strip()


def verification_label(verification: str) -> str:
    """'✔ verified', '○ claimed' …"""
    return f"{VERIFICATION_SYMBOLS.get(verification, '')} {verification}".strip()
