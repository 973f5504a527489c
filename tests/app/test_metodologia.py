"""The Metodología page documents every link parameter the scenario accepts."""

from brechas_core.scenario import INTERFACE_PARAMS, KNOWN_PARAMS


def test_every_link_parameter_is_documented(open_page):
    at = open_page("metodologia")
    table = next(df.value for df in at.dataframe if "Parámetro" in df.value.columns)
    assert set(table["Parámetro"]) == {*KNOWN_PARAMS, *INTERFACE_PARAMS}


def test_unit_costs_cite_public_figures_and_span_urban_and_rural(open_page):
    at = open_page("metodologia")
    costs = next(df.value for df in at.dataframe if "Costo bajo / central / alto" in df.value)
    water = costs.set_index("Brecha").loc["Agua"]
    assert water["Tipo"] == "referencia pública"
    assert water["Costo bajo / central / alto"] == "S/ 1,500 / S/ 3,400 / S/ 9,100"
    assert water["Central urbano / rural"] == "S/ 1,500 / S/ 4,550"
    assert "PNSR 2019" in water["Fuente"] and "S/ 9,100 por beneficiario" in water["Fuente"]
    anaemia = costs.set_index("Brecha").loc["Niños y niñas con anemia"]
    assert anaemia["Tipo"] == "supuesto ilustrativo"


def test_metodologia_says_rurality_is_approximated_by_density(open_page):
    at = open_page("metodologia")
    text = " ".join(m.value for m in at.markdown)
    assert "la ruralidad se aproxima con la densidad de población 2020" in text


def test_shows_the_data_version_the_links_carry(open_page):
    at = open_page("metodologia")
    assert at.query_params["datos"] in at.caption[0].value


def test_the_typical_district_lists_only_what_the_simulator_uses(open_page):
    at = open_page("metodologia")
    table = next(df.value for df in at.dataframe if "Dato" in df.value.columns)
    assert list(table["Dato"]) == [
        "PIM anual",
        "Tasa de ejecución",
        "Población",
        "Presupuesto ejecutado",
    ]
    assert "S/ 7,803,869" in list(table["Valor"])
