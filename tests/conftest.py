"""Shared fixtures: small valid data directories of an invented conflict, built per test."""

from __future__ import annotations

import os
import tempfile

# The warm-start cache (dashboard/runtime/cache.py) is off unless a test turns it on: tests make
# thousands of short-lived data directories, and the cache has tests of its own.
os.environ.setdefault("DASHBOARD_CACHE_DIR", "off")

# The history store (dashboard/history/) of the whole test run, browser tests' servers
# included, is a fresh temporary folder: no test writes to the real home.
os.environ["DASHBOARD_HISTORY_DIR"] = tempfile.mkdtemp(prefix="dashboard-history-tests-")

import atexit
import shutil
from pathlib import Path

import pytest

from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.runtime.clock import TODAY_VAR
from dashboard.runtime.config import ENV_VAR as DATA_DIR_VAR
from dashboard.synth.basic import write_synthetic
from tests.manyparty import load_many_party, write_many_party
from tests.minidata import write_cited_dataset, write_mini_dataset, write_rich_dataset

atexit.register(shutil.rmtree, os.environ["DASHBOARD_HISTORY_DIR"], ignore_errors=True)


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A complete, valid data directory (all seven tables) in a fresh temporary folder."""
    return write_mini_dataset(tmp_path / "mini")


@pytest.fixture
def rich_dir(tmp_path: Path) -> Path:
    """The mini dataset with more rows (see tests/minidata.py) and a datapackage.json."""
    return write_rich_dataset(tmp_path / "rich")


@pytest.fixture
def cited_dir(tmp_path: Path) -> Path:
    """The rich dataset with derived_from, party_id and citations.csv (tests/minidata.py)."""
    return write_cited_dataset(tmp_path / "cited")


@pytest.fixture(scope="session")
def rich_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The rich dataset loaded once for the session: read it, never change it."""
    return load_dataset(write_rich_dataset(tmp_path_factory.mktemp("rich") / "rich"))


@pytest.fixture
def app_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """DASHBOARD_DATA_DIR and DASHBOARD_TODAY as they were before the test, after it
    (tests.viewtest.run_app sets them for the app it runs)."""
    for name in (DATA_DIR_VAR, TODAY_VAR):
        # setenv records the value before the test (or its absence) for the undo; delenv
        # on an absent variable would record nothing.
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def realistic_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`synth --profile realistic --events 6416`: 32 years, 62 parties, 200+ topics with
    `between` claims from an independent monitor, no crossing tables. Read it, never change it."""
    from dashboard.synth.realistic import write_realistic

    folder = tmp_path_factory.mktemp("realistic") / "realistic"
    write_realistic(folder, 6_416)
    return folder


@pytest.fixture(scope="session")
def many(tmp_path_factory) -> Dataset:
    return load_many_party(write_many_party(tmp_path_factory.mktemp("many") / "data"))


@pytest.fixture(scope="session")
def basic_100k_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`synth --events 100000 --seed 5` (the basic profile, with crossings), written once
    per session. Read it, never change it."""
    folder = tmp_path_factory.mktemp("synth") / "100k"
    write_synthetic(folder, 100_000, seed=5)
    return folder


@pytest.fixture(scope="session")
def synth_100k(basic_100k_dir: Path) -> Dataset:
    return load_dataset(basic_100k_dir)


@pytest.fixture(scope="session")
def realistic_100k_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`synth --profile realistic --events 100000` (seed 0), written once per session: the
    size the payload budget is held to. Read it, never change it."""
    from dashboard.synth.realistic import write_realistic

    folder = tmp_path_factory.mktemp("realistic100k") / "realistic"
    write_realistic(folder, 100_000)
    return folder
