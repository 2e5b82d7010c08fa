"""What every view is given: the data, the filters, the filtered view, its caption, today."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from dashboard.contract.dataset import Dataset
from dashboard.history.changes import Changes, changes_since, filtered
from dashboard.history.diff import DatasetDiff
from dashboard.query.filters import FilteredView, Filters, apply_filters
from dashboard.query.words import view_caption

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One rerun's state, shared by the sidebar and the views (no widgets here)."""

    dataset: Dataset
    filters: Filters
    view: FilteredView
    caption: str
    today: date
    since: str | None = None  # the link's `since`: what changed since then

    def changes(self) -> Changes:
        """The diff from ``since`` (else the previous version) to this data, unfiltered."""
        return self.dataset.memo.get(
            ("changes", self.since), lambda: changes_since(self.dataset, self.since)
        )

    def shown_changes(self) -> DatasetDiff | None:
        """The diff under this page's filters (None without an earlier version)."""
        found = self.changes()
        if found.diff is None:
            return None
        return self.cached(
            "shown-changes",
            lambda: filtered(found, self.view, self.filters.parties),
            self.since,
        )

    def of_data(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per dataset version: what depends on the data alone."""
        return self.dataset.memo.get(("of the data", name), compute)

    def cached(self, name: str, compute: Callable[[], T], *extra: Hashable) -> T:
        """``compute()`` once per dataset version, filters, today and ``extra`` (shared by
        every session: switching back to a view, or a second user, reuses it)."""
        return self.dataset.memo.get((name, self.filters, self.today, *extra), compute)


def build_page(dataset: Dataset, filters: Filters, today: date, since: str | None = None) -> Page:
    """The filtered view of ``dataset`` and its caption in words (filtered once per
    dataset version and filters)."""
    view = dataset.memo.get(("view", filters), lambda: apply_filters(dataset, filters))
    return Page(dataset, filters, view, view_caption(dataset, view), today, since or None)
