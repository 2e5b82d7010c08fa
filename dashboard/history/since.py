"""WHEN, as a link's ``since`` or ``changes --since`` gives it: a version id (``v12``, a
commit ``g1a2b3c4``), an ISO date (``2025-10-11``) or date-time (``2025-10-11T18:00``, UTC
unless it says otherwise)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from dashboard.history.gitlog import COMMIT_ID
from dashboard.history.store import Version

MAX_LENGTH = 64
_VERSION = re.compile(r"v[0-9]{1,12}")


class SinceError(ValueError):
    """WHEN is neither a version id nor an ISO date or date-time."""


@dataclass(frozen=True)
class When:
    """A parsed WHEN: a version id, or a moment (UTC)."""

    version_id: str | None = None
    moment: datetime | None = None

    @property
    def words(self) -> str:
        if self.version_id:
            return self.version_id
        if self.moment.hour == self.moment.minute == 0:
            return f"{self.moment:%Y-%m-%d}"
        return f"{self.moment:%Y-%m-%d %H:%M} UTC"


def parse_when(text: str) -> When:
    """The WHEN of a link or a command line; SinceError with the rule when it is neither."""
    value = text.strip()
    if len(value) > MAX_LENGTH:
        raise SinceError(f"since is longer than {MAX_LENGTH} characters")
    if _VERSION.fullmatch(value) or COMMIT_ID.fullmatch(value):
        return When(version_id=value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            return When(moment=datetime(day.year, day.month, day.day, tzinfo=UTC))
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value):
        raise SinceError(
            f"since {value!r} is not a version id (v12, or g and a commit) nor an ISO date "
            "(2025-10-11) or date-time (2025-10-11T18:00)"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return When(moment=moment.astimezone(UTC))


def version_in_force(versions: list[Version], when: When) -> tuple[Version | None, str]:
    """The version ``when`` names, or the one in force at that moment (the newest not
    later); with a note when there is none that old (then the oldest) or no such id."""
    if not versions:
        return None, "no versions of this data directory are known yet"
    if when.version_id is not None:
        for version in versions:
            if version.id == when.version_id or (
                version.id.startswith("g")
                and version.id.startswith(when.version_id[:8])
                and when.version_id.startswith(version.id[: len(when.version_id)])
            ):
                return version, ""
        return None, f"no version {when.version_id} of this data directory"
    earlier = [v for v in versions if v.time <= when.moment]
    if not earlier:
        first = versions[0]
        return first, (
            f"no version is as old as {when.words}; comparing with the oldest, {first.id} "
            f"({first.time_words})"
        )
    return earlier[-1], ""


def _same_id(known: str, given: str) -> bool:
    """Equal ids, or the same commit written with more or fewer hex digits."""
    if known == given:
        return True
    if not (known.startswith("g") and given.startswith("g")):
        return False
    return known[1:].startswith(given[1:]) or given[1:].startswith(known[1:])
