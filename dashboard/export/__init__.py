"""Briefs and other hand-on documents made from the view on screen (no Streamlit here)."""
