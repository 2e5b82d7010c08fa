"""A data directory whose every displayed text carries bare URLs, and a reader that finds
text Streamlit's Markdown would turn into a live link (issue 17, item 10)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.minidata import write_with_text_appended

EVIL = "evil.example"
URLS = f"https://{EVIL}/login www.{EVIL}/w HTTP://{EVIL}/x help@{EVIL}"
TITLE = f"Clashes, see https://{EVIL}/title"
DESCRIPTION = f"Read www.{EVIL}/about or mail press@{EVIL} first."
# Text columns that reach the page, per table: every one of them carries the URLs.
URL_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("title", "publisher"),
    "parties": ("name",),
    "events": ("title", "description", "location", "quote"),
    "topics": ("question", "unit"),
    "claims": ("spokesperson", "statement", "quote"),
    "crossings": ("name", "description"),
    "crossing_status": ("detail", "quote"),
}
# What GitHub-flavoured Markdown links without being asked: a scheme's "://", "www." and
# e-mail addresses (checked on the text as displayed, escapes undone).
AUTOLINK = re.compile(r"[a-z][a-z0-9+.-]*://|\bwww\.|[\w.+-]@[\w-]+\.[\w-]", re.IGNORECASE)


def write_linky(directory: Path) -> Path:
    """The mini dataset with bare URLs in every displayed text column, in the stored
    document (so the quotes still check out) and in datapackage.json's title and
    description."""
    write_with_text_appended(directory, URL_COLUMNS, URLS)
    descriptor = {"name": "linky", "title": TITLE, "description": DESCRIPTION}
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return directory


def autolinks(markdown: str) -> list[str]:
    """The autolinkable starts in a Markdown source as displayed (escapes undone)."""
    return AUTOLINK.findall(re.sub(r"\\(.)", r"\1", markdown))
