"""What the first bytes of a text file say before it is read whole: an encoding other
than UTF-8 (UTF-16 or UTF-32, with or without a byte-order mark) or no text at all
(a file of NUL bytes). Both the data-directory loader and the importers ask."""

from __future__ import annotations

HEAD_BYTES = 64 * 1024  # what is looked at; a header row is far shorter
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_SAMPLE = 4096  # bytes whose NULs are counted


def encoding_name(head: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are text in that encoding (a byte-order mark,
    or the NUL bytes every such file of Latin text has in every second or fourth byte),
    'binary' when NUL bytes fill them otherwise; None for anything that may be UTF-8."""
    for mark, name in _BOMS:
        if head.startswith(mark):
            return name
    sample = head[:_SAMPLE]
    nuls = sample.count(0)
    if nuls == 0 or nuls * 10 < len(sample):
        return None  # a stray NUL is a bad cell, reported with its row, not a bad file
    if nuls == len(sample):
        return "binary"
    share = nuls / len(sample)
    if 0.3 <= share <= 0.55 and _nuls_at_one_parity(sample):
        return "UTF-16"
    if 0.6 <= share <= 0.8 and _nuls_at_three_of_four(sample):
        return "UTF-32"
    return "binary"


def encoding_refusal(file_name: str, head: bytes) -> str | None:
    """Why a file cannot be read as UTF-8 text, naming it ('file' when ``file_name`` is
    empty, for a problem that names it already), or None."""
    name = encoding_name(head)
    if name is None:
        return None
    file_name = file_name or "file"
    if name == "binary":
        return (
            f"{file_name} is not text: it is mostly NUL bytes (a damaged or binary file); "
            "save it as UTF-8 CSV"
        )
    return f"{file_name} is {name} encoded; save it as UTF-8 (CSV UTF-8 in a spreadsheet)"


def _nuls_at_one_parity(sample: bytes) -> bool:
    """Nearly every NUL at even offsets, or nearly every one at odd offsets."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return min(even, odd) * 10 <= max(even, odd)


def _nuls_at_three_of_four(sample: bytes) -> bool:
    """In nearly every group of four bytes the same three are NUL (UTF-32 of Latin text)."""
    counts = sorted(sample[i::4].count(0) for i in range(4))
    return counts[0] * 10 <= counts[1]
