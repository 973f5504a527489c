"""The Territorios page: the current rule on every district of a real territory."""

import pytest


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_puno_2023_link_shows_its_headline_figures(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023"})
    assert _metrics(at) == {
        "Municipalidades": "110",
        "PIM (millones)": "S/ 1,707.98",
        "Devengado (millones)": "S/ 1,321.43",
        "Ejecución": "77.4 %",
    }
    assert any("estimación" in c.value.lower() for c in at.caption)


def test_a_minimum_of_20_percent_is_read_out_for_puno(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023", "minimo": "20"})
    reading = next(m.value for m in at.markdown if m.value.startswith("#### En Puno"))
    assert "pasan a 20.00 %" in reading
    assert "110 de 110 municipalidades" in reading


def test_a_district_link_shows_its_profile(open_page):
    at = open_page("territorios", {"territorio": "210502", "anio": "2023", "minimo": "20"})
    assert _metrics(at)["Municipalidades"] == "1"
    assert any(m.value.startswith("Capazo ejecutó S/ 6.11 millones") for m in at.markdown)
    profile = next(s for s in at.selectbox if s.key.startswith("t_perfil_"))
    assert profile.value == "210502"


@pytest.mark.parametrize(
    ("lang", "label", "opening"),
    [("es", "Estimación", "La regla actual"), ("en", "Estimate", "The current rule")],
)
def test_a_district_s_estimate_is_labelled_once_in_the_rule_s_caption(
    open_page, lang, label, opening
):
    # The estimate's note (brechas_core.territory.panel.ESTIMATE_NOTE) opens with its own
    # label; the caption used to add another: «**Estimación:** Estimación: el gasto…».
    at = open_page("territorios", {"territorio": "210502", "anio": "2023", "lang": lang})
    caption = next(c.value for c in at.caption if c.value.startswith(opening))
    assert caption.count(label) == 1, caption


def test_choosing_another_district_changes_the_profile(open_page):
    at = open_page("territorios", {"territorio": "2105", "anio": "2023"})
    profile = next(s for s in at.selectbox if s.key.startswith("t_perfil_"))
    profile.set_value("210501").run()
    assert not at.exception
    assert any(m.value.startswith("Ilave ejecutó") for m in at.markdown)


def test_an_unknown_territory_shows_a_notice_not_an_error(open_page):
    at = open_page("territorios", {"territorio": "99"})
    assert not at.exception
    assert any("99" in w.value for w in at.warning)
    assert any("no identifica" in i.value for i in at.info)


def test_the_study_offers_puno_as_a_start(open_page):
    at = open_page("territorios")
    at.button(key="t_ir_puno").click().run()
    assert not at.exception
    assert _metrics(at)["Municipalidades"] == "110"
    assert at.query_params["territorio"] == "21"


def test_map_colour_and_ranking_order_can_change(open_page):
    at = open_page("territorios", {"territorio": "2105", "anio": "promedio", "minimo": "15"})
    at.radio(key="t_mapa_color").set_value("cobertura").run()
    at.selectbox(key="t_orden").set_value("moved_per_capita").run()
    assert not at.exception
    assert at.get("download_button")


def test_the_ranking_table_shows_internet_and_food_vulnerability_beside_the_gaps(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023"})
    ranking = next(t.value for t in at.dataframe if "gap_mean_pct" in t.value.columns)
    assert {"internet_gap_pct", "food_vulnerability"} <= set(ranking.columns)
    assert any("función 16 Comunicaciones" in c.value for c in at.caption)


def test_territorios_open_in_the_sector_view_too(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023", "vista": "sectores"})
    assert not at.exception
