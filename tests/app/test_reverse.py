"""«¿Qué mínimo necesito?», the optimal sharing and the fund, as the pages show them."""

import pytest

from tests.app.conftest import open_tab


def _texts(at, kind):
    return [e.value for e in getattr(at, kind)]


def test_a_target_in_the_link_gives_the_smallest_minimum_and_a_button_applies_it(open_page, ok):
    at = open_page("simulador", {"meta": "anemia:0"})
    answer = next(t for t in _texts(at, "success") if "hace falta un mínimo garantizado" in t)
    assert answer.startswith("Para cerrar niños y niñas con anemia en 10 años")
    assert "27.80 % (entre 27.36 % y 28.52 % según el costo por persona)" in answer
    at.button(key="sim_usar_minimo").click().run()
    ok(at)
    assert at.query_params["minimo"] == "27.8"
    assert at.query_params["meta"] == "anemia:0"
    # fed forwards: with that minimum, anaemia closes within the horizon
    table = next(m.value for m in at.markdown if "Años para cerrar la brecha" in m.value)
    anaemia = next(line for line in table.splitlines() if "anemia" in line)
    years = float(anaemia.split("→")[-1].strip(" |").replace(",", ""))
    assert years <= 10.0


def test_typing_a_target_shows_the_answer_and_puts_it_in_the_link(open_page):
    at = open_tab(open_page("simulador"), 1)  # «Cobertura proyectada»
    at.number_input(key="w_targets__electricidad").set_value(0.0).run()
    assert at.query_params["meta"] == "electricidad:0"
    assert any("cerrar electricidad en 10 años" in t for t in _texts(at, "success"))


def test_an_unreachable_target_says_why(open_page):
    at = open_page("simulador", {"meta": "agua:0"})
    warning = next(t for t in _texts(at, "warning") if t.startswith("No se puede cerrar agua"))
    assert "el resto del presupuesto que no está protegido no alcanza" in warning


def test_the_optimal_sharing_says_how_many_more_people_it_covers_and_why(open_page):
    at = open_page("simulador", {"minimo": "40", "reparto": "optimo"})
    table = next(m.value for m in at.markdown if "Personas nuevas cubiertas" in m.value)
    assert "| Óptimo (más personas cubiertas) | 5,777 | 0 |" in table
    assert "| Según el tamaño de la brecha | 3,723 | 2,053 |" in table
    why = next(t for t in _texts(at, "info") if "el reparto óptimo cubre a" in t)
    assert "Da primero a lo que cuesta menos por persona (Niños y niñas con anemia" in why


def test_a_territory_answers_for_each_of_its_municipalities(open_page):
    at = open_page("simulador", {"territorio": "21", "meta": "agua:0"})
    text = next(t for t in _texts(at, "info") if "municipalidades lo logran" in t)
    assert "de 110 municipalidades" in text


def test_territorios_maps_each_municipalitys_minimum_and_splits_a_fund(open_page):
    at = open_page("territorios", {"territorio": "21", "meta": "agua:0", "fondo": "50000000"})
    assert any("de 110 municipalidades lo logran" in t for t in _texts(at, "info"))
    fund = next(t for t in _texts(at, "info") if t.startswith("Con S/ 50,000,000 al año"))
    assert "personas más en 10 años" in fund
    closed_for_people = int(fund.split("se cierran a tiempo ")[1].split(" ")[0].replace(",", ""))
    at.radio(key="w_fund_objective").set_value("brechas").run()
    assert at.query_params["objetivo"] == "brechas"
    fund = next(t for t in _texts(at, "info") if t.startswith("Con S/ 50,000,000 al año"))
    assert "para cerrar el mayor número de brechas" in fund
    closed_for_gaps = int(fund.split("se cierran a tiempo ")[1].split(" ")[0].replace(",", ""))
    assert closed_for_gaps >= closed_for_people


@pytest.mark.parametrize("bad", ["agua:abc", "agua:150", "nada:0"])
def test_a_bad_target_in_the_link_is_explained_and_the_page_still_works(open_page, bad):
    at = open_page("simulador", {"meta": bad, "minimo": "30"})
    assert at.query_params["minimo"] == "30"
    assert any(
        "meta" in t for t in _texts(at, "warning") + _texts(at, "info") + _texts(at, "error")
    )
