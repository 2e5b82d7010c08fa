"""Every bad value in a link gets a notice, many bad values one notice, and a link is read
only up to its limits, which say so (issue 17, item 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.query.linkcheck import MAX_CHARS, MAX_VALUES, link_notices, page_number, read_link
from tests.viewtest import run_app, shown, sidebar_caption

# The rich data's default dates: from its first fact that is not background (a crossing
# report of 2 Mar 2024; the 1953 armistice is background) to its last date.
DEFAULT_DATES = "2–10 Mar 2024"
ALL = f"all parties · {DEFAULT_DATES} · verified and unverified"
ORDERS = "latest, disagreement, parties, largest"
MARS = [f"mars{i}" for i in range(1000)]


def page_notice(value: str) -> str:
    return f"page {value!r} is not a page number (1, 2, 3 …) — showing page 1"


# (link, the notices shown, the start of the sidebar's caption, the order and page used)
LINKS = {
    "superscript page": (
        {"view": ["claims"], "page": ["²"]},
        [page_notice("²")],
        ALL,
        ("latest", 1),
    ),
    "page abc": ({"view": ["claims"], "page": ["abc"]}, [page_notice("abc")], ALL, None),
    "page 0": ({"view": ["claims"], "page": ["0"]}, [page_notice("0")], ALL, None),
    "page -3": ({"view": ["claims"], "page": ["-3"]}, [page_notice("-3")], ALL, None),
    "page of 400 digits": (
        {"view": ["claims"], "page": ["7" * 400]},
        [page_notice("7" * 39 + "…")],
        ALL,
        ("latest", 1),
    ),
    "order bogus": (
        {"view": ["claims"], "order": ["bogus"]},
        [f"order 'bogus' is not one of: {ORDERS} — showing latest first"],
        ALL,
        ("latest", 1),
    ),
    "first of two orders bad": (
        {"view": ["claims"], "order": ["bogus", "parties"]},
        [
            "the link gives order 2 values ('bogus', 'parties'); it takes one, so only the "
            f"first is read, and 'bogus' is not one of: {ORDERS} — showing latest first"
        ],
        ALL,
        ("latest", 1),
    ),
    "first of two verifications markup": (
        {"verification": ["<b>x</b>", "verified"]},
        [
            "the link gives verification 2 values ('<b>x</b>', 'verified'); it takes one, so "
            "only the first is read, and '<b>x</b>' is not one of: all, verified, unverified "
            "— showing all"
        ],
        ALL,
        None,
    ),
    "two views, the first good": (
        {"view": ["claims", "map"], "order": ["parties"], "page": ["1"]},
        [
            "the link gives view 2 values ('claims', 'map'); it takes one, so only the first "
            "is read, and 'claims' is used"
        ],
        ALL,
        ("parties", 1),
    ),
    "a good link": (
        {"party": ["north"], "verification": ["unverified"], "view": ["claims"]},
        [],
        f"1 party (Northland) · {DEFAULT_DATES} · unverified only",
        ("latest", 1),
    ),
    "1,000 unknown parties": (
        {"party": MARS[:1000:2], "type": MARS[1:1000:2]},
        [
            "1,000 problems with the link, the first 5 shown: "
            + "; ".join(f"unknown party 'mars{i}' in the link was ignored" for i in range(0, 10, 2))
        ],
        ALL,
        None,
    ),
    "more values than read": (
        {"party": ["north", *MARS[:700]]},  # Streamlit drops a link of 1,001 values
        [
            "the link gives party 701 values; only the first 500 are read (the limit set "
            "by DASHBOARD_MAX_LINK_VALUES)",
            "499 problems with the link, the first 5 shown: "
            + "; ".join(f"unknown party 'mars{i}' in the link was ignored" for i in range(5)),
        ],
        "1 party (Northland)",
        None,
    ),
    "longer than read": (
        {"party": ["north", "x" * 30_000], "type": ["shelling"]},
        [
            "the link's party values run past 20,000 characters in all; what lies beyond is "
            "not read (the limit set by DASHBOARD_MAX_LINK_CHARS)"
        ],
        f"1 party (Northland) · {DEFAULT_DATES} · verified and unverified · 1 event type",
        None,
    ),
}


@pytest.mark.usefixtures("app_environment")
@pytest.mark.parametrize(("link", "notices", "caption", "claims"), LINKS.values(), ids=LINKS)
def test_link_gives_these_notices_and_filters(
    rich_dir: Path, link: dict, notices: list[str], caption: str, claims: tuple | None
) -> None:
    at = run_app(link, rich_dir)  # asserts that the run raised nothing
    assert [shown(w.value).replace("\u2060", "") for w in at.warning] == [
        f"Link: {notice}" for notice in notices
    ]
    assert sidebar_caption(at).startswith(caption)
    if claims is not None:
        order, page = claims
        assert at.segmented_control(key="order").value == order
        words = [shown(c.value) for c in at.caption if "topics" in c.value]
        assert words and words[0].startswith(f"topics {1 + 10 * (page - 1)}–")


@pytest.mark.usefixtures("app_environment")
def test_a_page_past_the_last_says_so(rich_dir: Path) -> None:
    at = run_app({"view": ["claims"], "page": ["999"]}, rich_dir)
    words = [shown(c.value) for c in at.caption]
    assert "page 999 is past the last page, 1; showing page 1" in words
    assert any(w.startswith("topics 1–") for w in words)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("1", 1),
        ("12", 12),
        ("999999", 999999),
        ("²", None),
        ("0", None),
        ("-3", None),
        ("1.0", None),
        (" 2", None),
        ("٣", None),
        ("1" * 7, None),
        ("", None),
    ],
)
def test_page_number(value: str, number: int | None) -> None:
    assert page_number(value) == number


def test_limits_are_settings() -> None:
    link = {"party": ["a"] * 20, "type": ["bb"] * 5, "view": ["claims"]}
    environ = {MAX_VALUES.variable: "10", MAX_CHARS.variable: "14"}
    read, cut = read_link(link, environ)
    assert read == {"party": ["a"] * 10, "type": ["bb"] * 2}
    assert cut == [
        "the link gives party 20 values; only the first 10 are read (the limit set by "
        "DASHBOARD_MAX_LINK_VALUES)",
        "the link's type values run past 14 characters in all; what lies beyond is not read "
        "(the limit set by DASHBOARD_MAX_LINK_CHARS)",
    ]
    assert read_link(link, {MAX_VALUES.variable: "zero"})[0] == link


def test_unknown_values_of_every_parameter_are_named() -> None:
    link = {
        "party": ["mars"],
        "type": ["raid"],
        "dates": ["soon"],
        "verification": ["maybe"],
        "view": ["secret"],
        "order": ["random"],
        "page": ["x"],
    }
    notices = link_notices(link, ["north"])
    assert len(notices) == 7
    for value in ("mars", "raid", "soon", "maybe", "secret", "random", "x"):
        assert sum(f"'{value}'" in n for n in notices) == 1, value


def test_two_values_for_a_single_value_parameter_give_a_notice() -> None:
    params = {"view": ["claims", "map"], "verification": ["verified", "unverified"]}
    assert link_notices(params, ["north"]) == [
        "the link gives verification 2 values ('verified', 'unverified'); it takes one, so "
        "only the first is read, and 'verified' is used",
        "the link gives view 2 values ('claims', 'map'); it takes one, so only the first is "
        "read, and 'claims' is used",
    ]
