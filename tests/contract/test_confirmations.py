"""The counting rule of the contract (citations.csv): sources, independent confirmations and
contradictions of a row, as a table of cases; and the loader's rules for citations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.contract.confirmations import chain_roots, fact_counts, source_origins
from dashboard.contract.loader import load_dataset
from tests.minidata import read_rows, set_cell, write_table

# Every case's sources: who repeats whom and who speaks for a party.
SOURCES = [
    # source_id, derived_from, party_id
    ("wire", "", ""),
    ("paper-a", "wire", ""),  # a reprint of the wire story
    ("paper-b", "paper-a", ""),  # a reprint of the reprint
    ("monitor", "", ""),  # an independent monitor
    ("hospital", "", ""),  # another independent body
    ("north-ministry", "", "north"),
    ("north-army", "", "north"),
    ("north-tv", "north-ministry", ""),  # relays the ministry's statement
    ("south-ministry", "", "south"),
]


def _frame(rows: list[dict[str, str]], columns: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns) or None).replace("", pd.NA).astype("str")
    frame.index = pd.Index(range(2, 2 + len(frame)), name="line")
    return frame


def _tables(kind: str, verification: str, own: str, cited: list[tuple[str, str]]) -> dict:
    """One event, or one claim by north, with its own source and its citations."""
    sources = _frame([{"source_id": s, "derived_from": d, "party_id": p} for s, d, p in SOURCES])
    row = {"verification": verification, "source_id": own}
    tables = {"sources": sources}
    if kind == "event":
        tables["events"] = _frame([{"event_id": "fact", **row}])
    else:
        tables["events"] = _frame([], ("event_id", "verification", "source_id"))
        tables["claims"] = _frame([{"claim_id": "fact", "party_id": "north", **row}])
    table = "events" if kind == "event" else "claims"
    tables["citations"] = _frame(
        [
            {"citation_id": f"c{i}", "table": table, "row_id": "fact", "source_id": s}
            | {"support": support}
            for i, (s, support) in enumerate(cited)
        ]
    )
    return tables


CASES = [
    # id, event or claim (by north), verification, own source, citations, expected
    # (sources, independent confirmations, contradictions)
    ("verified-own-source-confirms", "event", "verified", "monitor", [], (1, 1, 0)),
    ("unverified-own-source-does-not", "event", "reported", "monitor", [], (1, 0, 0)),
    (
        "two-independent-bodies",
        "event",
        "verified",
        "monitor",
        [("hospital", "confirms")],
        (2, 2, 0),
    ),
    (
        "reprint-chain-is-one-origin",
        "event",
        "reported",
        "wire",
        [("wire", "confirms"), ("paper-a", "confirms"), ("paper-b", "confirms")],
        (3, 1, 0),
    ),
    (
        "one-partys-several-voices",
        "event",
        "reported",
        "wire",
        [("north-ministry", "confirms"), ("north-army", "confirms")],
        (3, 1, 0),
    ),
    (
        "a-relay-of-a-party-is-that-party",
        "event",
        "reported",
        "wire",
        [("north-ministry", "confirms"), ("north-tv", "confirms")],
        (3, 1, 0),
    ),
    (
        "reports-never-confirm",
        "event",
        "reported",
        "wire",
        [("paper-a", "reports"), ("monitor", "reports")],
        (3, 0, 0),
    ),
    (
        "same-source-twice-counts-once",
        "event",
        "reported",
        "wire",
        [("monitor", "confirms"), ("monitor", "confirms")],
        (2, 1, 0),
    ),
    (
        "claimants-own-sources-never-count",
        "claim",
        "verified",
        "north-ministry",
        [("north-army", "confirms"), ("north-tv", "confirms")],
        (3, 0, 0),
    ),
    (
        "claimants-own-sources-then-a-monitor",
        "claim",
        "verified",
        "north-ministry",
        [("north-army", "confirms"), ("monitor", "confirms"), ("paper-b", "confirms")],
        (4, 2, 0),
    ),
    (
        "the-other-side-confirming-a-claim-counts",
        "claim",
        "claimed",
        "wire",
        [("south-ministry", "confirms")],
        (2, 1, 0),
    ),
    (
        "contradictions-counted-by-origin",
        "event",
        "reported",
        "wire",
        [
            ("south-ministry", "contradicts"),
            ("paper-a", "contradicts"),
            ("paper-b", "contradicts"),
            ("monitor", "contradicts"),
        ],
        (5, 0, 3),
    ),
    (
        "claimant-contradicting-itself-does-not-count",
        "claim",
        "claimed",
        "wire",
        [("north-army", "contradicts"), ("south-ministry", "contradicts")],
        (3, 0, 1),
    ),
    (
        "confirmed-and-contradicted",
        "event",
        "disputed",
        "wire",
        [("monitor", "confirms"), ("hospital", "contradicts"), ("paper-a", "reports")],
        (4, 1, 1),
    ),
]


@pytest.mark.parametrize(
    ("kind", "verification", "own", "cited", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_counting_rule(kind, verification, own, cited, expected) -> None:
    tables = _tables(kind, verification, own, cited)
    counts = fact_counts(tables)["events" if kind == "event" else "claims"]
    assert len(counts) == 1
    row = counts.iloc[0]
    assert (row["sources"], row["confirmations"], row["contradictions"]) == expected


def test_origins_of_the_case_sources() -> None:
    sources = _tables("event", "reported", "wire", [])["sources"]
    origins = source_origins(sources).set_index(sources["source_id"])
    assert origins["origin"].to_dict() == {
        "wire": "source:wire",
        "paper-a": "source:wire",
        "paper-b": "source:wire",
        "monitor": "source:monitor",
        "hospital": "source:hospital",
        "north-ministry": "party:north",
        "north-army": "party:north",
        "north-tv": "party:north",
        "south-ministry": "party:south",
    }
    assert origins.loc["paper-b", "root"] == "wire"


@pytest.mark.parametrize(
    ("links", "roots"),
    [
        pytest.param({"a": "", "b": "a", "c": "b"}, [0, 0, 0], id="chain"),
        pytest.param({"a": "a"}, [-1], id="repeats-itself"),
        pytest.param({"a": "b", "b": "a", "c": ""}, [-1, -1, 2], id="two-in-a-cycle"),
        pytest.param({"a": "b", "b": "c", "c": "b"}, [-1, -1, -1], id="runs-into-a-cycle"),
        pytest.param({"a": "gone", "b": "a"}, [0, 0], id="unknown-ends-the-chain"),
    ],
)
def test_chain_roots(links: dict[str, str], roots: list[int]) -> None:
    ids = pd.Series(list(links), dtype="str")
    derived = pd.Series(list(links.values()), dtype="str").replace("", pd.NA)
    assert list(chain_roots(ids, derived)) == roots


def test_long_chain_finds_its_root() -> None:
    count = 1000
    ids = pd.Series([f"s{i}" for i in range(count)], dtype="str")
    derived = pd.Series([pd.NA] + [f"s{i - 1}" for i in range(1, count)], dtype="str")
    assert set(chain_roots(ids, derived)) == {0}


# --- the loader ---------------------------------------------------------------------------


def test_cited_dataset_loads_clean_with_its_counts(cited_dir: Path) -> None:
    dataset = load_dataset(cited_dir)
    assert [str(p) for p in dataset.problems] == []
    assert len(dataset.tables["citations"]) == 7
    counts = fact_counts(dataset.tables)
    events = counts["events"].set_index(dataset.tables["events"]["event_id"])
    assert events.loc["shelling"].to_dict() == {
        "sources": 3,
        "confirmations": 1,  # Northland's army: the event's actor may confirm an event
        "contradictions": 0,
    }
    assert events.loc["school-hit"].to_dict() == {
        "sources": 3,
        "confirmations": 1,
        "contradictions": 1,
    }
    assert events.loc["armistice"].to_dict() == {
        "sources": 1,
        "confirmations": 1,
        "contradictions": 0,
    }
    claims = counts["claims"].set_index(dataset.tables["claims"]["claim_id"])
    assert claims.loc["north-12"].to_dict() == {
        "sources": 3,
        "confirmations": 0,  # Northland's army cannot confirm Northland's claim
        "contradictions": 1,
    }


def _problems(directory: Path, rule: str) -> list[tuple[str, int | None, str | None, str]]:
    dataset = load_dataset(directory)
    return [(p.file, p.line, p.column, p.severity) for p in dataset.problems if p.rule == rule]


def test_citation_of_an_unknown_row_is_rejected(cited_dir: Path) -> None:
    set_cell(cited_dir, "citations", 2, "row_id", "no-such-event")
    dataset = load_dataset(cited_dir)
    [problem] = [p for p in dataset.problems if p.file == "citations.csv"]
    assert (problem.line, problem.column, problem.value, problem.rule) == (
        3,
        "row_id",
        "no-such-event",
        "foreign-key",
    )
    assert problem.message == "no row of events.csv has this event_id"
    assert len(dataset.tables["citations"]) == 6


def test_row_id_must_be_in_the_table_named(cited_dir: Path) -> None:
    set_cell(cited_dir, "citations", 3, "table", "events")  # north-12 is a claim
    assert _problems(cited_dir, "foreign-key") == [("citations.csv", 4, "row_id", "error")]


def test_citation_of_a_rejected_row_goes_with_it(cited_dir: Path) -> None:
    set_cell(cited_dir, "events", 1, "verification", "rumour")  # shelling
    dataset = load_dataset(cited_dir)
    cascaded = [p for p in dataset.problems if p.file == "citations.csv"]
    # shelling's two citations, and north-12's two: its topic is about shelling, so the
    # topic and the claim went with it
    assert [(p.line, p.rule) for p in cascaded] == [(line, "foreign-key") for line in (2, 3, 4, 5)]
    assert "was rejected" in cascaded[0].message


def test_derived_from_cycle_is_an_error(cited_dir: Path) -> None:
    set_cell(cited_dir, "sources", 1, "derived_from", "paper-4")  # wire-1 <-> paper-4
    dataset = load_dataset(cited_dir)
    cycle = [p for p in dataset.problems if p.rule == "derived-from-cycle"]
    assert [(p.file, p.line, p.column, p.severity) for p in cycle] == [
        ("sources.csv", 2, "derived_from", "error"),
        ("sources.csv", 5, "derived_from", "error"),
    ]
    assert "wire-1 → paper-4 → wire-1" in cycle[0].message
    assert "wire-1" not in set(dataset.tables["sources"]["source_id"])
    assert "paper-4" not in set(dataset.tables["sources"]["source_id"])


def test_citation_quote_must_occur_in_the_document(cited_dir: Path) -> None:
    set_cell(cited_dir, "citations", 7, "quote", "Southland admitted losing twelve positions")
    assert _problems(cited_dir, "quote") == [("citations.csv", 8, "quote", "error")]


def test_verified_claim_resting_on_its_claimant_is_a_warning(cited_dir: Path) -> None:
    rows = read_rows(cited_dir, "claims")
    column = rows[0].index
    north_15 = next(r for r in rows if r[0] == "north-15")
    north_15[column("verification")] = "verified"
    north_15[column("source_id")] = "north-army"
    write_table(cited_dir, "claims", rows)
    dataset = load_dataset(cited_dir)
    [warning] = [p for p in dataset.problems if p.rule == "independent-confirmation"]
    assert (warning.file, warning.column, warning.severity) == (
        "claims.csv",
        "verification",
        "warning",
    )
    assert warning.line == rows.index(north_15) + 1
    assert "north-15" in set(dataset.tables["claims"]["claim_id"])  # kept
    assert dataset.errors == []


def test_unknown_party_of_a_source_is_rejected(cited_dir: Path) -> None:
    set_cell(cited_dir, "sources", 5, "party_id", "east")
    assert ("sources.csv", 6, "party_id", "error") in _problems(cited_dir, "foreign-key")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(None, id="nothing-rejected"),
        pytest.param(("citations", 2, "row_id", "no-such-event"), id="a-citation-rejected"),
        pytest.param(("events", 1, "verification", "rumour"), id="a-cited-event-rejected"),
    ],
)
def test_counts_kept_by_the_loader_equal_a_fresh_count(cited_dir: Path, edit) -> None:
    """The loader hands the row positions its citation check found to the counting; the
    counts it keeps for the views are those of counting the loaded tables afresh."""
    from dashboard.contract.confirmations import counts_of

    if edit is not None:
        set_cell(cited_dir, *edit)
    dataset = load_dataset(cited_dir)
    kept, fresh = counts_of(dataset), fact_counts(dataset.tables)
    assert set(kept) == set(fresh) == {"events", "claims", "crossing_status"}
    for name, frame in fresh.items():
        pd.testing.assert_frame_equal(kept[name], frame)
    assert kept["events"]["sources"].sum() > len(dataset.tables["events"])  # citations count
