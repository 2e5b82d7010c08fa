"""Border crossings: the current status of each, and its history as unbroken runs.

crossing_status.csv is a log of reports, never a single current value. The current status
of a crossing is its latest report; "closed since" is the first report of the unbroken run
of that status, so it says "known closed from", not "closed on".

Several reports on the same ``as_of`` date (from different sources) count as one report
for that date: the one with the strongest verification (verified > reported > claimed >
disputed), and among equals the one on the later CSV line. Every report still counts in
``CrossingState.reports``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard.charts.palette import NO_REPORT, STATUS_ORDER, status_label
from dashboard.contract.schema import VERIFICATION
from dashboard.contract.values import number_or_none, text_or_none
from dashboard.query.dates import format_day
from dashboard.query.filters import FilteredView

# Lower rank = stronger; used to pick one report per crossing and date.
VERIFICATION_RANK: dict[str, int] = {v: i for i, v in enumerate(VERIFICATION)}
COUNT_KEYS: tuple[str, ...] = (*STATUS_ORDER, NO_REPORT)
RUN_COLUMNS: tuple[str, ...] = (
    "crossing_id",
    "name",
    "status",
    "status_label",
    "start",
    "end",
    "reports",
    "verification",
)


@dataclass(frozen=True)
class CrossingState:
    """A crossing's current status (its latest report) and how long that status has held."""

    crossing_id: str
    name: str
    party_a: str
    party_b: str
    description: str | None
    latitude: float | None
    longitude: float | None
    status: str  # open/closed/restricted/unknown, or NO_REPORT
    since: date | None  # first report of the unbroken run of the current status
    run_days: int | None  # (latest_as_of - since).days + 1: the run covers at least this
    latest_as_of: date | None
    latest_age_days: int | None  # (today - latest_as_of).days
    verification: str | None
    detail: str | None
    source_id: str | None
    quote: str | None
    reports: int  # every report for this crossing in the given table
    other_statuses: tuple[str, ...] = ()  # what other sources reported on the latest date


# --- one report per date -------------------------------------------------------------------


def daily_reports(status: pd.DataFrame) -> pd.DataFrame:
    """One report per (crossing, as_of): strongest verification, then later CSV line.

    Sorted by crossing_id and as_of; the index (CSV line) is kept.
    """
    rank = status["verification"].map(VERIFICATION_RANK).fillna(len(VERIFICATION))
    keyed = status.assign(_rank=rank, _line=status.index)
    keyed = keyed.sort_values(
        ["crossing_id", "as_of", "_rank", "_line"], ascending=[True, True, False, True]
    )
    picked = keyed.drop_duplicates(["crossing_id", "as_of"], keep="last")
    return picked.drop(columns=["_rank", "_line"])


def run_table(days: pd.DataFrame) -> pd.DataFrame:
    """Daily reports (from ``daily_reports``) grouped into unbroken runs of one status per
    crossing, in crossing and date order: crossing_id, status, start, last (date of the
    run's last report), verification (of its first report), line (CSV line of its last)."""
    changed = (days["crossing_id"] != days["crossing_id"].shift()) | (
        days["status"] != days["status"].shift()
    )
    grouped = days.assign(_line=days.index).groupby(changed.cumsum().to_numpy(), sort=False)
    return pd.DataFrame(
        {
            "crossing_id": grouped["crossing_id"].first(),
            "status": grouped["status"].first(),
            "start": grouped["as_of"].first(),
            "last": grouped["as_of"].last(),
            "verification": grouped["verification"].first(),
            "line": grouped["_line"].last(),
        }
    ).reset_index(drop=True)


# --- board ---------------------------------------------------------------------------------


def crossing_board(
    crossings: pd.DataFrame, status: pd.DataFrame, today: date
) -> list[CrossingState]:
    """Every crossing's current state, in crossings-table order."""
    days = daily_reports(status)
    counts = status["crossing_id"].value_counts()
    current = run_table(days).drop_duplicates("crossing_id", keep="last").set_index("crossing_id")
    states = [
        _state(row, current, days, int(counts.get(row.crossing_id, 0)), today)
        for row in crossings.itertuples(index=False)
    ]
    latest = {s.crossing_id: pd.Timestamp(s.latest_as_of) for s in states if s.latest_as_of}
    on_latest = status[status["as_of"] == status["crossing_id"].map(latest)]  # one pass
    return [_with_disagreement(state, on_latest) for state in states]


