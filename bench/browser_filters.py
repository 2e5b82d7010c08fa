"""The browser benchmark's filter changes, made with the sidebar widgets as a user makes them.

The filters come from the link's vocabulary (every ``PARAM_*`` name of
dashboard/query/params.py but the view and the claims view's order and page), so a filter
added there is measured without a change here: a party (the first option of the picker), a
date range (typed in: the middle half of the events' dates), the verification control
("verified"), and any other filter by the kind of widget its key holds: the first option
not yet chosen of a radio or segmented control, the first option of a picker, a click on a
checkbox or toggle.
"""

from __future__ import annotations

import urllib.parse
from datetime import date

from dashboard.query import params

NOT_FILTERS = (params.PARAM_VIEW, params.PARAM_ORDER, params.PARAM_PAGE)
FILTER_PARAMS: tuple[str, ...] = tuple(
    value
    for name, value in vars(params).items()
    if name.startswith("PARAM_") and isinstance(value, str) and value not in NOT_FILTERS
)


class NoWidget(Exception):
    """The filter's widget was not found or is of a kind this benchmark cannot change."""


async def change_filter(page, name: str, dates: tuple[date, date]) -> None:
    """Make the input that changes filter ``name`` (the caller waits for the page to
    settle, then presses Escape to close any list of options left open)."""
    if name == params.PARAM_DATES:
        await type_dates(page, dates)
    elif name == params.PARAM_VERIFICATION:
        await widget(page, name).get_by_role("radio", name="verified", exact=True).click()
    else:
        await change_any(page, name)


def widget(page, name: str):
    return page.locator(f".st-key-{name}")


async def type_dates(page, dates: tuple[date, date]) -> None:
    """Type a start and end date into the date field; the app gets them on leaving it."""
    field_ = widget(page, params.PARAM_DATES)
    for edge, day in zip(("start", "end"), dates, strict=True):
        await field_.get_by_role("spinbutton", name=f"year, Dates {edge} date").click()
        await page.keyboard.type(day.strftime("%Y%m%d"))
    heading = page.locator('[data-testid="stSidebar"]').get_by_role("heading").first
    await heading.click()


async def change_any(page, name: str) -> None:
    """A change of the widget keyed ``name``, by its kind (see the module's docstring)."""
    box = widget(page, name)
    if not await box.count():
        raise NoWidget(f"no widget keyed {name!r} on the page")
    radios = box.locator("[role='radio']:not([aria-checked='true'])")
    if await radios.count():
        await radios.first.click()
        return
    if await box.get_by_role("combobox").count():
        await box.click()
        await page.get_by_role("option").first.click()
        return
    for role in ("checkbox", "switch"):
        if await box.get_by_role(role).count():
            await box.get_by_role(role).first.click()
            return
    raise NoWidget(f"the widget keyed {name!r} is of a kind this benchmark cannot change")


def party_in_link(url: str) -> str | None:
    """The first ``party`` parameter of a dashboard link."""
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get(params.PARAM_PARTY)
    return values[0] if values else None
