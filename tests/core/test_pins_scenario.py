"""The scenario and its link, field by field: what is written, what is read, what is said.

test_scenario.py checks the round trip; these pin each notice's wording (the user reads it to
know what to fix), each default, the limits of every range, and Scenario.with_. (Found by
mutation testing: scripts/mutation.py scenario.)
"""

from __future__ import annotations

import dataclasses

import pytest

from brechas_core.scenario import (
    ANIOS,
    INTERFACE_PARAMS,
    KNOWN_PARAMS,
    PARAMETERS,
    REPARTOS,
    VISTAS,
    ParseResult,
    Scenario,
    _fmt,
    _show,
    from_comparison_query,
    from_query,
    to_query,
)
from tests.core.support import case_id

GAPS = ["agua", "desague", "electricidad", "anemia"]
CODES = ["03", "15", "18", "21"]


def read(params, version=None):
    return from_query(params, gap_ids=GAPS, function_codes=CODES, current_data_version=version)


# ------------------------------------------------------------------ the Scenario itself


def test_defaults_of_a_new_scenario():
    s = Scenario()
    assert (s.territory, s.year, s.view, s.reparto) == (
        "estudio",
        "promedio",
        "prioritarias",
        "brecha",
    )
    assert (s.minimum_pct, s.protected_pct, s.threshold_pct, s.horizon_years) == (
        0.0,
        0.0,
        50.0,
        10,
    )
    assert s.excluded == s.locked == s.floors == s.weights == s.overrides == s.unit_costs == ()
    assert s.budget_soles is s.execution_pct is s.population is s.data_version is None
    assert VISTAS == ("prioritarias", "sectores")
    assert REPARTOS[:3] == ("brecha", "igual", "manual")
    assert ANIOS[:4] == ("promedio", "2021", "2022", "2023")


def test_with_sorts_mappings_into_pairs_and_lists_into_tuples():
    s = Scenario().with_(
        minimum_pct=40.0,
        floors={"desague": 2, "agua": 10},
        weights={"anemia": 3, "agua": 1.5},
        overrides={"18": 20, "03": 5},
        unit_costs={"agua": 1500, "anemia": 300},
        excluded=["electricidad", "agua"],
        locked={"21", "03"},
    )
    assert s.minimum_pct == 40.0
    assert s.floors == (("agua", 10.0), ("desague", 2.0))
    assert s.weights == (("agua", 1.5), ("anemia", 3.0))
    assert s.overrides == (("03", 5.0), ("18", 20.0))
    assert s.unit_costs == (("agua", 1500.0), ("anemia", 300.0))
    assert all(isinstance(v, float) for _, v in s.floors + s.weights + s.overrides)
    assert s.excluded == ("agua", "electricidad")
    assert s.locked == ("03", "21")
    # and back to dicts
    assert s.floors_dict() == {"agua": 10.0, "desague": 2.0}
    assert s.weights_dict() == {"agua": 1.5, "anemia": 3.0}
    assert s.overrides_dict() == {"03": 5.0, "18": 20.0}
    assert s.unit_costs_dict() == {"agua": 1500.0, "anemia": 300.0}


def test_with_leaves_tuples_and_other_fields_as_given_and_never_changes_the_original():
    base = Scenario(minimum_pct=10.0)
    s = base.with_(excluded=("agua",), floors=(("agua", 1.0),), view="sectores")
    assert s.excluded == ("agua",) and s.floors == (("agua", 1.0),) and s.view == "sectores"
    assert base == Scenario(minimum_pct=10.0)
    assert s.with_() == s
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.minimum_pct = 5.0  # type: ignore[misc]


def test_with_makes_equal_scenarios_from_mappings_in_any_order():
    a = Scenario().with_(floors={"agua": 1, "anemia": 2}, excluded=["desague", "agua"])
    b = Scenario().with_(floors={"anemia": 2, "agua": 1}, excluded=["agua", "desague"])
    assert a == b and to_query(a) == to_query(b)


