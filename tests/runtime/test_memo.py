"""The memo: computes a value once per key and forgets the least recently used first.
Its byte budget is in test_memo_bounds.py."""

from __future__ import annotations

from dashboard.runtime.memo import Memo


def test_the_memo_computes_once_and_forgets_the_least_recent() -> None:
    memo, calls = Memo(limit=2), []

    def compute(value: int):
        return lambda: calls.append(value) or value

    assert memo.get("a", compute(1)) == 1
    assert memo.get("a", compute(99)) == 1  # stored: not computed again
    memo.get("b", compute(2))
    memo.get("c", compute(3))  # over the limit: "a" goes
    assert memo.get("a", compute(4)) == 4
    assert calls == [1, 2, 3, 4] and len(memo) == 2
