"""The claims view: both sides under the party filter, one chart of every shown topic with
each figure drawn as what it says, the order and the page from the link."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dashboard.analysis import claims
from dashboard.charts import claims as charts_claims
from dashboard.charts import style
from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.export.snapshot import build_snapshot
from dashboard.query.filters import Filters, apply_filters
from tests.minidata import set_cell
from tests.specs import assert_valid, mark_type
from tests.viewtest import (
    captions,
    chart_titles,
    full_specs,
    run_app,
    run_view,
    sidebar_caption,
    subheaders,
)

pytestmark = pytest.mark.usefixtures("app_environment")


def claims_specs(at) -> list[dict]:
    specs = full_specs(at)  # one chart per numeric topic shown
    for spec in specs:
        assert_valid(spec)
    return specs


def figure_rows(specs: list[dict]) -> dict[tuple[str, str], dict]:
    """The charts' rows by (party, figure as written)."""
    return {(r["party"], r["figure"]): r for spec in specs for r in spec["datasets"]["claims"]}


def layer(spec: dict, kind: str, test: str) -> dict:
    return next(
        lay
        for lay in spec["layer"]
        if mark_type(lay) == kind and any(t.get("filter") == test for t in lay.get("transform", []))
    )


def test_between_is_drawn_as_its_interval_and_the_axis_reaches_its_high_bound(
    rich_dir: Path,
) -> None:
    set_cell(rich_dir, "claims", 6, "value", "0")  # the Front: between 0 and 1,428
    set_cell(rich_dir, "claims", 6, "value_high", "1428")
    at = run_view("claims", rich_dir)
    specs = claims_specs(at)
    row = figure_rows(specs)[("Millford Liberation Front", "0–1,428")]
    assert (row["lo"], row["hi"]) == (0.0, 1428.0)
    (wounded,) = [s for s in specs if s["datasets"]["claims"][0]["question"].startswith("North")]
    bars = layer(wounded, "bar", "datum.lo != datum.hi")
    assert (bars["encoding"]["x"]["field"], bars["encoding"]["x2"]["field"]) == ("lo", "hi")
    # no fixed domain cuts the axis: the topic's scale covers every bar's ends
    assert "scale" not in bars["encoding"]["x"]
    assert max(r["hi"] for r in wounded["datasets"]["claims"]) >= 1428


def test_a_range_whose_ends_are_equal_is_one_figure_drawn_as_a_dot(rich_dir: Path) -> None:
    set_cell(rich_dir, "claims", 6, "value", "35")  # the Front: between 35 and 35
    set_cell(rich_dir, "claims", 6, "value_high", "35")
    at = run_view("claims", rich_dir)
    row = figure_rows(claims_specs(at))[("Millford Liberation Front", "35")]
    assert (row["lo"], row["hi"], row["shape"], row["arrow"]) == (35.0, 35.0, "circle", "")
    assert "Millford Liberation Front says 35 · " in " ".join(t.value for t in at.text)
    card = at.dataframe[0].value
    assert "35" in list(card["figure"]) and "35–35" not in list(card["figure"])
    assert claims.format_figure(35.0, "between", 35.0) == "35"


def test_every_party_on_a_charted_topic_has_its_row_silence_in_words(rich_dir: Path) -> None:
    rows = figure_rows(claims_specs(run_view("claims", rich_dir)))
    silent = rows[("Northland", "no comment")]  # north-wounded: no-comment, no figure
    assert silent["question"] == "Northland soldiers wounded, 3 March"
    assert (silent["shape"], silent["arrow"], silent["lo"], silent["hi"]) == ("", "", 0.0, 0.0)
    wounded = {p for p, _ in rows if rows[(p, _)]["question"].startswith("Northland")}
    assert wounded == {"Southland", "Northland", "Millford Liberation Front"}


def test_one_chart_for_every_numeric_topic_each_figure_as_it_says(rich_dir: Path) -> None:
    at = run_view("claims", rich_dir)
    # the school question has no figure: no chart
    assert chart_titles(at) == [
        "1. Northland soldiers wounded, 3 March (soldiers)",
        "2. Southland positions destroyed, 3 March (positions)",
    ]
    assert len(subheaders(at)) == 3  # three cards, a chart in the numeric ones
    specs = claims_specs(at)
    assert all(s["width"] == "container" for s in specs)  # fits a phone's screen
    rows = figure_rows(specs)
    more = rows[("Southland", "> 30")]  # open to the right: a bar to past the largest bound
    assert (more["lo"], more["arrow"]) == (30.0, "triangle-right")
    assert more["hi"] == more["arrow_x"] > 30
    between = rows[("Millford Liberation Front", "10–20")]
    assert (between["lo"], between["hi"], between["arrow"], between["shape"]) == (10, 20, "", "")
    about = rows[("Northland", "~ 15")]
    assert (about["lo"], about["hi"], about["shape"]) == (15.0, 15.0, "diamond")
    exact = rows[("Northland", "12")]  # North's earlier figure stays, faded
    assert (exact["shape"], exact["opacity"]) == ("circle", charts_claims.EARLIER_OPACITY)
    assert about["opacity"] == 1.0 and about["revision_label"] == "2 of 2 (latest)"
    assert rows[("Southland", "0")]["verified"] is False
    fill = layer(specs[1], "point", "datum.shape != ''")["encoding"]["fill"]
    assert fill["condition"]["test"] == "datum.verified" and fill["value"] == style.HOLLOW_FILL


