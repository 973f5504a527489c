"""The shared territory selector drives the Simulador with a real territory's data."""

import re

from tests.app.conftest import open_statistics, open_tab, page_text


def _metric(at, label):
    return next(m for m in at.metric if m.label == label).value


def test_puno_link_feeds_the_simulator_with_census_gaps_and_budget(open_page):
    at = open_page("simulador", {"territorio": "21", "anio": "2023", "pisos": "agua:1"})
    assert at.selectbox(key="w_area").value == "21"
    assert "Puno, 2023" in at.caption[0].value
    # three census gaps instead of the study's ten (the link's floor opens their inputs)
    assert [n.label.split(" (")[0] for n in at.number_input if n.key.startswith("w_floors")] == [
        "Agua",
        "Desagüe",
        "Electricidad",
    ]
    assert any("Estimación" in i.value for i in at.info)


def test_choosing_a_district_writes_its_ubigeo_into_the_link(open_page, ok):
    at = open_page("simulador", {"territorio": "2105"})
    at.selectbox(key="w_district").set_value("210501").run()
    ok(at)
    assert at.query_params["territorio"] == "210501"
    assert "Ilave" in at.caption[0].value


def test_changing_territory_drops_the_budget_typed_for_the_previous_one(open_page, ok):
    at = open_page("simulador", {"presupuesto": "5000000", "minimo": "40"})
    at.selectbox(key="w_area").set_value("21").run()
    assert "presupuesto" not in at.query_params
    assert at.query_params["minimo"] == "40"
    ok(at)


def test_unknown_territory_falls_back_to_the_study_with_a_notice(open_page):
    at = open_page("simulador", {"territorio": "999999"})
    assert at.query_params["territorio"] == "estudio"
    assert "999999" in at.warning[0].value
    assert _metric(at, "Brechas prioritarias (juntas)") == "27.07 %"


def test_simulador_for_peru_shows_the_sum_of_each_municipalitys_rule_and_says_so(open_page):
    at = open_page("simulador", {"territorio": "PE", "anio": "2023", "minimo": "10"})
    # Territorios applies the rule to each municipality and moves S/ 1,112.34 M a year;
    # the Simulador shows the same sum (it pooled every budget before: S/ 590.65 M).
    assert _metric(at, "Reasignado al año") == "S/ 1,112,341,491"
    assert "cada una de sus 1,891 municipalidades" in page_text(at)[0].value


def test_a_district_without_census_data_opens_and_offers_its_province(open_page, ok):
    # 030612 showed the error panel for every option
    at = open_page("simulador", {"territorio": "030612", "anio": "2023", "minimo": "20"})
    assert any("no tiene datos del Censo 2017" in w.value for w in at.warning)
    at.button(key="sim_ir_provincia").click().run()
    ok(at)
    assert at.query_params["territorio"] == "0306"


def test_a_district_shows_no_test_on_three_points(open_page):
    at = open_page("simulador", {"territorio": "210501", "anio": "2023", "minimo": "20"})
    open_tab(open_statistics(at), 2)  # the statistics, and the alignment in words
    shown = " ".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [m.help or "" for m in at.metric]
    )
    shown = re.sub(r":material/\w+:", "", shown)  # an icon's name is not a number
    assert "inf" not in shown and "12.706" not in shown
    assert _metric(at, "Spearman ρ") == "—"
