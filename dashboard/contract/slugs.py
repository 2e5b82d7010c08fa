"""Slug rules: ids in the tables, Data Package names and file names."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"[a-z0-9][a-z0-9-]*"


def is_slug(text: str) -> bool:
    """An id of the data contract: lowercase letters, digits and '-', not starting with '-'."""
    return re.fullmatch(SLUG_PATTERN, text) is not None


def package_name(text: str) -> str:
    """A Data Package name: lowercase letters, digits, '-', '_' and '.'."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text.lower())
    return cleaned.strip("-") or "dataset"


def ascii_slug(text: str) -> str:
    """'Riverland–Hillmark clashes (2025)' -> 'riverland-hillmark-clashes-2025'."""
    return slug_words(text) or "dataset"


def slug_words(text: str, limit: int | None = None) -> str:
    """'Government of Côte d’Ivoire' -> 'government-of-cote-d-ivoire': latin letters and
    digits, other characters as '-', cut at a word boundary to ``limit`` characters; ''
    when the text has no latin letters or digits."""
    spaced = re.sub(r"[\W_]+", " ", text)  # dashes and punctuation of any script separate words
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if limit is not None and len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words
