"""The dashboard on other data directories: another conflict without crossing tables, and
a dataset with broken rows (the quality view lists them, the other views still work)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.query.params import VIEWS
from tests.e2e.conftest import (
    SCREENSHOTS,
    assert_no_exception,
    open_app,
    sidebar_caption,
)

pytestmark = pytest.mark.e2e


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def download_csv(page, button: str, folder: Path) -> list[dict[str, str]]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("view", VIEWS)
def test_another_conflict_without_crossings(page, mini, tmp_path: Path, view: str) -> None:
    open_app(page, mini, f"?view={view}")
    assert page.get_by_role("heading", name="mini").is_visible()
    assert sidebar_caption(page) == (
        "all parties · all dates · verified and unverified · 3 events · 2 claims"
    )
    if view == "crossings":  # not in the view bar: the link lands on the glance with a note
        assert page.get_by_role("radio", name="crossings", exact=True).count() == 0
    text = main_text(page)
    expected = {
        "glance": "None is verified.",
        "timeline": "Event details",
        "claims": "Southland positions destroyed, 3 March",
        "crossings": "so it has no crossings view; showing glance instead",
        "map": "Download located events (CSV)",
        "sources": "Shelling near Millford",
        "quality": "No problems",
        "changes": "What changed",
    }[view]
    if view == "sources":  # the sources table is a canvas: its rows are in the CSV
        titles = {row["title"] for row in download_csv(page, "Download sources (CSV)", tmp_path)}
        assert expected in titles
    else:
        assert expected in text
    assert_no_exception(page)
    page.screenshot(path=str(SCREENSHOTS / f"mini-{view}.png"), full_page=True)


def test_broken_rows_are_listed_in_the_quality_view(page, broken, tmp_path: Path) -> None:
    open_app(page, broken, "?view=quality")
    badge = page.locator('[data-testid="stSidebar"]').get_by_text("2 data problems (2 errors)")
    assert badge.is_visible()
    assert "2 problems, 2 rows rejected" in main_text(page)
    problems = download_csv(page, "Download problems (CSV)", tmp_path)
    found = {(p["file"], p["line"], p["column"], p["value"]) for p in problems}
    assert found == {
        ("events.csv", "4", "latitude", "123"),
        ("claims.csv", "3", "verification", "rumoured"),
    }
    assert_no_exception(page)
    page.screenshot(path=str(SCREENSHOTS / "broken-quality.png"), full_page=True)


@pytest.mark.parametrize("view", [v for v in VIEWS if v != "quality"])
def test_the_other_views_work_with_broken_rows(page, broken, tmp_path: Path, view: str) -> None:
    open_app(page, broken, f"?view={view}")
    assert sidebar_caption(page) == (
        "all parties · all dates · verified and unverified · 2 events · 1 claim · "
        "2 crossing reports"
    )
    assert_no_exception(page)
    if view == "timeline":
        rows = download_csv(page, "Download events (CSV)", tmp_path)
        assert [row["event_id"] for row in rows] == ["shelling", "bridge-closed"]
    if view == "claims":
        rows = download_csv(page, "Download claims (CSV)", tmp_path)
        assert [row["party"] for row in rows] == ["Northland"]  # Southland's row was rejected
