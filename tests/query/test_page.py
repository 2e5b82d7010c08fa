"""The page: the filtered view, its caption and the values computed on it, shared per
filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dashboard.contract.loader import load_dataset
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.page import build_page


def test_the_page_holds_the_view_and_its_caption(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    page = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    assert page.today == date(2024, 3, 10)
    assert set(page.view.tables["events"]["event_id"]) == set(
        apply_filters(dataset, Filters(parties=("south",))).tables["events"]["event_id"]
    )
    assert page.caption.startswith("1 party (Southland) · all dates")


def test_a_page_shares_its_view_and_values_per_filters(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    first = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    again = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    other = build_page(dataset, Filters(), date(2024, 3, 10))
    assert again.view is first.view and other.view is not first.view
    assert first.cached("n", lambda: object()) is again.cached("n", lambda: object())
    assert first.cached("n", lambda: 1) is not other.cached("n", lambda: 2)
