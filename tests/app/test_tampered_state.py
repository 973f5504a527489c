"""A value injected into the scenario by a tampered message can always be undone."""

from __future__ import annotations

from brechas_core.scenario import Scenario


def test_volver_a_la_linea_base_undoes_an_injected_year(open_page):
    at = open_page("simulador", {"territorio": "21", "anio": "2023", "minimo": "40"})
    at.session_state["scenario"] = at.session_state["scenario"].with_(year="2099")
    at.run()
    failed = [e.value for e in at.error if "No se pudo mostrar" in e.value]
    assert failed, "the injected year should break this run"
    at.button(key="reiniciar_error").click().run()
    assert not at.exception
    assert not [e.value for e in at.error if "No se pudo mostrar" in e.value]
    scenario: Scenario = at.session_state["scenario"]
    assert (scenario.territory, scenario.year, scenario.minimum_pct) == ("21", "promedio", 0.0)