def test_data_version_does_not_count_in_equality():
    assert Scenario(data_version="abcd1234") == Scenario(data_version="11c254e1")


# ------------------------------------------------------------------ writing a link


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (40.0, "40"),
        (12.5, "12.5"),
        (0.0, "0"),
        (-0.0, "0"),
        (1e-7, "1e-07"),
        (27.283456789, "27.283456789"),
        (0.123456, "0.123456"),
        (100.0, "100"),
        (1500.25, "1500.25"),
    ],
    ids=case_id,
)
def test_numbers_in_a_link_are_short_and_faithful(value, text):
    assert _fmt(value) == text
    assert float(text) == value


def test_every_field_is_written_under_its_spanish_name():
    s = Scenario(
        territory="210502",
        year="2023",
        view="sectores",
        minimum_pct=40.0,
        reparto="manual",
        excluded=("agua", "anemia"),
        floors=(("agua", 10.0), ("anemia", 2.5)),
        weights=(("agua", 3.0),),
        protected_pct=12.5,
        threshold_pct=60.0,
        overrides=(("18", 20.0),),
        locked=("03", "15"),
        budget_soles=1_234_567.5,
        execution_pct=80.0,
        population=25_000,
        horizon_years=15,
        unit_costs=(("agua", 1500.0),),
        data_version="abcd1234",
    )
    assert to_query(s) == {
        "territorio": "210502",
        "anio": "2023",
        "vista": "sectores",
        "minimo": "40",
        "reparto": "manual",
        "datos": "abcd1234",
        "excluir": "agua,anemia",
        "pisos": "agua:10,anemia:2.5",
        "pesos": "agua:3",
        "protegido": "12.5",
        "umbral": "60",
        "fijar": "18:20",
        "bloquear": "03,15",
        "presupuesto": "1234567.5",
        "ejecucion": "80",
        "poblacion": "25000",
        "horizonte": "15",
        "costo": "agua:1500",
    }
    assert read(to_query(s), version="abcd1234") == ParseResult(s, ())


def test_zero_values_that_differ_from_the_default_are_written():
    q = to_query(Scenario(budget_soles=0.0, execution_pct=0.0, threshold_pct=0.0))
    assert (q["presupuesto"], q["ejecucion"], q["umbral"]) == ("0", "0", "0")
    assert "datos" not in q and "protegido" not in q and "horizonte" not in q


def test_the_parameter_table_lists_every_known_parameter_once():
    assert [name for name, _, _ in PARAMETERS] == [*KNOWN_PARAMS, *INTERFACE_PARAMS]
    assert len(set(KNOWN_PARAMS)) == len(KNOWN_PARAMS)


# ------------------------------------------------------------------ reading a link


