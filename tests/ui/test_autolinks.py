"""No text from a link or a dataset becomes a live link: bare URLs are shown, not linked
(issue 17, item 10). The browser's side is in tests/e2e/test_injection.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.contract.loader import load_dataset
from dashboard.query.params import VIEWS
from dashboard.ui.textsafe import escape_markdown, highlight_markdown
from tests.linky import EVIL, autolinks, write_linky
from tests.test_hostile_input import markdown_sources
from tests.viewtest import run_app, shown


@pytest.mark.parametrize(
    "text",
    [
        "https://evil.example/login",
        "HTTPS://EVIL.EXAMPLE",
        "ftp://evil.example",
        "www.evil.example",
        "WwW.evil.example/a",
        "mail me at x.y+z@evil.example",
        "mailto:x@evil.example",
        "line one\nhttp://evil.example",
    ],
)
def test_escaped_text_has_no_autolink_and_reads_the_same(text: str) -> None:
    assert autolinks(text)  # the detector sees the raw text as a link
    escaped = escape_markdown(text)
    assert autolinks(escaped) == []
    assert shown(escaped).replace("\u2060", "") == " ".join(text.split("\n"))


def test_highlighted_document_text_has_no_autolink() -> None:
    text = "Statement at https://evil.example/a and www.evil.example today."
    markdown = highlight_markdown(text, [(13, 38)])
    assert autolinks(markdown) == []
    assert "**" in markdown


def link_texts(at) -> list[str]:
    """Every Markdown source of the run, widget labels and help texts included."""
    sources = markdown_sources(at)
    for widget in (*at.multiselect, *at.selectbox, *at.date_input, *at.radio, *at.text_input):
        sources += [str(widget.label), str(widget.help or "")]
    sources += [f"{m.label} {m.help or ''}" for m in at.metric]
    return sources


@pytest.mark.usefixtures("app_environment")
def test_a_url_in_the_party_link_is_named_but_not_linked(rich_dir: Path) -> None:
    at = run_app({"party": [f"https://{EVIL}/login", f"www.{EVIL}"]}, rich_dir)
    notices = [shown(w.value) for w in at.warning]
    assert any(f"{EVIL}/login" in notice for notice in notices), notices
    for source in link_texts(at):
        assert autolinks(source) == [], source


@pytest.mark.usefixtures("app_environment")
@pytest.mark.parametrize("view", VIEWS)
def test_urls_in_the_dataset_are_shown_but_not_linked(tmp_path: Path, view: str) -> None:
    directory = write_linky(tmp_path / "linky")
    assert load_dataset(directory).errors == []
    at = run_app({"view": [view]}, directory)
    if view == "timeline":
        at.selectbox(key="event_pick").set_value("shelling").run()
        assert not at.exception
    assert any(f"{EVIL}/title" in shown(t.value) for t in at.title)
    assert any(f"{EVIL}/about" in shown(c.value) for c in at.caption)
    sources = link_texts(at)
    for source in sources:
        assert autolinks(source) == [], (view, source)
