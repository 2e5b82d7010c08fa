"""Streamlit entry point: page config, the cached load, the sidebar, the view dispatch.

Start with ``streamlit run dashboard/app.py`` (data/) or add ``-- --data-dir PATH``, or set
DASHBOARD_DATA_DIR. Every filter and the open view live in the URL. The views are in
dashboard/ui/; everything they compute comes from the plain modules of dashboard/.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script by Streamlit: make `dashboard` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from dashboard.contract.dataset import DataDirectoryError
from dashboard.history.changes import Recorder
from dashboard.query.params import DEFAULT_VIEW, PARAM_VIEW
from dashboard.query.viewlist import available_views
from dashboard.runtime.cache import load_dataset_cached, load_fingerprint
from dashboard.runtime.config import resolve_data_dir
from dashboard.runtime.store import DatasetStore
from dashboard.ui.heartbeat import heartbeat
from dashboard.ui.sidebar import remember_url_notices, sidebar
from dashboard.ui.stylesheet import apply_stylesheet
from dashboard.ui.textsafe import escape_markdown
from dashboard.ui.views import render_view


@st.cache_resource
def history_recorder() -> Recorder:
    """Records each newly loaded version in the history store, in the background."""
    return Recorder()


@st.cache_resource
def dataset_store() -> DatasetStore:
    """One store for every session: one version of each data directory in memory. Datasets
    are never mutated by the app, so they are shared without copying."""
    return DatasetStore(load_dataset_cached, on_load=history_recorder().loaded)


def main() -> None:
    st.set_page_config(page_title="Conflict claims dashboard", page_icon="🗺️", layout="wide")
    data_dir = resolve_data_dir(sys.argv[1:], os.environ)
    try:
        with st.spinner("Loading data…"):
            dataset = dataset_store().get(str(data_dir), load_fingerprint(data_dir))
    except DataDirectoryError as error:
        st.error(f"Cannot open the data: {escape_markdown(str(error))}")
        st.stop()
    apply_stylesheet()
    notices = remember_url_notices(dataset)
    page = sidebar(dataset)
    st.title(escape_markdown(dataset.title), anchor=False)
    if dataset.description:
        st.caption(escape_markdown(dataset.description))
    for notice in notices:
        st.warning(f"Link: {escape_markdown(notice)}", icon=":material/link_off:")
    choice = st.segmented_control(
        "View",
        options=list(available_views(dataset.tables)),
        default=DEFAULT_VIEW,
        required=True,
        key=PARAM_VIEW,
        bind="query-params",
        label_visibility="collapsed",
    )
    render_view(choice or DEFAULT_VIEW, page)
    heartbeat()
    history_note(str(data_dir))


def history_note(data_dir: str) -> None:
    """Say so when this version could not be kept in the history store."""
    recorded = history_recorder().result(data_dir)
    if recorded is not None and recorded.note:
        st.text(f"History: {recorded.note}; the dashboard works without it.")


if __name__ == "__main__":
    main()
