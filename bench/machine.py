"""The line every benchmark prints about where it ran (figures differ between machines and
with the load, so each result says both)."""

from __future__ import annotations

import os
import platform
import time


def machine_line() -> str:
    """'x86_64, 2 cores, Python 3.11.7, 2026-12-02 04:03, load average 0.42'."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.2f}"
    )
