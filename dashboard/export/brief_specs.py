"""The brief's charts: the dashboard's own timeline and map specifications of the view,
taken from the memo under the keys the timeline and map views use, in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.analysis import crossings
from dashboard.charts import palette
from dashboard.contract.loader import Dataset
from dashboard.export.brief_limits import NOTE_CHARS, clip
from dashboard.query.page import Page


def view_board(page: Page) -> list[crossings.CrossingState] | None:
    """The view's crossing board, from the memo the crossing, map and glance views share."""
    return page.cached("board", lambda: crossings.view_board(page.view, page.today))


@dataclass
class Charts:
    """The timeline and map specifications of a view, what they show, what they leave out."""

    timeline_spec: dict[str, Any] | None = None
    map_spec: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    timeline_caption: str = ""
    map_caption: str = ""


def chart_specs(dataset: Dataset, page: Page) -> Charts:
    """The dashboard's own timeline and map specifications of the view (None when there
    is nothing to draw), in words, with the notes that say what they leave out (the
    screen's hints to click and drag are left out: paper cannot be clicked). Both come
    from the memo under the keys of the timeline and map views, measuring events."""
    from dashboard.charts import map as charts_map  # Altair: only when charts are asked for
    from dashboard.charts import timeline

    events = page.view.tables["events"]
    colors = palette.dataset_colors(dataset)
    board = view_board(page)
    charts = Charts()
    if not events.empty:
        metric = "events"
        drawn = page.cached(
            "timeline", lambda: timeline.timeline_chart(events, colors, metric), metric
        )
        charts.timeline_spec = drawn.spec
        charts.notes += [
            clip(note.replace(" (listed in the table below)", ""), NOTE_CHARS)
            for note in drawn.notes
            if "Click" not in note
        ]
        charts.timeline_caption = (
            f"Events per {drawn.unit.name if drawn.unit else 'period'}, stacked by acting party."
            if drawn.mode == "counts"
            else "Each event in a lane of its acting party: filled = verified, hollow = "
            "unverified (reported, claimed or disputed); a bar is a date range, a dot one day."
        )
    board_table = crossings.board_frame(board) if board else None
    metric = "events"
    mapped = page.cached(
        "map", lambda: charts_map.map_chart(events, board_table, colors, metric), metric
    )
    charts.map_spec = mapped.spec
    charts.notes += [clip(note, NOTE_CHARS) for note in mapped.notes]
    squares = " Squares: crossings, with status symbol and word." if board else ""
    charts.map_caption = (
        f"Located events counted in hexagons (darker = more).{squares}"
        if mapped.mode == "hexagons"
        else f"Circles: events by acting party (filled verified, hollow not).{squares}"
    )
    return charts
