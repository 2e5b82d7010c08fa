"""Which views a dataset can fill: a view that needs optional tables is left out of the
view bar when the dataset lacks them, and a link to it lands on a short note."""

from __future__ import annotations

from collections.abc import Collection

from dashboard.query.params import DEFAULT_VIEW, VIEWS

# The optional tables each view needs (the others need only the required tables).
VIEW_NEEDS: dict[str, tuple[str, ...]] = {
    "claims": ("topics", "claims"),
    "crossings": ("crossings", "crossing_status"),
}


def available_views(table_names: Collection[str]) -> tuple[str, ...]:
    """The views, in the link's order, whose tables are all among ``table_names``."""
    return tuple(
        view for view in VIEWS if all(name in table_names for name in VIEW_NEEDS.get(view, ()))
    )


def absent_view_note(requested: str | None, table_names: Collection[str]) -> str | None:
    """A note for a link that asks for a known view this dataset cannot fill, else None."""
    if requested not in VIEW_NEEDS or requested in available_views(table_names):
        return None
    needs = " and ".join(f"{name}.csv" for name in VIEW_NEEDS[requested])
    return (
        f"this dataset has no {needs}, so it has no {requested} view; showing {DEFAULT_VIEW} "
        "instead"
    )
