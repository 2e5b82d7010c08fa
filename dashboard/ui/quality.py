"""Data quality: every problem the loader found, and rows per table."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import display
from dashboard.contract.problems import problems_frame
from dashboard.importers.report import REPORT_NAME, read_import_report
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
    import_report(page)
    st.subheader("Rows per table", anchor=False)
    data_table(display.table_counts(dataset))
    caption(f"Data directory: {dataset.shown_dir}")


def import_report(page: Page) -> None:
    """What the import that wrote this folder rejected or warned about (its
    import-report.csv): the same rows the import command printed."""
    report = page.cached("import_report", lambda: read_import_report(page.dataset.data_dir))
    if report is None:
        return
    st.subheader("Rows the import reported", anchor=False)
    if report.total == 0 and report.note is None:
        st.success("The import that wrote this folder reported no row.")
        return
    caption(
        f"{report.total:,} problems reported by the import that wrote this folder "
        f"({REPORT_NAME}); rows it rejected are not in the data."
    )
    if report.note:
        caption(report.note)
    data_table(report.problems)
