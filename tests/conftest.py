"""Shared fixtures: a small valid data directory of an invented conflict, built per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.minidata import write_mini_dataset


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A complete, valid data directory (all seven tables) in a fresh temporary folder."""
    return write_mini_dataset(tmp_path / "mini")
