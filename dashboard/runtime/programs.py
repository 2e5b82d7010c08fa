"""Running another program (git, fc-match): without a shell, bounded in time, read-only.

``program_output`` is the one way the dashboard asks another program for an answer: the
program is looked up on PATH, runs with a timeout, and its standard output is the answer;
a missing program, a failure, a non-zero exit or a timeout all give None.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence


def program_output(
    program: str,
    args: Sequence[str],
    timeout: float,
    env: Mapping[str, str] | None = None,
) -> bytes | None:
    """``program``'s standard output for ``args``, or None when it is not on PATH, cannot
    start, exits non-zero or runs longer than ``timeout`` seconds."""
    found = shutil.which(program)
    if found is None:
        return None
    try:
        result = subprocess.run(
            [found, *args],
            capture_output=True,
            timeout=timeout,
            env=None if env is None else dict(env),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
