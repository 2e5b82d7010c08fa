"""Data text in Markdown: escaped so nothing renders as markup or a link; quotes highlighted.
The autolink cases, in the app too, are in test_autolinks.py."""

from __future__ import annotations

from dashboard.ui.textsafe import escape_markdown, highlight_markdown


def test_markdown_escaping_leaves_no_markup() -> None:
    hostile = "[click](http://evil) <img src=x onerror=alert(1)> **bold** :red[x] $x$"
    escaped = escape_markdown(hostile)
    for token in ("[", "]", "(", "<", ">", "*", ":", "$"):
        assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == token)
    # nothing else changes but an invisible word joiner after "http:" (no autolink)
    assert escaped.replace("\\", "").replace("\u2060", "") == hostile
    assert "http\\:\u2060" in escaped
    assert escape_markdown("two\nlines") == "two lines"


def test_highlight_wraps_only_the_spans() -> None:
    assert highlight_markdown("say [x] now", [(4, 7)]) == "say :orange-background[**\\[x\\]**] now"
