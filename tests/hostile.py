"""A corpus of broken data directories, each made from the mini dataset with one thing
wrong, and an independent count of the rows a file holds (Python's csv module, not the
loader's reader), so the tests can check that no row goes missing without a problem."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.minidata import read_rows, set_cell, write_table

PASHTO = "د پاکستان پوځ ځواب ورنکړ"
URDU = "پاکستانی فوج نے کوئی جواب نہیں دیا"
EMOJI = "🔥💥 closed 🚧"
MEGABYTE_CELL = "x" * 1_000_000


@dataclass(frozen=True)
class Case:
    """One broken (or merely unusual) data directory and what validate must say."""

    name: str
    breaks: Callable[[Path], None]
    rule: str | None  # the rule of the problem it must report; None: must load clean
    file: str | None = None  # the file that problem names


def _drop_file(name: str) -> Callable[[Path], None]:
    return lambda d: (d / f"{name}.csv").unlink()


def _drop_column(table: str, column: str) -> Callable[[Path], None]:
    def breaks(directory: Path) -> None:
        rows = read_rows(directory, table)
        index = rows[0].index(column)
        write_table(directory, table, [r[:index] + r[index + 1 :] for r in rows])

    return breaks


def _extra_column(directory: Path) -> None:
    rows = read_rows(directory, "events")
    write_table(directory, "events", [[*r, "notes" if i == 0 else "x"] for i, r in enumerate(rows)])


def _write_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda d: (d / f"{name}.csv").write_bytes(data)


def _header_only(directory: Path) -> None:
    write_table(directory, "events", read_rows(directory, "events")[:1])


def _not_utf8(directory: Path) -> None:
    text = (directory / "events.csv").read_text(encoding="utf-8")
    (directory / "events.csv").write_bytes(text.replace("Talks", "Tälks").encode("cp1252"))


def _bom(directory: Path) -> None:
    path = directory / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _crlf(directory: Path) -> None:
    path = directory / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _cr_only(directory: Path) -> None:
    path = directory / "parties.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))


def _quoted_newlines(directory: Path) -> None:
    set_cell(directory, "events", 1, "description", "line one\nline two\r\nline three")
    set_cell(directory, "events", 3, "event_type", "riot")  # line 6 after the 3-line cell


def _cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    return lambda d: set_cell(d, table, row, column, value)


def _half_written(directory: Path) -> None:
    data = (directory / "events.csv").read_bytes()
    (directory / "events.csv").write_bytes(data[: data.index(b"Millford bridge closed") + 8])


def _unclosed_quote(directory: Path) -> None:
    data = (directory / "events.csv").read_bytes()
    # the quote opens on line 3 and swallows line 4: both rows are in one problem
    (directory / "events.csv").write_bytes(
        data.replace(b",Millford bridge closed,", b',"Millford,')
    )


def _document(path: str) -> Callable[[Path], None]:
    return lambda d: set_cell(d, "sources", 1, "document", path)


def _symlinked_document(directory: Path) -> None:
    outside = directory.parent / "outside-secret.txt"
    outside.write_text("secret outside the data directory", encoding="utf-8")
    (directory / "link.txt").symlink_to(outside)
    set_cell(directory, "sources", 1, "document", "link.txt")


def _world_text(directory: Path) -> None:
    set_cell(directory, "events", 3, "title", f"{PASHTO} · {URDU} · {EMOJI}")
    set_cell(directory, "parties", 2, "name", URDU)
    set_cell(directory, "topics", 1, "question", f"{PASHTO}?")


CASES: list[Case] = [
    Case("missing required table", _drop_file("events"), "missing-table", "events.csv"),
    Case("optional table of a pair missing", _drop_file("claims"), "lone-pair", "topics.csv"),
    Case("missing column", _drop_column("events", "title"), "missing-column", "events.csv"),
    Case("missing optional column", _drop_column("events", "quote"), None),
    Case("extra column", _extra_column, "unknown-column", "events.csv"),
    Case("empty file", _write_bytes("parties", b""), "empty-file", "parties.csv"),
    Case("header only", _header_only, "no-rows", "events.csv"),
    Case("not UTF-8", _not_utf8, "not-utf8", "events.csv"),
    Case("BOM", _bom, None),
    Case("CRLF", _crlf, None),
    Case("CR line ends", _cr_only, None),
    Case("quoted newlines", _quoted_newlines, "enum", "events.csv"),
    Case("duplicated id", _cell("events", 2, "event_id", "shelling"), "unique", "events.csv"),
    Case("unknown foreign key", _cell("claims", 1, "party_id", "east"), "foreign-key"),
    Case("impossible date", _cell("events", 1, "date_start", "2024-02-30"), "date"),
    Case("date_end before date_start", _cell("events", 2, "date_end", "2024-03-01"), "date-order"),
    Case("latitude 123", _cell("events", 1, "latitude", "123"), "range", "events.csv"),
    Case("unknown enum", _cell("crossing_status", 1, "status", "shut"), "enum"),
    Case("quote not in document", _cell("events", 1, "quote", "Southland surrendered"), "quote"),
    Case("document ../../etc/passwd", _document("../../etc/passwd"), "document", "sources.csv"),
    Case("absolute document path", _document("/etc/passwd"), "document", "sources.csv"),
    Case("symlink out of the folder", _symlinked_document, "document", "sources.csv"),
    Case("1 MB cell", _cell("events", 1, "description", MEGABYTE_CELL), None),
    Case("Pashto, Urdu and emoji", _world_text, None),
    Case("half-written file", _half_written, "field-count", "events.csv"),
    Case("unclosed quote", _unclosed_quote, "unclosed-quote", "events.csv"),
]


def record_lines(path: Path) -> list[int]:
    """The line on which each data row of a CSV file starts, by Python's csv module."""
    csv.field_size_limit(1 << 30)
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts: list[int] = []
    previous_end = 0
    for row in reader:
        if row:
            starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts[1:]  # without the header


def files_in(directory: Path) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name.endswith(".csv"))
