"""Per-topic comparison of the parties' positions (claims.csv), with every revision kept.

A party may state a figure, revise it later, or stay silent: silence ("no comment") is a
position too. Each topic lists every party's positions in date order and names the latest
one; nothing here says a figure is true unless its row is ``verified``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from dashboard.analysis.display import CARD_LIMIT, limit_note
from dashboard.contract.values import (
    count_text,
    format_number,
    is_missing,
    number_or_none,
    text_or_none,
)
from dashboard.query.filters import FilteredView
from dashboard.query.lookups import given_values
from dashboard.query.params import DEFAULT_ORDER, TOPIC_ORDERS

QUALIFIER_SYMBOLS: dict[str, str] = {
    "exact": "",
    "about": "~ ",
    "more-than": "> ",
    "at-least": "≥ ",
    "fewer-than": "< ",
    "at-most": "≤ ",
}
TIMES = "\u00d7"  # multiplication sign, written as an escape for the linter
STANCE_WORDS: dict[str, str] = {
    "asserts": "asserts",
    "confirms": "confirms",
    "denies": "denies",
    "no-comment": "no comment",
}
POSITION_COLUMNS: tuple[str, ...] = (
    "topic_id",
    "question",
    "unit",
    "party_id",
    "party",
    "stance",
    "figure",
    "value",
    "qualifier",
    "value_high",
    "spokesperson",
    "date",
    "revision",
    "statement",
    "verification",
    "source_id",
    "quote",
)


@dataclass(frozen=True)
class Position:
    """One claim of one party on one topic, with its place among that party's revisions."""

    claim_id: str
    party_id: str
    party_name: str
    stance: str
    figure: str  # formatted figure, or "" when the claim states none
    value: float | None
    qualifier: str | None
    value_high: float | None
    spokesperson: str | None
    date: date
    statement: str
    verification: str
    source_id: str
    source_title: str | None
    source_url: str | None
    quote: str | None
    revision: int  # 1, 2, ... per party in date order (then CSV line order)
    revisions: int  # how many positions this party has on this topic
    is_latest: bool


@dataclass(frozen=True)
class TopicComparison:
    """All positions on one topic, each party's latest one, and a one-line summary."""

    topic_id: str
    question: str
    unit: str | None
    event_id: str | None
    positions: list[Position]  # by party (parties-table order), each party's in date order
    latest: list[Position]  # each party's latest position, parties-table order
    numeric: bool  # any position has a figure
    confirmed: bool  # any latest position is verified
    ratio: float | None  # highest / lowest positive latest figure (needs two parties)
    spread: str


# --- words -------------------------------------------------------------------------------


def format_figure(value: float | None, qualifier: str | None, value_high: float | None) -> str:
    """The stated figure with its qualifier: '58', '~ 5', '> 30', '10–20' ('35' for
    between 35 and 35); '' if none."""
    if is_missing(value):
        return ""
    number = format_number(value)
    if qualifier == "between":
        if not is_missing(value_high) and float(value_high) == float(value):
            return number  # a range whose ends are equal is the single figure it is
        high = "?" if is_missing(value_high) else format_number(value_high)
        return f"{number}–{high}"
    return QUALIFIER_SYMBOLS.get(qualifier or "exact", "") + number


def stance_words(stance: str) -> str:
    """'no-comment' -> 'no comment'; the other stances are already words."""
    return STANCE_WORDS.get(stance, stance)


def spread_line(comparison: TopicComparison) -> str:
    """'Question: A says 58 · B: no comment · unconfirmed' from each party's latest position."""
    return f"{comparison.question}: {positions_summary(comparison)}"


def positions_summary(comparison: TopicComparison) -> str:
    """'A says 58 · B: no comment · unconfirmed': the spread line without the question."""
    parts = [_position_words(p) for p in comparison.latest]
    parts.append("confirmed" if comparison.confirmed else "unconfirmed")
    return " · ".join(parts)


def ratio_words(comparison: TopicComparison) -> str | None:
    """'highest figure is 2.3 times the lowest', or None without a ratio."""
    if comparison.ratio is None:
        return None
    return f"highest figure is {comparison.ratio:.1f}{TIMES} the lowest"


def _position_words(position: Position) -> str:
    name, figure = position.party_name, position.figure
    if position.stance == "no-comment":
        return f"{name}: no comment"
    if position.stance == "denies":
        return f"{name} denies, says {figure}" if figure else f"{name} denies"
    if figure:
        return f"{name} says {figure}"
    return f"{name} {stance_words(position.stance)}"


# --- comparison --------------------------------------------------------------------------


