"""One home per concept: each small helper that the modules share, tested where it lives."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import cli
from dashboard.analysis import glance
from dashboard.analysis.claims import shown_comparisons, view_comparisons
from dashboard.analysis.crossings import view_board
from dashboard.contract.arrowtext import arrow_text, is_in, text_series
from dashboard.contract.dataset import DEFAULT_DATA_DIR
from dashboard.contract.loader import load_dataset
from dashboard.contract.schema import UNVERIFIED, VERIFICATION, VERIFIED
from dashboard.contract.slugs import ascii_slug, is_slug, package_name
from dashboard.contract.values import (
    count_text,
    format_number,
    is_missing,
    number_or_none,
    text_or_none,
)
from dashboard.query import params
from dashboard.query.dates import describe_dates, describe_event_dates, event_end, event_ends
from dashboard.query.filters import Filters, apply_filters
from dashboard.query.link import filters_from_query, selection_query
from dashboard.query.lookups import given_values, party_name, party_names, row_by_id
from dashboard.query.page import build_page
from dashboard.runtime import clock
from dashboard.runtime.config import ENV_VAR, data_dir_from
from dashboard.synth.basic import write_synthetic


def test_event_end_is_date_end_else_date_start() -> None:
    events = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2024-03-03", "2024-03-01"]),
            "date_end": pd.to_datetime([None, "2024-03-05"]),
        }
    )
    assert list(event_ends(events).dt.date) == [date(2024, 3, 3), date(2024, 3, 5)]
    assert event_end(events.iloc[0]) == pd.Timestamp("2024-03-03")
    assert describe_event_dates(events.iloc[1]) == "1–5 Mar 2024"
    assert describe_dates(date(2023, 12, 30), date(2024, 1, 2)) == "30 Dec 2023 – 2 Jan 2024"


def test_party_names_and_rows_by_id(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    assert party_names(tables["parties"]) == {
        "north": "Northland",
        "south": "Southland",
        "un": "United Nations",
    }
    assert party_name(tables["parties"], "south") == "Southland"
    assert party_name(tables["parties"], "atlantis") == "atlantis"
    assert row_by_id(tables["sources"], "source_id", "radio-2")["publisher"] == "Radio North"
    assert row_by_id(tables["sources"], "source_id", "nowhere") is None
    assert given_values(tables["parties"], "party_id", "color") == {"north": "#0072B2"}


def test_unverified_means_every_grade_but_verified() -> None:
    assert VERIFIED == "verified"
    assert set(UNVERIFIED) == set(VERIFICATION) - {"verified"}
    counts = {"verified": 3, "reported": 15, "claimed": 14, "disputed": 5}
    assert glance.unverified_count(counts) == 34


def test_the_clock_is_utc_and_can_be_fixed() -> None:
    assert clock.today({clock.TODAY_VAR: "2025-10-20"}) == date(2025, 10, 20)
    assert clock.now({clock.TODAY_VAR: "2025-10-20"}) == datetime(2025, 10, 20, tzinfo=UTC)
    real = clock.now({})
    assert real.tzinfo == UTC and real.microsecond == 0
    assert clock.today({clock.TODAY_VAR: "not a date"}) == datetime.now(UTC).date()


def test_slug_rules() -> None:
    assert is_slug("afg-1") and not is_slug("-afg") and not is_slug("Afg")
    assert package_name("My Data (2025)") == "my-data--2025"
    assert ascii_slug("Riverland–Hillmark clashes (2025)") == "riverland-hillmark-clashes-2025"
    assert ascii_slug("پښتو") == "dataset"


@pytest.mark.parametrize(
    ("value", "missing"),
    [(None, True), (np.nan, True), (pd.NA, True), (pd.NaT, True), ("", False), (0, False)],
)
def test_missing_values(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


def test_text_and_number_cells() -> None:
    assert text_or_none(np.nan) is None and text_or_none(12) == "12"
    assert number_or_none(None) is None and number_or_none("2.5") == 2.5
    assert count_text(1_000_000) == "1,000,000"
    assert format_number(2611.0) == "2,611" and format_number(0.125) == "0.125"


def test_arrow_text_helpers_keep_values_and_missing_cells() -> None:
    values = pd.Series(["a", None, "c"], dtype="str", index=[5, 6, 7])
    back = text_series(arrow_text(values), values.index)
    assert back.index.tolist() == [5, 6, 7]
    assert back.isna().tolist() == [False, True, False]
    assert is_in(values, pd.Series(["c", "z"])).tolist() == [False, False, True]


def test_the_link_vocabulary_is_one_set_of_names() -> None:
    assert (params.PARAM_PARTY, params.PARAM_DATES, params.PARAM_TYPE) == ("party", "dates", "type")
    assert params.VIEWS[0] == params.DEFAULT_VIEW == "glance"
    assert set(params.SINGLE_VALUE_PARAMS) == {
        "verification",
        "confirmations",
        "view",
        "order",
        "page",
        "since",
    }
    assert params.PARAM_SINCE == "since"
    assert params.PARAM_CONFIRMATIONS == "confirmations"
    assert (params.PARAM_ORDER, params.PARAM_PAGE) == ("order", "page")
    assert params.TOPIC_ORDERS == ("latest", "disagreement", "parties", "largest")


def test_widget_values_take_the_same_path_as_a_link() -> None:
    query = selection_query(["north"], (date(2024, 3, 1), None), "verified", ["diplomatic"])
    assert query == {
        "party": ["north"],
        "dates": ["2024-03-01", "9999-12-31"],
        "verification": ["verified"],
        "type": ["diplomatic"],
    }
    filters, notices = filters_from_query(query, ["north", "south"])
    assert notices == []
    assert filters == Filters(("north",), date(2024, 3, 1), None, "verified", ("diplomatic",))
    assert selection_query([], (None, None), None, []) == {}


def test_the_page_holds_the_view_and_its_caption(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    page = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    assert page.today == date(2024, 3, 10)
    assert set(page.view.tables["events"]["event_id"]) == set(
        apply_filters(dataset, Filters(parties=("south",))).tables["events"]["event_id"]
    )
    assert page.caption.startswith("1 party (Southland) · all dates")


def test_topics_shown_and_the_note_when_there_are_more(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "synth", 200, seed=3)
    dataset = load_dataset(tmp_path / "synth")
    view = apply_filters(dataset, Filters())
    parties, sources = dataset.tables["parties"], dataset.tables["sources"]
    everything = view_comparisons(view, parties, sources)
    shown, note = shown_comparisons(view, parties, sources, limit=1)
    assert len(everything) == len(view.tables["topics"]) > 1
    assert len(shown) == 1
    assert note == (
        f"showing 1 of {len(everything)} topics (those with the latest claims) — the snapshot "
        "has all; so does the claims CSV"
    )
    every, note = shown_comparisons(view, parties, sources, limit=50)
    assert note is None
    assert sorted(c.topic_id for c in every) == sorted(c.topic_id for c in everything)
    latest = [max(p.date for p in c.positions) for c in every]
    assert latest == sorted(latest, reverse=True)  # latest claims first


def test_crossing_board_closed_first_or_none_without_tables(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    board = view_board(apply_filters(dataset, Filters()), date(2024, 3, 10))
    assert [state.crossing_id for state in board] == list(
        dataset.tables["crossings"]["crossing_id"]
    )
    for name in ("crossings.csv", "crossing_status.csv"):
        (mini_dir / name).unlink()
    assert view_board(apply_filters(load_dataset(mini_dir), Filters()), date(2024, 3, 10)) is None


def test_the_cli_finds_the_data_directory_like_the_app(mini_dir: Path, monkeypatch) -> None:
    assert data_dir_from(None, {}) == DEFAULT_DATA_DIR
    assert data_dir_from(None, {ENV_VAR: str(mini_dir)}) == mini_dir
    assert data_dir_from("elsewhere", {ENV_VAR: str(mini_dir)}) == Path("elsewhere")
    monkeypatch.setenv(ENV_VAR, str(mini_dir))
    out = io.StringIO()
    assert cli.main(["validate"], out=out) == 0
    assert out.getvalue().splitlines()[-1].startswith(f"{mini_dir}: 7 tables, ")


def test_quotes_by_source_in_one_pass(mini_dir: Path) -> None:
    from dashboard.analysis.sources import quotes_by_source

    tables = load_dataset(mini_dir).tables
    quotes = quotes_by_source(tables)
    given = tables["events"][tables["events"]["quote"].notna()]
    assert set(quotes) <= set(tables["sources"]["source_id"])
    for source_id, quote in zip(given["source_id"], given["quote"], strict=True):
        assert quote in quotes[source_id]
    assert all(len(q) == len(set(q)) for q in quotes.values())


def test_the_memo_computes_once_and_forgets_the_least_recent() -> None:
    from dashboard.runtime.memo import Memo

    memo, calls = Memo(limit=2), []

    def compute(value: int):
        return lambda: calls.append(value) or value

    assert memo.get("a", compute(1)) == 1
    assert memo.get("a", compute(99)) == 1  # stored: not computed again
    memo.get("b", compute(2))
    memo.get("c", compute(3))  # over the limit: "a" goes
    assert memo.get("a", compute(4)) == 4
    assert calls == [1, 2, 3, 4] and len(memo) == 2


def test_a_page_shares_its_view_and_values_per_filters(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    first = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    again = build_page(dataset, Filters(parties=("south",)), date(2024, 3, 10))
    other = build_page(dataset, Filters(), date(2024, 3, 10))
    assert again.view is first.view and other.view is not first.view
    assert first.cached("n", lambda: object()) is again.cached("n", lambda: object())
    assert first.cached("n", lambda: 1) is not other.cached("n", lambda: 2)
