"""Where the warm-start cache keeps its entries, and which folders it may ever delete.

The cache folder (``$DASHBOARD_CACHE_DIR``, else ``$XDG_CACHE_HOME/conflict-dashboard``,
else ``~/.cache/conflict-dashboard``) is never used as it is: every entry lives in one
subfolder of it, ``ENTRIES_FOLDER``, which the cache creates (mode 0700) and tags with a
``CACHEDIR.TAG`` naming the dashboard. An entry is a folder named by 32 hex digits holding
a marker file that names it. Only such entries are ever replaced or pruned, and only the
files an entry is made of are deleted (by name, never through a link); a folder holding
anything else is left as it is. So no setting of ``DASHBOARD_CACHE_DIR`` can make the cache
delete a folder it did not write.

Refused, with a message in the log (the dashboard then loads without the cache):

- a cache folder inside the data directory or seeds/, or one that contains either;
- a cache folder other users could rearrange: writable by everyone without the sticky bit,
  or writable by its group and owned by someone else;
- an entries folder that is a link, is owned by someone else, is writable by its group or
  by everyone (planted entries could be served), or exists without the dashboard's tag.

Within an accepted entries folder, an entry or file that is a link, is not a regular file
or is owned by someone else is never read: it counts as a damaged entry (a fresh load).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import time
from pathlib import Path

from dashboard.contract.documents import SEEDS_DIR

LOG = logging.getLogger(__name__)
ENV_VAR = "DASHBOARD_CACHE_DIR"
OFF_VALUES = frozenset({"off", "0", "false", "no", "none", ""})
APP_FOLDER = "conflict-dashboard"
ENTRIES_FOLDER = "conflict-dashboard-cache-v1"
TAG_NAME = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is the conflict claims dashboard's warm-start cache (safe to delete).\n"
)
MARKER_NAME = "entry.marker"
MARKER_FIRST_LINE = "conflict-dashboard warm-start cache entry"
ENTRY_NAME = re.compile(r"[0-9a-f]{32}")
ENTRY_FILE = re.compile(r"(?:[a-z_]{1,40}\.arrow|meta\.json|entry\.marker)")
LEFTOVER = re.compile(r"\.(?:tmp|old)-[0-9a-f]{32}-[A-Za-z0-9_]{1,40}")
LEFTOVER_SECONDS = 3600  # a staging folder this old belongs to a process that died
OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


class CacheRefused(Exception):
    """The cache folder may not be used; the message says why, in words."""


# --- where -------------------------------------------------------------------------------------


def cache_root(data_dir: Path, cache_dir: str | Path | None = None) -> Path | None:
    """The cache folder chosen for ``data_dir`` (argument, environment, default), or None
    when caching is off or the folder is refused (the reason is logged)."""
    if cache_dir is None:
        cache_dir = os.environ.get(ENV_VAR)
    if cache_dir is None:
        cache_dir = default_cache_root()
        if cache_dir is None:
            return None
    if str(cache_dir).strip().lower() in OFF_VALUES:
        return None
    root = Path(cache_dir).expanduser()
    reason = location_refusal(root, data_dir)
    if reason:
        LOG.warning("Warm-start cache off: %s. Loading without it.", reason)
        return None
    return root


def location_refusal(root: Path, data_dir: Path) -> str | None:
    """Why ``root`` may not hold the cache of ``data_dir`` (None when it may)."""
    for folder, what in ((data_dir, "the data directory"), (SEEDS_DIR, "the project's seeds/")):
        if _is_within(root, folder):
            return f"the cache folder {root} ({ENV_VAR}) lies inside {what}"
        if _is_within(folder, root):
            return (
                f"the cache folder {root} ({ENV_VAR}) contains {what}; choose a folder of its own"
            )
    return None


def default_cache_root() -> Path | None:
    """``$XDG_CACHE_HOME/conflict-dashboard``, else ``~/.cache/conflict-dashboard``."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / APP_FOLDER
    try:
        return Path.home() / ".cache" / APP_FOLDER
    except RuntimeError:  # no home directory to be found
        return None


def entry_name(data_dir: Path) -> str:
    """One entry per data directory: a hash of its real path."""
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]


def _is_within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


# --- the entries folder ----------------------------------------------------------------------


def open_entries_folder(root: Path) -> Path:
    """The cache's own subfolder of ``root``, created and tagged if missing; raises
    CacheRefused when it (or ``root``) could let another user plant or swap entries."""
    _check_root(root)
    folder = root / ENTRIES_FOLDER
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        reason = f"the cache folder {folder} cannot be created ({error.strerror})"
        raise CacheRefused(reason) from None
    _check_private_folder(folder, "the cache's folder")
    tag = folder / TAG_NAME
    if _read_small(tag) != TAG_TEXT:
        if any(True for _ in os.scandir(folder)):
            raise CacheRefused(f"{folder} exists and was not made by the dashboard (no {TAG_NAME})")
        _write_new(tag, TAG_TEXT.encode())
    return folder


