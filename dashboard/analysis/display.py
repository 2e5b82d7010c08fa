"""Tables shaped for display and CSV download (plain pandas, no Streamlit)."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from dashboard.analysis.eventcols import DEFAULT_PRECISION, FATALITY_COLUMNS, location_precision
from dashboard.analysis.fatalities import fatalities_text
from dashboard.charts.palette import verification_label
from dashboard.contract.dataset import Dataset
from dashboard.contract.values import count_text, is_missing
from dashboard.query.dates import event_ends
from dashboard.query.lookups import party_names

# The browser never receives more rows than this in one table; the snapshot has them all.
TABLE_ROW_LIMIT = 2_000  # a 10,000-row table cost about a second per view switch
# Views with one card per item (claims topics, glance spreads) show at most this many.
CARD_LIMIT = 10
# The event picker lists at most this many matches (the latest); a search narrows them.
PICK_LIMIT = 50
# The crossing history chart draws the runs of at most this many crossings (the first of
# the board, closed first) and at most this many runs (the latest): Altair refuses charts
# of more than 5,000 rows, and 1,000,000 synthetic events give 37,615 runs.
HISTORY_CROSSING_LIMIT = 10
HISTORY_RUN_LIMIT = 2_000
# The sources view shows the paragraphs of a stored document that hold a quote (with one
# paragraph either side): at most this many of them and about this many characters per
# document, each paragraph cut to a window of PARAGRAPH_CHAR_LIMIT, and DOCUMENT_PAGE_SIZE
# documents per page.
PASSAGE_LIMIT = 20
EXCERPT_CHAR_LIMIT = 20_000
PARAGRAPH_CHAR_LIMIT = 2_000
DOCUMENT_PAGE_SIZE = 10
# "Find an event" reads at most this many characters and words (each word is a pass over
# every event's title and place: about 55 ms per word at 1,000,000 events).
SEARCH_CHAR_LIMIT = 200
SEARCH_WORD_LIMIT = 8
# Above this many events the timeline draws counts per period and party, not single marks.
TIMELINE_MARK_LIMIT = 5_000
# Above this many located events the map draws hexagons of counts instead of points.
MAP_POINT_LIMIT = 500
# The brief (one or two A4 pages of any data) lists at most this many leading topics
# (latest claims first) with this many parties' positions each, crossings (closed first),
# sources (most cited in view first) and new events under "what changed", and cuts a
# title, question or name to this many characters; each says so on the brief when it bites.
BRIEF_TOPIC_LIMIT = 5
BRIEF_PARTY_LIMIT = 4
BRIEF_CROSSING_LIMIT = 6
BRIEF_SOURCE_LIMIT = 4
BRIEF_CHANGE_LIMIT = 3
BRIEF_TEXT_CHARS = 120

# The payload budget of one view (tests/ui/test_payload.py holds every view to it at
# 100,000 realistic and basic events): at most this many elements (every delta, blocks
# included) and bytes (chart specs with their Arrow data, tables, text) sent to the browser.
# The limits above keep each view inside it whatever the size of the data.
PAYLOAD_ELEMENT_BUDGET = 300
PAYLOAD_BYTE_BUDGET = 1_000_000


def limit_rows(
    frame: pd.DataFrame, limit: int = TABLE_ROW_LIMIT, latest_by: str | None = None
) -> tuple[pd.DataFrame, str | None]:
    """At most ``limit`` rows and a note saying so, e.g. 'showing 2,000 of 1,000,000 — the
    snapshot has all' (no note when every row fits). With ``latest_by``, the latest rows by
    that column, latest first (ties and missing dates keep their order, missing last)."""
    if latest_by is not None:
        frame = latest_first(frame, latest_by)
    if len(frame) <= limit:
        return frame, None
    shown = frame.iloc[:limit] if latest_by is not None else frame.iloc[-limit:]
    return shown, limit_note(limit, len(frame))


def latest_first(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows by ``column``, latest first (a stable sort: ties keep their order)."""
    return frame.sort_values(column, ascending=False, kind="stable", na_position="last")


def blank_missing_text(frame: pd.DataFrame, keep: Collection[str] = ()) -> pd.DataFrame:
    """The frame with every missing cell of a text column (but those in ``keep``, such as
    links) made empty: a table shows nothing there, never "None". Numbers and dates keep
    their type (and their empty cell)."""
    text = [c for c in frame.columns if c not in keep
            and not pd.api.types.is_numeric_dtype(frame[c])
            and not pd.api.types.is_datetime64_any_dtype(frame[c])]  # fmt: skip
    if not text:
        return frame
    return frame.assign(**{c: frame[c].astype(object).where(frame[c].notna(), "") for c in text})


def limit_note(shown: int, total: int, noun: str = "", where: str = "the snapshot") -> str:
    """'showing 10,000 of 1,000,000 — the snapshot has all'."""
    what = f" {noun}" if noun else ""
    return f"showing {count_text(shown)} of {count_text(total)}{what} — {where} has all"


def events_table(
    events: pd.DataFrame,
    parties: pd.DataFrame,
    sources: pd.DataFrame,
    counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The event list with party names, readable verification, the location's precision,
    the best fatality figure (empty = unknown) and the source's link; with ``counts``
    (the dataset's, by line) each event's independent confirmations and contradictions."""
    names = party_names(parties)
    by_source = sources.set_index("source_id")
    table = pd.DataFrame(
        {
            "start": events["date_start"].dt.date,
            "end": event_ends(events).dt.date,
            "title": events["title"],
            "type": events["event_type"],
            "actor": events["actor"].map(names),
            "target": events["target"].map(names),
            "location": events["location"],
            "location_precision": location_precision(events),
            "fatalities": events["fatalities"],
            "verification": events["verification"].map(verification_label),
            "source": events["source_id"].map(by_source["title"]),
            "link": events["source_id"].map(by_source["url"]),
            "quote": events["quote"],
            "event_id": events["event_id"],
        }
    )
    if counts is not None:
        aligned = counts.reindex(events.index).fillna(0).astype("int64")
        position = table.columns.get_loc("verification") + 1
        table.insert(position, "contradictions", aligned["contradictions"])
        table.insert(position, "independent confirmations", aligned["confirmations"])
        table.insert(position, "sources", aligned["sources"])
    return table.reset_index(drop=True)


def table_counts(dataset: Dataset) -> pd.DataFrame:
    """Rows read, kept and rejected per table file."""
    return pd.DataFrame(
        [
            {
                "table": f"{name}.csv",
                "rows read": count.read,
                "rows kept": count.kept,
                "rows rejected": count.rejected,
            }
            for name, count in dataset.counts.items()
        ],
        columns=["table", "rows read", "rows kept", "rows rejected"],
    )


def event_facts(event: pd.Series) -> str | None:
    """'Fatalities: 12 (10–15) · location: Millford (exact)', for an event that records
    a fatality figure or a location precision (None for one that records neither)."""
    recorded = [event.get(c) for c in (*FATALITY_COLUMNS, "location_precision")]
    if all(is_missing(value) or value == "" for value in recorded):
        return None
    deaths = fatalities_text(
        event.get("fatalities"), event.get("fatalities_low"), event.get("fatalities_high")
    )
    place = event.get("location") if pd.notna(event.get("location")) else "no place given"
    precision = event.get("location_precision")
    precision = precision if isinstance(precision, str) and precision else DEFAULT_PRECISION
    located = pd.notna(event.get("latitude"))
    where = f"{place} ({precision})" if located else f"{place} (no coordinates)"
    return f"Fatalities: {deaths} · location: {where}"
