"""Accessibility of the rendered page: axe-core (bundled by axe-playwright-python) finds no
serious or critical violation in any view, in the light and the dark theme; every chart has
a title and its axes have titles."""

from __future__ import annotations

import pytest

from dashboard.query.params import VIEWS
from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e

SEVERE = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# Exclusions: (rule id, CSS selector) of Streamlit's own widgets that the app cannot change.
EXCLUDED: tuple[tuple[str, str], ...] = (
    # Streamlit's date range field draws year, month and day as separate inline segments
    # ("03" is narrower than WCAG 2.2's 24 px); the segments are its own markup and keyboard
    # users reach them with the arrow keys and Tab.
    ("target-size", '[data-testid="stDateInputField"] [role="spinbutton"]'),
    # Vega-Lite's interval brush (drag on the timeline to set the dates) draws two empty,
    # decorative rects; a Vega-Lite spec cannot give them ARIA attributes. The same dates
    # are set with the date field, which has its label.
    ("svg-img-alt", ".span_brush_bg, .span_brush"),
)


def excluded(page, rule: str, node: dict) -> bool:
    selectors = [s for r, s in EXCLUDED if r == rule]
    if not selectors or len(node["target"]) != 1:
        return False
    element = page.locator(node["target"][0]).first
    return any(element.evaluate("(e, s) => e.matches(s)", s) for s in selectors)


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    found = []
    for violation in results:
        if violation["impact"] not in SEVERE:
            continue
        nodes = [node for node in violation["nodes"] if not excluded(page, violation["id"], node)]
        found += [
            {
                "rule": violation["id"],
                "impact": violation["impact"],
                "target": node["target"],
                "html": node["html"][:160],
                "why": node["failureSummary"][:300],
            }
            for node in nodes
        ]
    return found


@pytest.fixture(params=["light", "dark"])
def themed_page(request, browser):
    tab = browser.new_page()
    tab.emulate_media(color_scheme=request.param)  # Streamlit follows the system theme
    try:
        yield tab
    finally:
        tab.close()


@pytest.mark.parametrize("view", VIEWS)
def test_no_serious_accessibility_violations(themed_page, shipped, view: str) -> None:
    open_app(themed_page, shipped, f"?view={view}")
    assert axe_violations(themed_page) == []


def test_no_serious_violations_with_problems_and_filters(page, broken) -> None:
    open_app(page, broken, "?view=quality&party=north&verification=unverified")
    assert axe_violations(page) == []


@pytest.mark.parametrize("view", ["timeline", "claims", "crossings", "map"])
def test_charts_have_titles_and_axis_titles(page, shipped, view: str) -> None:
    open_app(page, shipped, f"?view={view}")
    charts = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
    charts.first.wait_for()
    assert charts.count() > 0
    for chart in charts.all():
        title = chart.locator(".role-title-text").all_text_contents()
        assert title and title[0].strip(), "a chart without a title"
        axes = chart.locator('[aria-roledescription="axis"]')
        labels = [axes.nth(i).get_attribute("aria-label") for i in range(axes.count())]
        if view == "map":  # a map has no axes: countries are named, the source credited
            assert labels == []
            assert "Natural Earth borders" in chart.text_content()
            continue
        if view == "timeline":  # a time axis; each lane is named in the chart itself
            assert len(labels) >= 1 and "Date" in labels[0]
            continue
        # two axes per plot; the claims chart has a plot per topic
        assert len(labels) == 2 or (view == "claims" and len(labels) % 2 == 0), labels
        assert all("titled '" in label for label in labels), labels
