"""The link's vocabulary: URL parameter names and the views. Part of the contract with
users' saved links; the widgets use these same names as their keys."""

from __future__ import annotations

PARAM_PARTY = "party"
PARAM_DATES = "dates"
PARAM_VERIFICATION = "verification"
PARAM_TYPE = "type"
PARAM_VIEW = "view"

# Single-value parameters (a second value in a link is a problem to report).
SINGLE_VALUE_PARAMS = (PARAM_VERIFICATION, PARAM_VIEW)

VIEWS: tuple[str, ...] = ("glance", "timeline", "claims", "crossings", "map", "sources", "quality")
DEFAULT_VIEW = "glance"
