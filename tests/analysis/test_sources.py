"""The sources view's data: quotes by source, quote spans in documents, the sources table.
Its bounds on large documents and data are in test_sources_bounds.py."""

from __future__ import annotations

from pathlib import Path

from dashboard.analysis import sources
from dashboard.contract.loader import load_dataset


def test_quotes_by_source_in_one_pass(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    quotes = sources.quotes_by_source(tables)
    given = tables["events"][tables["events"]["quote"].notna()]
    assert set(quotes) <= set(tables["sources"]["source_id"])
    for source_id, quote in zip(given["source_id"], given["quote"], strict=True):
        assert quote in quotes[source_id]
    assert all(len(q) == len(set(q)) for q in quotes.values())


def test_quote_spans_survive_whitespace_and_merge() -> None:
    document = "Alpha beta\n  gamma delta. Epsilon zeta."
    spans = sources.quote_spans(document, ["beta gamma", "gamma delta", "zeta", "missing"])
    assert [document[a:b] for a, b in spans] == ["beta\n  gamma delta", "zeta"]


def test_paragraphs_keep_local_spans() -> None:
    document = "First para quoted.\n\nSecond para here."
    spans = sources.quote_spans(document, ["para quoted", "Second"])
    paragraphs = sources.paragraphs_with_spans(document, spans)
    assert [(text, [text[a:b] for a, b in local]) for text, local in paragraphs] == [
        ("First para quoted.", ["para quoted"]),
        ("Second para here.", ["Second"]),
    ]


def test_source_frame_counts_rows_in_view_and_data(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    counts = sources.citation_counts(tables)
    frame = sources.sources_frame(tables["sources"], counts, counts)
    assert dict(zip(frame["source_id"], frame["rows_in_data"], strict=True)) == {
        "wire-1": 6,
        "radio-2": 1,
    }
    assert frame.loc[0, "reliability_meaning"] == "usually reliable"
