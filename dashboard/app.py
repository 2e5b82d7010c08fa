"""Streamlit app layer (placeholder until the dashboard views land): lists the loaded tables."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from dashboard.loader import DEFAULT_DATA_DIR, DataDirectoryError, load_dataset
from dashboard.problems import problems_frame

st.set_page_config(page_title="Conflict claims dashboard", layout="wide")
try:
    dataset = load_dataset(DEFAULT_DATA_DIR)
except DataDirectoryError as error:
    st.error(str(error))
    st.stop()
st.title(dataset.title, anchor=False)
st.text(dataset.description)
for name, table in dataset.tables.items():
    st.subheader(f"{name}.csv · {len(table)} rows", anchor=False)
    st.dataframe(table, hide_index=True)
if dataset.problems:
    st.subheader(f"{len(dataset.problems)} problems", anchor=False)
    st.dataframe(problems_frame(dataset.problems), hide_index=True)
