"""A problem found in a data directory: where it is and which rule it breaks."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One broken rule, located by file, line and column, in words a curator understands.

    An ``error`` means a row (or a whole table) was rejected or a document refused; a
    ``warning`` means nothing was lost (an ignored extra column, a table with no rows).
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" {self.column}:" if self.column else ""
        value = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}:{column} {self.message}{value}"


SHOWN_CHARS = 80  # a value longer than this is shortened where a problem quotes it


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, the last one "…" when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_value(value: object) -> str | None:
    """A cell as a problem quotes it: shortened text; None for an absent or NaN cell."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return shortened(str(value))


PROBLEM_COLUMNS = ["severity", "file", "line", "column", "value", "rule", "message"]


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problems as a table, one row each, in the order they were found."""
    rows = [asdict(p) for p in problems]
    frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame
