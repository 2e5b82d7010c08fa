"""Which data directory the dashboard shows, and a cheap fingerprint of its files."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.contract.dataset import DEFAULT_DATA_DIR

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
