"""What matters in a diff, said in words first: grades that changed, crossings that opened
or closed, parties' new or revised figures, fatality figures revised, event dates
corrected, events and claims removed, new events.

Every sentence names the row (title, party, question or crossing) and its id. At most
``PER_KIND`` sentences of one kind are listed; the rest are counted in one more sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from dashboard.history.canonical import row_keys
from dashboard.history.diff import KEY, TableDiff
from dashboard.query.dates import format_day

PER_KIND = 5
FIGURE_COLUMNS = ("value", "qualifier", "value_high")
FATALITY_COLUMNS = ("fatalities", "fatalities_low", "fatalities_high")
DATE_COLUMNS = ("date_start", "date_end")
QUALIFIER_SIGNS = {"about": "~ ", "more-than": "> ", "at-least": "≥ ", "fewer-than": "< "}
QUALIFIER_SIGNS["at-most"] = "≤ "


def notable_changes(
    tables: Mapping[str, TableDiff],
    old: Mapping[str, pd.DataFrame],
    new: Mapping[str, pd.DataFrame],
) -> list[str]:
    """The notable changes in words, most important kinds first (canonical tables)."""
    names = _Names(old, new)
    kinds: list[list[str]] = [
        _grades(tables, names),
        _crossings(old, new, names),
        _figures(tables.get("claims"), names),
        _fatalities(tables.get("events"), names),
        _event_dates(tables.get("events"), names),
        _removed(tables.get("events"), lambda r: f"Event removed: {_event(r)}"),
        _removed(tables.get("claims"), lambda r: f"Claim removed: {names.claim(r)}"),
        _new_events(tables.get("events"), names),
    ]
    sentences: list[str] = []
    for kind in kinds:
        sentences += kind[:PER_KIND]
        if len(kind) > PER_KIND:
            sentences.append(f"… and {len(kind) - PER_KIND:,} more like the above")
    return sentences


def _capped(frame: pd.DataFrame, describe) -> list[str]:
    """``describe(row)`` for the first PER_KIND rows, then placeholders for the rest (so the
    caller can count them without wording them)."""
    words = [describe(row) for _, row in frame.head(PER_KIND).iterrows()]
    return words + [""] * max(0, len(frame) - PER_KIND)


class _Names:
    """Words for ids: party names, topic questions, crossing names, event titles."""

    def __init__(self, old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]):
        self.parties = _lookup(old, new, "parties", "party_id", "name")
        self.topics = _lookup(old, new, "topics", "topic_id", "question")
        self.units = _lookup(old, new, "topics", "topic_id", "unit")
        self.crossings = _lookup(old, new, "crossings", "crossing_id", "name")

    def party(self, party_id: object) -> str:
        return self.parties.get(party_id, str(party_id))

    def claim(self, row: pd.Series) -> str:
        question = self.topics.get(row["topic_id"], row["topic_id"])
        return f"{self.party(row['party_id'])} on “{question}” ({row['claim_id']})"


def _lookup(old, new, table: str, key: str, column: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for side in (old, new):  # the new name wins
        frame = side.get(table)
        if frame is not None:
            pairs = zip(
                frame[key].tolist(), frame[column].tolist(), strict=True
            )  # not cell by cell
            found.update({k: v for k, v in pairs if isinstance(v, str)})
    return found


def _event(row: pd.Series) -> str:
    return f"“{row['title']}” ({row['event_id']})"


def _grades(tables: Mapping[str, TableDiff], names: _Names) -> list[str]:
    sentences = []
    for name, describe in (
        ("events", lambda row: f"Event {_event(row)}"),
        ("claims", lambda row: f"Claim by {names.claim(row)}"),
        ("crossing_status", lambda row: _report(row, names)),
    ):
        difference = tables.get(name)
        if difference is None or "verification" not in difference.cells:
            continue
        rows = difference.cells.index[difference.cells["verification"]]
        old = difference.old.loc[rows, "verification"]
        sentences += _capped(
            difference.new.loc[rows].assign(_was=old),
            lambda row, describe=describe: (
                f"{describe(row)}: {row['_was']} → {row['verification']}"
            ),
        )
    return sentences


def _report(row: pd.Series, names: _Names) -> str:
    crossing = names.crossings.get(row["crossing_id"], row["crossing_id"])
    return f"{crossing} status report of {_day(row['as_of'])}"


def _day(text: object) -> str:
    try:
        return format_day(date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def crossing_changes(old, new) -> list[tuple[str, str | None, str, str]]:
    """(crossing name, status before or None, status now, date reported) for each
    crossing whose current status (its latest report) changed."""
    names = _Names(old, new)
    before = _current_status(old.get("crossing_status"))
    after = _current_status(new.get("crossing_status"))
    found = []
    for crossing_id, (status, as_of) in after.items():
        was = before.get(crossing_id)
        if was is None or was[0] != status:
            name = names.crossings.get(crossing_id, crossing_id)
            found.append((name, None if was is None else was[0], status, as_of))
    return found


def _crossings(old, new, names: _Names) -> list[str]:
    """'Ridge Gate: closed → open, reported 20 Oct 2025'."""
    return [
        f"{name}: first report, {status}, reported {_day(as_of)}"
        if was is None
        else f"{name}: {was} → {status}, reported {_day(as_of)}"
        for name, was, status, as_of in crossing_changes(old, new)
    ]


def _current_status(frame: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    if frame is None or frame.empty:
        return {}
    latest = frame.sort_values(["as_of", "source_id"], kind="stable").groupby("crossing_id").last()
    return {k: (row["status"], row["as_of"]) for k, row in latest.iterrows()}


def figure_text(row: pd.Series, unit: str | None = None) -> str:
    """'58 soldiers', '~ 5', '10–20', or the stance when there is no figure."""
    value = row.get("value")
    if value is None or pd.isna(value):
        return str(row.get("stance"))
    qualifier = row.get("qualifier")
    if qualifier == "between" and isinstance(row.get("value_high"), str):
        text = f"{value}–{row['value_high']}"
    else:
        text = QUALIFIER_SIGNS.get(qualifier, "") + str(value)
    return f"{text} {unit}" if unit else text


def _figures(difference: TableDiff | None, names: _Names) -> list[str]:
    if difference is None:
        return []
    sentences = []
    sentences += _capped(
        difference.added,
        lambda row: (
            f"New from {names.claim(row)}: {figure_text(row, names.units.get(row['topic_id']))}"
        ),
    )
    columns = [c for c in (*FIGURE_COLUMNS, "stance") if c in difference.cells]
    if not columns:
        return sentences
    revised = list(difference.cells.index[difference.cells[columns].any(axis=1)])
    for i in revised[:PER_KIND]:
        old, row = difference.old.loc[i], difference.new.loc[i]
        unit = names.units.get(row["topic_id"])
        before, after = figure_text(old, unit), figure_text(row, unit)
        sentences.append(f"Revised by {names.claim(row)}: {before} → {after}")
    return sentences + [""] * max(0, len(revised) - PER_KIND)


def _fatalities(difference: TableDiff | None, names: _Names) -> list[str]:
    return _event_columns(difference, FATALITY_COLUMNS, "Fatality figures revised", _deaths)


def _event_dates(difference: TableDiff | None, names: _Names) -> list[str]:
    return _event_columns(difference, DATE_COLUMNS, "Dates corrected", _dates)


def _event_columns(difference, columns, words: str, describe) -> list[str]:
    if difference is None:
        return []
    present = [c for c in columns if c in difference.cells]
    if not present:
        return []
    rows = list(difference.cells.index[difference.cells[present].any(axis=1)])
    sentences = []
    for i in rows[:PER_KIND]:
        old, row = difference.old.loc[i], difference.new.loc[i]
        sentences.append(f"{words} for {_event(row)}: {describe(old)} → {describe(row)}")
    return sentences + [""] * max(0, len(rows) - PER_KIND)


def _deaths(row: pd.Series) -> str:
    best = row["fatalities"] if isinstance(row["fatalities"], str) else "unknown"
    low, high = row["fatalities_low"], row["fatalities_high"]
    if isinstance(low, str) or isinstance(high, str):
        low_text = low if isinstance(low, str) else "?"
        high_text = high if isinstance(high, str) else "?"
        return f"{best} ({low_text}–{high_text})"
    return best


def _dates(row: pd.Series) -> str:
    start, end = row["date_start"], row["date_end"]
    return f"{start} to {end}" if isinstance(end, str) and end != start else str(start)


def _removed(difference: TableDiff | None, describe) -> list[str]:
    return [] if difference is None else _capped(difference.removed, describe)


def _new_events(difference: TableDiff | None, names: _Names) -> list[str]:
    if difference is None:
        return []
    return _capped(difference.added, lambda row: f"New event: {_event(row)}, {_dates(row)}")


def keys_of(name: str, frame: pd.DataFrame) -> pd.Series:
    """The joined key of each row (``KEY`` when present)."""
    return frame[KEY] if KEY in frame else row_keys(name, frame)
