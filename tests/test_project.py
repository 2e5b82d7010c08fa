"""The README holds exactly the newcomer's two commands, and CI runs the test one."""

from __future__ import annotations

import re

from dashboard.contract.dataset import PROJECT_ROOT

START_COMMAND = (
    "python -m pip install -r requirements.txt && python -m streamlit run dashboard/app.py"
)
TEST_COMMAND = "python -m pip install -r requirements-dev.txt && python -m pytest"


def readme_commands() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|shell)\n(.*?)```", readme, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_has_exactly_the_two_commands() -> None:
    assert readme_commands() == [START_COMMAND, TEST_COMMAND]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci.splitlines()


def test_requirements_are_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-bench.txt"):
        lines = (PROJECT_ROOT / name).read_text(encoding="utf-8").splitlines()
        packages = [ln for ln in lines if ln and not ln.startswith(("#", "-r"))]
        assert packages and all("==" in ln for ln in packages), packages
