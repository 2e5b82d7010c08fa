"""The Streamlit page starts on the shipped data and lists every table."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.loader import PROJECT_ROOT


def test_app_lists_loaded_tables() -> None:
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
    headers = [h.value for h in at.subheader]
    assert "events.csv · 17 rows" in headers and "claims.csv · 18 rows" in headers
    events = at.dataframe[2].value
    assert "afg-cross-border-attacks" in set(events["event_id"])
