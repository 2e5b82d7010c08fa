"""A link's parameters as ``Filters`` and back: the one parse of a link that widgets, a
shared link and the command line all go through."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from urllib.parse import urlencode

from dashboard.contract.problems import shortened
from dashboard.contract.schema import EVENT_TYPES
from dashboard.query import solidity
from dashboard.query.dates import DateFrame, describe_dates
from dashboard.query.filters import VERIFICATION_CHOICES, Filters
from dashboard.query.params import (
    PARAM_CONFIRMATIONS,
    PARAM_DATES,
    PARAM_PARTY,
    PARAM_TYPE,
    PARAM_VERIFICATION,
)


def filters_to_query(filters: Filters, frame: DateFrame | None = None) -> dict[str, list[str]]:
    """The URL parameters that reopen this selection (defaults are left out). With the
    app's ``frame``, all dates are written as two open ends where a link without dates
    would mean a default range that leaves the background out."""
    params: dict[str, list[str]] = {}
    if filters.parties:
        params[PARAM_PARTY] = list(filters.parties)
    if filters.date_from is not None or filters.date_to is not None:
        params[PARAM_DATES] = [
            (filters.date_from or date.min).isoformat(),
            (filters.date_to or date.max).isoformat(),
        ]
    elif frame is not None and frame.default() != (None, None):
        params[PARAM_DATES] = [date.min.isoformat(), date.max.isoformat()]
    if filters.verification != "all":
        params[PARAM_VERIFICATION] = [filters.verification]
    if filters.types:
        params[PARAM_TYPE] = list(filters.types)
    if filters.confirmations:
        params[PARAM_CONFIRMATIONS] = [str(filters.confirmations)]
    return params


def query_string(filters: Filters, frame: DateFrame | None = None) -> str:
    """'party=north&party=south&dates=2025-10-01&dates=2025-10-12' (empty for defaults)."""
    return urlencode(filters_to_query(filters, frame), doseq=True)


def filters_from_query(
    params: Mapping[str, Sequence[str]],
    party_ids: Sequence[str],
    frame: DateFrame | None = None,
) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; every value that cannot be used gives a notice.
    With ``frame`` (the app's date filter: the data's first and last dates and the default
    start), a link without dates gets the default range, dates outside the data are refused
    (the default range instead, as the date widget does), and the whole range is all dates."""
    notices: list[str] = []
    parties = _known_values(params.get(PARAM_PARTY, ()), party_ids, "party", notices)
    types = _known_values(params.get(PARAM_TYPE, ()), EVENT_TYPES, "event type", notices)
    verification = None
    for value in params.get(PARAM_VERIFICATION, ()):
        if value in VERIFICATION_CHOICES:
            verification = verification or value  # the first, as the widget takes it
        else:
            notices.append(
                f"verification {quote_for_notice(value)} is not one of: "
                f"{', '.join(VERIFICATION_CHOICES)} — showing all"
            )
    given = _dates_from(params.get(PARAM_DATES, ()), notices)
    date_from, date_to = given or (None, None)
    if frame is not None:
        date_from, date_to = _dates_in_frame(given, frame, notices)
    least = solidity.least_from_query(params.get(PARAM_CONFIRMATIONS, ()), notices)
    grade = verification or "all"
    filters = Filters(tuple(parties), date_from, date_to, grade, tuple(types), least)
    return filters, notices


def _dates_in_frame(
    given: tuple[date | None, date | None] | None, frame: DateFrame, notices: list[str]
) -> tuple[date | None, date | None]:
    """The link's dates as the app's date filter takes them (see ``filters_from_query``):
    none (or none usable) is the default range; two open ends are all dates."""
    if given is None:
        return frame.default()
    date_from, date_to = given[0] or frame.first, given[1] or frame.last  # an open end
    if not frame.holds(date_from, date_to):
        notices.append(
            f"the link's dates {describe_dates(date_from, date_to)} reach outside the data "
            f"({describe_dates(frame.first, frame.last)}); showing "
            f"{describe_dates(*frame.default())}"
        )
        return frame.default()
    return frame.as_filter(date_from, date_to)


def open_ends(values: Sequence[str]) -> tuple[bool, bool]:
    """Whether a link's dates have an open start and an open end (0001-01-01, 9999-12-31,
    as ``filters_to_query`` writes them)."""
    given = _dates_from(values, [])
    return (given[0] is None, given[1] is None) if given else (False, False)


def _known_values(
    values: Sequence[str], known: Sequence[str], noun: str, notices: list[str]
) -> list[str]:
    kept: list[str] = []
    usable = set(known)  # a link may hold hundreds of ids, a dataset thousands of parties
    for value in values:
        if value in usable:
            if value not in kept:
                kept.append(value)
        else:
            notices.append(f"unknown {noun} {quote_for_notice(value)} in the link was ignored")
    return kept


def _dates_from(
    values: Sequence[str], notices: list[str]
) -> tuple[date | None, date | None] | None:
    """The link's (start, end), None for an open end; None when it gives no usable dates."""
    if not values:
        return None
    parsed: list[date] = []
    for value in values[:2]:
        try:
            parsed.append(date.fromisoformat(value))
        except ValueError:
            notices.append(f"date {quote_for_notice(value)} in the link is not a YYYY-MM-DD date")
    if len(values) > 2:
        notices.append("the link has more than two dates; only the first two are used")
    if len(parsed) != len(values[:2]):
        return None
    if len(parsed) == 1:
        return parsed[0], parsed[0]
    start, end = parsed
    if end < start:
        notices.append("the link's dates were in reverse order and have been swapped")
        start, end = end, start
    return _open_end(start), _open_end(end)


def _open_end(day: date) -> date | None:
    """date.min and date.max stand for an open end (as ``filters_to_query`` writes one)."""
    return None if day in (date.min, date.max) else day


def quote_for_notice(value: str, limit: int = 40) -> str:
    """The value in quotes for a notice, shortened to ``limit`` characters."""
    return repr(shortened(value, limit))


def selection_query(
    parties: Sequence[str],
    dates: tuple[date | None, date | None],
    verification: str | None,
    types: Sequence[str],
    confirmations: int = 0,
) -> dict[str, list[str]]:
    """The command line's filter flags as link parameters, so that its filters come from
    ``filters_from_query`` like the app's."""
    grade = verification or "all"
    return filters_to_query(
        Filters(tuple(parties), dates[0], dates[1], grade, tuple(types), confirmations)
    )


def known_parties(values: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The values that are party ids of the data, once each, in their order."""
    return [value for value in dict.fromkeys(values) if value in names]


def party_label(party_id: str, names: Mapping[str, str]) -> str:
    """A party as the picker lists it: 'Northland (north)', searchable by name and id."""
    name = names.get(party_id, party_id)
    return party_id if name == party_id else f"{name} ({party_id})"


def clamp_dates(dates: Sequence[date], bounds: tuple[date, date]) -> tuple[date, date]:
    """A (start, end) range cut to the data's first and last dates."""
    low, high = bounds
    start, end = min(dates[0], dates[-1]), max(dates[0], dates[-1])
    return min(max(start, low), high), max(min(end, high), low)
