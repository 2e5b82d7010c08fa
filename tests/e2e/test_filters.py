"""Filters as a user sets them in the browser: the caption, the metrics and the URL follow,
and a copied URL reopens the same view."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.analysis import glance
from dashboard.contract.dataset import DEFAULT_DATA_DIR
from dashboard.contract.loader import load_dataset
from dashboard.query.filters import Filters
from dashboard.query.link import query_string
from tests.e2e.conftest import (
    assert_no_exception,
    choose_view,
    open_app,
    open_url,
    sidebar_caption,
    wait_finished,
)

pytestmark = pytest.mark.e2e


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def pick_party(page, party_id: str, label: str) -> None:
    """Search the party picker by id and pick the party listed by its name."""
    before = sidebar_caption(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.keyboard.type(party_id)
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_new_caption(page, before)
    page.keyboard.press("Escape")  # close the list of options
    wait_finished(page)


def wait_for_new_caption(page, before: str) -> None:
    """Wait until the rerun that a widget started has changed the caption (a fixed pause
    can end before a busy machine has even started the rerun); the assertions that follow
    judge the result if it never changes."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """before => [...document.querySelectorAll(
                '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
                .some(e => e.innerText.includes(' rows') || e.innerText.includes(' events'))
                && ![...document.querySelectorAll(
                '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
                .some(e => e.innerText.trim() === before)""",
            arg=before,
            timeout=20_000,
        )
    wait_finished(page)


def set_dates(page, start: date, end: date) -> None:
    """Type both dates into the date range field; the app gets them when the field loses
    focus."""
    before = sidebar_caption(page)
    for edge, day in (("start", start), ("end", end)):
        page.get_by_role("spinbutton", name=f"year, Dates {edge} date").click()
        page.keyboard.type(day.strftime("%Y%m%d"))
    page.get_by_role("heading", name="Filters").click()
    wait_for_new_caption(page, before)


def test_parties_dates_and_verified_change_the_counts(page, shipped) -> None:
    open_app(page, shipped)
    assert metric_value(page, "Unverified facts") == "34"
    pick_party(page, "pak", "Pakistan (pak)")
    assert sidebar_caption(page) == (
        "1 party (Pakistan) · 5–12 Oct 2025 · verified and unverified · 8 of 17 events · "
        "18 of 18 claims · 2 of 2 crossing reports"
    )
    assert "party=pak" in page.url and "Pakistan" not in page.url  # the link keeps the id
    page.get_by_role("button", name="Remove Pakistan (pak)").click()  # the chip's own button
    wait_finished(page)
    assert "party=" not in page.url
    pick_party(page, "Taliban", "Afghanistan (Taliban government) (afg)")  # search by name
    assert sidebar_caption(page) == (
        "1 party (Afghanistan (Taliban government)) · 5–12 Oct 2025 · verified and unverified"
        " · 8 of 17 events · 18 of 18 claims · 2 of 2 crossing reports"
    )
    assert "party=afg" in page.url
    assert metric_value(page, "Unverified facts") == "28"
    page.get_by_role("radio", name="verified", exact=True).click()
    wait_finished(page)
    assert sidebar_caption(page).endswith(
        " · 5–12 Oct 2025 · verified only · 0 of 17 events · 0 of 18 claims · "
        "0 of 2 crossing reports"
    )
    assert metric_value(page, "Verified facts") == "✔ 0"
    assert metric_value(page, "Unverified facts") == "0"
    assert "verification=verified" in page.url
    set_dates(page, date(1893, 1, 1), date(2025, 10, 12))  # the background is reachable
    assert sidebar_caption(page).endswith(
        " · all dates · verified only · 1 of 17 events · 0 of 18 claims · 0 of 2 crossing reports"
    )
    assert metric_value(page, "Verified facts") == "✔ 1"  # the Taliban's return in 2021
    set_dates(page, date(2025, 10, 11), date(2025, 10, 12))
    assert sidebar_caption(page).endswith(
        " · 11–12 Oct 2025 · verified only · 0 of 17 events · 0 of 18 claims · "
        "0 of 2 crossing reports"
    )
    assert "dates=2025-10-11&dates=2025-10-12" in page.url
    assert metric_value(page, "Verified facts") == "✔ 0"
    assert_no_exception(page)


def test_confirmations_widget_sets_the_link_and_the_caption(page, shipped) -> None:
    open_app(page, shipped)
    before = sidebar_caption(page)
    page.get_by_role("radio", name="1", exact=True).click()
    wait_for_new_caption(page, before)
    # the Afghan attacks (Afghanistan's voices, one origin) and the jets heard by the Chaman
    # witnesses (the three verified background rows lie before the default dates); no
    # claim, no crossing report
    assert sidebar_caption(page) == (
        "all parties · 5–12 Oct 2025 · verified and unverified · at least 1 independent "
        "confirmation · 2 of 17 events · 0 of 18 claims · 0 of 2 crossing reports"
    )
    assert "confirmations=1" in page.url
    open_url(page, page.url)  # the link reopens the same filter
    assert page.get_by_role("radio", name="1", exact=True).is_checked()
    assert "at least 1 independent confirmation" in sidebar_caption(page)
    assert_no_exception(page)


def test_verified_only_shows_the_three_verified_facts(page, shipped) -> None:
    open_app(page, shipped, "?dates=1893-01-01&dates=2025-10-12")  # all dates: the background
    page.get_by_role("radio", name="verified", exact=True).click()
    wait_finished(page)
    assert sidebar_caption(page) == (
        "all parties · all dates · verified only · 3 of 17 events · 0 of 18 claims · "
        "0 of 2 crossing reports"
    )
    assert metric_value(page, "Verified facts") == "✔ 3"
    assert metric_value(page, "Unverified facts") == "0"


def test_a_copied_link_reopens_the_same_view(page, browser, shipped) -> None:
    open_app(page, shipped, "?party=pak&verification=unverified&view=claims")
    caption = sidebar_caption(page)
    assert caption == (
        "1 party (Pakistan) · 5–12 Oct 2025 · unverified only · 8 of 17 events · "
        "18 of 18 claims · 2 of 2 crossing reports"
    )
    assert page.get_by_role("radio", name="claims", exact=True).is_checked()
    assert page.get_by_role("radio", name="unverified", exact=True).is_checked()
    assert page.get_by_text("Pakistani soldiers killed, night of 11–12 Oct 2025").first.is_visible()
    choose_view(page, "crossings")
    copied = page.url
    other = browser.new_page()
    try:
        open_url(other, copied)
        assert sidebar_caption(other) == caption
        assert other.get_by_role("radio", name="crossings", exact=True).is_checked()
        assert other.get_by_role("heading", name="Torkham").is_visible()
        assert_no_exception(other)
    finally:
        other.close()


def test_wrong_values_in_a_link_give_notices(page, shipped) -> None:
    open_app(page, shipped, "?party=zzz&verification=perhaps&view=nowhere")
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "unknown party 'zzz'" in alerts
    assert "view 'nowhere' is not one of" in alerts
    assert metric_value(page, "Data as of") == "12 Oct 2025"
    assert_no_exception(page)


def test_a_click_right_after_changing_parties_counts(page, shipped) -> None:
    """The picker keeps its height when it loses focus, so the press and the release of
    the next click land on the same control (it used to shrink a line between them)."""
    open_app(page, shipped)
    pick_party(page, "pak", "Pakistan (pak)")
    page.get_by_role("button", name="Remove Pakistan (pak)").click()
    wait_finished(page)
    pick_party(page, "afg", "Afghanistan (Taliban government) (afg)")
    page.get_by_role("radio", name="verified", exact=True).click()
    wait_finished(page)
    assert "verification=verified" in page.url


def test_the_dates_open_at_the_first_event_after_the_background(page, shipped) -> None:
    """The 1893 treaty does not open the picker at 1893: the range and the calendar start at
    the first event that is not background, and the caption says how far back it goes."""
    open_app(page, shipped)
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')
    shown = [field.inner_text() for field in picker.get_by_role("spinbutton").all()]
    assert shown == ["2025", "10", "05", "2025", "10", "12"]
    captions = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')
    assert any(
        "start at 5 Oct 2025, the first date after the background" in text
        and "back to 1 Jan 1893" in text
        for text in captions.all_inner_texts()
    )
    picker.get_by_role("button", name="Choose date range").click()
    calendar = page.get_by_role("dialog").first
    calendar.wait_for()
    assert "Choose date range, October 2025" in calendar.inner_text()
    page.keyboard.press("Escape")
    assert_no_exception(page)


def test_a_written_link_of_all_dates_reopens_all_dates(page, shipped) -> None:
    """What a snapshot's manifest and a brief write for all dates (two open ends, as the
    default range leaves the 1893 background out) reopens all dates, not the default; the
    next click cuts the open ends to the data's dates in the link."""
    open_app(page, shipped, "?party=pak&dates=1893-01-01&dates=2025-10-12")  # the whole range
    caption = sidebar_caption(page)
    assert caption.startswith("1 party (Pakistan) · all dates · ")
    frame = glance.dataset_date_frame(load_dataset(DEFAULT_DATA_DIR), date.today())
    written = query_string(Filters(parties=("pak",)), frame)
    assert written == "party=pak&dates=0001-01-01&dates=9999-12-31"
    open_app(page, shipped, f"?{written}")
    assert sidebar_caption(page) == caption
    page.get_by_role("radio", name="verified", exact=True).click()
    wait_for_new_caption(page, caption)
    assert "dates=1893-01-01&dates=2025-10-12" in page.url
    assert sidebar_caption(page).startswith("1 party (Pakistan) · all dates · verified only")
    assert_no_exception(page)
