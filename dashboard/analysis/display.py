"""Tables shaped for display and CSV download (plain pandas, no Streamlit)."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.eventcols import FATALITY_COLUMNS
from dashboard.analysis.fatalities import fatalities_text
from dashboard.charts.palette import verification_label
from dashboard.contract.loader import Dataset
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
# The payload budget of one view (tests/ui/test_payload.py holds every view to it at
# 100,000 realistic and basic events): at most this many elements (every delta, blocks
# included) and bytes (chart specs with their Arrow data, tables, text) sent to the browser.
# The limits above keep each view inside it whatever the size of the data.
PAYLOAD_ELEMENT_BUDGET = 300
PAYLOAD_BYTE_BUDGET = 1_000_000


def limit_rows(
    frame: pd.DataFrame, limit: int = TABLE_ROW_LIMIT, latest_by: str | None = None
) -> tuple[pd.DataFrame, str | None]:
    """At most ``limit`` rows (the latest by ``latest_by`` when given, in their order) and
    a note saying so, e.g. 'showing 2,000 of 1,000,000 — the snapshot has all'; no note
    when every row fits."""
    if len(frame) <= limit:
        return frame, None
    if latest_by is not None:
        order = frame[latest_by].to_numpy().argsort(kind="stable")
        keep = sorted(order[-limit:])
        shown = frame.iloc[keep]
    else:
        shown = frame.iloc[-limit:]
    return shown, limit_note(limit, len(frame))


def limit_note(shown: int, total: int, noun: str = "", where: str = "the snapshot") -> str:
    """'showing 10,000 of 1,000,000 — the snapshot has all'."""
    what = f" {noun}" if noun else ""
    return f"showing {count_text(shown)} of {count_text(total)}{what} — {where} has all"


def events_table(
    events: pd.DataFrame, parties: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """The event list with party names, readable verification, the location's precision,
    the best fatality figure (empty = unknown) and the source's link."""
    names = party_names(parties)
    by_source = sources.set_index("source_id")
    return pd.DataFrame(
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
    ).reset_index(drop=True)


def location_precision(events: pd.DataFrame) -> pd.Series:
    """How exact each event's coordinates are: an empty cell is 'exact' (the contract's
    default) when the event has coordinates, and stays empty when it has none."""
    located = events["latitude"].notna() & events["longitude"].notna()
    given = events["location_precision"]
    return given.where(given.notna() | ~located, "exact")


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
    precision = precision if isinstance(precision, str) and precision else "exact"
    located = pd.notna(event.get("latitude"))
    where = f"{place} ({precision})" if located else f"{place} (no coordinates)"
    return f"Fatalities: {deaths} · location: {where}"
