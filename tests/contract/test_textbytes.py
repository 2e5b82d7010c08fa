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


DATE_CELLS = [
    "2024-02-29",
    "2023-02-29",
    "1900-02-29",
    "2000-02-29",
    "2025-04-31",
    "2025-12-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1969-07-20",
    "2025-1-1",
    " 2025-01-01",
    "2025-01-01 ",
    "2025/01/01",
    "2025-01-0a",
    "\uff12\uff10\uff12\uff15-01-01",  # full-width digits
    "٢٠٢٥-01-01",
    "20250-1-01",
    "",
    "not a date",
]


def test_dates_read_from_bytes_equal_the_arrow_parse():
    import pandas as pd

    from dashboard.contract.rules import _parse_dates_in_arrow, parse_dates

    rng = np.random.default_rng(3)
    days = rng.integers(-700_000, 2_900_000, size=2000).astype("datetime64[D]")
    cells = DATE_CELLS + [str(day) for day in days if 1 <= day.astype(object).year <= 9999]
    values = pd.Series(cells, dtype="str")
    expected = _parse_dates_in_arrow(pa.array(cells, pa.large_string()), values.index)
    parsed = parse_dates(values)
    assert parsed.dtype == expected.dtype == "datetime64[s]"
    pd.testing.assert_series_equal(parsed, expected)
    assert parsed.notna().sum() > 2000 - 100  # the random days are real dates
    assert parsed[:5].isna().tolist() == [False, True, True, False, True]
    assert str(parsed[0].date()) == "2024-02-29" and str(parsed[3].date()) == "2000-02-29"


def test_every_ascii_character_is_judged_as_the_slug_pattern_judges_it():
    for code in range(128):
        cells = ["a", f"a{chr(code)}"]
        assert all_slugs(pa.array(cells, pa.large_string())) == _is_slug_column(cells), code
