"""The command line starts without the Streamlit layer: ``validate`` and ``snapshot`` import
neither Streamlit nor Altair (``python -X importtime`` lists every module a process imports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.contract.dataset import PROJECT_ROOT

UI_PACKAGES = ("streamlit", "altair")


def imported_modules(*arguments: str) -> set[str]:
    """Every module ``python -m dashboard ARGUMENTS`` imports, from -X importtime."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dashboard", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def ui_modules(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in UI_PACKAGES)


def test_validate_imports_neither_streamlit_nor_altair() -> None:
    modules = imported_modules("validate", "data")
    assert {"dashboard.cli", "dashboard.contract.loader", "pandas"} <= modules  # the list is real
    assert ui_modules(modules) == []


@pytest.mark.parametrize("party", [[], ["--party", "north"]])
def test_snapshot_imports_neither_streamlit_nor_altair(mini_dir, tmp_path: Path, party) -> None:
    out = tmp_path / "snapshot.zip"
    modules = imported_modules("snapshot", "--data-dir", str(mini_dir), *party, "--out", str(out))
    assert out.stat().st_size > 0 and "dashboard.export.snapshot" in modules
    assert ui_modules(modules) == []
