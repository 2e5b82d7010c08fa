"""Markup in the data never runs in the browser: a dataset whose every displayed text column
holds a script tag, an image with an onerror handler and a javascript: link is shown as
plain text in every view."""

from __future__ import annotations

import pytest

from dashboard.query.params import VIEWS
from tests.e2e.conftest import (
    SCREENSHOTS,
    SCRIPT,
    Server,
    assert_no_exception,
    open_app,
    wait_finished,
)
from tests.linky import EVIL, write_linky

pytestmark = pytest.mark.e2e


def assert_inert(page) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript" i]').count() == 0
    # A script element holding the payload would have run already; none may exist at all.
    scripts = page.locator("script").evaluate_all(
        "els => els.filter(e => e.textContent.includes('__pwned')).length"
    )
    assert scripts == 0


@pytest.mark.parametrize("view", VIEWS)
def test_markup_in_the_data_stays_text(page, hostile, view: str) -> None:
    open_app(page, hostile, f"?view={view}")
    assert_no_exception(page)
    for fold in page.locator('[data-testid="stExpander"] details:not([open]) > summary').all():
        fold.click()  # the sources view may fold stored documents away
    page.mouse.move(5, 5)
    assert_inert(page)
    page.screenshot(path=str(SCREENSHOTS / f"hostile-{view}.png"), full_page=True)


def test_markup_shows_as_literal_text_in_event_details(page, hostile) -> None:
    open_app(page, hostile, "?view=timeline")
    mark = page.locator('[data-testid="stVegaLiteChart"] svg path[role="graphics-symbol"]')
    mark.first.hover()  # its tooltip holds the title and the location
    mark.first.click()
    wait_finished(page)
    picked = page.get_by_role("combobox", name="Event details").input_value()
    assert SCRIPT in picked
    title = page.locator('[data-testid="stMarkdownContainer"] strong').filter(has_text=SCRIPT)
    # the picker's label is "dates · title · place"; the bold title is exactly the data's text
    assert title.inner_text() in picked and picked.split(" · ")[1] == title.inner_text()
    quote = page.locator('[data-testid="stText"]').filter(has_text="Quote: “")
    assert SCRIPT in quote.inner_text()
    assert_inert(page)


def test_markup_shows_as_literal_text_in_the_claims_card(page, hostile) -> None:
    open_app(page, hostile, "?view=claims")
    question = page.get_by_role("heading", name="Southland positions destroyed, 3 March")
    assert SCRIPT in question.inner_text()
    assert "[click me](javascript:window.__pwned=1)" in question.inner_text()
    assert_inert(page)


# --- URLs in a link or in the data are shown, never linked (issue 17, item 10) --------------


@pytest.fixture(scope="module")
def linky(servers, tmp_path_factory) -> Server:
    return servers("linky", write_linky(tmp_path_factory.mktemp("e2e") / "linky"))


def evil_links(page) -> list[str]:
    """Every link on the page (anywhere, also in the sidebar) that leads to the evil host."""
    return page.locator("a[href]").evaluate_all(
        f"els => els.map(e => e.getAttribute('href')).filter(h => h.includes('{EVIL}'))"
    )


def test_a_url_in_the_party_link_is_not_a_link_in_the_notice(page, mini) -> None:
    open_app(page, mini, f"?party=https://{EVIL}/login&party=www.{EVIL}")
    assert_no_exception(page)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text=f"{EVIL}/login")
    assert notice.count() == 1
    assert evil_links(page) == []


@pytest.mark.parametrize("view", VIEWS)
def test_urls_in_the_dataset_are_not_links(page, linky, view: str) -> None:
    open_app(page, linky, f"?view={view}")
    assert_no_exception(page)
    assert EVIL in page.get_by_role("heading", level=1).inner_text()
    for fold in page.locator('[data-testid="stExpander"] details:not([open]) > summary').all():
        fold.click()
    if view == "timeline":
        page.get_by_role("combobox", name="Event details").click()
        page.get_by_role("option").first.click()
        wait_finished(page)
    # The sources' own url cells are drawn on the table's canvas and its link buttons
    # lead to example.org: neither is an <a> to the evil host.
    assert evil_links(page) == []
