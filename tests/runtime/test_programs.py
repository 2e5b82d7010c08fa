"""Another program's answer: its output, or None whatever goes wrong."""

from __future__ import annotations

import sys

from dashboard.runtime.programs import program_output


def test_the_output_of_a_program_that_succeeds() -> None:
    assert program_output(sys.executable, ["-c", "print('ok')"], 30) == b"ok\n"


def test_none_for_a_missing_program_a_failure_or_a_timeout() -> None:
    assert program_output("no-such-program-anywhere", [], 30) is None
    assert program_output(sys.executable, ["-c", "import sys; sys.exit(3)"], 30) is None
    assert program_output(sys.executable, ["-c", "import time; time.sleep(5)"], 0.5) is None


def test_the_environment_given_is_the_programs() -> None:
    script = "import os; print(os.environ.get('PROGRAMS_TEST', 'unset'))"
    given = program_output(sys.executable, ["-c", script], 30, {"PROGRAMS_TEST": "set"})
    assert given == b"set\n"