def test_a_claim_card_shows_its_event_in_one_click(rich_dir: Path) -> None:
    at = run_view("claims", rich_dir)
    labels = [e.label for e in at.expander]
    assert labels.count("Event: Artillery fire near Millford") == 2
    assert "Event: School hit in Millford" in labels
    (school,) = [e for e in at.expander if e.label == "Event: School hit in Millford"]
    inside = " ".join(t.value for t in school.text)
    assert "Source: " in inside and "school" in inside.lower()


def test_open_to_the_left_starts_at_the_axis_start(rich_dir: Path) -> None:
    set_cell(rich_dir, "claims", 6, "qualifier", "at-most")  # the Front: at most 10
    set_cell(rich_dir, "claims", 6, "value_high", "")
    specs = claims_specs(run_view("claims", rich_dir))
    row = figure_rows(specs)[("Millford Liberation Front", "≤ 10")]
    assert (row["lo"], row["hi"], row["arrow"], row["arrow_x"]) == (0.0, 10.0, "triangle-left", 0.0)


def test_party_filter_keeps_both_sides_on_screen_in_the_csv_and_in_the_snapshot(
    rich_dataset: Dataset, rich_dir: Path, tmp_path: Path
) -> None:
    at = run_view("claims", rich_dir, Filters(parties=("front",)))
    assert subheaders(at) == ["Northland soldiers wounded, 3 March"]
    card = at.dataframe[0].value
    assert list(card["party"]) == ["Millford Liberation Front", "Northland", "Southland"]
    view = apply_filters(rich_dataset, Filters(parties=("front",)))
    tables = rich_dataset.tables
    csv = claims.positions_frame(
        claims.view_comparisons(view, tables["parties"], tables["sources"])
    )
    assert list(csv["party_id"]) == ["front", "north", "south"]
    archive = zipfile.ZipFile(io.BytesIO(build_snapshot(rich_dataset, view)))
    archive.extractall(tmp_path / "snap")
    loaded = load_dataset(tmp_path / "snap")
    assert sorted(loaded.tables["claims"]["claim_id"]) == sorted(
        ["south-wounded", "north-wounded", "front-wounded"]
    )


def test_empty_spokesperson_shows_as_nothing(mini_dir: Path) -> None:
    at = run_view("claims", mini_dir)
    assert list(at.dataframe[0].value["spokesperson"]) == ["", ""]


def test_order_comes_from_the_link(realistic_dir: Path) -> None:
    at = run_app({"view": "claims", "order": "disagreement"}, realistic_dir)
    ratios = [
        float(c.split(" is ")[1].split("\u00d7")[0])
        for c in captions(at)
        if c.startswith("highest figure is")
    ]
    assert len(ratios) == 10 and ratios == sorted(ratios, reverse=True)
    assert at.segmented_control(key="order").value == "disagreement"
    dataset = load_dataset(realistic_dir)
    view = apply_filters(dataset, Filters())
    ordered = claims.order_topics(
        dataset.tables["topics"], dataset.tables["claims"], "disagreement"
    )
    measures = claims.topic_measures(dataset.tables["claims"]).loc[ordered["topic_id"]]
    shown = measures["disagreement"].dropna()
    assert shown.is_monotonic_decreasing and len(shown) > 100
    assert view.tables["topics"]["topic_id"].isin(ordered["topic_id"]).all()


@pytest.mark.parametrize("order", ["parties", "largest"])
def test_other_orders_rank_by_their_measure(realistic_dir: Path, order: str) -> None:
    tables = load_dataset(realistic_dir).tables
    ordered = claims.order_topics(tables["topics"], tables["claims"], order)
    measure = claims.topic_measures(tables["claims"]).loc[ordered["topic_id"], order]
    assert measure.dropna().is_monotonic_decreasing
    assert len(ordered) == tables["claims"]["topic_id"].nunique()


def test_a_page_at_a_time_and_how_many_there_are(realistic_dir: Path) -> None:
    total = load_dataset(realistic_dir).tables["claims"]["topic_id"].nunique()
    assert total >= 200
    at = run_app({"view": "claims", "page": "3"}, realistic_dir)
    assert any(
        c.startswith(f"topics 21–30 of {total:,} · latest claims first · ") and "snapshot" in c
        for c in captions(at)
    )
    assert len(subheaders(at)) == 10
    titles = [t for t in chart_titles(at)]
    assert titles[0].startswith("21. ") and len(titles) <= 10
    at.selectbox(key="page").set_value("4").run()
    assert any(c.startswith(f"topics 31–40 of {total:,}") for c in captions(at))


def test_party_picker_lists_names_and_keeps_ids(rich_dir: Path) -> None:
    at = run_app({"party": ["front"]}, rich_dir)
    picker = at.multiselect(key="party")
    assert picker.value == ["front"]
    assert picker.options == [
        "Northland (north)",
        "Southland (south)",
        "United Nations (un)",
        "Millford Liberation Front (front)",
    ]
    assert at.query_params["party"] == "front"  # AppTest gives a single value as text
    picker.set_value(["front", "north"]).run()
    assert at.query_params["party"] == ["front", "north"]
    assert sidebar_caption(at).startswith("2 parties (Millford Liberation Front, Northland) · ")
    # the sidebar says what the party filter keeps on the claims view
    rule = next(c.value for c in at.sidebar.caption if c.value.startswith("Claims:"))
    assert rule.startswith("Claims: every party's position") and "chosen part" in rule
    at.multiselect(key="party").set_value([]).run()
    assert "party" not in at.query_params
    assert sidebar_caption(at).startswith("all parties · ")