def test_an_empty_link_is_the_default_scenario_without_notices():
    assert read({}) == ParseResult(Scenario(), ())
    assert read({}, version="11c254e1").scenario.data_version == "11c254e1"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        (
            {"reparto": "hack"},
            f"«reparto=`hack`» no es válido (use {', '.join(REPARTOS)}); se usó «brecha».",
        ),
        (
            {"anio": "2020"},
            f"«anio=`2020`» no es válido (use {', '.join(ANIOS)}); se usó «promedio».",
        ),
        (
            {"vista": "mapa"},
            "«vista=`mapa`» no es válido (use prioritarias, sectores); se usó «prioritarias».",
        ),
        (
            {"minimo": "250"},
            "«minimo» = 250.00 está fuera del rango permitido (0 a 100); se usó 100.00.",
        ),
        (
            {"minimo": "-5"},
            "«minimo» = -5.00 está fuera del rango permitido (0 a 100); se usó 0.00.",
        ),
        (
            {"minimo": "abc"},
            "«minimo» debe ser un número (por ejemplo 40 o 12.5), no «`abc`»; se ignoró.",
        ),
        (
            {"presupuesto": "200000000000"},
            "«presupuesto» = 200,000,000,000.00 está fuera del rango permitido "
            "(0 a 100,000,000,000); se usó 100,000,000,000.00.",
        ),
        (
            {"pisos": "agua:120"},
            "«pisos (agua)» = 120.00 está fuera del rango permitido (0 a 100); se usó 100.00.",
        ),
        (
            {"excluir": "agua,zzz,Luz"},
            "En «excluir» se ignoraron valores desconocidos: `zzz`, `Luz`.",
        ),
        (
            {"pisos": "agua10,luz:3"},
            "En «pisos» se ignoraron elementos no válidos: `agua10`, `luz:3` "
            "(use id:valor separados por comas).",
        ),
        (
            {"datos": "XYZ"},
            "La versión de datos del enlace («datos») no es válida; se ignoró.",
        ),
        (
            {"territorio": "lima"},
            "«territorio=`lima`» no es válido (use estudio, PE o un ubigeo de 2, 4 o 6 "
            "dígitos); se usó el estudio.",
        ),
        (
            {"b": "1", "a": "2", "minimo": "3"},
            "Se ignoraron parámetros desconocidos: `a`, `b`.",
        ),
    ],
    ids=case_id,
)
def test_each_fix_is_explained_in_one_exact_spanish_notice(params, notice):
    assert read(params).notices == (notice,)


def test_only_the_first_five_unknown_parameters_are_named():
    params = {f"p{i}": "1" for i in range(7)}
    assert read(params).notices == (
        "Se ignoraron parámetros desconocidos: `p0`, `p1`, `p2`, `p3`, `p4` y 2 más.",
    )
    params = {f"p{i}": "1" for i in range(5)}
    assert read(params).notices == (
        "Se ignoraron parámetros desconocidos: `p0`, `p1`, `p2`, `p3`, `p4`.",
    )


def test_another_data_version_is_named_in_the_notice():
    assert read({"datos": "abcd1234"}, version="11c254e1").notices == (
        "Este enlace se creó con otra versión de los datos (abcd1234); la app usa ahora "
        "11c254e1. El escenario se reproduce, pero las cifras pueden diferir.",
    )
    # without a current version to compare with, nothing is said
    assert read({"datos": "abcd1234"}).notices == ()


def test_a_bad_item_does_not_hide_the_good_items_after_it():
    result = read({"pisos": "luz:3,agua:10,desague:x,anemia:2"})
    assert result.scenario.floors == (("agua", 10.0), ("anemia", 2.0))
    assert len(result.notices) == 2  # `luz:3` unknown; `x` not a number
    result = read({"excluir": "zzz,agua,anemia"})
    assert result.scenario.excluded == ("agua", "anemia")
    result = read({"fijar": "99:5,18:20,03:1.5"})
    assert result.scenario.overrides == (("03", 1.5), ("18", 20.0))
    result = read({"costo": "agua:x,anemia:300"})
    assert result.scenario.unit_costs == (("anemia", 300.0),)


