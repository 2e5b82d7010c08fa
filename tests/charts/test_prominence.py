"""Party colours by prominence: the main actors get the palette, the rest one neutral group."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.charts import palette, timeline
from dashboard.contract.dataset import Dataset
from tests.colours import contrast_ratio
from tests.manyparty import load_many_party, write_many_party


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Dataset:
    return load_many_party(write_many_party(tmp_path_factory.mktemp("many") / "data"))


def small_tables() -> dict[str, pd.DataFrame]:
    parties = pd.DataFrame(
        {
            "party_id": ["a", "b", "c", "d"],
            "name": ["Alpha", "Beta", "Gamma", "Beta"],
            "role": "belligerent",
            "color": [None, None, None, "#123456"],
        }
    ).astype("str")
    parties["color"] = parties["color"].replace("None", np.nan)
    events = pd.DataFrame(
        {"actor": ["a", "a", "b", None], "target": ["b", None, "c", "a"]}, dtype="str"
    )
    claims = pd.DataFrame({"party_id": ["c", "c", "c"]}, dtype="str")
    return {"parties": parties, "events": events, "claims": claims}


def test_prominence_counts_events_as_actor_or_target_and_claims() -> None:
    score = palette.prominence(small_tables())
    assert score.to_dict() == {"a": 3, "b": 2, "c": 4, "d": 0}


def test_most_prominent_get_the_palette_in_order_and_own_colours_win() -> None:
    colors = palette.party_colors(small_tables(), limit=3)
    # d has its own colour, so it is kept; then the two most prominent: c, a
    assert colors.prominent == ("c", "a", "d")
    assert colors.by_id["d"] == "#123456"
    assert colors.by_id["c"] == palette.PARTY_PALETTE[0]
    assert colors.by_id["a"] == palette.PARTY_PALETTE[1]
    assert colors.by_id["b"] == palette.OTHER_PARTIES_COLOR
    assert colors.group("b") == palette.OTHER_PARTIES
    assert colors.group("c") == "Gamma"
    assert colors.group(None) == palette.UNATTRIBUTED
    # two parties named Beta: the one with a legend entry carries its id
    assert colors.names["d"] == "Beta (d)"
    labels, colours = colors.legend()
    assert labels == ["Gamma", "Alpha", "Beta (d)", palette.OTHER_PARTIES, palette.UNATTRIBUTED]
    assert colours[-2:] == [palette.OTHER_PARTIES_COLOR, palette.UNATTRIBUTED_COLOR]


def test_groups_of_a_column() -> None:
    colors = palette.party_colors(small_tables(), limit=3)
    column = pd.Series(["a", "b", None, "c"], dtype="str")
    assert colors.groups(column).tolist() == [
        "Alpha",
        palette.OTHER_PARTIES,
        palette.UNATTRIBUTED,
        "Gamma",
    ]


def test_many_party_dataset_colours_its_main_actors(many: Dataset) -> None:
    tables = many.tables
    colors = palette.party_colors(tables)
    assert len(colors.prominent) == palette.PROMINENT_LIMIT == len(palette.PARTY_PALETTE)
    # the government, the air force and the front are the three most active parties
    assert colors.prominent[:3] == ("government", "air-force", "front")
    assert "group-36" in colors.prominent  # the curator gave it a colour: it keeps it
    assert colors.by_id["group-36"] == "#332288"
    own = [colors.by_id[p] for p in colors.prominent]
    assert len(set(own)) == len(own)
    tail = [p for p in tables["parties"]["party_id"] if p not in colors.prominent]
    assert len(tail) == 32
    assert {colors.by_id[p] for p in tail} == {palette.OTHER_PARTIES_COLOR}
    labels, _ = colors.legend()
    assert len(labels) == len(colors.prominent) + 2


def test_a_party_keeps_its_colour_when_the_view_is_filtered(many: Dataset) -> None:
    """Colours come from the whole dataset: a chart of one minor party's events colours it
    as the chart of everything does."""
    tables = many.tables
    colors = palette.party_colors(tables)
    minor = colors.prominent[-2]
    events = tables["events"]
    alone = timeline.timeline_chart(events[events["actor"] == minor], colors)
    assert alone.legend == [colors.names[minor]]
    scale = alone.spec["layer"][-1]["encoding"]["stroke"]["scale"]
    assert scale["range"] == [colors.by_id[minor]]
    assert colors.by_id[minor] != palette.PARTY_PALETTE[0]  # not simply the first colour


def test_neutral_colours_differ_and_keep_contrast() -> None:
    assert palette.OTHER_PARTIES_COLOR != palette.UNATTRIBUTED_COLOR
    for colour in (palette.OTHER_PARTIES_COLOR, palette.UNATTRIBUTED_COLOR):
        assert contrast_ratio(colour, palette.LIGHT_BACKGROUND) >= 3
        assert contrast_ratio(colour, palette.DARK_BACKGROUND) >= 3
    # told apart by lightness, not only hue
    assert contrast_ratio(palette.OTHER_PARTIES_COLOR, palette.UNATTRIBUTED_COLOR) > 1.5


def test_fixture_writes_the_optional_columns(tmp_path: Path) -> None:
    dataset = load_many_party(write_many_party(tmp_path / "d", events=300, parties=12))
    events = dataset.tables["events"]
    assert len(events) == 300 and not dataset.errors
    assert set(events["location_precision"]) == {"exact", "near", "area", "country"}
    assert events["fatalities"].isna().any() and events["fatalities"].notna().any()
