"""The data contract (shared/data-contract.md) as data: tables, columns, types and keys.

Every other module (loader, Data Package descriptor, snapshots) reads the contract from
here, so the rules are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "slug", "date", "number", "integer", "enum", "url", "color", "path"]

DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
URL_PATTERN = r"https?://\S+"
COLOR_PATTERN = r"#[0-9a-fA-F]{6}"

VERIFICATION = ("verified", "reported", "claimed", "disputed")
# The filter's "verified" means this grade; "unverified" means every other one.
VERIFIED = "verified"
UNVERIFIED = tuple(grade for grade in VERIFICATION if grade != VERIFIED)
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
    "shelling",
    "bombing",
    "attack-on-civilians",
    "territorial-control",
    "crossing",
    "protest",
    "statement",
    "diplomatic",
    "humanitarian",
    "background",
)
# How exact an event's coordinates are; an empty cell means exact.
LOCATION_PRECISIONS = ("exact", "near", "area", "country")
LOCATION_PRECISION_MEANING = {
    "exact": "the place itself",
    "near": "the town or within a few km",
    "area": "centroid of a district or province",
    "country": "centroid of a country",
}
STANCES = ("asserts", "confirms", "denies", "no-comment")
QUALIFIERS = ("exact", "about", "more-than", "at-least", "fewer-than", "at-most", "between")
CROSSING_STATUSES = ("open", "closed", "restricted", "unknown")
# The most people one event's figure may count. Larger than any single event ever recorded
# (the deadliest battles and disasters are estimated in the low millions), so a larger
# figure is a typing or unit error; it also keeps any sum far inside 64-bit integers.
MAX_FATALITIES = 10_000_000
# What a citation's source does for the row it cites (citations.csv).
SUPPORTS = ("confirms", "reports", "contradicts")
SUPPORT_MEANING = {
    "confirms": "the source itself establishes the fact (an independent monitor, a hospital "
    "count, imagery)",
    "reports": "the source relays it without confirming it",
    "contradicts": "the source says otherwise",
}
# The tables whose rows are facts (carry verification, source_id and quote).
FACT_TABLES = ("events", "claims", "crossing_status")
# The tables whose rows citations.csv may cite.
CITED_TABLES = ("events", "claims")


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


def _id(name: str) -> Column:
    """A table's own id: a required slug."""
    return Column(name, "slug", required=True)


def _ref(name: str, table: str, key: str, required: bool = False, description: str = "") -> Column:
    """A slug pointing at ``table.key``."""
    return Column(name, "slug", required=required, references=(table, key), description=description)


def _text(name: str, required: bool = False) -> Column:
    return Column(name, "text", required=required)


def _optional(
    name: str, columns: tuple[Column, ...], key: tuple[str, ...], pair: str, title: str
) -> Table:
    """A table of an optional pair: a data directory has both or neither."""
    return Table(name, columns, key, required=False, pair=pair, title=title)


def _fact_columns() -> tuple[Column, Column, Column]:
    """verification, source_id and quote: what every fact-bearing row carries."""
    return _verification(), _source(), _quote()


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


def _fatalities() -> tuple[Column, Column, Column]:
    return (
        Column(
            "fatalities",
            "integer",
            minimum=0,
            maximum=MAX_FATALITIES,
            description="best estimate of people killed; empty = unknown (not zero)",
        ),
        Column(
            "fatalities_low",
            "integer",
            minimum=0,
            maximum=MAX_FATALITIES,
            description="lowest estimate",
        ),
        Column(
            "fatalities_high",
            "integer",
            minimum=0,
            maximum=MAX_FATALITIES,
            description="highest estimate",
        ),
    )


_SOURCES_COLUMNS = (
    _id("source_id"),
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
    _ref(
        "derived_from",
        "sources",
        "source_id",
        description="the source this one repeats (a reprint, a rewrite); a cycle is an error",
    ),
    _ref("party_id", "parties", "party_id", description="the party this source speaks for"),
)
SOURCES = Table(
    "sources", _SOURCES_COLUMNS, ("source_id",), title="Sources: where every fact comes from"
)

_PARTIES_COLUMNS = (
    _id("party_id"),
    _text("name", required=True),
    Column("role", "enum", required=True, enum=ROLES),
    Column("color", "color", description="display colour #rrggbb"),
)
PARTIES = Table("parties", _PARTIES_COLUMNS, ("party_id",), title="Parties: who is involved")

_EVENTS_COLUMNS = (
    _id("event_id"),
    Column("date_start", "date", required=True, description="earliest possible date"),
    Column("date_end", "date", description="latest possible date; empty = same day"),
    _text("title", required=True),
    _text("description"),
    Column("event_type", "enum", required=True, enum=EVENT_TYPES),
    _ref("actor", "parties", "party_id", description="who acted"),
    _ref("target", "parties", "party_id", description="who was acted on"),
    Column("location", "text", description="place name as reported"),
    *_coordinates(),
    Column(
        "location_precision",
        "enum",
        enum=LOCATION_PRECISIONS,
        description="exact, near, area or country; empty = exact",
    ),
    *_fatalities(),
    *_fact_columns(),
)
EVENTS = Table("events", _EVENTS_COLUMNS, ("event_id",), title="Events: the timeline")

