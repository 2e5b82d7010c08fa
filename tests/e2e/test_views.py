"""Every view of the dashboard in a real browser, on the shipped data: its content shows,
no exception anywhere, and a screenshot of each goes to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from dashboard.query.params import DEFAULT_VIEW, VIEWS
from tests.e2e.conftest import (
    SCREENSHOTS,
    assert_no_exception,
    choose_view,
    open_app,
    sidebar_caption,
)

pytestmark = pytest.mark.e2e

TITLE = "Afghanistan–Pakistan border clashes, October 2025 (Durand Line)"
# By default the dates start at the first event that is not background (5 Oct 2025).
DEFAULT_ROWS = (
    "all parties · 5–12 Oct 2025 · verified and unverified · 14 of 17 events · 18 of 18 claims · "
    "2 of 2 crossing reports"
)

# What a user sees in each view of the shipped data (visible text).
VIEW_TEXT: dict[str, tuple[str, ...]] = {
    "glance": (
        "Data as of",
        "12 Oct 2025",
        "✖ 2 of 2",
        "✔ 0",  # the three verified facts are background, before the default dates
        "What each side claims",
        "Torkham: ✖ Closed since 12 Oct 2025",
    ),
    "timeline": ("Event details", "Show all dates", "Download events (CSV)"),
    "claims": (
        "Pakistani soldiers killed, night of 11–12 Oct 2025",
        "Afghanistan (Taliban government) says 58 · Pakistan: no comment · unconfirmed",
        "Download claims (CSV)",
    ),
    "crossings": ("Torkham", "Chaman – Spin Boldak", "✖ Closed", "Download crossings (CSV)"),
    "map": ("have no coordinates and are not on the map", "Download located events (CSV)"),
    "sources": ("Download sources (CSV)", "quoted passages"),
    "quality": ("No problems: every row of every table follows the data contract.",),
    "changes": ("What changed",),
}
# The title of the Vega-Lite chart each view draws (None: no chart in that view).
VIEW_CHART: dict[str, str | None] = {
    "glance": None,
    "timeline": "Timeline of events by party (actor)",
    "claims": "Pakistani soldiers killed",  # one chart per numeric topic, titled by it
    "crossings": "Crossing status over time",
    "map": "Map of events and crossings",
    "sources": None,
    "quality": None,
    "changes": None,
}


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_dashboard_opens_on_the_glance_view(page, shipped) -> None:
    open_app(page, shipped)
    assert page.get_by_role("heading", name=TITLE).is_visible()
    assert page.get_by_role("radio", name="glance", exact=True).is_checked()
    assert sidebar_caption(page) == DEFAULT_ROWS
    assert page.get_by_role("button", name="Download snapshot (ZIP)").is_visible()
    assert_no_exception(page)


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_shows_its_content(page, shipped, view: str) -> None:
    open_app(page, shipped, f"?view={view}")
    assert page.get_by_role("radio", name=view, exact=True).is_checked()
    text = main_text(page)
    for expected in VIEW_TEXT[view]:
        assert expected in text, f"{expected!r} not shown in the {view} view"
    chart = VIEW_CHART[view]
    if chart:
        charts = page.locator('[data-testid="stVegaLiteChart"]')
        charts.first.locator("svg.marks").wait_for()
        titles = charts.locator("svg .role-title-text").all_text_contents()
        assert any(chart in title for title in titles), titles
        marks = charts.first.locator('svg [role="graphics-symbol"][aria-roledescription]')
        assert marks.count() > 0, f"the {view} chart draws nothing"
    assert sidebar_caption(page) == DEFAULT_ROWS
    assert_no_exception(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"shipped-{view}.png"), full_page=True)


def test_view_bar_switches_views_and_the_url_follows(page, shipped) -> None:
    open_app(page, shipped)
    for view in [v for v in VIEWS if v != DEFAULT_VIEW]:
        choose_view(page, view)
        assert page.url.endswith(f"view={view}")
        assert VIEW_TEXT[view][0] in main_text(page)
        assert_no_exception(page)
    choose_view(page, DEFAULT_VIEW)
    assert "view=" not in page.url  # the default view is left out of the link