def compare_claims(
    topics: pd.DataFrame,
    claims: pd.DataFrame,
    parties: pd.DataFrame,
    sources: pd.DataFrame,
    first: Sequence[str] = (),
) -> list[TopicComparison]:
    """One comparison per topic that has a claim, in the order of ``topics``; in each, the
    parties in ``first`` (the chosen ones) come first, then the parties-table order."""
    names = given_values(parties, "party_id", "name")
    titles = given_values(sources, "source_id", "title")
    urls = given_values(sources, "source_id", "url")
    party_order = list(dict.fromkeys([*first, *parties["party_id"]]))
    by_topic = dict(tuple(claims.groupby("topic_id", sort=False))) if len(claims) else {}
    comparisons: list[TopicComparison] = []
    for topic in topics.itertuples(index=False):
        rows = by_topic.get(topic.topic_id)
        if rows is None or rows.empty:
            continue
        positions = _topic_positions(rows, party_order, names, titles, urls)
        comparisons.append(_comparison(topic, positions))
    return comparisons


ORDER_WORDS: dict[str, str] = {
    "latest": "latest claims first",
    "disagreement": "largest disagreement first",
    "parties": "most parties first",
    "largest": "largest figure first",
}
assert tuple(ORDER_WORDS) == TOPIC_ORDERS, "every topic order has its words"


@dataclass(frozen=True)
class TopicPage:
    """One page of the view's topics in the asked order."""

    comparisons: list[TopicComparison]
    order: str
    page: int  # 1-based, within 1..pages
    pages: int
    first: int  # 1-based number of the first topic shown (0 when there is none)
    total: int  # topics of the view with a claim

    def words(self) -> str:
        """'topics 11–20 of 214 · largest disagreement first'."""
        if self.total == 0:
            return "no topics"
        last = self.first + len(self.comparisons) - 1
        span = f"{self.first}" if last == self.first else f"{self.first}–{last}"
        noun = "topic" if self.total == 1 else "topics"
        return f"{noun} {span} of {count_text(self.total)} · {ORDER_WORDS[self.order]}"


