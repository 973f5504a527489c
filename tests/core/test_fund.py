"""A fund for a whole territory (brechas_core.fund): what it says and who receives."""

from __future__ import annotations

import pytest

from brechas_core import data, territory
from brechas_core.fund import territory_fund
from brechas_core.scenario import Scenario
from tests.core.support import estimated_district_frame


@pytest.fixture(scope="module")
def puno():
    frame = estimated_district_frame("2023")
    return frame[frame["ubigeo"].str.startswith("21")], data.load_unit_costs()


def test_a_fund_never_gives_more_than_it_has_and_lists_the_largest_receivers_first(puno):
    districts, costs = puno
    scenario = Scenario(minimum_pct=20, fund_soles=50_000_000.0)
    result = territory.apply_rule(districts, scenario, costs)
    fund = territory_fund(result.districts, costs, scenario)
    assert fund.districts["fondo"].sum() <= 50_000_000.0 * (1 + 1e-9)
    top = fund.receiving(5)
    assert len(top) == 5 and top["fondo"].is_monotonic_decreasing
    assert (top["fondo"] > 0).all()
    assert fund.text().startswith("Con S/ 50,000,000 al año, repartidos donde cada sol cubre")


def test_a_fund_larger_than_every_shortfall_says_what_is_left_over(puno):
    districts, costs = puno
    scenario = Scenario(minimum_pct=20, fund_soles=1e11)
    result = territory.apply_rule(districts, scenario, costs)
    fund = territory_fund(result.districts, costs, scenario)
    assert fund.split.used_soles < 1e11
    assert " Sobran S/ " in fund.text()
    assert "ninguna brecha los necesita para cerrarse a tiempo." in fund.text()


def test_closing_the_most_gaps_is_said_in_words(puno):
    districts, costs = puno
    scenario = Scenario(minimum_pct=20, fund_soles=50_000_000.0, fund_objective="brechas")
    result = territory.apply_rule(districts, scenario, costs)
    assert (
        "para cerrar el mayor número de brechas"
        in territory_fund(result.districts, costs, scenario).text()
    )
