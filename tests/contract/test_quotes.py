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


def test_many_quotes_sharing_first_words_match_a_substring_search() -> None:
    import random

    rng = random.Random(7)
    vocabulary = ["the", "report", "said", "forty", "four", "killed", "in", "Ost", "Vale", "x"]
    words = [rng.choice(vocabulary) for _ in range(3000)]
    document = " ".join(words)
    quotes = set()
    for _ in range(400):
        start, size = rng.randrange(len(words) - 12), rng.randrange(5, 12)
        quote = " ".join(words[start : start + size])
        quotes.add(quote)
        quotes.add(quote[1:])  # starts inside a word
        quotes.add(quote + " Vale Vale Vale")  # most likely absent
        quotes.add(quote.replace(" ", "  ", 1))  # white space normalised
    pairs = [("doc", quote) for quote in sorted(quotes)]
    text = normalise_whitespace(document)
    expected = {("doc", q) for q in quotes if normalise_whitespace(q) not in text}
    assert 0 < len(expected) < len(quotes)
    assert missing_quotes(pairs, {"doc": document}) == expected
