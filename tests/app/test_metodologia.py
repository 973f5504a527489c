"""The Metodología page documents every link parameter the scenario accepts."""

from brechas_core.scenario import KNOWN_PARAMS


def test_every_link_parameter_is_documented(open_page):
    at = open_page("metodologia")
    table = next(df.value for df in at.dataframe if "Parámetro" in df.value.columns)
    assert set(table["Parámetro"]) == set(KNOWN_PARAMS)


def test_unit_costs_are_labelled_as_assumptions_with_their_source(open_page):
    at = open_page("metodologia")
    costs = next(df.value for df in at.dataframe if "Costo bajo / central / alto" in df.value)
    water = costs.set_index("Brecha").loc["Agua"]
    assert water["Tipo"] == "supuesto ilustrativo"
    assert water["Costo bajo / central / alto"] == "S/ 1,500 / S/ 3,000 / S/ 5,000"
    assert water["Fuente"]


def test_shows_the_data_version_the_links_carry(open_page):
    at = open_page("metodologia")
    assert at.query_params["datos"] in at.caption[0].value
