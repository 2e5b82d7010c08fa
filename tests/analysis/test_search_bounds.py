"""The "Find an event" box reads a bounded query: a pasted page costs no more than a few
words, and the screen says what was left out and which limit did it."""

from __future__ import annotations

from pathlib import Path

from dashboard.analysis.display import SEARCH_CHAR_LIMIT, SEARCH_WORD_LIMIT
from dashboard.analysis.eventsearch import find_events
from dashboard.contract.dataset import Dataset
from tests.viewtest import captions, view_app


def test_words_beyond_the_limit_are_not_searched(many: Dataset) -> None:
    events = many.tables["events"]
    place = str(events["location"].dropna().iloc[0]).lower()
    words = [place] * SEARCH_WORD_LIMIT + ["zzzz-not-anywhere"]
    found = find_events(events, " ".join(words))
    assert found.total == find_events(events, place).total > 0
    assert found.cut == "1 word"


def test_a_pasted_page_is_cut_to_the_character_limit(many: Dataset) -> None:
    events = many.tables["events"]
    page = "x" * (SEARCH_CHAR_LIMIT + 5000)
    found = find_events(events, page)
    assert found.cut == "5,000 characters"
    assert find_events(events, "short words").cut is None


def test_the_timeline_says_when_the_search_limit_bites(rich_dir: Path) -> None:
    at = view_app("timeline", rich_dir).run()
    at.text_input(key="event_search").set_value("convoy " * 300).run()
    assert not at.exception
    notes = [c for c in captions(at) if "SEARCH_CHAR_LIMIT" in c]
    assert len(notes) == 1
    assert f"first {SEARCH_CHAR_LIMIT} characters and {SEARCH_WORD_LIMIT} words" in notes[0]
