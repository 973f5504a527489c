"""MEF number formats, character by character: the sign, the rounding and the missing value.

Each case pins one thing a reader would see wrong: a lost ``+``, a ``-0.00``, a number where
the data is missing. (Found by mutation testing: scripts/mutation.py fmt.)
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core.fmt import MILLONES, num, pct, pp, soles, soles_millones
from tests.core.support import case_id


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((1234567.891,), "1,234,568"),  # no decimals by default
        ((1234567.891, 2), "1,234,567.89"),
        ((-0.4, 1), "-0.4"),  # small but not zero at one decimal: keeps its sign
        ((0.3, 1), "0.3"),
        ((1.0,), "1"),
        ((-0.001, 2), "0.00"),  # rounds to zero: never "-0.00"
        ((-0.4,), "0"),
        ((0.0,), "0"),
        ((float("nan"),), "—"),
        ((float("inf"),), "—"),
        ((None,), "—"),
    ],
    ids=case_id,
)
def test_num_writes_comma_thousands_dot_decimals_and_a_dash_when_missing(args, text):
    assert num(*args) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((56.7123,), "56.71 %"),
        ((12.5, 1), "12.5 %"),
        ((-0.001,), "0.00 %"),
        ((float("nan"),), "—"),
        ((None,), "—"),
    ],
    ids=case_id,
)
def test_pct_adds_a_spaced_percent_sign_except_to_a_missing_value(args, text):
    assert pct(*args) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((12.93,), "+12.93 p.p."),
        ((1.234,), "+1.23 p.p."),  # two decimals by default
        ((-3.5, 1), "-3.5 p.p."),
        ((0.0,), "+0.00 p.p."),
        ((-0.001,), "+0.00 p.p."),  # rounds to zero: no "-0.00"
        ((0.05, 1), "+0.1 p.p."),
        ((float("nan"),), "—"),
        ((None,), "—"),
    ],
    ids=case_id,
)
def test_pp_always_carries_its_sign(args, text):
    assert pp(*args) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((1234567.4,), "S/ 1,234,567"),
        ((-2500.5, 2), "-S/ 2,500.50"),
        ((0.0,), "S/ 0"),
        ((0.5, 2), "S/ 0.50"),
        ((-0.4, 2), "-S/ 0.40"),  # negative at two decimals, zero when rounded to units
        ((-0.4,), "S/ 0"),  # rounds to zero: no sign
        ((None,), "—"),
        ((float("nan"),), "—"),
    ],
    ids=case_id,
)
def test_soles_put_the_sign_before_the_currency(args, text):
    assert soles(*args) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((1_707_983_421,), "S/ 1,707.98 millones"),
        ((-590_650_000, 1), "-S/ 590.6 millones"),
        ((None,), "—"),
        ((float("nan"),), "—"),
    ],
    ids=case_id,
)
def test_soles_millones_in_millions_with_two_decimals(args, text):
    assert MILLONES == 1_000_000
    assert soles_millones(*args) == text


@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 4))
def test_each_format_reads_back_as_the_rounded_number(value, decimals):
    rounded = round(value, decimals)
    assert float(num(value, decimals).replace(",", "")) == pytest.approx(rounded, abs=1e-9)
    assert float(pct(value, decimals).removesuffix(" %").replace(",", "")) == pytest.approx(
        rounded, abs=1e-9
    )
    signed = pp(value, decimals).removesuffix(" p.p.")
    assert signed[0] in "+-"
    assert float(signed.replace(",", "")) == pytest.approx(rounded, abs=1e-9)
    money = soles(value, decimals)
    assert money.startswith("S/ ") or money.startswith("-S/ ")
    assert math.copysign(1, -1 if money.startswith("-") else 1) * float(
        money.split("S/ ")[1].replace(",", "")
    ) == pytest.approx(rounded, abs=1e-9)
