"""The payload budget: no view sends the browser more than PAYLOAD_ELEMENT_BUDGET elements
or PAYLOAD_BYTE_BUDGET bytes (dashboard/analysis/display.py), counted on the whole app's run
(sidebar, title and view) at 100,000 events of the realistic profile and, for the views
the realistic profile cannot fill (it has no crossing tables), of the basic one."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.display import PAYLOAD_BYTE_BUDGET, PAYLOAD_ELEMENT_BUDGET
from dashboard.contract.loader import load_dataset
from dashboard.query.params import PARAM_VIEW, VIEWS
from dashboard.query.viewlist import available_views
from tests.payload import payload
from tests.viewtest import run_app

pytestmark = pytest.mark.usefixtures("app_environment")

PROFILES = ("realistic_100k_dir", "basic_100k_dir")


def views_of(data_dir: Path) -> tuple[str, ...]:
    return available_views(load_dataset(data_dir).tables)


@pytest.fixture(scope="module")
def filled_views(request: pytest.FixtureRequest) -> dict[str, tuple[str, ...]]:
    """Per profile fixture, the views its data can fill."""
    return {name: views_of(request.getfixturevalue(name)) for name in PROFILES}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("view", VIEWS)
def test_a_view_stays_inside_the_payload_budget(
    request: pytest.FixtureRequest, filled_views, profile: str, view: str
) -> None:
    if view not in filled_views[profile]:
        pytest.skip(f"{profile} has no {view} view")
    at = run_app({PARAM_VIEW: view}, request.getfixturevalue(profile), today=None)
    assert at.segmented_control(key=PARAM_VIEW).value == view  # the view itself was drawn
    sent = payload(at)
    assert sent.elements <= PAYLOAD_ELEMENT_BUDGET, sent.describe()
    assert sent.bytes <= PAYLOAD_BYTE_BUDGET, sent.describe()


def test_every_view_is_held_to_the_budget_by_one_profile_or_the_other(filled_views) -> None:
    assert set(VIEWS) <= {view for views in filled_views.values() for view in views}


def collapsed_and_tabbed() -> None:
    import streamlit as st

    st.text("shown")
    with st.expander("closed", expanded=False):
        st.text("inside a collapsed expander")
        st.markdown("x" * 5_000)
    _first, second = st.tabs(["one", "two"])
    second.text("inside an unopened tab")


def test_the_count_includes_collapsed_expanders_and_unopened_tabs() -> None:
    from streamlit.testing.v1 import AppTest

    sent = payload(AppTest.from_function(collapsed_and_tabbed).run())
    # text, expander, its text and markdown, the tab container, two tabs, the tab's text
    assert sent.elements == 8, sent.describe()
    assert 5_000 < sent.bytes_by_kind["markdown"] < 5_100


def a_large_table() -> None:
    import pandas as pd
    import streamlit as st

    st.dataframe(pd.DataFrame({"n": range(200_000)}))


def test_the_bytes_include_a_tables_arrow_data() -> None:
    from streamlit.testing.v1 import AppTest

    sent = payload(AppTest.from_function(a_large_table).run())
    assert sent.bytes > PAYLOAD_BYTE_BUDGET, sent.describe()  # 200,000 int64 are 1.6 MB