def _with_disagreement(state: CrossingState, status: pd.DataFrame) -> CrossingState:
    """Note the statuses that other sources gave on the date of the latest report: a
    board must not hide that sources disagree. ``status`` may be cut to the reports on
    each crossing's latest date."""
    if state.latest_as_of is None:
        return state
    same_day = status[
        (status["crossing_id"] == state.crossing_id)
        & (status["as_of"] == pd.Timestamp(state.latest_as_of))
    ]
    others = tuple(sorted(set(same_day["status"]) - {state.status}))
    return replace(state, other_statuses=others) if others else state


def _state(
    crossing: Any, current: pd.DataFrame, days: pd.DataFrame, reports: int, today: date
) -> CrossingState:
    base = {
        "crossing_id": crossing.crossing_id,
        "name": crossing.name,
        "party_a": crossing.party_a,
        "party_b": crossing.party_b,
        "description": text_or_none(crossing.description),
        "latitude": number_or_none(crossing.latitude),
        "longitude": number_or_none(crossing.longitude),
        "reports": reports,
    }
    if crossing.crossing_id not in current.index:
        return CrossingState(
            **base,
            status=NO_REPORT,
            since=None,
            run_days=None,
            latest_as_of=None,
            latest_age_days=None,
            verification=None,
            detail=None,
            source_id=None,
            quote=None,
        )
    run = current.loc[crossing.crossing_id]
    latest = days.loc[run["line"]]
    since, latest_as_of = _as_date(run["start"]), _as_date(run["last"])
    return CrossingState(
        **base,
        status=run["status"],
        since=since,
        run_days=(latest_as_of - since).days + 1,
        latest_as_of=latest_as_of,
        latest_age_days=(today - latest_as_of).days,
        verification=latest["verification"],
        detail=text_or_none(latest["detail"]),
        source_id=latest["source_id"],
        quote=text_or_none(latest["quote"]),
    )


URGENCY: dict[str, int] = {"closed": 0, "restricted": 1, "unknown": 2, "open": 3, NO_REPORT: 4}


def view_board(view: FilteredView, today: date) -> list[CrossingState] | None:
    """The view's crossings, closed first (None when the dataset has no crossing tables)."""
    if not view.has("crossings", "crossing_status"):
        return None
    board = crossing_board(view.tables["crossings"], view.tables["crossing_status"], today)
    return by_urgency(board)


def by_urgency(board: list[CrossingState]) -> list[CrossingState]:
    """Closed crossings first, then restricted, unknown, open and unreported; crossings of
    one status keep their table order."""
    return sorted(board, key=lambda state: URGENCY.get(state.status, len(URGENCY)))


