"""The shared memo is bounded by bytes, and a filtered view is a row selection of the
shared tables: the memo counts a few bytes per row for it, not a copy of the tables."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.contract.dataset import Dataset
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.page import build_page
from dashboard.runtime.memo import MEMO_VARIABLE, Memo, memo_budget
from dashboard.runtime.memosize import estimate_bytes


def test_the_memo_stays_within_its_byte_budget_with_many_keys() -> None:
    memo = Memo(budget=1_000_000)
    for key in range(200):
        memo.get(key, lambda: pd.DataFrame({"n": range(10_000)}))  # 80,000 bytes each
    assert memo.bytes <= 1_000_000
    assert 10 <= len(memo) <= 12
    assert memo.get(199, lambda: None) is not None  # the latest is kept, not recomputed


def test_a_value_larger_than_the_budget_is_returned_but_not_kept() -> None:
    memo = Memo(budget=1_000)
    big = memo.get("big", lambda: "x" * 5_000)
    assert len(big) == 5_000 and len(memo) == 0 and memo.bytes == 0


def test_the_budget_comes_from_its_setting() -> None:
    assert memo_budget({MEMO_VARIABLE: "64"}) == 64 * 1024 * 1024
    assert memo_budget({MEMO_VARIABLE: "lots"}) == memo_budget({})


def test_a_filtered_view_does_not_copy_the_tables(synth_100k: Dataset) -> None:
    events = synth_100k.tables["events"]
    shared_bytes = sum(estimate_bytes(table) for table in synth_100k.tables.values())
    first = events["date_start"].min().date()
    view = apply_filters(synth_100k, Filters(date_from=first + timedelta(days=30)))
    assert 0 < view.row_count("events") < len(events)
    assert estimate_bytes(view) < shared_bytes / 20  # positions, not frames
    shown = view.tables["events"]
    assert shown.equals(
        events[events["date_end"].fillna(events["date_start"]) >= shown_start(view)]
    )


def shown_start(view) -> pd.Timestamp:
    return pd.Timestamp(view.filters.date_from)


def test_many_distinct_links_keep_the_memo_within_budget(synth_100k: Dataset) -> None:
    dataset = Dataset(
        synth_100k.data_dir, synth_100k.title, synth_100k.description, synth_100k.tables
    )
    dataset.memo = Memo(budget=40 * 1024 * 1024)
    table_bytes = estimate_bytes(dataset.tables["events"])
    start = dataset.tables["events"]["date_start"].min().date()
    for day in range(60):
        page = build_page(dataset, Filters(date_from=start + timedelta(days=day)), date(2030, 1, 1))
        assert len(page.view.tables["events"]) == page.view.row_count("events")
        assert dataset.memo.bytes <= dataset.memo.budget
    assert 60 * table_bytes > 10 * dataset.memo.budget  # copies would not have fitted
