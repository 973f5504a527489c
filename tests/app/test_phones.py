"""Phones (issue 14): the rule's controls are on the page, and a place is found by name."""

from __future__ import annotations

from tests.app.conftest import open_statistics, page_text


def _keys(elements) -> set:
    return {e.key for e in elements}


def test_the_minimum_and_the_sharing_are_on_the_simulador_page_not_in_the_sidebar(open_page):
    at = open_page("simulador")
    assert {"w_minimum_pct"} <= _keys(at.main.slider)
    assert {"w_reparto"} <= _keys(at.main.radio)
    assert not _keys(at.sidebar.slider) & {"w_minimum_pct", "w_protected_pct"}
    assert "w_reparto" not in _keys(at.sidebar.radio)
    # the rest waits in one expander
    labels = [e.label for e in at.main.expander]
    assert "Más opciones de la regla y supuestos" in labels


def test_moving_the_minimum_on_the_page_changes_the_results_and_the_link(open_page):
    at = open_page("simulador")
    at.main.slider(key="w_minimum_pct").set_value(40.0).run()
    assert at.query_params["minimo"] == "40"
    value = next(m for m in at.metric if m.label.startswith("Brechas prioritarias"))
    assert value.value == "40.00 %"


def test_territorios_has_the_minimum_and_the_sharing_on_the_page(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023"})
    slider = at.main.slider(key="w_minimum_pct")
    assert slider.value == 0.0
    slider.set_value(20.0).run()
    assert at.query_params["minimo"] == "20"
    at.main.radio(key="w_reparto").set_value("igual").run()
    assert at.query_params["reparto"] == "igual"
    assert at.main.slider(key="w_minimum_pct").value == 20.0


def test_typing_juliaca_on_territorios_opens_san_romans_juliaca(open_page):
    at = open_page("territorios")
    at.text_input(key="buscar_territorio").input("juliaca").run()
    assert at.query_params["territorio"] == "211101"
    assert any("Juliaca" in m.value for m in at.markdown)
    assert at.text_input(key="buscar_territorio").value == ""


def test_a_name_several_places_share_lists_them_and_a_click_opens_one(open_page):
    at = open_page("territorios")
    at.text_input(key="buscar_territorio").input("Puno").run()
    assert at.query_params["territorio"] == "estudio"
    listed = [b.key for b in at.button if str(b.key).startswith("buscar_territorio_")]
    assert listed[:3] == [
        "buscar_territorio_21",
        "buscar_territorio_2101",
        "buscar_territorio_210101",
    ]
    at.button(key="buscar_territorio_2101").click().run()
    assert at.query_params["territorio"] == "2101"
    assert at.selectbox(key="w_area").value == "2101"


def test_san_roman_without_accents_opens_the_province(open_page):
    at = open_page("territorios")
    at.text_input(key="buscar_territorio").input("san roman").run()
    assert at.query_params["territorio"] == "2111"


def test_an_unknown_name_says_so_in_spanish(open_page):
    at = open_page("territorios")
    at.text_input(key="buscar_territorio").input("Xyzzy").run()
    assert any("Ningún departamento, provincia o distrito" in c.value for c in at.caption)
    assert at.query_params["territorio"] == "estudio"


def test_the_landing_page_has_the_search_box(open_page):
    at = open_page()
    assert at.text_input(key="buscar_territorio").label.startswith("Busque su distrito")


def test_the_glossary_page_explains_pim_devengado_and_percentage_points(open_page):
    at = open_page("glosario")
    assert at.title[0].value.startswith("Glosario")
    text = " ".join(m.value for m in at.markdown)
    for word in ("**PIM**", "**Devengado**", "**Punto porcentual (p.p.)**", "**Correlación**"):
        assert word in text


def test_the_simulador_answers_whether_money_follows_need_and_keeps_the_statistics_a_click_away(
    open_page,
):
    at = open_page("simulador", {"minimo": "40"})
    answer = [m.value for m in at.markdown if "¿El dinero sigue" in m.value]
    assert answer and "**Sí**" in answer[0]
    assert "puntos porcentuales (p.p.)" in page_text(at)[0].value + " ".join(
        m.value for m in at.markdown if m.value.startswith("####")
    )
    stats = next(e for e in at.main.expander if e.label.startswith("Las estadísticas"))
    assert not stats.metric  # drawn only when opened (issue 12: a slider move skips it)
    stats = next(e for e in open_statistics(at).main.expander if e.label.startswith("Las est"))
    assert "Spearman ρ" in [m.label for m in stats.metric]
