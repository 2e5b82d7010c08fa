"""The app's one fixed style sheet (no data ever goes into it; it takes no space):

- Room on a phone: smaller headings under 640 px, so the dataset's title does not take half
  of the first screen (Streamlit's own sizes are for desktops).
- Pickers that keep their height: a focused multiselect widens its typing field to 48 px and
  a blurred one shrinks it to 8 px, so a picker whose chips nearly fill a line is one line
  taller while focused. Clicking the control below it then moved that control up between
  the press and the release, and the click was lost. The field keeps 48 px either way.
"""

from __future__ import annotations

import streamlit as st

PHONE_MAX_PX = 640
PICKER_FIELD_MIN_PX = 48  # Streamlit 1.67's own minimum for a focused multiselect's field
STYLE = f"""<style>
[data-testid="stMultiSelect"] input {{ min-width: {PICKER_FIELD_MIN_PX}px !important; }}
@media (max-width: {PHONE_MAX_PX}px) {{
  [data-testid="stMain"] h1 {{ font-size: 1.6rem; line-height: 1.25; padding-bottom: 0.25rem; }}
  [data-testid="stMain"] h2 {{ font-size: 1.3rem; }}
  [data-testid="stMain"] h3 {{ font-size: 1.1rem; }}
}}
</style>"""


def apply_stylesheet() -> None:
    """The fixed style sheet above, once per run."""
    st.html(STYLE)
