"""Marks and colours the charts share, each written once: the fill of a verified or an
unverified mark, the party groups' colour scale, label widths and the measures."""

from __future__ import annotations

from typing import Any

import altair as alt

from dashboard.charts.palette import PartyColors

HOLLOW_FILL = "white"  # an unverified mark is hollow: its outline in its colour, this inside
AXIS_LABEL_LIMIT = 200  # pixels of a category label before it is cut with "…"
# A legend in at most 2 columns of 150 px labels fits a 390 px phone (3 x 220 px did not).
LEGEND_COLUMNS = 2
LEGEND_LABEL_LIMIT = 150
METRICS = ("events", "fatalities")  # what the timeline and the map can measure


def group_scale(colors: PartyColors, present: set[str]) -> tuple[list[str], alt.Scale]:
    """(legend labels, colour scale) of the party groups in ``present``, in legend order."""
    labels, range_ = colors.legend(present)
    return labels, alt.Scale(domain=labels, range=range_)


def verified_fill(scale: alt.Scale, legend: alt.Legend | None) -> Any:
    """Filled in the party group's colour when ``datum.verified``, hollow otherwise (never
    colour alone: the shape's fill tells verified from unverified)."""
    return alt.condition(
        "datum.verified", alt.Fill("group:N", scale=scale, legend=legend), alt.value(HOLLOW_FILL)
    )
