"""The link's vocabulary: one set of parameter names, views and orders."""

from __future__ import annotations

from dashboard.query import params


def test_the_link_vocabulary_is_one_set_of_names() -> None:
    assert (params.PARAM_PARTY, params.PARAM_DATES, params.PARAM_TYPE) == ("party", "dates", "type")
    assert params.VIEWS[0] == params.DEFAULT_VIEW == "glance"
    assert set(params.SINGLE_VALUE_PARAMS) == {
        "verification",
        "confirmations",
        "view",
        "order",
        "page",
        "since",
    }
    assert params.PARAM_SINCE == "since"
    assert params.PARAM_CONFIRMATIONS == "confirmations"
    assert (params.PARAM_ORDER, params.PARAM_PAGE) == ("order", "page")
    assert params.TOPIC_ORDERS == ("latest", "disagreement", "parties", "largest")
