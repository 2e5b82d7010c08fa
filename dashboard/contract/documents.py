"""A data directory's source documents, and the rule that a quote occurs in its document."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.contract import limits
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.problems import Problem
from dashboard.contract.quotes import missing_quotes
from dashboard.contract.rules import CheckedTable, blank_cells
from dashboard.contract.schema import Table

SEEDS_DIR = PROJECT_ROOT / "seeds"


def resolve_document(data_dir: Path, document: str) -> Path | None:
    """The document's real path if it lies inside the data directory or seeds/, else None."""
    candidate = Path(document)
    if candidate.is_absolute():
        return None
    resolved = (data_dir / candidate).resolve()
    allowed = (data_dir.resolve(), SEEDS_DIR.resolve())
    if any(resolved.is_relative_to(root) for root in allowed):
        return resolved
    return None


def load_documents(
    directory: Path, sources: CheckedTable | None, problems: list[Problem]
) -> dict[str, str]:
    """Read each source's stored document; refuse paths that leave the allowed folders."""
    documents: dict[str, str] = {}
    if sources is None:
        return documents
    frame = sources.frame[sources.ok.to_numpy()]
    for line, source_id, document in zip(
        frame.index, frame["source_id"], frame["document"], strict=True
    ):
        if not document:
            continue
        text, message = _read_document(directory, document)
        if message:
            problems.append(
                Problem("sources.csv", int(line), "document", document, "document", message)
            )
        else:
            documents[source_id] = text
    return documents


def _read_document(directory: Path, document: str) -> tuple[str, str | None]:
    path = resolve_document(directory, document)
    if path is None:
        return "", (
            "document path leaves the data directory and the project's seeds/ folder; "
            "refused unread (quotes citing this source are not checked)"
        )
    if not path.is_file():
        return "", "document file does not exist (quotes citing this source are not checked)"
    refusal = limits.size_refusal(path, limits.DOCUMENT)
    if refusal is not None:
        return "", f"{refusal} (quotes citing this source are not checked)"
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError:
        return "", "document is not UTF-8 text (quotes citing this source are not checked)"
    except OSError as error:
        return "", f"document cannot be read: {error}"


def check_quotes(
    table: Table,
    checked: CheckedTable,
    sources: CheckedTable | None,
    documents: dict[str, str],
) -> None:
    if "quote" not in table.column_names or sources is None or not documents:
        return
    frame = checked.frame
    has_quote = ~blank_cells(frame["quote"]) & frame["source_id"].isin(documents.keys())
    if not has_quote.any():
        return
    pairs = frame.loc[has_quote, ["source_id", "quote"]].drop_duplicates()
    missing = missing_quotes(zip(pairs["source_id"], pairs["quote"], strict=True), documents)
    if not missing:
        return
    bad = pd.Series(
        [
            (sid, quote) in missing
            for sid, quote in zip(frame["source_id"], frame["quote"], strict=True)
        ],
        index=frame.index,
    )
    checked.reject(
        has_quote & bad,
        "quote",
        "quote",
        "quote does not occur word for word in the source's document",
    )
