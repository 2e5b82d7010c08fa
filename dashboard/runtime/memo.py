"""Values derived from one loaded dataset (a filtered view, a chart specification, party
colours), computed once and shared by every session. The memo is bounded by bytes: each
value's size is estimated (``memosize.estimate_bytes``) and the least recently used go
first once the total passes the budget (``DASHBOARD_MEMO_MB``); a value larger than the
whole budget is returned but not kept. A new version of the data comes with a new memo."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

from dashboard.runtime.memosize import estimate_bytes

T = TypeVar("T")
MEMO_VARIABLE = "DASHBOARD_MEMO_MB"
MEMO_DEFAULT_MB = 512  # one filtered copy of a million events' table takes up to ~320 MB
MEGABYTE = 1024 * 1024


def memo_budget(environ: Mapping[str, str] | None = None) -> int:
    """The memo's budget in bytes: ``DASHBOARD_MEMO_MB`` whole megabytes, else the default."""
    value = (os.environ if environ is None else environ).get(MEMO_VARIABLE, "").strip()
    megabytes = int(value) if value.isdigit() and int(value) > 0 else MEMO_DEFAULT_MB
    return megabytes * MEGABYTE


class Memo:
    """A thread-safe least-recently-used store of computed values, bounded by bytes."""

    def __init__(self, budget: int | None = None, limit: int | None = None) -> None:
        """``budget`` in bytes (default: ``memo_budget()``); ``limit``, if given, also
        bounds the number of values."""
        self.budget = memo_budget() if budget is None else budget
        self._limit = limit
        self._values: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under ``key``, computed by ``compute()`` the first time."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key][0]  # type: ignore[return-value]
        value = compute()  # outside the lock: other sessions are not held up meanwhile
        size = estimate_bytes(value)
        if size > self.budget:
            return value
        with self._lock:
            if key in self._values:
                self._bytes -= self._values.pop(key)[1]
            self._values[key] = (value, size)
            self._bytes += size
            while self._bytes > self.budget or (self._limit and len(self._values) > self._limit):
                self._bytes -= self._values.popitem(last=False)[1][1]
        return value

    @property
    def bytes(self) -> int:
        """The estimated bytes of every value kept."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._values)
