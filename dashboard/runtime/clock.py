"""The one clock: the current moment and today's date, in UTC.

Set DASHBOARD_TODAY=YYYY-MM-DD to fix "today" (reproducible screenshots and tests).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

TODAY_VAR = "DASHBOARD_TODAY"


def now(environ: Mapping[str, str] | None = None) -> datetime:
    """The current moment in UTC, whole seconds (midnight of DASHBOARD_TODAY when set)."""
    fixed = _fixed_day(os.environ if environ is None else environ)
    if fixed is not None:
        return datetime(fixed.year, fixed.month, fixed.day, tzinfo=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def today(environ: Mapping[str, str] | None = None) -> date:
    """Today's date in UTC (DASHBOARD_TODAY when set)."""
    return now(environ).date()


def _fixed_day(environ: Mapping[str, str]) -> date | None:
    value = environ.get(TODAY_VAR, "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
