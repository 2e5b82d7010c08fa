"""Only the app layer may import streamlit; everything else is plain Python."""

from __future__ import annotations

import ast
from pathlib import Path

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
