"""The Streamlit layer: the sidebar, one module per view and a few shared widgets."""
