"""Per-topic comparison of party positions: figures, revisions, summaries."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.claims import (
    POSITION_COLUMNS,
    TopicComparison,
    compare_claims,
    format_figure,
    positions_frame,
    ratio_words,
    shown_comparisons,
    spread_line,
    stance_words,
    view_comparisons,
)
from dashboard.contract.dataset import Dataset
from dashboard.contract.loader import load_dataset
from dashboard.contract.values import format_number
from dashboard.query.filters import Filters, apply_filters
from dashboard.synth.basic import write_synthetic
from tests.minidata import typed_frame

NAN = float("nan")


def _frame(rows: list[dict[str, object]], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    return typed_frame(rows, dates)


PARTIES = _frame(
    [
        {"party_id": "north", "name": "Northland"},
        {"party_id": "south", "name": "Southland"},
        {"party_id": "un", "name": "United Nations"},
    ]
)
SOURCES = _frame(
    [
        {"source_id": "wire", "title": "Wire story", "url": "https://example.org/w"},
        {"source_id": "radio", "title": "Radio bulletin", "url": None},
    ]
)
TOPICS = _frame(
    [
        {"topic_id": "dead", "question": "Soldiers killed", "unit": "soldiers", "event_id": "e1"},
        {"topic_id": "empty", "question": "Nobody spoke", "unit": None, "event_id": None},
        {"topic_id": "shelled", "question": "Was the school shelled?", "unit": None},
    ]
)


def _claim(claim_id: str, topic: str, party: str, day: str, stance: str, **more: object) -> dict:
    row: dict[str, object] = {
        "claim_id": claim_id,
        "topic_id": topic,
        "party_id": party,
        "spokesperson": None,
        "date": day,
        "stance": stance,
        "value": NAN,
        "qualifier": None,
        "value_high": NAN,
        "statement": f"statement {claim_id}",
        "verification": "claimed",
        "source_id": "wire",
        "quote": None,
    }
    row.update(more)
    return row


def _claims(*rows: dict) -> pd.DataFrame:
    return _frame(list(rows), dates=("date",))


def _compare(claims: pd.DataFrame) -> dict[str, TopicComparison]:
    return {c.topic_id: c for c in compare_claims(TOPICS, claims, PARTIES, SOURCES)}


# --- words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(58.0, "58"), (1200, "1,200"), (2.5, "2.5"), (0.0, "0"), (1234567.25, "1,234,567.25")],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "qualifier", "high", "expected"),
    [
        (58.0, "exact", None, "58"),
        (58.0, None, None, "58"),
        (58.0, NAN, NAN, "58"),
        (5.0, "about", None, "~ 5"),
        (30.0, "more-than", None, "> 30"),
        (30.0, "at-least", None, "≥ 30"),
        (5.0, "fewer-than", None, "< 5"),
        (5.0, "at-most", None, "≤ 5"),
        (10.0, "between", 20.0, "10–20"),
        (1500.0, "between", 2000.0, "1,500–2,000"),
        (None, None, None, ""),
        (NAN, "about", NAN, ""),
    ],
)
def test_format_figure(value: float, qualifier: str, high: float, expected: str) -> None:
    assert format_figure(value, qualifier, high) == expected


def test_stance_words() -> None:
    assert [stance_words(s) for s in ("asserts", "confirms", "denies", "no-comment")] == [
        "asserts",
        "confirms",
        "denies",
        "no comment",
    ]


# --- a loaded dataset ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rich(rich_dataset: Dataset) -> dict[str, TopicComparison]:
    tables = rich_dataset.tables
    comparisons = compare_claims(
        tables["topics"], tables["claims"], tables["parties"], tables["sources"]
    )
    assert [c.topic_id for c in comparisons] == list(tables["topics"]["topic_id"])
    return {c.topic_id: c for c in comparisons}


def test_loaded_silence_beside_figures(rich: dict[str, TopicComparison]) -> None:
    wounded = rich["soldiers-wounded"]
    assert wounded.spread == (
        "Northland soldiers wounded, 3 March: Northland: no comment · Southland says > 30 · "
        "Millford Liberation Front says 10–20 · unconfirmed"
    )
    assert spread_line(wounded) == wounded.spread
    assert wounded.unit == "soldiers"
    assert wounded.event_id == "shelling"
    assert wounded.numeric and not wounded.confirmed
    assert wounded.ratio == pytest.approx(3.0)  # > 30 against the range's lower bound 10
    assert ratio_words(wounded) == "highest figure is 3.0\u00d7 the lowest"
    north, south, front = wounded.latest
    assert (north.party_name, north.stance, north.figure, north.value) == (
        "Northland",
        "no-comment",
        "",
        None,
    )
    assert (south.party_id, south.stance, south.value, south.qualifier, south.figure) == (
        "south",
        "asserts",
        30.0,
        "more-than",
        "> 30",
    )
    assert south.spokesperson == "Col. Ana Reyes, army spokeswoman"
    assert south.date == date(2024, 3, 4)
    assert (south.source_title, south.source_url) == (
        "Shelling near Millford",
        "https://example.org/millford",
    )
    assert (front.figure, front.source_title, front.source_url) == (
        "10–20",
        "Evening bulletin",
        None,
    )


def test_loaded_figures_and_verdicts(rich: dict[str, TopicComparison]) -> None:
    destroyed = rich["positions-destroyed"]
    assert [p.figure for p in destroyed.latest] == ["~ 15", "0"]  # the revision, the denial
    assert destroyed.ratio is None  # a zero is no figure to divide by
    assert all(c.spread.endswith(" · unconfirmed") for c in rich.values())
    assert not any(c.confirmed for c in rich.values())
    school = rich["school-shelled"]
    assert school.spread == (
        "Was the Millford school shelled?: Northland denies · Southland asserts · unconfirmed"
    )
    assert not school.numeric
    assert school.unit is None
    assert school.event_id == "school-hit"


# --- revisions and ordering ------------------------------------------------------------------


REVISED = _claims(
    # CSV order is not date order: the revision comes first in the file.
    _claim("n2", "dead", "north", "2024-03-05", "asserts", value=15.0, verification="claimed"),
    _claim("s1", "dead", "south", "2024-03-04", "asserts", value=5.0, qualifier="about"),
    _claim("n1", "dead", "north", "2024-03-03", "asserts", value=12.0, source_id="radio"),
    _claim("x1", "shelled", "rebels", "2024-03-03", "asserts"),
    _claim("s2", "shelled", "south", "2024-03-03", "denies"),
)


def test_a_party_revising_its_figure() -> None:
    dead = _compare(REVISED)["dead"]
    assert [(p.claim_id, p.revision, p.revisions, p.is_latest) for p in dead.positions] == [
        ("n1", 1, 2, False),
        ("n2", 2, 2, True),
        ("s1", 1, 1, True),
    ]
    assert [p.claim_id for p in dead.latest] == ["n2", "s1"]
    assert dead.spread == "Soldiers killed: Northland says 15 · Southland says ~ 5 · unconfirmed"
    assert dead.ratio == pytest.approx(3.0)
    assert ratio_words(dead) == "highest figure is 3.0\u00d7 the lowest"
    first = dead.positions[0]
    assert (first.source_title, first.source_url) == ("Radio bulletin", None)
    assert dead.positions[1].source_url == "https://example.org/w"


def test_same_day_revisions_follow_csv_lines() -> None:
    claims = _claims(
        _claim("a", "dead", "north", "2024-03-03", "asserts", value=10.0),
        _claim("b", "dead", "north", "2024-03-03", "asserts", value=11.0),
    )
    dead = _compare(claims)["dead"]
    assert [(p.claim_id, p.revision) for p in dead.positions] == [("a", 1), ("b", 2)]
    assert dead.latest[0].figure == "11"


def test_unknown_claimant_uses_its_id_after_known_parties() -> None:
    shelled = _compare(REVISED)["shelled"]
    assert [p.party_name for p in shelled.positions] == ["Southland", "rebels"]
    assert (
        shelled.spread == "Was the school shelled?: Southland denies · rebels asserts · unconfirmed"
    )
    assert not shelled.numeric and shelled.ratio is None


def test_topics_without_claims_are_left_out_in_topic_order() -> None:
    assert list(_compare(REVISED)) == ["dead", "shelled"]
    assert compare_claims(TOPICS, REVISED.iloc[0:0], PARTIES, SOURCES) == []


def test_confirmed_only_by_a_verified_latest_position() -> None:
    earlier_verified = _claims(
        _claim("n1", "dead", "north", "2024-03-03", "confirms", value=4.0, verification="verified"),
        _claim("n2", "dead", "north", "2024-03-06", "asserts", value=9.0),
    )
    dead = _compare(earlier_verified)["dead"]
    assert not dead.confirmed
    assert dead.spread.endswith("Northland says 9 · unconfirmed")
    now_verified = _claims(
        _claim("n1", "dead", "north", "2024-03-03", "asserts", value=7.0),
        _claim("s1", "dead", "south", "2024-03-06", "confirms", value=3.0, verification="verified"),
    )
    dead = _compare(now_verified)["dead"]
    assert dead.confirmed
    assert dead.spread == "Soldiers killed: Northland says 7 · Southland says 3 · confirmed"
    assert ratio_words(dead) == "highest figure is 2.3\u00d7 the lowest"


def test_stances_in_the_spread_line() -> None:
    claims = _claims(
        _claim("n1", "dead", "north", "2024-03-03", "denies", value=5.0, qualifier="fewer-than"),
        _claim("s1", "dead", "south", "2024-03-03", "confirms"),
        _claim("u1", "dead", "un", "2024-03-03", "no-comment"),
    )
    assert _compare(claims)["dead"].spread == (
        "Soldiers killed: Northland denies, says < 5 · Southland confirms · "
        "United Nations: no comment · unconfirmed"
    )


def test_ratio_ignores_zero_and_needs_two_parties() -> None:
    claims = _claims(
        _claim("n1", "dead", "north", "2024-03-03", "asserts", value=0.0),
        _claim("s1", "dead", "south", "2024-03-03", "asserts", value=40.0),
    )
    dead = _compare(claims)["dead"]
    assert dead.latest[0].figure == "0"
    assert dead.ratio is None and ratio_words(dead) is None


def test_ratio_between_uses_lower_bound() -> None:
    claims = _claims(
        _claim(
            "n1",
            "dead",
            "north",
            "2024-03-03",
            "asserts",
            value=10.0,
            qualifier="between",
            value_high=20.0,
        ),
        _claim("s1", "dead", "south", "2024-03-03", "asserts", value=25.0),
    )
    dead = _compare(claims)["dead"]
    assert dead.spread == "Soldiers killed: Northland says 10–20 · Southland says 25 · unconfirmed"
    assert ratio_words(dead) == "highest figure is 2.5\u00d7 the lowest"


# --- table -----------------------------------------------------------------------------------


def test_positions_frame() -> None:
    frame = positions_frame(list(_compare(REVISED).values()))
    assert list(frame.columns) == list(POSITION_COLUMNS)
    assert len(frame) == 5
    assert str(frame["date"].dtype) == "datetime64[s]"
    first = frame.iloc[0]
    assert (first["topic_id"], first["party"], first["figure"], first["revision"]) == (
        "dead",
        "Northland",
        "12",
        1,
    )
    assert first["date"] == pd.Timestamp("2024-03-03")
    assert list(frame["revision"]) == [1, 2, 1, 1, 1]
    assert list(frame["stance"]) == ["asserts", "asserts", "asserts", "denies", "asserts"]
    assert frame.iloc[2]["qualifier"] == "about"
    assert math.isnan(frame.iloc[3]["value"])


def test_positions_frame_words_and_empty() -> None:
    claims = _claims(_claim("u1", "dead", "un", "2024-03-03", "no-comment"))
    frame = positions_frame(list(_compare(claims).values()))
    assert frame.loc[0, "stance"] == "no comment"
    empty = positions_frame([])
    assert list(empty.columns) == list(POSITION_COLUMNS) and empty.empty


def test_topics_shown_and_the_note_when_there_are_more(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "synth", 200, seed=3)
    dataset = load_dataset(tmp_path / "synth")
    view = apply_filters(dataset, Filters())
    parties, sources = dataset.tables["parties"], dataset.tables["sources"]
    everything = view_comparisons(view, parties, sources)
    shown, note = shown_comparisons(view, parties, sources, limit=1)
    assert len(everything) == len(view.tables["topics"]) > 1
    assert len(shown) == 1
    # the figures, and where the rest is
    assert note.startswith(f"showing 1 of {len(everything)} topics ")
    assert "latest claims" in note and "snapshot" in note
    every, note = shown_comparisons(view, parties, sources, limit=50)
    assert note is None
    assert sorted(c.topic_id for c in every) == sorted(c.topic_id for c in everything)
    latest = [max(p.date for p in c.positions) for c in every]
    assert latest == sorted(latest, reverse=True)  # latest claims first
