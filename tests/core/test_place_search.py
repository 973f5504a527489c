"""Finding a place by name: accents, case and punctuation do not matter, the whole name
ranks first, and a name only one place has opens it at once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core import data
from brechas_core import place_search as ps


@pytest.fixture(scope="module")
def places():
    return ps.index(data.load_districts())


def test_every_department_province_and_district_is_searchable(places):
    d = data.load_districts()
    kinds = [p.kind for p in places]
    assert kinds.count("departamento") == d["department_code"].nunique() == 25
    assert kinds.count("provincia") == d["province_code"].nunique()
    assert kinds.count("distrito") == len(d)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("juliaca", "211101"),
        ("JULIACA", "211101"),
        ("  Juliaca ", "211101"),
        ("CAPAZO", "210502"),
        ("capazo", "210502"),
    ],
)
def test_a_name_only_one_place_has_opens_it_whatever_the_case(places, query, code):
    assert ps.only_match(places, query).code == code


@pytest.mark.parametrize("query", ["San Román", "san roman", "SAN ROMÁN", "San-Roman"])
def test_san_roman_finds_the_province_with_or_without_accents(places, query):
    found = ps.search(places, query)
    assert found[0].code == "2111"
    assert found[0].label == "San Román (provincia, Puno)"


def test_a_name_several_places_share_is_listed_largest_first_and_not_opened(places):
    found = ps.search(places, "puno")
    assert [p.code for p in found[:3]] == ["21", "2101", "210101"]
    assert ps.only_match(places, "puno") is None


def test_a_comma_narrows_by_where_the_place_is(places):
    assert [p.code for p in ps.search(places, "puno, puno")] == ["2101", "210101"]


def test_a_part_of_a_name_finds_names_that_start_with_it_before_names_that_contain_it(places):
    found = ps.search(places, "julia", limit=50)
    assert found[0].code == "211101"


def test_nothing_is_found_for_an_empty_or_unknown_query(places):
    assert ps.search(places, "") == []
    assert ps.search(places, " ,, ") == []
    assert ps.search(places, "xyzzy") == []
    assert ps.only_match(places, "xyzzy") is None


@given(st.text(max_size=30))
def test_normalize_gives_plain_lower_case_words(text):
    out = ps.normalize(text)
    assert out == out.strip()
    assert "  " not in out
    assert all(c.isascii() and (c.isalnum() or c == " ") for c in out)
    assert ps.normalize(out) == out
    assert ps.normalize(text.upper()) == ps.normalize(text.lower()) or not text.isascii()
