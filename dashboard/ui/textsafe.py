"""Data text made inert for Streamlit's Markdown: shown exactly as written, never as markup.

Streamlit renders headings, captions and labels as Markdown (links, images, emphasis,
``:color[...]`` directives, ``:emoji:`` short codes, ``$math$``) and never as raw HTML.
Every ASCII punctuation character is backslash-escaped, which CommonMark turns back into
that literal character, so no link, image, emphasis, directive or math can form.

Escaping does not stop GitHub-flavoured Markdown's autolinks: bare ``https://…``,
``www.…`` and ``name@host.tld`` text becomes a live link even when escaped. So an
invisible word joiner (U+2060) goes after the colon of ``scheme://``, inside ``www.``
and after ``@``: the text reads and copies the same, and no autolink can form. Long data
text (descriptions, quotes, documents) is better shown with ``st.text``.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def break_autolinks(text: str) -> str:
    """``text`` with a word joiner where Markdown would start an autolink (``://``,
    ``www.``, ``@``): it looks the same but never becomes a live link."""
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text)


def escape_markdown(text: str) -> str:
    """``text`` as Markdown source that renders as exactly ``text`` on one line."""
    flat = _LINE_BREAKS.sub(" ", text)
    return _PUNCTUATION.sub(r"\\\1", break_autolinks(flat))


def highlight_markdown(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped ``text`` with the given character spans bold on a highlighted background."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(escape_markdown(text[position:start]))
        pieces.append(f":orange-background[**{escape_markdown(text[start:end]).strip()}**]")
        position = end
    pieces.append(escape_markdown(text[position:]))
    return "".join(pieces)
