"""The crossing history chart stays drawable at any size: the runs of at most
HISTORY_CROSSING_LIMIT crossings, at most HISTORY_RUN_LIMIT runs (the latest), each cut
said on screen with the name of its limit."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.analysis import display
from dashboard.analysis.crossings import bounded_runs, status_runs
from dashboard.charts import crossings as charts_crossings
from dashboard.contract.dataset import Dataset
from tests.analysis.test_crossings import CROSSINGS, _log, _report
from tests.viewtest import captions, chart_data, run_view


def _alternating(days: int) -> pd.DataFrame:
    """A report a day on the bridge, open and closed in turn: one run per report."""
    first = date(2000, 1, 1)
    return _log(
        *(
            _report((first + timedelta(days=i)).isoformat(), ("open", "closed")[i % 2])
            for i in range(days)
        )
    )


def test_runs_beyond_the_limit_keep_the_latest_and_say_so() -> None:
    status = _alternating(display.HISTORY_RUN_LIMIT + 3_500)
    end = date(2030, 1, 1)
    everything = status_runs(CROSSINGS, status, end)
    assert len(everything) == display.HISTORY_RUN_LIMIT + 3_500
    runs, notes = bounded_runs(CROSSINGS, status, end, ["bridge", "ford"], 10, 2_000)
    assert len(runs) == display.HISTORY_RUN_LIMIT
    assert runs["start"].min() == everything["start"].sort_values().iloc[-2_000]
    assert notes == [
        "the history shows the latest 2,000 of 5,500 status runs "
        "(HISTORY_RUN_LIMIT in dashboard/analysis/display.py)"
    ]
    spec = charts_crossings.crossing_history_chart(
        runs
    ).to_dict()  # more than 5,000 rows would raise
    assert spec["title"]["text"] == "Crossing status over time"


def test_only_the_first_crossings_of_the_board_get_a_history() -> None:
    status = _log(_report("2024-03-01", "open"), _report("2024-03-02", "closed", crossing="ford"))
    runs, notes = bounded_runs(CROSSINGS, status, date(2024, 3, 5), ["ford", "bridge"], 1, 100)
    assert list(runs["crossing_id"]) == ["ford"]
    assert notes == [
        "the history shows the first 1 of 2 crossings, closed first "
        "(HISTORY_CROSSING_LIMIT in dashboard/analysis/display.py)"
    ]


def test_the_crossings_view_bounds_its_history_on_many_crossings(synth_100k: Dataset) -> None:
    crossings = synth_100k.tables["crossings"]
    assert len(crossings) > display.HISTORY_CROSSING_LIMIT
    at = run_view("crossings", synth_100k.data_dir)
    (rows,) = chart_data(at, "Crossing status over time")
    assert rows["name"].nunique() == display.HISTORY_CROSSING_LIMIT
    assert any("HISTORY_CROSSING_LIMIT" in c for c in captions(at))
