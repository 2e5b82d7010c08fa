"""Which data directory the dashboard shows, and a cheap fingerprint of its files."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.loader import DEFAULT_DATA_DIR, SEEDS_DIR

ENV_VAR = "DASHBOARD_DATA_DIR"


def resolve_data_dir(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    """``--data-dir PATH`` from the script arguments, else $DASHBOARD_DATA_DIR, else data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data-dir")
    known, _ = parser.parse_known_args(list(argv))
    return data_dir_from(known.data_dir, environ)


def data_dir_from(explicit: str | None, environ: Mapping[str, str]) -> Path:
    """The folder named on the command line, else $DASHBOARD_DATA_DIR, else data/."""
    chosen = explicit or environ.get(ENV_VAR)
    return Path(chosen) if chosen else DEFAULT_DATA_DIR


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int, int, int], ...]:
    """Name, size, inode, and modification and change times (ns) of every file under the data
    directory and seeds/. Any write changes the change time (which no program can set back),
    and a replaced file has a new inode, so an edit that keeps the size and the modification
    time is seen too; caches keyed on the fingerprint refresh."""
    entries: list[tuple[str, int, int, int, int]] = []
    for root in (data_dir, SEEDS_DIR):
        if not root.is_dir():
            continue
        for dirpath, _, filenames in os.walk(root):
            for filename in filenames:
                path = Path(dirpath) / filename
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append(
                    (str(path), stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
                )
    return tuple(sorted(entries))
