"""Short links on SQLite and PostgreSQL: one code per query, expanded back exactly."""

from __future__ import annotations

import pytest

from brechas_store import open_store
from brechas_store import short_links as sl
from brechas_store.db import close_store

QUERY = "territorio=estudio&anio=promedio&vista=prioritarias&minimo=40&reparto=brecha"


@pytest.fixture
def store(database_url):
    s = open_store(database_url)
    yield s
    close_store(s)


def test_a_short_code_expands_to_the_full_query(store):
    code = sl.shorten(store, "simulador", QUERY)
    assert sl.normalize(code) == code
    assert sl.expand(store, code) == {
        "territorio": "estudio",
        "anio": "promedio",
        "vista": "prioritarias",
        "minimo": "40",
        "reparto": "brecha",
    }


def test_the_same_query_gets_the_same_code_and_another_query_another(store):
    first = sl.shorten(store, "simulador", QUERY)
    assert sl.shorten(store, "simulador", QUERY) == first
    assert sl.shorten(store, "simulador", QUERY.replace("40", "30")) != first
    assert sl.shorten(store, "comparar", QUERY) != first


def test_a_typed_code_is_read_in_lower_case_with_spaces(store):
    code = sl.shorten(store, "simulador", QUERY)
    typed = f" {code[:3].lower()}-{code[3:]} "
    assert sl.expand(store, typed)["minimo"] == "40"


@pytest.mark.parametrize("code", ["", "ZZZZZZ", "<b>x</b>", "A" * 500, None])
def test_an_unknown_or_malformed_code_expands_to_nothing(store, code):
    assert sl.expand(store, code) is None


def test_a_huge_query_or_an_odd_path_is_refused_in_spanish(store):
    with pytest.raises(sl.ShortLinkError, match="demasiado largo"):
        sl.shorten(store, "simulador", "x=" + "1" * (sl.MAX_QUERY + 1))
    with pytest.raises(sl.ShortLinkError, match="no admite"):
        sl.shorten(store, "../etc", QUERY)
