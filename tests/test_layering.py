"""Only the app layer may import streamlit; everything else is plain Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

from dashboard.loader import PROJECT_ROOT

APP_LAYER = {"app.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_app_layer_imports_streamlit() -> None:
    modules = sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))
    assert len(modules) > 5
    offenders = [
        str(p.relative_to(PROJECT_ROOT))
        for p in modules
        if p.name not in APP_LAYER and "streamlit" in imported_modules(p)
    ]
    assert offenders == []


def test_the_app_layer_does_import_streamlit() -> None:
    assert "streamlit" in imported_modules(PROJECT_ROOT / "dashboard" / "app.py")


def test_no_dataset_specifics_in_the_code() -> None:
    """The code must work on any data directory: no party, crossing or place of the
    shipped dataset is written into it."""
    data = PROJECT_ROOT / "data"
    words = set(pd.read_csv(data / "parties.csv")["party_id"])
    words |= set(pd.read_csv(data / "crossings.csv")["name"].str.split().str[0])
    words |= {"Afghanistan", "Pakistan", "Durand", "Taliban"}
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "dashboard").rglob("*.py")
    )
    found = sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", code, flags=re.I))
    assert found == []
