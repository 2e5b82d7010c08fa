"""The byte-level column checks agree with the cell-by-cell rules they stand in for."""

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dashboard.contract.csvread import count_byte, is_utf8
from dashboard.contract.slugs import SLUG_PATTERN
from dashboard.contract.textbytes import all_slugs, may_need_trim

CELLS = [
    "ev-001",
    "a",
    "0-x",
    "",
    "-lead",
    "trail-",
    "Upper",
    "sp ace",
    " ev-1",
    "ev-1 ",
    "\tx",
    "x\r",
    "x\x0b",
    "é-1",
    "ev_1",
    "ev.1",
    "\u00a0x",
    "x\n",
]


def _is_slug_column(cells: list[str]) -> bool:
    return all(c == "" or re.fullmatch(SLUG_PATTERN, c) for c in cells)


def _needs_trim(cells: list[str]) -> bool:
    text = pa.array(cells, pa.large_string())
    return pc.any(pc.not_equal(pc.ascii_trim_whitespace(text), text)).as_py() or False


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_one_odd_cell_among_slugs(cell, kind):
    cells = ["ev-1", "src-2", cell, "z9"]
    text = pa.array(cells, kind)
    assert all_slugs(text) == _is_slug_column(cells)
    assert may_need_trim(text) == _needs_trim(cells)


def test_chunked_and_sliced_columns_look_only_at_their_own_cells():
    whole = pa.array([" pad", "ev-1", "ev-2", "Bad "], pa.large_string())
    inner = whole.slice(1, 2)  # the buffers still hold " pad" and "Bad "
    assert all_slugs(inner) and not may_need_trim(inner)
    assert not all_slugs(whole) and may_need_trim(whole)
    chunked = pa.chunked_array([inner, pa.array(["x-1", ""], pa.large_string())])
    assert all_slugs(chunked) and not may_need_trim(chunked)
    chunked = pa.chunked_array([inner, pa.array(["x-1", "-y"], pa.large_string())])
    assert not all_slugs(chunked)


def test_missing_cells_and_empty_columns_get_the_cautious_answer():
    with_null = pa.array(["ev-1", None], pa.large_string())
    assert not all_slugs(with_null) and may_need_trim(with_null)
    empty = pa.array([], pa.large_string())
    assert all_slugs(empty) and not may_need_trim(empty)
    blanks = pa.array(["", ""], pa.string())
    assert all_slugs(blanks) and not may_need_trim(blanks)


@pytest.mark.parametrize(
    "raw",
    [
        b"plain,ascii\n",
        "\ufeffé,€,𝄞\n".encode(),
        b"\xed\xa0\x80",  # a surrogate
        b"\xc0\x80",  # overlong
        b"\xf4\x90\x80\x80",  # above U+10FFFF
        b"\xe2\x82",  # cut short
        b"ok\xff",
        b"",
    ],
)
def test_utf8_check_is_as_strict_as_pythons_decoder(raw):
    try:
        raw.decode("utf-8")
        decodes = True
    except UnicodeDecodeError:
        decodes = False
    assert is_utf8(raw) == decodes


def test_byte_count_across_blocks():
    rng = np.random.default_rng(1)
    data = bytes(rng.choice(np.frombuffer(b"ab\n\r", np.uint8), size=(1 << 22) + 1001))
    assert count_byte(data, b"\n") == data.count(b"\n")
    assert count_byte(data, b"\r") == data.count(b"\r")
    assert count_byte(b"", b"\n") == 0
