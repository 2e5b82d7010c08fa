"""The import's output folder: written only when it is new, empty, or an earlier
import's (proved by its marker file), built next to it under a temporary name and renamed
into place, never through a link, never over the input.

The marker ``.dashboard-import`` records the importer, the input's name and SHA-256 and
the SHA-256 of every file written. A folder is an earlier import's only when the marker
is a plain file, the folder holds exactly the files it lists, none is a link, and each
still has the recorded SHA-256: a file added, edited or linked there makes the folder
someone else's, and the import refuses it (exit 2, nothing written).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import stat
from enum import Enum
from pathlib import Path
from typing import Any

from dashboard.importers.failure import ImportFailure

MARKER = ".dashboard-import"
MARKER_LIMIT = 1024 * 1024  # bytes: a marker lists four files
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CHOOSE = "choose a new or empty folder"


class Found(Enum):
    """What is at ``--out`` now."""

    NOTHING = "nothing"
    EMPTY = "empty"
    EARLIER_IMPORT = "earlier import"


def check_out_folder(out: Path, inputs: list[Path]) -> Found:
    """What ``out`` holds; ImportFailure when the import may not write there."""
    for path in inputs:
        if _lies_inside(path, out):
            raise ImportFailure(
                f"{path} lies inside --out {out}; the import would replace it: "
                "choose a folder that does not hold the input"
            )
    try:
        found = os.lstat(out)
    except FileNotFoundError:
        return Found.NOTHING
    except OSError as error:
        raise ImportFailure(f"--out {out} cannot be read: {error.strerror or error}") from None
    if stat.S_ISLNK(found.st_mode):
        raise ImportFailure(f"--out {out} is a link; give the folder itself")
    if not stat.S_ISDIR(found.st_mode):
        raise ImportFailure(f"--out {out} exists and is not a folder")
    names = sorted(os.listdir(out))
    if not names:
        return Found.EMPTY
    if MARKER not in names:
        raise ImportFailure(
            f"--out {out} already holds files this command did not write "
            f"({', '.join(names[:5])}{', …' if len(names) > 5 else ''}); {_CHOOSE}"
        )
    changed = _not_as_written(out, names)
    if changed:
        raise ImportFailure(
            f"--out {out} was written by an import, but {', '.join(changed[:5])} "
            f"{'was' if len(changed) == 1 else 'were'} added or changed since; {_CHOOSE}"
        )
    return Found.EARLIER_IMPORT


def write_out_folder(
    out: Path, files: dict[str, bytes], record: dict[str, Any], inputs: list[Path]
) -> None:
    """Write ``files`` and the marker (``record`` and the files' SHA-256) as the folder
    ``out``: built as a new sibling folder, then renamed into place."""
    found = check_out_folder(out, inputs)
    marker = {**record, "files": {name: _sha256(data) for name, data in sorted(files.items())}}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        building = _new_sibling(out, "import")
    except OSError as error:
        raise ImportFailure(f"cannot write {out}: {error.strerror or error}") from None
    written = [*files, MARKER]
    try:
        for name, data in files.items():
            _write_new(building / name, data)
        _write_new(building / MARKER, (json.dumps(marker, indent=2) + "\n").encode())
        _move_into_place(building, out, found)
    except OSError as error:
        _remove(building, written)
        raise ImportFailure(f"cannot write {out}: {error.strerror or error}") from None
    except BaseException:
        _remove(building, written)
        raise


def _lies_inside(path: Path, out: Path) -> bool:
    """Whether ``path`` (links followed) is ``out`` or lies inside it."""
    try:
        return path.resolve().is_relative_to(out.resolve())
    except (OSError, RuntimeError):
        return False


def _not_as_written(out: Path, names: list[str]) -> list[str]:
    """The files that make ``out`` not (or no longer) an earlier import's."""
    listed = _marker_files(out / MARKER)
    if listed is None:
        return [MARKER]
    changed = [name for name in names if name != MARKER and name not in listed]
    for name, digest in listed.items():
        path = out / name
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue  # a file that was removed loses nothing
        if not stat.S_ISREG(mode) or file_sha256(path) != digest:
            changed.append(name)
    return sorted(changed)


def _marker_files(path: Path) -> dict[str, str] | None:
    """The marker's name -> SHA-256 of the files written; None when it is no marker."""
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MARKER_LIMIT:
            return None
        files = json.loads(path.read_bytes()).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and "/" not in k and k not in ("", ".", "..")
        for k, v in files.items()
    ):
        return None
    return files


def _new_sibling(out: Path, purpose: str) -> Path:
    """A new empty folder next to ``out`` with a hidden, unused name."""
    for _ in range(100):
        candidate = out.parent / f".{out.name}.{purpose}-{secrets.token_hex(4)}"
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, f"no unused name next to {out}")


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (never an existing file, never through a link) holding ``data``."""
    descriptor = os.open(path, _NEW_FILE, 0o666)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _move_into_place(building: Path, out: Path, found: Found) -> None:
    """Rename the finished folder to ``out``; an earlier import is moved aside first and
    deleted (only the files its marker lists) once the new one is in place."""
    if found is not Found.EARLIER_IMPORT:
        os.rename(building, out)  # fails if a file appeared at ``out`` meanwhile
        return
    aside = _new_sibling(out, "replaced")
    os.rename(out, aside / out.name)
    try:
        os.rename(building, out)
    except OSError:
        os.rename(aside / out.name, out)
        aside.rmdir()
        raise
    old = aside / out.name
    if _not_as_written(old, sorted(os.listdir(old))):
        return  # changed between the check and now: it stays, aside, untouched
    _remove(old, [*(_marker_files(old / MARKER) or {}), MARKER])
    _remove(aside, [])


def _remove(folder: Path, names: list[str]) -> None:
    """Delete the named files (never what a link points to) and the folder if then empty."""
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    with contextlib.suppress(OSError):  # something else is in it: it stays
        folder.rmdir()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read a mebibyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
