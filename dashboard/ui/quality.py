"""Data quality: every problem the loader found, and rows per table."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import display
from dashboard.contract.problems import problems_frame
from dashboard.query.page import Page
from dashboard.ui.widgets import caption, csv_download, data_table


def render(page: Page) -> None:
    dataset = page.dataset
    if not dataset.problems:
        st.success("No problems: every row of every table follows the data contract.")
    else:
        st.warning(
            f"{len(dataset.problems)} problems, {dataset.rows_rejected} rows rejected. Rejected "
            "rows are not shown in the other views; each is listed here with its line."
        )
        problems = problems_frame(dataset.problems)
        shown, _ = display.limit_rows(problems)
        if len(shown) < len(problems):
            note = display.limit_note(len(shown), len(problems), where="the problems CSV")
            caption(f"Problems: {note}")
        data_table(shown)
        csv_download("Download problems (CSV)", problems, "data-problems", "problems_csv")
    st.subheader("Rows per table", anchor=False)
    data_table(display.table_counts(dataset))
    caption(f"Data directory: {dataset.shown_dir}")
