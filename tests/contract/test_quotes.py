"""missing_quotes gives exactly what a substring search per quote gives, found fast or not."""

from __future__ import annotations

from dashboard.contract.quotes import missing_quotes, normalise_whitespace

DOCUMENT = (
    "2024-01-02: Government of Veldmark denies the report of twelve people killed in Ost.\n\n"
    "2024-01-03: Government of Veldmark denies the report of forty people killed in Ost.\n"
    "2024-01-04:   Monitor   counts\tforty-one dead in Ost and   nine in Vale."
)
QUOTES = [
    "Government of Veldmark denies the report of forty people killed",  # second of two
    "Government of Veldmark denies the report of twelve people killed in Ost.",
    "Monitor counts forty-one dead in Ost and nine in Vale.",  # white space normalised
    "rnment of Veldmark denies the report of twelve",  # starts inside a word
    "counts forty-one",  # short
    "Government of Veldmark denies the report of fifty people killed",  # absent
    "Monitor counts forty-one dead in Vale",  # absent
    "Vale.",
]


def test_the_missing_quotes_are_those_a_substring_search_misses() -> None:
    pairs = [("wire", quote) for quote in QUOTES] + [("radio", QUOTES[0])]
    documents = {"wire": DOCUMENT, "radio": "Government of Veldmark said nothing."}
    text = normalise_whitespace(DOCUMENT)
    expected = {("wire", q) for q in QUOTES if normalise_whitespace(q) not in text}
    assert expected == {("wire", QUOTES[5]), ("wire", QUOTES[6])}
    assert missing_quotes(pairs, documents) == expected | {("radio", QUOTES[0])}


def test_a_quote_repeated_in_the_document_is_found_once_and_stays_found() -> None:
    quote = "Government of Veldmark denies the report of"
    pairs = [("wire", quote), ("wire", quote + " twelve"), ("wire", quote + " forty")]
    assert missing_quotes(pairs, {"wire": DOCUMENT}) == set()
