"""The changes view and `since` in the link, in a real browser (issue 20): an edited copy
of the curated data whose earlier versions are in the test run's history store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dashboard.cli import main
from tests.e2e.conftest import SCREENSHOTS, assert_no_exception, open_app, wait_finished
from tests.history.test_history import EXPECTED_NOTABLE
from tests.history_edits import curated_copy, dispute_claim, edit_curated

pytestmark = pytest.mark.e2e

GLANCE_WORDS = "1 new event, 1 claim revised, 1 claim removed, Torkham reopened"


def _record(folder: Path) -> list[str]:
    """Record the folder as it is; the ids of its recorded versions, oldest first (the
    store is the whole run's, so the numbers depend on what other tests recorded)."""
    out = io.StringIO()
    assert main(["history", str(folder)], out, io.StringIO()) == 0
    return [line.split()[0] for line in out.getvalue().splitlines() if line.startswith("v")]


@pytest.fixture(scope="module")
def edited_server(servers, tmp_path_factory):
    """(server, first, second): first the curated data, second with the claim disputed,
    now all four edits. The store is
    the run's own ($DASHBOARD_HISTORY_DIR from tests/conftest.py, which the server
    inherits), so this folder's versions are the only ones with its path."""
    folder = curated_copy(tmp_path_factory.mktemp("changes") / "edited")
    _record(folder)
    first, second = _record(dispute_claim(folder))
    edit_curated(folder)
    return servers("changes", folder), first, second


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_the_view_compares_with_the_previous_version_and_the_link_picks_another(
    page, edited_server
) -> None:
    server, first, second = edited_server
    open_app(page, server, "?view=changes")
    text = main_text(page)
    assert f"From {second} (first seen " in text  # the previous version by default
    assert EXPECTED_NOTABLE[0] not in text  # the claim was already disputed in v2
    for sentence in EXPECTED_NOTABLE[1:]:
        assert sentence in text
    picker = page.get_by_role("combobox", name="Since")
    picker.click()
    page.get_by_role("option", name=f"{first} · first seen", exact=False).click()
    wait_finished(page)
    assert f"since={first}" in page.url
    text = main_text(page)
    for sentence in EXPECTED_NOTABLE:
        assert sentence in text
    assert f"From {first} (first seen " in text
    assert page.get_by_role("button", name="Download the changes (CSV)").is_visible()
    assert_no_exception(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changes-curated.png"), full_page=True)


def test_since_in_the_link_opens_the_glance_with_its_line(page, edited_server) -> None:
    server, first, _ = edited_server
    open_app(page, server, f"?since={first}")
    assert f"({first}): {GLANCE_WORDS}" in main_text(page)
    open_app(page, server, f"?since={first}&view=claims")
    assert "since then: 1 changed position" in main_text(page)
    assert_no_exception(page)


def test_the_changes_view_fits_a_phone(page, edited_server) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    server, first, _ = edited_server
    open_app(page, server, f"?view=changes&since={first}")
    for test_id in ("stMain", "stMainBlockContainer"):
        widths = page.locator(f'[data-testid="{test_id}"]').evaluate(
            "e => [e.scrollWidth, e.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{test_id} overflows: {widths}"
    assert_no_exception(page)


def test_a_since_that_looks_like_a_link_stays_text(page, edited_server) -> None:
    server, _, _ = edited_server
    open_app(page, server, "?view=changes&since=https://www.example.org/x")
    assert "since 'https://www.example.org/x' is not a version id" in main_text(page)
    links = page.locator('[data-testid="stMain"] a[href*="example.org"]')
    assert links.count() == 0
    assert_no_exception(page)
