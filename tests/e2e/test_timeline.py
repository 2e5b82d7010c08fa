"""Selecting an event on the timeline chart by clicking its mark shows its details."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, open_app, wait_finished

pytestmark = pytest.mark.e2e

TITLE = "Torkham border crossing closed"


def test_clicking_a_mark_shows_the_event_details(page, shipped) -> None:
    open_app(page, shipped, "?view=timeline")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    # Vega draws each mark as an SVG path whose aria-label lists its tooltip fields.
    mark = chart.locator(f'svg path[role="graphics-symbol"][aria-label*="Event: {TITLE};"]')
    assert mark.count() == 1
    assert "Verification: ◐ reported" in mark.get_attribute("aria-label")
    details = page.get_by_text("The Torkham crossing, one of the primary trade routes")
    assert details.count() == 0  # nothing selected yet
    mark.click()
    wait_finished(page)
    details.wait_for()
    assert page.get_by_role("combobox", name="Event details").input_value() == TITLE
    assert details.is_visible()
    assert page.get_by_text("12 Oct 2025 · crossing · ◐ reported").is_visible()
    assert page.get_by_text(
        "Quote: “both the Torkham and Chaman border crossings—the primary trade routes"
    ).is_visible()
    assert page.get_by_text("Source: Afghanistan claims 58").is_visible()
    assert_no_exception(page)


def test_picking_an_event_in_the_list_shows_its_details(page, shipped) -> None:
    open_app(page, shipped, "?view=timeline")
    picker = page.get_by_role("combobox", name="Event details")
    picker.click()
    picker.fill("Taliban return")  # the list filters as one types
    page.get_by_role("option", name="Taliban return to power in Afghanistan").click()
    wait_finished(page)
    assert page.get_by_text("The Taliban returned to power in Afghanistan in August").is_visible()
    assert page.get_by_text("1–31 Aug 2021 · background · ✔ verified").is_visible()
    assert_no_exception(page)
