"""Tables shaped for display and CSV download (plain pandas, no Streamlit)."""

from __future__ import annotations

import pandas as pd

from dashboard.loader import Dataset
from dashboard.palette import verification_label


def events_table(
    events: pd.DataFrame, parties: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """The event list with party names, readable verification and the source's link."""
    names = parties.set_index("party_id")["name"]
    by_source = sources.set_index("source_id")
    return pd.DataFrame(
        {
            "start": events["date_start"].dt.date,
            "end": events["date_end"].fillna(events["date_start"]).dt.date,
            "title": events["title"],
            "type": events["event_type"],
            "actor": events["actor"].map(names),
            "target": events["target"].map(names),
            "location": events["location"],
            "verification": events["verification"].map(verification_label),
            "source": events["source_id"].map(by_source["title"]),
            "link": events["source_id"].map(by_source["url"]),
            "quote": events["quote"],
            "event_id": events["event_id"],
        }
    ).reset_index(drop=True)


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