_TOPICS_COLUMNS = (
    _id("topic_id"),
    _text("question", required=True),
    Column("unit", "text", description="unit of a numeric topic"),
    _ref("event_id", "events", "event_id"),
)
_TOPICS_TITLE = "Topics: questions on which parties take positions"
TOPICS = _optional("topics", _TOPICS_COLUMNS, ("topic_id",), "claims", _TOPICS_TITLE)

_CLAIMS_COLUMNS = (
    _id("claim_id"),
    _ref("topic_id", "topics", "topic_id", required=True),
    _ref("party_id", "parties", "party_id", required=True),
    _text("spokesperson"),
    Column("date", "date", required=True, description="when it was said"),
    Column("stance", "enum", required=True, enum=STANCES),
    Column("value", "number", description="the figure stated"),
    Column("qualifier", "enum", enum=QUALIFIERS, description="empty = exact"),
    Column("value_high", "number", description="upper bound, only with between"),
    _text("statement", required=True),
    *_fact_columns(),
)
_CLAIMS_TITLE = "Claims: one party's position on one topic"
CLAIMS = _optional("claims", _CLAIMS_COLUMNS, ("claim_id",), "topics", _CLAIMS_TITLE)

_CROSSINGS_COLUMNS = (
    _id("crossing_id"),
    _text("name", required=True),
    _ref("party_a", "parties", "party_id", required=True),
    _ref("party_b", "parties", "party_id", required=True),
    *_coordinates(),
    _text("description"),
)
_CROSSINGS_TITLE = "Crossings: border crossing points"
CROSSINGS = _optional(
    "crossings", _CROSSINGS_COLUMNS, ("crossing_id",), "crossing_status", _CROSSINGS_TITLE
)

_CROSSING_STATUS_COLUMNS = (
    _ref("crossing_id", "crossings", "crossing_id", required=True),
    Column("as_of", "date", required=True, description="date the status was observed"),
    Column("status", "enum", required=True, enum=CROSSING_STATUSES),
    _text("detail"),
    *_fact_columns(),
)
_CROSSING_STATUS_TITLE = "Crossing status: a log of status reports"
CROSSING_STATUS = _optional(
    "crossing_status",
    _CROSSING_STATUS_COLUMNS,
    ("crossing_id", "as_of", "source_id"),
    "crossings",
    _CROSSING_STATUS_TITLE,
)

_CITATIONS_COLUMNS = (
    _id("citation_id"),
    Column("table", "enum", required=True, enum=CITED_TABLES, description="events or claims"),
    # Points at events.event_id or claims.claim_id, as ``table`` says: the loader checks it
    # (a Table Schema foreign key cannot depend on another column).
    Column("row_id", "slug", required=True, description="the event_id or claim_id cited"),
    _source(),
    Column(
        "support",
        "enum",
        required=True,
        enum=SUPPORTS,
        description="confirms, reports or contradicts",
    ),
    _quote(),
)
CITATIONS = Table(
    "citations",
    _CITATIONS_COLUMNS,
    ("citation_id",),
    required=False,
    title="Citations: more sources for an event or a claim",
)

# In dependency order: a table only references tables before it (except sources, whose
# party_id points at parties and derived_from at sources themselves).
TABLES: tuple[Table, ...] = (
    SOURCES,
    PARTIES,
    EVENTS,
    TOPICS,
    CLAIMS,
    CROSSINGS,
    CROSSING_STATUS,
    CITATIONS,
)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# A snapshot writes each party's name beside every column holding a party id: ``actor`` ->
# ``actor_name``, ``party_id`` -> ``party_name``. Outside the contract: a reload ignores
# these columns without a warning (any other unknown column is warned about).
PARTY_NAME_SUFFIX = "_name"


def party_id_columns(table: Table) -> list[str]:
    """The columns of a table (other than parties) that hold a party id."""
    return [
        c.name
        for c in table.columns
        if c.references and c.references[0] == "parties" and table.name != "parties"
    ]


def party_name_column(column: str) -> str:
    """The name column a snapshot writes beside a party id column."""
    return column.removesuffix("_id") + PARTY_NAME_SUFFIX


# Words for each kind of column, used in problem messages.
KIND_WORDS: dict[str, str] = {
    "slug": "a lowercase id (a-z, 0-9 and '-', not starting with '-')",
    "date": "a real date written YYYY-MM-DD",
    "number": "a plain number such as 58 or -12.5",
    "integer": "a whole number such as 0 or 12",
    "url": "a link starting with http:// or https://",
    "color": "a colour written #rrggbb",
}
