"""Every view on a phone (390 px) and the glance figures on desktops (1,024 and 1,400 px), on
a realistic 100,000-event fixture, in Chromium: no horizontal page scroll, no chart wider
than the page, no figure cut with "…", a title that leaves room on the first screen."""

from __future__ import annotations

import pytest

from dashboard.query.params import VIEWS
from tests.e2e.conftest import assert_no_exception, open_app

PHONE = {"width": 390, "height": 844}
# The page scrolls inside stMain (documentElement keeps the viewport's width): see the notes.
OVERFLOW = """() => ['stMain', 'stMainBlockContainer'].map(id => {
  const e = document.querySelector(`[data-testid='${id}']`);
  return [id, e.scrollWidth, e.clientWidth];
})"""
CHART_WIDTHS = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].map(c => {
  const drawn = c.querySelector('canvas, svg.marks');
  return drawn ? Math.ceil(drawn.getBoundingClientRect().right) : 0;
})"""
# A figure is cut when some box inside it that hides its overflow (Streamlit's metrics use
# text-overflow: ellipsis) holds more than it shows.
CUT_FIGURES = """() => [...document.querySelectorAll(
    '[data-testid=stMetricValue], [data-testid=stMetricDelta], [data-testid=stMetricLabel]')]
  .filter(box => [box, ...box.querySelectorAll('*')].some(e =>
    getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1))
  .map(box => box.innerText)"""


@pytest.fixture(scope="module")
def realistic(servers, tmp_path_factory):
    from dashboard.synth.realistic import write_realistic

    folder = tmp_path_factory.mktemp("screens") / "realistic-100k"
    write_realistic(folder, 100_000)
    return servers("realistic-100k", folder)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_fits_a_phone(page, realistic, view: str) -> None:
    page.set_viewport_size(PHONE)
    open_app(page, realistic, f"?view={view}")
    assert_no_exception(page)
    page.wait_for_timeout(1500)  # charts are drawn after the run
    for name, scroll, client in page.evaluate(OVERFLOW):
        assert scroll <= client, f"{view}: {name} scrolls sideways ({scroll} > {client} px)"
    page_right = page.evaluate(
        "() => document.querySelector(\"[data-testid='stMain']\").getBoundingClientRect().right"
    )
    assert all(right <= page_right for right in page.evaluate(CHART_WIDTHS)), view
    title = page.locator('[data-testid="stMain"] h1').first.bounding_box()
    assert title and title["height"] <= PHONE["height"] / 4, f"{view}: the title is {title}"


def test_the_claims_view_draws_a_chart_per_numeric_topic_on_a_phone(page, realistic) -> None:
    page.set_viewport_size(PHONE)
    open_app(page, realistic, "?view=claims")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for()
    assert charts.count() >= 5
    box = charts.first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("width", [1024, 1400])
def test_glance_figures_are_never_cut(page, realistic, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_app(page, realistic)
    values = page.locator('[data-testid="stMetricValue"]')
    values.first.wait_for()
    assert values.count() >= 3
    assert page.evaluate(CUT_FIGURES) == []
    assert all("…" not in text for text in values.all_inner_texts())
