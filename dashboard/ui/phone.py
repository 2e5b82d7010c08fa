"""Room on a phone: smaller headings under 640 px, so the dataset's title does not take half
of the first screen (Streamlit's own sizes are for desktops). A fixed style sheet: no data
ever goes into it."""

from __future__ import annotations

import streamlit as st

PHONE_MAX_PX = 640
PHONE_STYLE = f"""<style>
@media (max-width: {PHONE_MAX_PX}px) {{
  [data-testid="stMain"] h1 {{ font-size: 1.6rem; line-height: 1.25; padding-bottom: 0.25rem; }}
  [data-testid="stMain"] h2 {{ font-size: 1.3rem; }}
  [data-testid="stMain"] h3 {{ font-size: 1.1rem; }}
}}
</style>"""


def phone_style() -> None:
    """Smaller headings on narrow screens (a style sheet only: it takes no space)."""
    st.html(PHONE_STYLE)
