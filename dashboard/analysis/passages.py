"""What the sources view sends of a stored document: the paragraphs that hold a quote, with
a paragraph of context either side, as one Markdown text per document, bounded in
paragraphs and characters (see the limits in display.py).

Spans are matched to paragraphs in one walk over both (each sorted), so a document of
100,000 paragraphs and as many quotes costs one pass, not one per paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.analysis.display import EXCERPT_CHAR_LIMIT, PARAGRAPH_CHAR_LIMIT, PASSAGE_LIMIT
from dashboard.ui.textsafe import highlight_markdown

Span = tuple[int, int]
GAP = "…"


@dataclass(frozen=True)
class Excerpt:
    """One document's quoted paragraphs as Markdown, and how many were shown of how many."""

    markdown: str
    shown: int  # quoted paragraphs in the text
    quoted: int  # quoted paragraphs in the document

    def note(self) -> str | None:
        """'showing 20 of 3,000 quoted paragraphs …' when some were left out."""
        if self.shown == self.quoted:
            return None
        return (
            f"showing {self.shown:,} of {self.quoted:,} quoted paragraphs (at most "
            f"{PASSAGE_LIMIT} and {EXCERPT_CHAR_LIMIT:,} characters per document: "
            "PASSAGE_LIMIT and EXCERPT_CHAR_LIMIT in dashboard/analysis/display.py)"
        )


def paragraph_bounds(document: str) -> list[Span]:
    """(start, end) of every paragraph that is not blank (paragraphs part at blank lines)."""
    bounds: list[Span] = []
    position = 0
    for block in document.split("\n\n"):
        end = position + len(block)
        if block.strip():
            bounds.append((position, end))
        position = end + 2
    return bounds


def local_spans(bounds: list[Span], spans: list[Span]) -> list[list[Span]]:
    """For each paragraph, the sorted, non-overlapping ``spans`` that touch it, made local."""
    result: list[list[Span]] = []
    first = 0
    for start, end in bounds:
        while first < len(spans) and spans[first][1] <= start:
            first += 1
        local: list[Span] = []
        index = first
        while index < len(spans) and spans[index][0] < end:
            a, b = spans[index]
            local.append((max(a, start) - start, min(b, end) - start))
            index += 1
        result.append(local)
    return result


def quoted_excerpt(document: str, spans: list[Span], context: int = 1) -> Excerpt:
    """The paragraphs of ``document`` that hold a span, with ``context`` paragraphs either
    side, gaps marked '…', within PASSAGE_LIMIT quoted paragraphs and EXCERPT_CHAR_LIMIT."""
    bounds = paragraph_bounds(document)
    local = local_spans(bounds, spans)
    quoted = [i for i, found in enumerate(local) if found]
    pieces: list[str] = []
    shown_until = -1  # the last paragraph already in the text
    size = shown = 0
    for index in quoted:
        if shown >= PASSAGE_LIMIT or size >= EXCERPT_CHAR_LIMIT:
            break
        low, high = max(index - context, shown_until + 1), min(index + context, len(bounds) - 1)
        if low > shown_until + 1:  # paragraphs left out before this one
            pieces.append(GAP)
        for number in range(low, high + 1):
            start, end = bounds[number]
            text = _bounded_paragraph(document[start:end], local[number])
            pieces.append(text)
            size += len(text)
        shown_until = max(shown_until, high)
        shown += 1
    if pieces and shown_until < len(bounds) - 1:
        pieces.append(GAP)
    return Excerpt("\n\n".join(pieces), shown, len(quoted))


def _bounded_paragraph(text: str, spans: list[Span]) -> str:
    """The paragraph as Markdown, cut to a window of PARAGRAPH_CHAR_LIMIT characters from
    a little before its first span when it is longer."""
    if len(text) <= PARAGRAPH_CHAR_LIMIT:
        return highlight_markdown(text, spans)
    begin = max(0, (spans[0][0] if spans else 0) - PARAGRAPH_CHAR_LIMIT // 10)
    finish = begin + PARAGRAPH_CHAR_LIMIT
    inside = [(max(a, begin) - begin, min(b, finish) - begin) for a, b in spans if a < finish]
    body = highlight_markdown(text[begin:finish], [s for s in inside if s[0] < s[1]])
    before = GAP + " " if begin > 0 else ""
    after = " " + GAP if finish < len(text) else ""
    return before + body + after