def status_counts(board: list[CrossingState]) -> dict[str, int]:
    """How many crossings are in each status; every status present, zeros included."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for state in board:
        counts[state.status] = counts.get(state.status, 0) + 1
    return counts


def board_frame(board: list[CrossingState]) -> pd.DataFrame:
    """One row per crossing (dataclass fields plus status_label); dates as datetime64."""
    columns = [*CrossingState.__dataclass_fields__]
    columns.insert(columns.index("status") + 1, "status_label")
    rows = [{**asdict(s), "status_label": status_label(s.status)} for s in board]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("since", "latest_as_of"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("run_days", "latest_age_days", "reports"):
        frame[column] = frame[column].astype("Int64")
    for column in ("latitude", "longitude"):
        frame[column] = frame[column].astype("float64")
    frame["other_statuses"] = frame["other_statuses"].map(", ".join)
    return frame


# --- history -------------------------------------------------------------------------------


def status_runs(crossings: pd.DataFrame, status: pd.DataFrame, end: date) -> pd.DataFrame:
    """One row per unbroken run of a status per crossing, for the history chart.

    A run ends on the date of the next different report; the last run ends on ``end`` + 1
    day (or the day after its last report, if that is later than ``end``). ``reports``
    counts every report (all sources) in the run's dates that gives the run's status;
    ``verification`` is that of the run's first (picked) report.
    """
    known = status[status["crossing_id"].isin(crossings["crossing_id"])]
    days = daily_reports(known)
    if days.empty:
        return _typed_runs(pd.DataFrame(columns=list(RUN_COLUMNS)))
    runs = run_table(days)
    same_crossing = runs["crossing_id"].shift(-1) == runs["crossing_id"]
    final = runs["last"].clip(lower=pd.Timestamp(end)) + timedelta(days=1)
    runs["end"] = runs["start"].shift(-1).where(same_crossing, final)
    runs["reports"] = _reports_per_run(runs, known)
    order = {crossing_id: i for i, crossing_id in enumerate(crossings["crossing_id"])}
    runs = runs.sort_values(
        "crossing_id", key=lambda ids: ids.map(order), kind="stable"
    ).reset_index(drop=True)
    runs["name"] = runs["crossing_id"].map(crossings.set_index("crossing_id")["name"])
    runs["status_label"] = runs["status"].map(status_label)
    return _typed_runs(runs[list(RUN_COLUMNS)])


def bounded_runs(
    crossings: pd.DataFrame,
    status: pd.DataFrame,
    end: date,
    shown_ids: list[str],
    crossing_limit: int,
    run_limit: int,
) -> tuple[pd.DataFrame, list[str]]:
    """The status runs of the first ``crossing_limit`` of ``shown_ids`` (in table order),
    at most ``run_limit`` of them (the latest), and notes saying what was left out."""
    notes = []
    chosen = set(shown_ids[:crossing_limit])
    if len(shown_ids) > crossing_limit:
        notes.append(
            f"the history shows the first {crossing_limit:,} of {len(shown_ids):,} crossings, "
            "closed first (HISTORY_CROSSING_LIMIT in dashboard/analysis/display.py)"
        )
    runs = status_runs(crossings[crossings["crossing_id"].isin(chosen)], status, end)
    if len(runs) > run_limit:
        latest = runs["start"].rank(method="first", ascending=False) <= run_limit
        notes.append(
            f"the history shows the latest {run_limit:,} of {len(runs):,} status runs "
            "(HISTORY_RUN_LIMIT in dashboard/analysis/display.py)"
        )
        runs = runs[latest].reset_index(drop=True)
    return runs, notes


def _reports_per_run(runs: pd.DataFrame, status: pd.DataFrame) -> pd.Series:
    """How many reports (every source) fall in each run's dates and give its status."""
    numbered = runs.assign(run=runs.index).sort_values("start", kind="stable")
    reports = status[["crossing_id", "as_of", "status"]].sort_values("as_of", kind="stable")
    matched = pd.merge_asof(
        reports,
        numbered[["crossing_id", "start", "status", "run"]].rename(columns={"status": "kind"}),
        left_on="as_of",
        right_on="start",
        by="crossing_id",
    )
    agreeing = matched[matched["status"] == matched["kind"]]
    counts = agreeing["run"].value_counts()
    return runs.index.to_series().map(counts).fillna(0).astype("int64")


def _typed_runs(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    frame["reports"] = frame["reports"].astype("int64")
    return frame


# --- words ---------------------------------------------------------------------------------


def describe_state(state: CrossingState) -> str:
    """'✖ Closed since 12 Oct 2025 (at least 1 day, to the latest report of 12 Oct 2025,
    408 days ago) · reported', or 'No report'."""
    if state.status == NO_REPORT or state.since is None or state.latest_as_of is None:
        return "No report"
    span = _days(state.run_days or 1)
    age = _age(state.latest_age_days)
    text = (
        f"{status_label(state.status)} since {format_day(state.since)} "
        f"(at least {span}, to the latest report of {format_day(state.latest_as_of)}, {age})"
    )
    text = f"{text} · {state.verification}" if state.verification else text
    if state.other_statuses:
        text += f" · sources disagree: also reported {', '.join(state.other_statuses)} that day"
    return text


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _age(age_days: int | None) -> str:
    if age_days is None:
        return "age unknown"
    if age_days == 0:
        return "today"
    if age_days < 0:
        return f"{_days(-age_days)} after today"
    return f"{_days(age_days)} ago"


# --- cells ---------------------------------------------------------------------------------


def _as_date(value: pd.Timestamp) -> date:
    return pd.Timestamp(value).date()
