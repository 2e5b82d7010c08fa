"""The sources view sends a bounded amount for any document: the quoted paragraphs with a
paragraph of context, one Markdown element per document, at most PASSAGE_LIMIT of them,
documents paged, and a note naming the limit whenever something is left out."""

from __future__ import annotations

from pathlib import Path

from dashboard.analysis import display, passages, sources
from dashboard.contract.dataset import Dataset
from tests.minidata import DOCUMENT, write_mini_dataset
from tests.viewtest import captions, run_view

LETTERS = "\n\n".join("abcdefghij"[i % 10] for i in range(100_000))


def test_spans_are_matched_to_paragraphs_in_one_walk() -> None:
    document = "one two\n\nthree\n\n\n\nfour five"
    bounds = passages.paragraph_bounds(document)
    assert [document[a:b] for a, b in bounds] == ["one two", "three", "four five"]
    spans = sources.quote_spans(document, ["two", "four"])
    assert passages.local_spans(bounds, spans) == [[(4, 7)], [], [(0, 4)]]


def test_an_excerpt_keeps_quoted_paragraphs_with_context_and_marks_gaps() -> None:
    document = "\n\n".join(["p0", "p1", "p2 quoted", "p3", "p4", "p5", "p6 quoted"])
    excerpt = passages.quoted_excerpt(document, sources.quote_spans(document, ["quoted"]))
    assert excerpt.markdown.split("\n\n") == [
        "…",
        "p1",
        "p2 :orange-background[**quoted**]",
        "p3",
        "…",
        "p5",
        "p6 :orange-background[**quoted**]",
    ]
    assert (excerpt.shown, excerpt.quoted, excerpt.note()) == (2, 2, None)


def test_a_hundred_thousand_quoted_paragraphs_give_one_bounded_excerpt() -> None:
    spans = sources.quote_spans(LETTERS, ["a"])
    assert len(spans) == 10_000
    excerpt = passages.quoted_excerpt(LETTERS, spans)
    assert excerpt.shown == display.PASSAGE_LIMIT and excerpt.quoted == 10_000
    assert excerpt.markdown.count(":orange-background[") == display.PASSAGE_LIMIT
    assert "showing 20 of 10,000 quoted paragraphs" in (excerpt.note() or "")
    assert "PASSAGE_LIMIT" in (excerpt.note() or "")


def test_a_long_paragraph_is_cut_to_a_window_around_its_quote() -> None:
    document = "x" * 50_000 + " quoted " + "y" * 50_000
    excerpt = passages.quoted_excerpt(document, sources.quote_spans(document, ["quoted"]))
    assert ":orange-background[**quoted**]" in excerpt.markdown
    assert len(excerpt.markdown) < display.PARAGRAPH_CHAR_LIMIT + 100


def test_the_pathological_document_renders_a_bounded_view(tmp_path: Path) -> None:
    document = f"{LETTERS}\n\n" + "\n\n".join([DOCUMENT] * 300)
    folder = write_mini_dataset(tmp_path / "letters", document=document)
    at = run_view("sources", folder)
    (excerpt,) = [m.value for m in at.markdown if "orange-background" in m.value]
    assert excerpt.count("\n\n") < 4 * display.PASSAGE_LIMIT
    assert len(at.markdown) <= 3
    assert any("PASSAGE_LIMIT" in c for c in captions(at))


def test_a_hundred_thousand_events_render_a_bounded_sources_view(synth_100k: Dataset) -> None:
    at = run_view("sources", synth_100k.data_dir)
    documents = len(synth_100k.documents)
    excerpts = [m.value for m in at.markdown if "orange-background" in m.value]
    assert len(excerpts) == min(documents, display.DOCUMENT_PAGE_SIZE)
    assert len(at.markdown) <= 2 * display.DOCUMENT_PAGE_SIZE
    assert sum(len(e) for e in excerpts) <= documents * (display.EXCERPT_CHAR_LIMIT + 5_000)
