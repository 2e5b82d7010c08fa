"""Versions from git: where a data directory lies inside a git repository, every commit
that touched it is a version (its commit time and subject line).

git runs without a shell, with a timeout, and only reads (``log``, ``status``, ``show``).
At most ``MAX_COMMITS`` commits are listed (newest first kept); a table file of a commit
larger than the table limit is refused unread.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.contract import limits, schema
from dashboard.contract.loader import DESCRIPTOR_NAME, load_dataset
from dashboard.history.store import GIT, HistoryError, Version
from dashboard.runtime.programs import program_output

MAX_COMMITS = 500
TIMEOUT_S = 60
COMMIT_ID = re.compile(r"g([0-9a-f]{7,40})")
_FILES = [t.filename for t in schema.TABLES] + [DESCRIPTOR_NAME]


def _git(folder: Path, *args: str, binary: bool = False) -> str | bytes | None:
    """git's output, or None when git is missing, fails or takes too long."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    output = program_output("git", ["-C", str(folder), *args], TIMEOUT_S, env)
    if output is None or binary:
        return output
    return output.decode("utf-8", errors="replace")


def _repository(data_dir: Path) -> tuple[Path, str] | None:
    """(the repository's top folder, the data directory's path inside it), or None."""
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if not top:
        return None
    root = Path(top.strip()).resolve()
    try:
        inside = Path(data_dir).resolve().relative_to(root)
    except ValueError:
        return None
    return root, inside.as_posix() if str(inside) != "." else ""


def git_versions(data_dir: Path) -> list[Version]:
    """The commits that touched the data directory, oldest first (none outside git)."""
    found = _repository(data_dir)
    if found is None:
        return []
    root, inside = found
    log = _git(root, "log", f"-n{MAX_COMMITS}", "--format=%H%x1f%ct%x1f%s", "--", inside or ".")
    versions = []
    for line in (log or "").splitlines():
        parts = line.split("\x1f")
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        commit, stamp, subject = parts
        moment = datetime.fromtimestamp(int(stamp), UTC)
        versions.append(Version(f"g{commit[:10]}", moment, GIT, message=subject))
    return versions[::-1]


def working_tree_clean(data_dir: Path) -> bool:
    """Whether the data directory's files are exactly as in the newest commit."""
    found = _repository(data_dir)
    if found is None:
        return False
    root, inside = found
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", inside or ".")
    return status is not None and status.strip() == ""


def tables_at_commit(data_dir: Path, version_id: str) -> pd.DataFrame:
    """The canonical tables of the data directory as it was in a commit."""
    from dashboard.history.inputs import canonical_tables

    match = COMMIT_ID.fullmatch(version_id)
    found = _repository(data_dir)
    if match is None or found is None:
        raise HistoryError(f"{version_id!r} is not a commit of this data directory's repository")
    root, inside = found
    folder = Path(tempfile.mkdtemp(prefix="dashboard-git-"))
    try:
        for name in _FILES:
            path = f"{match.group(1)}:{inside + '/' if inside else ''}{name}"
            size = _git(root, "cat-file", "-s", path)
            if size is None:
                continue
            if int(size.strip() or 0) > limits.TABLE.bytes():
                raise HistoryError(
                    f"{name} of commit {version_id} is larger than the limit set by "
                    f"{limits.TABLE.variable}; refused unread"
                )
            data = _git(root, "show", path, binary=True)
            if data is None:
                raise HistoryError(f"cannot read {name} of commit {version_id}")
            (folder / name).write_bytes(data)
        return canonical_tables(load_dataset(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
