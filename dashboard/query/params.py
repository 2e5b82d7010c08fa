"""The link's vocabulary: URL parameter names and the views. Part of the contract with
users' saved links; the widgets use these same names as their keys."""

from __future__ import annotations

PARAM_PARTY = "party"
PARAM_DATES = "dates"
PARAM_VERIFICATION = "verification"
PARAM_TYPE = "type"
PARAM_CONFIRMATIONS = "confirmations"  # least independent confirmations a fact must have
PARAM_VIEW = "view"
PARAM_ORDER = "order"  # the claims view's topic order
PARAM_PAGE = "page"  # the claims view's page of topics (1, 2, ...)
PARAM_SINCE = "since"  # a version id or an ISO date or date-time: what changed since then

# The filters' parameters: what ``link.filters_from_query`` reads.
FILTER_PARAMS = (PARAM_PARTY, PARAM_DATES, PARAM_VERIFICATION, PARAM_TYPE, PARAM_CONFIRMATIONS)

# Single-value parameters (a second value in a link is a problem to report).
SINGLE_VALUE_PARAMS = (
    PARAM_VERIFICATION,
    PARAM_CONFIRMATIONS,
    PARAM_VIEW,
    PARAM_ORDER,
    PARAM_PAGE,
    PARAM_SINCE,
)

VIEWS: tuple[str, ...] = (
    "glance",
    "timeline",
    "claims",
    "crossings",
    "map",
    "sources",
    "quality",
    "changes",
)
DEFAULT_VIEW = "glance"

# How the claims view orders its topics: latest claim, largest disagreement (ratio of the
# highest to the lowest figure), most parties, largest figure.
TOPIC_ORDERS: tuple[str, ...] = ("latest", "disagreement", "parties", "largest")
DEFAULT_ORDER = "latest"
