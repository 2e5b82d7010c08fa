"""Selecting an event on the timeline chart by clicking its mark shows its details."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import assert_no_exception, open_app, sidebar_caption, wait_finished

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
    picked = page.get_by_role("combobox", name="Event details").input_value()
    assert picked == f"12 Oct 2025 · {TITLE} · Torkham border crossing"  # date in the label
    assert details.is_visible()
    assert page.get_by_text("12 Oct 2025 · crossing · ◐ reported").is_visible()
    assert page.get_by_text(
        "Quote: “both the Torkham and Chaman border crossings—the primary trade routes"
    ).is_visible()
    assert page.get_by_text("Source: Afghanistan claims 58").is_visible()
    assert_no_exception(page)


def test_picking_an_event_in_the_list_shows_its_details(page, shipped) -> None:
    # all dates: the event picked is background, before the default dates
    open_app(page, shipped, "?view=timeline&dates=1893-01-01&dates=2025-10-12")
    picker = page.get_by_role("combobox", name="Event details")
    picker.click()
    picker.fill("Taliban return")  # the list filters as one types
    page.get_by_role("option", name="Taliban return to power in Afghanistan").click()
    wait_finished(page)
    assert page.get_by_text("The Taliban returned to power in Afghanistan in August").is_visible()
    assert page.get_by_text("1–31 Aug 2021 · background · ✔ verified").is_visible()
    assert_no_exception(page)


def drag_across(page, chart, start_share: float, end_share: float) -> None:
    """Press, move and release the mouse across the chart's middle, as a user brushes."""
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * start_share, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * (start_share + end_share) / 2, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * end_share, y, steps=5)
    page.mouse.up()
    wait_finished(page)


def test_brushing_sets_the_date_filter_and_the_link_and_a_button_resets(page, many) -> None:
    open_app(page, many, "?view=timeline")
    assert " · all dates · " in sidebar_caption(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    drag_across(page, chart, 0.45, 0.7)
    page.wait_for_function("() => location.search.includes('dates=')", timeout=30_000)
    caption = sidebar_caption(page)
    assert " · all dates · " not in caption
    assert "dates=" in page.url and "view=timeline" in page.url
    page.get_by_role("button", name="Show all dates").click()
    wait_finished(page)
    page.wait_for_function("() => !location.search.includes('dates=')", timeout=30_000)
    assert " · all dates · " in sidebar_caption(page)
    assert_no_exception(page)


def test_the_picker_finds_an_old_event_by_name_with_its_date(page, many) -> None:
    open_app(page, many, "?view=timeline")
    search = page.get_by_role("textbox", name="Find an event")
    search.fill("1996")
    search.press("Enter")
    wait_finished(page)
    picker = page.get_by_role("combobox", name=re.compile(r"Event details \(\d[\d,]* found\)"))
    picker.click()
    picker.fill("1996")  # the list filters as one types, on the labels (dates included)
    option = page.get_by_role("option").first
    label = option.inner_text()
    assert "1996" in label and " · " in label  # the date is in the label
    option.click()
    wait_finished(page)
    title = label.split(" · ")[1]
    assert page.get_by_text(title, exact=True).first.is_visible()
    assert_no_exception(page)
