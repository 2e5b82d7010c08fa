"""Writing what a command made to a new file, never over one it did not make."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TextIO

from dashboard.contract.dataset import Dataset


class OutputExists(OSError):
    """The output file is there already (or is a link): nothing is overwritten."""


def write_new_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, which must not exist yet (not even as a link): written
    under a new temporary name in the same folder, then linked into place, which fails
    rather than replace a file that appeared meanwhile; the temporary name is removed."""
    exists = OutputExists(f"{path.name} exists; choose a new file name (nothing is overwritten)")
    if path.is_symlink() or path.exists():
        raise exists
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    handle = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            os.link(temporary, path)
        except FileExistsError as error:
            raise exists from error
    finally:
        os.unlink(temporary)


def write_output(out: str, data: bytes, err: TextIO) -> bool:
    """``data`` written to the new file ``out`` (see ``write_new_file``); False after
    saying on ``err`` why nothing was written."""
    try:
        write_new_file(Path(out), data)
    except OSError as error:
        print(f"error: cannot write {out}: {error.strerror or error}", file=err)
        return False
    return True


def warn_about_rejected_rows(dataset: Dataset, what: str, err: TextIO) -> None:
    """Say on ``err`` how many rows of the data were left out of ``what`` (a snapshot, a
    brief) because the loader rejected them."""
    if dataset.rows_rejected:
        noun = "row" if dataset.rows_rejected == 1 else "rows"
        print(
            f"warning: {dataset.rows_rejected} {noun} of the data rejected and left out of the "
            f"{what}; see python -m dashboard validate {dataset.data_dir}",
            file=err,
        )
