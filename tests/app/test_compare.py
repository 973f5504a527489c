"""Comparar: kept scenarios side by side, and the link that reproduces them."""

from __future__ import annotations

from brechas_core.scenario import Scenario

COMPARISON = {
    "a.vista": "prioritarias",
    "a.minimo": "30",
    "a.reparto": "brecha",
    "b.vista": "prioritarias",
    "b.minimo": "50",
    "b.reparto": "igual",
}


def _cell(at, row: str, column: str) -> str:
    table = next(df for df in at.dataframe if "Regla" in df.value.index)
    return table.value.loc[row, column]


def test_a_comparison_link_shows_its_scenarios_side_by_side(open_page):
    at = open_page("comparar", COMPARISON)
    assert not at.exception
    assert _cell(at, "Brechas juntas con la regla", "A") == "30.00 %"
    assert _cell(at, "Brechas juntas con la regla", "B") == "50.00 %"
    assert "partes iguales" in _cell(at, "Regla", "B")


def test_the_comparison_page_writes_its_scenarios_into_its_link(open_page):
    at = open_page("comparar", COMPARISON)
    assert at.query_params["a.minimo"] == ["30"] or at.query_params["a.minimo"] == "30"
    assert "b.reparto" in at.query_params
    assert "minimo" not in at.query_params  # the current scenario is not this page's link


def test_saving_from_the_simulador_keeps_the_scenario_for_the_comparison(open_page):
    at = open_page("simulador", {"minimo": "40"})
    at.button(key="comparar_guardar").click().run()
    assert at.session_state["comparacion"] == (at.session_state["scenario"],)
    assert at.session_state["scenario"].minimum_pct == 40.0


def test_removing_a_scenario_leaves_the_others(open_page):
    at = open_page("comparar", COMPARISON)
    at.button(key="comparar_quitar_0").click().run()
    kept = at.session_state["comparacion"]
    assert [s.minimum_pct for s in kept] == [50.0]
    assert _cell(at, "Brechas juntas con la regla", "A") == "50.00 %"


def test_a_tampered_comparison_link_keeps_the_good_scenarios_and_says_what_was_wrong(open_page):
    at = open_page("comparar", {**COMPARISON, "c.minimo": "<b>x</b>"})
    kept = at.session_state["comparacion"]
    assert [s.minimum_pct for s in kept] == [30.0, 50.0, Scenario().minimum_pct]
    assert any("Escenario C" in w.value for w in at.warning)


def test_an_empty_comparison_points_to_the_simulador(open_page):
    at = open_page("comparar", {})
    assert any("Guardar para comparar" in i.value for i in at.info)
