"""The money a gap needs to close within the horizon, and the rule's top-up beyond it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core import data, need, territory
from brechas_core.projection import project_coverage
from brechas_core.scenario import Scenario
from brechas_core.simulation import for_territory, load_inputs, simulate
from tests.core.support import estimated_district_frame


@pytest.fixture(scope="module")
def frame():
    return estimated_district_frame("promedio")


def _sim(frame, code, scenario):
    t, _ = territory.resolve(code, data.load_districts())
    ti = territory.territory_inputs(t, frame)
    return simulate(scenario, for_territory(load_inputs(), ti, t.name))


def test_spending_exactly_the_need_closes_the_gap_at_the_horizon():
    n = need.closing_need(
        [1234.0], [2500.0], horizon_years=7, executed_soles=1e6, spending_soles=[0.0]
    )
    p = project_coverage(
        [12.34],
        [100.0 * n.need_soles[0] / 1e6],
        budget_soles=1e6,
        execution_rate=1.0,
        population=10_000,
        unit_cost=[2500.0],
        base_share=[1.0],
        horizon_years=7,
    )
    assert p.years_to_close[0] == pytest.approx(7.0)
    assert p.gap_pct[0, -2] > 0


def test_lima_at_30_percent_flags_almost_the_whole_top_up_as_beyond_the_need(frame):
    # The audit's case: Lima (150101) at F = 30 moves about S/ 420.7 M a year while about
    # 2,151 people lack water; closing all three gaps in 10 years needs about S/ 1 M a year.
    sim = _sim(frame, "150101", Scenario(territory="150101", minimum_pct=30))
    nt = need.for_simulation(sim)
    water = nt.table.set_index("gap_id").loc["agua"]
    assert water["people_in_need"] == pytest.approx(2150.6, abs=0.1)
    assert nt.table["need_central"].sum() < 2e6
    assert nt.overshoot[1] == pytest.approx(sim.top_up_soles, rel=1e-9)
    text = need.overshoot_text(nt)
    assert text.startswith("La regla pone S/ 420,713,265 al año")
    assert "más de lo que necesita cerrar Agua, Desagüe, Electricidad en 10 años" in text


def test_no_excess_is_flagged_when_the_rule_moves_nothing():
    nt = need.for_simulation(simulate(Scenario(), load_inputs()))
    assert nt.overshoot == (0.0, 0.0, 0.0)
    assert need.overshoot_text(nt) is None


def test_the_excess_band_is_widest_at_the_low_unit_cost():
    nt = need.for_simulation(simulate(Scenario(minimum_pct=90), load_inputs()))
    low_cost_excess = nt.overshoot[2]
    assert nt.overshoot[0] <= nt.overshoot[1] <= low_cost_excess
    assert (nt.table["need_low"] <= nt.table["need_central"]).all()
    assert (nt.table["need_central"] <= nt.table["need_high"]).all()


def test_gaps_that_do_not_close_in_time_are_named_where_money_is_still_useful():
    nt = need.for_simulation(simulate(Scenario(minimum_pct=40, horizon_years=1), load_inputs()))
    short = nt.table.loc[nt.table["shortfall_central"] > 0, "label"].tolist()
    assert short
    assert list(nt.still_useful[: len(short)]) == short
    # the gaps without a cost per person are named too
    assert "Niños con desnutrición crónica" in nt.still_useful


def test_territory_need_counts_each_municipality_on_its_own(frame):
    puno = frame[frame["department_code"] == "21"]
    s = Scenario(minimum_pct=60)
    res = territory.apply_rule(puno, s, data.load_unit_costs())
    tn = need.for_territory(res.districts, data.load_unit_costs(), s)
    one = tn.districts.iloc[0]
    alone = need.for_territory(
        territory.apply_rule(
            puno[puno["ubigeo"] == one["ubigeo"]], s, data.load_unit_costs()
        ).districts,
        data.load_unit_costs(),
        s,
    )
    assert alone.districts.iloc[0]["overshoot_central"] == pytest.approx(one["overshoot_central"])
    assert tn.overshoot[1] == pytest.approx(tn.districts["overshoot_central"].sum())
    assert tn.n_overshooting == int((tn.districts["overshoot_central"] > 0).sum())


@settings(max_examples=200, deadline=None)
@given(
    u0=st.floats(0, 1e6),
    cost=st.floats(1, 1e4),
    spend=st.floats(0, 1e9),
    moved_part=st.floats(0, 1),
    h=st.integers(1, 50),
)
def test_spending_splits_into_need_plus_excess_minus_shortfall(u0, cost, spend, moved_part, h):
    n = need.closing_need(
        [u0],
        [cost],
        horizon_years=h,
        executed_soles=1e9,
        spending_soles=[spend],
        moved_soles=[moved_part * spend],
    )
    assert n.spending_soles[0] == pytest.approx(
        n.need_soles[0] + n.excess_soles[0] - n.shortfall_soles[0], rel=1e-9, abs=1e-6
    )
    assert 0 <= n.overshoot_soles[0] <= min(n.excess_soles[0], moved_part * spend) + 1e-9
    assert n.excess_soles[0] == 0 or n.shortfall_soles[0] == 0
    assert bool(n.closes[0]) == (n.shortfall_soles[0] == 0)
    assert np.isfinite(n.need_share_pct[0])


def test_the_workbook_has_a_sheet_with_what_each_gap_needs(frame):
    import io
    from datetime import date

    from openpyxl import load_workbook

    from brechas_core.export.frames import Entry
    from brechas_core.export.workbook import workbook

    s = Scenario(territory="150101", minimum_pct=30)
    sim = _sim(frame, "150101", s)
    data = workbook(
        [Entry("Escenario", s, sim, "Lima")],
        link="http://x/simulador?territorio=150101&minimo=30",
        data_version="abcd1234",
        today=date(2026, 11, 27),
    )
    ws = load_workbook(io.BytesIO(data))["Necesidad"]
    header = [c.value for c in ws[1]]
    water = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "Agua")
    over = water[header.index("Aumento de la regla más allá de lo necesario (central) (S/)")]
    assert isinstance(over, float) and over > 2e8


def test_for_a_territory_the_simulador_counts_each_municipalitys_need_on_its_own(frame):
    # Lima province at 30 %: the excess is the sum of each municipality's excess, as
    # Territorios shows it, not the pooled table's
    sim = _sim(frame, "1501", Scenario(territory="1501", minimum_pct=30))
    s = Scenario(territory="1501", minimum_pct=30)
    nt = need.for_simulation(sim, data.load_unit_costs(), s)
    tn = need.for_territory(sim.territory.districts, data.load_unit_costs(), s)
    assert nt.overshoot == tn.overshoot
    assert nt.table["overshoot_central"].sum() == pytest.approx(tn.overshoot[1])
    assert need.overshoot_text(nt).startswith("En ")
    assert "municipalidades la regla pone más de lo que necesita" in need.overshoot_text(nt)
