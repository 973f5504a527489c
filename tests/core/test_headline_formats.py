"""Headline formats (issue 14, item 2): whole soles, and shares with two decimals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core.fmt import soles, soles_whole


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (141.468, "S/ 141"),
        (1234567.5, "S/ 1,234,568"),
        (0.4, "menos de S/ 1"),
        (0.5, "menos de S/ 1"),
        (1.5, "S/ 2"),
        (0.0, "S/ 0"),
        (-12.7, "-S/ 13"),
        (math.nan, "—"),
    ],
)
def test_whole_soles_in_a_headline(value, text):
    assert soles_whole(value) == text


@given(st.floats(min_value=1.0, max_value=1e12))
def test_whole_soles_never_show_centavos_and_agree_with_soles(value):
    text = soles_whole(value)
    assert "." not in text
    assert text == soles(value)
