"""What a rerun with nothing changed recomputes: nothing that depends only on the data
version and the filters (at 1,000,000 events each of these scans every row; their cost per
rerun is in bench/profile_views.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.analysis import eventcols, glance
from tests.viewtest import run_app

pytestmark = pytest.mark.usefixtures("app_environment")

# The whole-table scans the views make from the data and the filters alone.
SCANS = {
    glance: ("latest_known", "verification_counts", "grades_in_use", "date_frame"),
    eventcols: ("has_fatalities",),
}


def counting(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every call of the SCANS, counted by name."""
    calls: Counter = Counter()

    def counted(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    for module, names in SCANS.items():
        for name in names:
            monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    return calls


@pytest.mark.parametrize("view", ["glance", "timeline", "map"])
def test_a_rerun_scans_no_table_again(
    rich_dir: Path, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    at = run_app({"view": view}, rich_dir)
    calls = counting(monkeypatch)
    at.run()
    assert not at.exception
    assert calls == Counter()
