"""Fuzzing: random and mutated bytes in any table or in datapackage.json never produce a
traceback: `validate` exits 0, 1 or 2, and every view renders.

A few examples run in the normal test run; DASHBOARD_FUZZ_EXAMPLES=500 asks for a long run.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import cli
from dashboard.contract import schema
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.query.params import VIEWS
from tests.minidata import write_mini_dataset

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
EXAMPLES = int(os.environ.get("DASHBOARD_FUZZ_EXAMPLES", "6"))
TARGETS = [table.filename for table in schema.TABLES] + ["datapackage.json"]
DESCRIPTOR = b'{"name": "mini", "title": "Mini conflict", "description": "fuzzed"}'


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """The original bytes with a few random edits: flips, inserts, cuts and repeats."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        edit = draw(st.sampled_from(["flip", "insert", "cut", "repeat", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if edit == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif edit == "insert":
            data[at:at] = draw(st.sampled_from([b'"', b",", b"\n", b"\r", b"\0", b"\xff", b"="]))
        elif edit == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def fuzzed_file(draw) -> tuple[str, bytes]:
    target = draw(st.sampled_from(TARGETS))
    with tempfile.TemporaryDirectory() as scratch:
        directory = write_mini_dataset(Path(scratch) / "mini")
        path = directory / target
        original = path.read_bytes() if path.exists() else DESCRIPTOR
    content = draw(st.one_of(st.binary(max_size=600), mutated(original)))
    return target, content


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(fuzzed_file())
def test_fuzzed_bytes_never_give_a_traceback(case: tuple[str, bytes]) -> None:
    target, content = case
    with tempfile.TemporaryDirectory() as scratch:
        directory = write_mini_dataset(Path(scratch) / "mini")
        (directory / target).write_bytes(content)
        out = io.StringIO()
        assert cli.main(["validate", str(directory)], out=out) in (0, 1, 2)
        assert "Traceback" not in out.getvalue()
        os.environ["DASHBOARD_DATA_DIR"] = str(directory)
        try:
            at = AppTest.from_file(APP, default_timeout=60)
            at.run()
            for view in VIEWS:
                at.segmented_control(key="view").set_value(view).run()
                assert not at.exception, (target, view, [e.value for e in at.exception])
                assert not at.error, (target, view, [e.value for e in at.error])
        finally:
            os.environ.pop("DASHBOARD_DATA_DIR", None)
