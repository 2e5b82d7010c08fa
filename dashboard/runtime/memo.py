"""Values derived from one loaded dataset (a filtered view, a chart specification, party
colours), computed once and shared by every session. The least recently used go first, so
memory stays bounded; a new version of the data comes with a new, empty memo."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MEMO_LIMIT = 48  # entries per dataset version (views of recent filter choices, specs)


class Memo:
    """A small thread-safe least-recently-used store of computed values."""

    def __init__(self, limit: int = MEMO_LIMIT) -> None:
        self._limit = limit
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under ``key``, computed by ``compute()`` the first time."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
        value = compute()  # outside the lock: other sessions are not held up meanwhile
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._limit:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)
