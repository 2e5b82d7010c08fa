"""The data contract (shared/data-contract.md) as data: tables, columns, types and keys.

Every other module (loader, Data Package descriptor, snapshots) reads the contract from
here, so the rules are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "slug", "date", "number", "enum", "url", "color", "path"]

SLUG_PATTERN = r"[a-z0-9][a-z0-9-]*"
DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
URL_PATTERN = r"https?://\S+"
COLOR_PATTERN = r"#[0-9a-fA-F]{6}"

VERIFICATION = ("verified", "reported", "claimed", "disputed")
VERIFICATION_MEANING = {
    "verified": "confirmed independently of the parties, admitted by a party against its own "
    "interest, or an established public fact",
    "reported": "reported by journalists or witnesses; not independently confirmed",
    "claimed": "asserted by a party to the conflict; not independently confirmed",
    "disputed": "asserted by one side and contradicted by another side or by evidence",
}
RELIABILITY = ("A", "B", "C", "D", "E", "F")
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
ROLES = ("belligerent", "non-state-armed-group", "mediator", "third-party", "independent")
EVENT_TYPES = (
    "armed-clash",
    "air-strike",
    "territorial-control",
    "crossing",
    "statement",
    "diplomatic",
    "humanitarian",
    "background",
)
STANCES = ("asserts", "confirms", "denies", "no-comment")
QUALIFIERS = ("exact", "about", "more-than", "at-least", "fewer-than", "at-most", "between")
CROSSING_STATUSES = ("open", "closed", "restricted", "unknown")


@dataclass(frozen=True)
class Column:
    """One column of a table: its kind, whether it is required and what it must match."""

    name: str
    kind: Kind
    required: bool = False
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    references: tuple[str, str] | None = None  # (table, column) of a foreign key
    description: str = ""


@dataclass(frozen=True)
class Table:
    """One CSV table of a data directory."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    required: bool = True
    pair: str | None = None  # the other table of an optional pair
    title: str = ""

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def columns_of_kind(self, *kinds: Kind) -> list[str]:
        return [c.name for c in self.columns if c.kind in kinds]


def _verification() -> Column:
    return Column(
        "verification",
        "enum",
        required=True,
        enum=VERIFICATION,
        description="verified, reported, claimed or disputed",
    )


def _source() -> Column:
    return Column("source_id", "slug", required=True, references=("sources", "source_id"))


def _quote() -> Column:
    return Column("quote", "text", description="exact words of the source supporting the row")


def _coordinates() -> tuple[Column, Column]:
    return (
        Column("latitude", "number", minimum=-90, maximum=90, description="WGS 84"),
        Column("longitude", "number", minimum=-180, maximum=180, description="WGS 84"),
    )


SOURCES = Table(
    "sources",
    (
        Column("source_id", "slug", required=True),
        Column("title", "text", required=True, description="headline or short description"),
        Column("publisher", "text", required=True, description="outlet, agency or body"),
        Column("published", "date", description="publication date"),
        Column("url", "url", description="link to the original"),
        Column(
            "document",
            "path",
            description="stored copy of the source text, relative to the data directory",
        ),
        Column(
            "reliability",
            "enum",
            required=True,
            enum=RELIABILITY,
            description="Admiralty source reliability A-F",
        ),
    ),
    primary_key=("source_id",),
    title="Sources: where every fact comes from",
)

PARTIES = Table(
    "parties",
    (
        Column("party_id", "slug", required=True),
        Column("name", "text", required=True),
        Column("role", "enum", required=True, enum=ROLES),
        Column("color", "color", description="display colour #rrggbb"),
    ),
    primary_key=("party_id",),
    title="Parties: who is involved",
)

EVENTS = Table(
    "events",
    (
        Column("event_id", "slug", required=True),
        Column("date_start", "date", required=True, description="earliest possible date"),
        Column("date_end", "date", description="latest possible date; empty = same day"),
        Column("title", "text", required=True),
        Column("description", "text"),
        Column("event_type", "enum", required=True, enum=EVENT_TYPES),
        Column("actor", "slug", references=("parties", "party_id"), description="who acted"),
        Column(
            "target", "slug", references=("parties", "party_id"), description="who was acted on"
        ),
        Column("location", "text", description="place name as reported"),
        *_coordinates(),
        _verification(),
        _source(),
        _quote(),
    ),
    primary_key=("event_id",),
    title="Events: the timeline",
)

TOPICS = Table(
    "topics",
    (
        Column("topic_id", "slug", required=True),
        Column("question", "text", required=True),
        Column("unit", "text", description="unit of a numeric topic"),
        Column("event_id", "slug", references=("events", "event_id")),
    ),
    primary_key=("topic_id",),
    required=False,
    pair="claims",
    title="Topics: questions on which parties take positions",
)

CLAIMS = Table(
    "claims",
    (
        Column("claim_id", "slug", required=True),
        Column("topic_id", "slug", required=True, references=("topics", "topic_id")),
        Column("party_id", "slug", required=True, references=("parties", "party_id")),
        Column("spokesperson", "text"),
        Column("date", "date", required=True, description="when it was said"),
        Column("stance", "enum", required=True, enum=STANCES),
        Column("value", "number", description="the figure stated"),
        Column("qualifier", "enum", enum=QUALIFIERS, description="empty = exact"),
        Column("value_high", "number", description="upper bound, only with between"),
        Column("statement", "text", required=True),
        _verification(),
        _source(),
        _quote(),
    ),
    primary_key=("claim_id",),
    required=False,
    pair="topics",
    title="Claims: one party's position on one topic",
)

CROSSINGS = Table(
    "crossings",
    (
        Column("crossing_id", "slug", required=True),
        Column("name", "text", required=True),
        Column("party_a", "slug", required=True, references=("parties", "party_id")),
        Column("party_b", "slug", required=True, references=("parties", "party_id")),
        *_coordinates(),
        Column("description", "text"),
    ),
    primary_key=("crossing_id",),
    required=False,
    pair="crossing_status",
    title="Crossings: border crossing points",
)

CROSSING_STATUS = Table(
    "crossing_status",
    (
        Column("crossing_id", "slug", required=True, references=("crossings", "crossing_id")),
        Column("as_of", "date", required=True, description="date the status was observed"),
        Column("status", "enum", required=True, enum=CROSSING_STATUSES),
        Column("detail", "text"),
        _verification(),
        _source(),
        _quote(),
    ),
    primary_key=("crossing_id", "as_of", "source_id"),
    required=False,
    pair="crossings",
    title="Crossing status: a log of status reports",
)

# In dependency order: a table only references tables before it.
TABLES: tuple[Table, ...] = (SOURCES, PARTIES, EVENTS, TOPICS, CLAIMS, CROSSINGS, CROSSING_STATUS)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


# Words for each kind of column, used in problem messages.
KIND_WORDS: dict[str, str] = {
    "slug": "a lowercase id (a-z, 0-9 and '-', not starting with '-')",
    "date": "a real date written YYYY-MM-DD",
    "number": "a plain number such as 58 or -12.5",
    "url": "a link starting with http:// or https://",
    "color": "a colour written #rrggbb",
}
