"""What a link asks for, checked: every value that cannot be used gets a notice, a link is
read only up to a bounded size, and many problems are told in one summarised notice.

The link's parameters are those of ``dashboard.query.params``. A bound parameter's widget reads
only the first value of a single-value parameter and falls back to its default when that
value is not one of its options; the notices say exactly that.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.query.dates import DateFrame
from dashboard.query.filters import VERIFICATION_CHOICES
from dashboard.query.link import filters_from_query, quote_for_notice
from dashboard.query.params import (
    DEFAULT_ORDER,
    DEFAULT_VIEW,
    FILTER_PARAMS,
    PARAM_CONFIRMATIONS,
    PARAM_DATES,
    PARAM_ORDER,
    PARAM_PAGE,
    PARAM_PARTY,
    PARAM_TYPE,
    PARAM_VERIFICATION,
    PARAM_VIEW,
    TOPIC_ORDERS,
    VIEWS,
)

LINK_PARAMS = (*FILTER_PARAMS, PARAM_VIEW, PARAM_ORDER, PARAM_PAGE)
NOTICES_SHOWN = 5  # more problems than this are told in one notice, the first ones named
PAGE_DIGITS = 6  # a page number longer than this is not a page of any dataset
_PAGE = re.compile(rf"[0-9]{{1,{PAGE_DIGITS}}}", re.ASCII)


@dataclass(frozen=True)
class CountLimit:
    """A bound on what a link may hold, and the environment variable that sets it."""

    variable: str
    default: int

    def value(self, environ: Mapping[str, str] | None = None) -> int:
        """The variable's positive whole number, else the default."""
        text = (os.environ if environ is None else environ).get(self.variable, "").strip()
        return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else self.default


# Far above any real link (a dataset's every party is a few hundred ids), far below what
# makes a rerun slow: values beyond these are not read, and a notice says so.
MAX_VALUES = CountLimit("DASHBOARD_MAX_LINK_VALUES", 500)  # values per parameter
MAX_CHARS = CountLimit("DASHBOARD_MAX_LINK_CHARS", 20_000)  # characters of all values


@dataclass(frozen=True)
class SingleValue:
    """A parameter that takes one value: what it must be, in words, and its fallback."""

    name: str
    choices: tuple[str, ...]  # empty: a page number
    fallback: str

    def usable(self, value: str) -> bool:
        return value in self.choices if self.choices else page_number(value) is not None

    def rule(self) -> str:
        if self.choices:
            return f"one of: {', '.join(self.choices)}"
        return "a page number (1, 2, 3 …)"


SINGLE_VALUES = (
    SingleValue(PARAM_VERIFICATION, VERIFICATION_CHOICES, "showing all"),
    SingleValue(PARAM_VIEW, VIEWS, f"showing {DEFAULT_VIEW}"),
    SingleValue(PARAM_ORDER, TOPIC_ORDERS, f"showing {DEFAULT_ORDER} first"),
    SingleValue(PARAM_PAGE, (), "showing page 1"),
)


def page_number(value: object) -> int | None:
    """A page asked for by a link or a widget: 1, 2, 3 … in ASCII digits, else None."""
    text = str(value)
    return int(text) if _PAGE.fullmatch(text) and int(text) >= 1 else None


def read_link(
    params: Mapping[str, Sequence[str]], environ: Mapping[str, str] | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """The link's parameters cut to the limits (values per parameter, characters in all),
    and a notice for each cut naming the setting that made it."""
    most, budget = MAX_VALUES.value(environ), MAX_CHARS.value(environ)
    kept: dict[str, list[str]] = {}
    notices: list[str] = []
    for name in LINK_PARAMS:
        values = list(params.get(name, ()))
        if len(values) > most:
            notices.append(
                f"the link gives {name} {len(values):,} values; only the first {most:,} are "
                f"read (the limit set by {MAX_VALUES.variable})"
            )
            values = values[:most]
        taken = _within(values, budget)
        budget -= sum(len(value) for value in taken)
        if len(taken) < len(values) and budget >= 0:
            notices.append(
                f"the link's {name} values run past {MAX_CHARS.value(environ):,} characters "
                f"in all; what lies beyond is not read (the limit set by {MAX_CHARS.variable})"
            )
            budget = -1
        if taken:
            kept[name] = taken
    return kept, notices


def _within(values: list[str], budget: int) -> list[str]:
    """The first values whose lengths add up to at most ``budget``."""
    taken: list[str] = []
    for value in values:
        budget -= len(value)
        if budget < 0:
            break
        taken.append(value)
    return taken


def link_notices(
    params: Mapping[str, Sequence[str]],
    party_ids: Sequence[str],
    frame: DateFrame | None = None,
) -> list[str]:
    """Every problem of a (bounded) link: values that cannot be used, and a second value
    for a parameter that takes one; in the order of ``LINK_PARAMS``."""
    multi = {
        name: params[name]
        for name in (PARAM_PARTY, PARAM_TYPE, PARAM_DATES, PARAM_CONFIRMATIONS)
        if name in params
    }
    _, notices = filters_from_query(multi, party_ids, frame)
    for single in SINGLE_VALUES:
        values = list(params.get(single.name, ()))
        if values:
            notices += _single_value_notices(single, values)
    return notices


def _single_value_notices(single: SingleValue, values: list[str]) -> list[str]:
    """What the widget makes of the first value (the only one it reads)."""
    first = quote_for_notice(values[0])
    rule = f"{single.rule()} — {single.fallback}"
    if len(values) == 1:
        return [] if single.usable(values[0]) else [f"{single.name} {first} is not {rule}"]
    listed = ", ".join(quote_for_notice(v) for v in values[:5])
    outcome = "is used" if single.usable(values[0]) else f"is not {rule}"
    return [
        f"the link gives {single.name} {len(values):,} values ({listed}); it takes one, so "
        f"only the first is read, and {first} {outcome}"
    ]


def notice_boxes(limit_notices: Sequence[str], notices: Sequence[str]) -> list[str]:
    """The notices to show: every limit that bit, then the problems one by one when there
    are at most ``NOTICES_SHOWN``, else one notice counting them with the first named."""
    if len(notices) <= NOTICES_SHOWN:
        return [*limit_notices, *notices]
    first = "; ".join(notices[:NOTICES_SHOWN])
    summary = f"{len(notices):,} problems with the link, the first {NOTICES_SHOWN} shown: {first}"
    return [*limit_notices, summary]