def _check_root(root: Path) -> None:
    try:
        info = root.stat()
    except FileNotFoundError:
        return  # created below, by and for this user
    except OSError as error:
        raise CacheRefused(f"the cache folder {root} cannot be read ({error.strerror})") from None
    sticky = info.st_mode & stat.S_ISVTX
    if info.st_mode & stat.S_IWOTH and not sticky:
        raise CacheRefused(f"the cache folder {root} is writable by every user (and not sticky)")
    if info.st_mode & stat.S_IWGRP and not sticky and info.st_uid != current_uid():
        raise CacheRefused(f"the cache folder {root} is writable by a group and not yours")


def _check_private_folder(folder: Path, what: str) -> None:
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise CacheRefused(f"{what} {folder} is not a folder (a link or a file)")
    if info.st_uid != current_uid():
        raise CacheRefused(f"{what} {folder} belongs to another user")
    if info.st_mode & OTHERS_WRITE:
        raise CacheRefused(f"{what} {folder} is writable by other users")


def current_uid() -> int:
    return os.getuid()


# --- entries -----------------------------------------------------------------------------------


def marker_text(name: str, meta_digest: str) -> str:
    """The marker of entry ``name``: who wrote it, and the checksum of its meta.json."""
    return f"{MARKER_FIRST_LINE}\n{name}\n{meta_digest}\n"


def entry_marker(entry: Path) -> tuple[str, str] | None:
    """(entry name, meta checksum) from the marker of a folder the cache wrote; None for a
    folder it cannot prove it wrote (a link, another owner, no or another marker)."""
    try:
        if not ENTRY_NAME.fullmatch(entry.name):
            return None
        _check_private_folder(entry, "a cache entry")
        lines = (_read_small(entry / MARKER_NAME) or "").split("\n")
    except (OSError, CacheRefused):
        return None
    if len(lines) != 4 or lines[0] != MARKER_FIRST_LINE or lines[1] != entry.name:
        return None
    return lines[1], lines[2]


def read_entry_file(path: Path, size: int) -> bytearray:
    """The bytes of one entry file, copied into memory (never mapped: a file truncated later
    cannot take the process down), when it is a regular file of this user of ``size`` bytes."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != current_uid():
            raise OSError(f"{path.name} is not a file of this user")
        if info.st_size != size:
            raise OSError(f"{path.name} has {info.st_size} bytes, not {size}")
        data = bytearray(size)
        view, done = memoryview(data), 0
        while done < size:
            got = os.readv(fd, [view[done:]])
            if got == 0:
                raise OSError(f"{path.name} ended early")
            done += got
        return data
    finally:
        os.close(fd)


def write_entry_file(path: Path, data) -> None:
    """Write a new file of the entry being staged (never through a link, never over a file)."""
    _write_new(path, data)


def remove_entry(entry: Path) -> bool:
    """Delete an entry the cache can prove it wrote (its marker); False for anything else."""
    if entry_marker(entry) is None:
        return False
    return remove_staged(entry)


def remove_staged(folder: Path) -> bool:
    """Delete the entry files in ``folder`` (by name, links unfollowed), then the folder if
    that left it empty; anything else in it stays, and so does the folder."""
    try:
        for item in os.scandir(folder):
            if ENTRY_FILE.fullmatch(item.name) and item.is_file(follow_symlinks=False):
                os.unlink(item.path)
        folder.rmdir()
        return True
    except OSError:
        return False


def prune(folder: Path, keep: Path, max_entries: int) -> None:
    """Remove the least recently written entries beyond ``max_entries``, and staging
    folders left by a process that died; nothing the cache cannot prove it wrote."""
    entries, now = [], time.time()
    try:
        for item in os.scandir(folder):
            path = Path(item.path)
            if LEFTOVER.fullmatch(item.name):
                if item.is_dir(follow_symlinks=False) and _older_than(item, now):
                    remove_staged(path)
            elif path != keep and entry_marker(path) is not None:
                entries.append((item.stat(follow_symlinks=False).st_mtime_ns, path))
    except OSError:
        return
    entries.sort(reverse=True)
    for _, old in entries[max_entries - 1 :]:
        remove_entry(old)


def _older_than(item: os.DirEntry, now: float) -> bool:
    info = item.stat(follow_symlinks=False)
    return info.st_uid == current_uid() and now - info.st_mtime > LEFTOVER_SECONDS


def _read_small(path: Path, limit: int = 4096) -> str | None:
    """A small text file of this user, not through a link; None if there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != current_uid():
            return None
        return os.read(fd, limit).decode("utf-8", errors="replace")
    finally:
        os.close(fd)


def _write_new(path: Path, data) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        view, done = memoryview(data), 0
        while done < len(view):
            done += os.write(fd, view[done:])
    finally:
        os.close(fd)