def test_items_are_trimmed_and_the_last_repeat_of_an_item_wins():
    result = read({"pisos": " agua:10 , anemia:2 ,agua: 4", "bloquear": " 15 , 03 ,15"})
    assert result.scenario.floors == (("agua", 4.0), ("anemia", 2.0))
    assert result.scenario.locked == ("03", "15")
    assert result.notices == ()


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"minimo": "0"}, "minimum_pct", 0.0),
        ({"minimo": "100"}, "minimum_pct", 100.0),
        ({"minimo": "100.000001"}, "minimum_pct", 100.0),
        ({"protegido": "100"}, "protected_pct", 100.0),
        ({"umbral": "0"}, "threshold_pct", 0.0),
        ({"presupuesto": "100000000000"}, "budget_soles", 1e11),
        ({"ejecucion": "100"}, "execution_pct", 100.0),
        ({"poblacion": "40000000"}, "population", 40_000_000),
        ({"poblacion": "1"}, "population", 1),
        ({"poblacion": "40000001"}, "population", 40_000_000),
        ({"horizonte": "1"}, "horizon_years", 1),
        ({"horizonte": "50"}, "horizon_years", 50),
        ({"horizonte": "60"}, "horizon_years", 50),
        ({"costo": "agua:1"}, "unit_costs", (("agua", 1.0),)),
        ({"costo": "agua:10000000"}, "unit_costs", (("agua", 1e7),)),
        ({"pisos": "agua:0"}, "floors", (("agua", 0.0),)),
        ({"pesos": "agua:100"}, "weights", (("agua", 100.0),)),
        ({"fijar": "18:100.5"}, "overrides", (("18", 100.0),)),
        ({"anio": "2022"}, "year", "2022"),
        ({"territorio": "PE"}, "territory", "PE"),
        ({"territorio": "21"}, "territory", "21"),
        ({"territorio": "2105"}, "territory", "2105"),
        ({"territorio": "estudio"}, "territory", "estudio"),
    ],
    ids=case_id,
)
def test_limits_of_each_range(params, field, expected):
    result = read(params)
    assert getattr(result.scenario, field) == expected
    fixed = {
        "minimo": "100.000001",
        "horizonte": "60",
        "poblacion": "40000001",
        "fijar": "18:100.5",
    }
    assert len(result.notices) == (1 if set(params.items()) & set(fixed.items()) else 0)


def test_integers_are_returned_as_int():
    s = read({"poblacion": "25000", "horizonte": "15"}).scenario
    assert type(s.population) is int and type(s.horizon_years) is int
    assert type(read({"minimo": "40"}).scenario.minimum_pct) is float


@pytest.mark.parametrize(
    "value", ["0x10", "1,5", "", "1.", ".5", "+5", "1234567890123"], ids=case_id
)
def test_only_plain_decimal_numbers_are_numbers(value):
    result = read({"minimo": value})
    assert result.scenario.minimum_pct == 0.0
    assert len(result.notices) == 1


def test_a_value_longer_than_600_characters_is_ignored_with_a_notice():
    long_list = ",".join(["agua"] * 150)  # 749 characters
    result = read({"excluir": long_list, "minimo": "10"})
    assert result.scenario.excluded == () and result.scenario.minimum_pct == 10.0
    assert result.notices == ("El parámetro «excluir» del enlace es demasiado largo y se ignoró.",)
    exactly = "agua," * 119 + "anemi"  # 600 characters: read
    assert read({"excluir": exactly}).scenario.excluded == ("agua",)
    assert read({"excluir": exactly}).notices[0].startswith("En «excluir»")
    assert read({"excluir": exactly + "a"}).scenario.excluded == ()  # 601: too long


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("x" * 40, "`" + "x" * 40 + "`"),
        ("x" * 41, "`" + "x" * 37 + "…`"),
        ("  ", "`ˋˋ`"),
        ("a`b", "`aˋb`"),
        (" a ", "`a`"),
    ],
    ids=["40-kept", "41-cut", "blank", "backtick", "trimmed"],
)
def test_quoted_user_text_is_short_and_cannot_close_its_code_span(value, shown):
    assert _show(value) == shown


def test_a_comparison_link_from_another_data_version_says_so_once():
    found, notices = from_comparison_query(
        {"datos": "abcd1234", "a.minimo": "30", "b.minimo": "x"},
        gap_ids=GAPS,
        function_codes=CODES,
        current_data_version="11c254e1",
    )
    assert [s.minimum_pct for s in found] == [30.0, 0.0]
    assert notices[0] == (
        "Este enlace se creó con otra versión de los datos (abcd1234); la app usa ahora "
        "11c254e1. El escenario se reproduce, pero las cifras pueden diferir."
    )
    assert notices[1].startswith("Escenario B: «minimo» debe ser un número")
    assert len(notices) == 2
