"""The clock: UTC, to the second, and fixed by DASHBOARD_TODAY."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.runtime import clock


def test_the_clock_is_utc_and_can_be_fixed() -> None:
    assert clock.today({clock.TODAY_VAR: "2025-10-20"}) == date(2025, 10, 20)
    assert clock.now({clock.TODAY_VAR: "2025-10-20"}) == datetime(2025, 10, 20, tzinfo=UTC)
    real = clock.now({})
    assert real.tzinfo == UTC and real.microsecond == 0
    assert clock.today({clock.TODAY_VAR: "not a date"}) == datetime.now(UTC).date()
