"""What every view is given: the data, the filters, the filtered view, its caption, today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.filters import FilteredView, Filters, apply_filters, describe_filters
from dashboard.loader import Dataset


@dataclass(frozen=True)
class Page:
    """One rerun's state, shared by the sidebar and the views (no widgets here)."""

    dataset: Dataset
    filters: Filters
    view: FilteredView
    caption: str
    today: date


def build_page(dataset: Dataset, filters: Filters, today: date) -> Page:
    """The filtered view of ``dataset`` and its caption in words."""
    view = apply_filters(dataset, filters)
    return Page(dataset, filters, view, describe_filters(filters, dataset, view), today)
