"""The brief's bounds: how many topics, parties, crossings, sources and new events it
lists and how long a text may be (settings in ``analysis/display.py``), cutting texts to
fit, and noting which bound left something out of the brief being built, so the brief can
say so and name the setting."""

from __future__ import annotations

from contextvars import ContextVar, Token

from dashboard.analysis.display import (
    BRIEF_CHANGE_LIMIT,
    BRIEF_CROSSING_LIMIT,
    BRIEF_PARTY_LIMIT,
    BRIEF_SOURCE_LIMIT,
    BRIEF_TEXT_CHARS,
    BRIEF_TOPIC_LIMIT,
)

TOPIC_LIMIT = BRIEF_TOPIC_LIMIT  # leading topics (those with the latest claims)
PARTY_LIMIT = BRIEF_PARTY_LIMIT  # positions per topic; more are counted
CROSSING_LIMIT = BRIEF_CROSSING_LIMIT  # crossings, closed first
SOURCE_LIMIT = BRIEF_SOURCE_LIMIT  # sources, most cited in view first
CHANGE_LIMIT = BRIEF_CHANGE_LIMIT  # newest events listed under "what changed"
NOTE_LIMIT = 5  # notes under the charts
NOTE_CHARS = 300  # characters of one note
TEXT_LIMIT = BRIEF_TEXT_CHARS  # characters of one title, question or name
TITLE_LIMIT = 90  # characters of the brief's title
ELLIPSIS = "…"
SETTINGS_HOME = "dashboard/analysis/display.py"
# The limits that left something out of the brief being built (per thread and task).
_bitten: ContextVar[set[str] | None] = ContextVar("brief_limits_bitten", default=None)


def clip(text: object, limit: int = TEXT_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis (a cut to
    TEXT_LIMIT is noted on the brief being built)."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    if limit == TEXT_LIMIT:
        bite("BRIEF_TEXT_CHARS")
    return flat[: limit - 1].rstrip() + ELLIPSIS


def bite(setting: str) -> None:
    """Note that the limit ``setting`` left something out of the brief being built."""
    bitten = _bitten.get()
    if bitten is not None:
        bitten.add(setting)


LIMIT_WORDS: dict[str, str] = {
    "BRIEF_TOPIC_LIMIT": f"{TOPIC_LIMIT} topics",
    "BRIEF_PARTY_LIMIT": f"{PARTY_LIMIT} parties a topic",
    "BRIEF_CROSSING_LIMIT": f"{CROSSING_LIMIT} crossings",
    "BRIEF_SOURCE_LIMIT": f"{SOURCE_LIMIT} sources",
    "BRIEF_CHANGE_LIMIT": f"{CHANGE_LIMIT} new events",
    "BRIEF_TEXT_CHARS": f"texts cut to {TEXT_LIMIT} characters",
}


def noting_limits() -> tuple[set[str], Token[set[str] | None]]:
    """Start noting the bounds that bite (returns the set and a token for ``stop_noting``)."""
    bitten: set[str] = set()
    return bitten, _bitten.set(bitten)


def stop_noting(token: Token[set[str] | None]) -> None:
    """Stop noting (the brief being built is done)."""
    _bitten.reset(token)


def limits_words(bitten: set[str]) -> str:
    """'Limits that left something out to fit the page: 5 topics (BRIEF_TOPIC_LIMIT) …'."""
    if not bitten:
        return ""
    named = [f"{words} ({name})" for name, words in LIMIT_WORDS.items() if name in bitten]
    return (
        f"Limits that left something out to fit the page: {'; '.join(named)}; "
        f"settings in {SETTINGS_HOME}. The dashboard and the snapshot have everything."
    )
