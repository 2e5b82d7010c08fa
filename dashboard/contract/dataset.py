"""A loaded data directory: the good rows of every table, its documents and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.contract.problems import Problem
from dashboard.runtime.memo import Memo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


class DataDirectoryError(Exception):
    """The data directory itself cannot be read (missing, not a folder, no permission)."""


@dataclass
class TableCount:
    """How many data rows a file had and how many were rejected."""

    read: int = 0
    rejected: int = 0

    @property
    def kept(self) -> int:
        return self.read - self.rejected


@dataclass
class Dataset:
    """The good rows of every table present, the source documents and all problems found."""

    data_dir: Path
    title: str
    description: str
    tables: dict[str, pd.DataFrame]
    documents: dict[str, str] = field(default_factory=dict)  # source_id -> text
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCount] = field(default_factory=dict)
    name: str = ""  # datapackage.json "name", if it has one
    # Values derived from the whole dataset (party colours …), computed once per version.
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    @property
    def shown_dir(self) -> str:
        """The data directory as viewers may see it: relative to the project when inside it,
        else the folder's name alone (never an absolute path of the server)."""
        return shown_path(self.data_dir)

    def has(self, *names: str) -> bool:
        """Whether every named table is present (optional pairs may be absent)."""
        return all(name in self.tables for name in names)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def rows_rejected(self) -> int:
        return sum(c.rejected for c in self.counts.values())

    @property
    def rows_kept(self) -> int:
        return sum(c.kept for c in self.counts.values())


def shown_path(path: Path) -> str:
    """``path`` relative to the project when inside it, else its last part, as safe text."""
    resolved = Path(path).resolve()
    shown = (
        resolved.relative_to(PROJECT_ROOT).as_posix()
        if resolved.is_relative_to(PROJECT_ROOT)
        else resolved.name
    )
    return readable(shown or ".")


def readable(text: str) -> str:
    """Text safe to show and write: undecodable file-name bytes become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
