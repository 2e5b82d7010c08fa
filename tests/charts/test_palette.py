"""Colours: party colours from the data or the palette, status labels, contrast."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import palette
from dashboard.charts.palette import party_colors, status_label
from tests.colours import contrast_ratio


def test_party_colours_fill_gaps_from_the_palette() -> None:
    parties = pd.DataFrame(
        {"party_id": ["a", "b", "c"], "name": ["A", "B", "C"], "color": ["#0072B2", None, None]},
        dtype="str",
    )
    colors = party_colors({"parties": parties})
    assert colors.by_id["a"] == "#0072B2"
    assert colors.by_id["b"] == "#D55E00" and colors.by_id["c"] == "#CC79A7"
    assert status_label("closed") == "✖ Closed"


def test_every_palette_colour_has_contrast_on_light_and_dark_backgrounds() -> None:
    colours = [
        *palette.PARTY_PALETTE,
        *palette.STATUS_COLORS.values(),
        palette.UNATTRIBUTED_COLOR,
        palette.OTHER_PARTIES_COLOR,
    ]
    for colour in colours:
        assert contrast_ratio(colour, palette.LIGHT_BACKGROUND) >= 3, colour
        assert contrast_ratio(colour, palette.DARK_BACKGROUND) >= 3, colour
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0
    assert len(set(colours[: len(palette.PARTY_PALETTE)])) == len(palette.PARTY_PALETTE)
