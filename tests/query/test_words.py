"""The filters in words: the caption under the sidebar and in every export."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.contract.dataset import Dataset
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.words import describe_filters


@pytest.mark.parametrize(
    ("filters", "caption"),
    [
        pytest.param(
            Filters(
                parties=("north", "south"),
                date_from=date(2024, 3, 1),
                date_to=date(2024, 3, 6),
                verification="unverified",
            ),
            "2 parties (Northland, Southland) · 1–6 Mar 2024 · unverified only · 3 of 8 events · "
            "7 of 8 claims · 3 of 4 crossing reports",
            id="parties-dates-and-grade",
        ),
        pytest.param(
            Filters(),
            "all parties · all dates · verified and unverified · 8 events · 8 claims · "
            "4 crossing reports",
            id="everything",
        ),
        pytest.param(
            Filters(types=("air-strike", "crossing")),
            "all parties · all dates · verified and unverified · "
            "2 event types (air-strike, crossing) · 3 of 8 events · 0 of 8 claims · "
            "4 of 4 crossing reports",
            id="event-types",
        ),
    ],
)
def test_caption_states_filters_in_words(
    rich_dataset: Dataset, filters: Filters, caption: str
) -> None:
    view = apply_filters(rich_dataset, filters)
    assert describe_filters(filters, rich_dataset, view) == caption


def test_caption_names_the_first_three_of_many_parties_and_counts_the_rest(
    rich_dataset: Dataset,
) -> None:
    filters = Filters(parties=("north", "south", "un", "front"))
    caption = describe_filters(filters, rich_dataset, apply_filters(rich_dataset, filters))
    assert caption.startswith(
        "4 parties (Northland, Southland, United Nations and 1 more) · all dates · "
    )
