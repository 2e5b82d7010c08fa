"""The changes view: since when (the link's `since`), the notable changes in words, counts
per table, then each table's added, removed and changed rows (old → new), and a CSV."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from dashboard.history.changes import Changes
from dashboard.history.diff import KEY, DatasetDiff, TableDiff
from dashboard.history.report import diff_csv
from dashboard.history.store import SEEN, Version
from dashboard.query.page import Page
from dashboard.query.params import PARAM_SINCE
from dashboard.ui.widgets import caption, download_on_click

ROWS_VAR = "DASHBOARD_MAX_CHANGE_ROWS"
DEFAULT_ROWS = 200
PICK_KEY = "since_picker"
TIME_WORDS = {
    SEEN: "a version's time is when the dashboard first saw it",
    "git": "a commit's time is when it was committed",
}


def row_limit() -> int:
    """Rows shown per table and kind: $DASHBOARD_MAX_CHANGE_ROWS, else 200."""
    value = os.environ.get(ROWS_VAR, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_ROWS


def render(page: Page) -> None:
    st.subheader("What changed", anchor=False)
    changes = page.changes()
    since_picker(page, changes)
    if changes.note:  # plain text: it may quote the link's `since`
        with st.container(border=True):
            st.text(f"⚠ {changes.note}")
    if changes.version is None or changes.diff is None:
        st.info(
            "Nothing to compare with yet: the next version of this data will be compared "
            "with this one."
        )
        return
    shown = page.shown_changes()
    caption(
        f"From {changes.version.id} ({changes.version.time_words}; "
        f"{TIME_WORDS[changes.version.kind]}) to the data now, under the filters."
    )
    if shown.same:
        st.success("No changes in view since then.", icon=":material/check:")
        return
    notable(shown)
    counts(shown)
    limit = row_limit()
    for table in shown.tables.values():
        table_changes(table, limit)
    download_on_click(
        "Download the changes (CSV)",
        lambda: diff_csv(shown),
        f"changes-since-{changes.version.id}.csv",
        "text/csv",
        ":material/table:",
        help="Every changed row of every table (not only those shown), one line per added "
        "or removed row and two per changed row (old, then new).",
        key="changes_csv",
    )


def since_picker(page: Page, changes: Changes) -> None:
    """The versions, newest first; choosing one writes `since` into the link."""
    versions = list(reversed(changes.versions))
    if not versions:
        return
    labels = {v.id: version_label(v) for v in versions}
    ids = list(labels)
    current = changes.version.id if changes.version else None
    st.selectbox(
        "Since",
        options=ids,
        index=ids.index(current) if current in ids else None,
        format_func=lambda version_id: labels.get(version_id, version_id),
        key=PICK_KEY,
        on_change=_write_since,
        placeholder="Choose a version",
        help="The link's `since` also takes an ISO date or date-time (UTC), e.g. "
        "since=2025-10-11 or since=2025-10-11T18:00; without it, the previous version.",
    )


def _write_since() -> None:
    chosen = st.session_state.get(PICK_KEY)
    if chosen:
        st.query_params[PARAM_SINCE] = chosen


def version_label(version: Version) -> str:
    """'v3 · first seen 2025-10-11 18:00 UTC' or 'g1a2b… · committed … · subject'."""
    label = f"{version.id} · {version.time_words}"
    if version.message:
        subject = version.message if len(version.message) <= 60 else version.message[:59] + "…"
        label += f" · {subject}"
    return label


def notable(diff: DatasetDiff) -> None:
    st.subheader("Notable", anchor=False)
    if not diff.notable:
        caption("Nothing notable: see the rows below.")
    for sentence in diff.notable:
        st.text(f"• {sentence}")


def counts(diff: DatasetDiff) -> None:
    frame = pd.DataFrame(
        [
            {"table": name, "added": a, "removed": r, "changed": c}
            for name, (a, r, c) in diff.counts().items()
        ]
    )
    st.dataframe(frame, hide_index=True, key="changes_counts")


def table_changes(table: TableDiff, limit: int) -> None:
    st.subheader(table.name, anchor=False)
    for kind, frame in (("added", table.added), ("removed", table.removed)):
        if len(frame):
            caption(f"{kind}: {len(frame):,} rows" + _limit_words(len(frame), limit))
            st.dataframe(
                frame.drop(columns=[KEY]).head(limit),
                hide_index=True,
                key=f"changes_{table.name}_{kind}",
            )
    if len(table.new):
        caption(f"changed: {len(table.new):,} rows" + _limit_words(len(table.new), limit))
        st.dataframe(
            changed_frame(table, limit), hide_index=True, key=f"changes_{table.name}_changed"
        )


def _limit_words(total: int, limit: int) -> str:
    if total <= limit:
        return ""
    return f"; showing {limit:,} (set by {ROWS_VAR}) — the CSV has all"


def changed_frame(table: TableDiff, limit: int) -> pd.DataFrame:
    """One line per changed row: its key, then 'old → new' in each column that changed."""
    rows = []
    for count, (key, changes) in enumerate(table.changes()):
        if count >= limit:
            break
        cells = {c: f"{_cell(a)} → {_cell(b)}" for c, (a, b) in changes.items()}
        rows.append({"key": key, **cells})
    return pd.DataFrame(rows).fillna("")


def _cell(value: str | None) -> str:
    return "(empty)" if value is None else value
