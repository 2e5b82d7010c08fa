"""Where the data is: --data-dir, else DASHBOARD_DATA_DIR, else data/, for the app and the
command line alike."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.contract.dataset import DEFAULT_DATA_DIR
from dashboard.runtime.config import ENV_VAR, data_dir_from, resolve_data_dir

CHOSEN = Path("/srv/chosen-data")


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        pytest.param(["--data-dir", str(CHOSEN)], {}, CHOSEN, id="argument"),
        pytest.param(
            [f"--data-dir={CHOSEN}"], {ENV_VAR: "/elsewhere"}, CHOSEN, id="argument-over-env"
        ),
        pytest.param([], {ENV_VAR: str(CHOSEN)}, CHOSEN, id="environment"),
        pytest.param(["--other"], {}, DEFAULT_DATA_DIR, id="default"),
    ],
)
def test_data_dir_from_arguments_environment_or_default(
    argv: list[str], environ: dict[str, str], expected: Path
) -> None:
    assert resolve_data_dir(argv, environ) == expected


def test_the_cli_finds_the_data_directory_like_the_app(mini_dir: Path, monkeypatch) -> None:
    assert data_dir_from(None, {}) == DEFAULT_DATA_DIR
    assert data_dir_from(None, {ENV_VAR: str(mini_dir)}) == mini_dir
    assert data_dir_from("elsewhere", {ENV_VAR: str(mini_dir)}) == Path("elsewhere")
    monkeypatch.setenv(ENV_VAR, str(mini_dir))
    out = io.StringIO()
    assert cli.main(["validate"], out=out) == 0
    assert out.getvalue().splitlines()[-1].startswith(f"{mini_dir}: 7 tables, ")