def topic_page(
    view: FilteredView,
    parties: pd.DataFrame,
    sources: pd.DataFrame,
    order: str = DEFAULT_ORDER,
    page: int = 1,
    per_page: int = CARD_LIMIT,
) -> TopicPage:
    """Page ``page`` (clamped to the pages there are) of the view's topics in ``order``;
    the chosen parties' positions first in every comparison."""
    order = order if order in TOPIC_ORDERS else DEFAULT_ORDER
    if not view.has("topics", "claims"):
        return TopicPage([], order, 1, 1, 0, 0)
    claims = view.tables["claims"]
    ordered = order_topics(view.tables["topics"], claims, order)
    pages = max(1, -(-len(ordered) // per_page))
    page = min(max(1, page), pages)
    shown = ordered.iloc[(page - 1) * per_page : page * per_page]
    comparisons = compare_claims(
        shown,
        claims[claims["topic_id"].isin(shown["topic_id"])],
        parties,
        sources,
        first=view.filters.parties,
    )
    first = (page - 1) * per_page + 1 if comparisons else 0
    return TopicPage(comparisons, order, page, pages, first, len(ordered))


def shown_comparisons(
    view: FilteredView, parties: pd.DataFrame, sources: pd.DataFrame, limit: int = CARD_LIMIT
) -> tuple[list[TopicComparison], str | None]:
    """The comparisons of at most ``limit`` topics of the view (those with the latest
    claims, latest first), and a note when there are more."""
    shown = topic_page(view, parties, sources, per_page=limit)
    if shown.total <= len(shown.comparisons):
        return shown.comparisons, None
    note = limit_note(len(shown.comparisons), shown.total, "topics (those with the latest claims)")
    return shown.comparisons, f"{note}; so does the claims CSV"


def view_comparisons(
    view: FilteredView, parties: pd.DataFrame, sources: pd.DataFrame
) -> list[TopicComparison]:
    """Every topic of the view compared (what the claims CSV holds), chosen parties first."""
    if not view.has("topics", "claims"):
        return []
    tables = view.tables
    return compare_claims(
        tables["topics"], tables["claims"], parties, sources, first=view.filters.parties
    )


def order_topics(topics: pd.DataFrame, claims: pd.DataFrame, order: str) -> pd.DataFrame:
    """The topics that have a claim, sorted by ``order`` (one of TOPIC_ORDERS), largest
    first; topics without the measure (no ratio, no figure) last; ties by the latest
    claim, then topics-table order."""
    keys = topic_measures(claims)
    with_claims = topics[topics["topic_id"].isin(keys.index)]
    measures = keys.reindex(with_claims["topic_id"]).reset_index(drop=True)
    measures["position"] = range(len(measures))
    by = ["latest"] if order == "latest" else [order, "latest"]
    ranked = measures.sort_values(
        [*by, "position"],
        ascending=[False] * len(by) + [True],
        na_position="last",
        kind="stable",
    )
    return with_claims.iloc[ranked["position"].to_numpy()]


def topic_measures(claims: pd.DataFrame) -> pd.DataFrame:
    """Per topic id: the latest claim date, the disagreement (highest / lowest positive
    figure among the parties' latest positions, as ``ratio``; none without two), the
    number of parties, and the largest figure stated (``value`` or ``value_high``)."""
    grouped = claims.groupby("topic_id", sort=False)
    in_order = claims.assign(_line=range(len(claims))).sort_values(["date", "_line"], kind="stable")
    latest = in_order.groupby(["topic_id", "party_id"], sort=False).tail(1)
    positive = latest[latest["value"] > 0].groupby("topic_id", sort=False)["value"]
    ratio = (positive.max() / positive.min()).where(positive.count() >= 2)
    highest = pd.concat([claims["value"], claims["value_high"]]).groupby(
        pd.concat([claims["topic_id"], claims["topic_id"]])
    )
    return pd.DataFrame(
        {
            "latest": grouped["date"].max(),
            "disagreement": ratio,
            "parties": grouped["party_id"].nunique(),
            "largest": highest.max(),
        }
    )


def _comparison(topic: Any, positions: list[Position]) -> TopicComparison:
    latest = [p for p in positions if p.is_latest]
    comparison = TopicComparison(
        topic_id=topic.topic_id,
        question=topic.question,
        unit=text_or_none(topic.unit),
        event_id=text_or_none(topic.event_id),
        positions=positions,
        latest=latest,
        numeric=any(p.figure for p in positions),
        confirmed=any(p.verification == "verified" for p in latest),
        ratio=_ratio(latest),
        spread="",
    )
    return replace(comparison, spread=spread_line(comparison))


def _ratio(latest: list[Position]) -> float | None:
    """Highest / lowest positive figure among the parties' latest positions."""
    figures = [p.value for p in latest if p.value is not None and p.value > 0]
    if len(figures) < 2:
        return None
    return max(figures) / min(figures)


def _topic_positions(
    rows: pd.DataFrame,
    party_order: list[str],
    names: dict[str, str],
    titles: dict[str, str],
    urls: dict[str, str],
) -> list[Position]:
    """Every position on one topic: parties in table order (unknown claimants last)."""
    claimants = list(dict.fromkeys(rows["party_id"]))
    ordered = [p for p in party_order if p in claimants]
    ordered += [p for p in claimants if p not in ordered]
    positions: list[Position] = []
    for party_id in ordered:
        party_rows = _in_date_order(rows[rows["party_id"] == party_id])
        count = len(party_rows)
        for number, row in enumerate(party_rows.itertuples(index=False), start=1):
            positions.append(
                _position(row, names.get(party_id, party_id), number, count, titles, urls)
            )
    return positions


def _in_date_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows by date, then by CSV line (the index)."""
    keyed = rows.assign(_line=rows.index)
    return keyed.sort_values(["date", "_line"], kind="stable").drop(columns="_line")


def _position(
    row: Any,
    party_name: str,
    revision: int,
    revisions: int,
    titles: dict[str, str],
    urls: dict[str, str],
) -> Position:
    value, qualifier, high = (
        number_or_none(row.value),
        text_or_none(row.qualifier),
        number_or_none(row.value_high),
    )
    return Position(
        claim_id=row.claim_id,
        party_id=row.party_id,
        party_name=party_name,
        stance=row.stance,
        figure=format_figure(value, qualifier, high),
        value=value,
        qualifier=qualifier,
        value_high=high,
        spokesperson=text_or_none(row.spokesperson),
        date=pd.Timestamp(row.date).date(),
        statement=row.statement,
        verification=row.verification,
        source_id=row.source_id,
        source_title=titles.get(row.source_id),
        source_url=urls.get(row.source_id),
        quote=text_or_none(row.quote),
        revision=revision,
        revisions=revisions,
        is_latest=revision == revisions,
    )


# --- table -------------------------------------------------------------------------------


def positions_frame(comparisons: list[TopicComparison]) -> pd.DataFrame:
    """One row per position, for a CSV download."""
    rows = [
        {
            "topic_id": c.topic_id,
            "question": c.question,
            "unit": c.unit,
            "party_id": p.party_id,
            "party": p.party_name,
            "stance": stance_words(p.stance),
            "figure": p.figure,
            "value": p.value,
            "qualifier": p.qualifier,
            "value_high": p.value_high,
            "spokesperson": p.spokesperson,
            "date": pd.Timestamp(p.date),
            "revision": p.revision,
            "statement": p.statement,
            "verification": p.verification,
            "source_id": p.source_id,
            "quote": p.quote,
        }
        for c in comparisons
        for p in c.positions
    ]
    frame = pd.DataFrame(rows, columns=list(POSITION_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[s]")
    frame["value"] = frame["value"].astype("float64")
    frame["value_high"] = frame["value_high"].astype("float64")
    frame["revision"] = frame["revision"].astype("int64")
    return frame
