"""Come back after the server process dies: a page that reconnects runs the app again.

Behind HAProxy, when the process a page talks to stops, Streamlit 1.67's page reconnects to
a live process (HAProxy redispatches it) but by default does not run the app there: it keeps
showing what the dead process sent, and its downloads (kept by the process that made them)
fail. The same happens with one process that is restarted.

Streamlit's page does ask for a full run when it reconnects if the app has a fragment that
reruns on a timer (``run_every``): its connection handler requests a run when
``autoRerunIntervals`` is not empty. So the app registers one empty fragment with a long
interval. On reconnection the page asks the new process for a full run, with the link's
query string and the widgets' values, and the same view and filters are drawn there; the
timer itself does nothing useful, so it ticks rarely (each tick is a fragment run on the
server: bench/heartbeat_benchmark.py measures what a tick costs). tests/e2e/test_replicas.py
checks the behaviour, so a Streamlit upgrade that changes it fails there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta

import streamlit as st

ENV_VAR = "DASHBOARD_HEARTBEAT_SECONDS"
DEFAULT_SECONDS = 600.0
MIN_SECONDS = 1.0


def heartbeat_seconds(environ: Mapping[str, str]) -> float | None:
    """The fragment's interval: DASHBOARD_HEARTBEAT_SECONDS (default 600, at least 1), or
    None when it is 0 (off: a page then stays as it was when its server went away)."""
    text = environ.get(ENV_VAR, "").strip()
    try:
        seconds = float(text) if text else DEFAULT_SECONDS
    except ValueError:
        seconds = DEFAULT_SECONDS
    if seconds != seconds or seconds <= 0:  # NaN or off
        return None
    return max(seconds, MIN_SECONDS)


def heartbeat() -> None:
    """Register the timed fragment that makes a reconnecting page run the app again."""
    seconds = heartbeat_seconds(os.environ)
    if seconds is not None:
        st.fragment(_tick, run_every=timedelta(seconds=seconds))()


def _tick() -> None:
    """Nothing to draw or check: the fragment's timer is what matters."""
