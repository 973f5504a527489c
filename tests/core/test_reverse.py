"""The question asked backwards: the smallest minimum that reaches a target in N years."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from brechas_core import reverse, rules
from brechas_core.projection import project_coverage
from tests.core.support import optimal_inputs_of


@st.composite
def problems(draw):
    g = draw(st.integers(2, 4))
    gap = np.array(draw(st.lists(st.floats(1, 95), min_size=g, max_size=g)))
    att = np.array(draw(st.lists(st.floats(0, 5), min_size=g, max_size=g)))
    projectable = np.array(draw(st.lists(st.booleans(), min_size=g, max_size=g)))
    assume(projectable.any())
    cost = np.where(
        projectable, draw(st.lists(st.floats(100, 9000), min_size=g, max_size=g)), np.nan
    )
    base = np.where(projectable, 1.0, np.nan)
    targeted = projectable & np.array(draw(st.lists(st.booleans(), min_size=g, max_size=g)))
    assume(targeted.any())
    fraction = np.array(draw(st.lists(st.floats(0, 0.9), min_size=g, max_size=g)))
    target = np.where(targeted, np.round(gap * fraction, 6), np.nan)
    included = np.array(draw(st.lists(st.booleans(), min_size=g, max_size=g))) | targeted
    return dict(
        gap=gap,
        att=att,
        cost=cost,
        base=base,
        target=target,
        included=included,
        floors=np.where(
            included,
            np.array(draw(st.lists(st.floats(0, 3), min_size=g, max_size=g))),
            0.0,
        ),
        protected=draw(st.floats(0, 50)),
        pop=draw(st.floats(1_000, 100_000)),
        executed=draw(st.floats(1e6, 1e9)),
        horizon=draw(st.integers(1, 20)),
        reparto=draw(st.sampled_from(["brecha", "igual", "optimo"])),
    )


def _rule(p):
    return dict(
        included=p["included"],
        reparto=p["reparto"],
        floors=p["floors"],
        protected_pct=p["protected"],
    )


def _gap_after(p, minimum):
    """Forwards: apply the rule at ``minimum`` and project each gap ``horizon`` years."""
    opt = optimal_inputs_of(p)
    res = rules.priority_view(
        p["gap"], p["att"], minimum=minimum, **_rule(p), **(opt if p["reparto"] == "optimo" else {})
    )
    proj = ~np.isnan(p["cost"])
    out = np.full(len(p["gap"]), np.nan)
    out[proj] = project_coverage(
        p["gap"][proj],
        res.shares[:-1][proj],
        budget_soles=p["executed"],
        execution_rate=1.0,
        population=p["pop"],
        unit_cost=p["cost"][proj],
        base_share=p["base"][proj],
        horizon_years=p["horizon"],
    ).gap_pct[:, -1]
    return out


def _answer(p):
    return reverse.minimum_for_targets(
        p["gap"],
        p["att"],
        target_gap_pct=p["target"],
        unit_cost=p["cost"],
        base_share=p["base"],
        population=p["pop"],
        executed_soles=p["executed"],
        horizon_years=p["horizon"],
        **_rule(p),
    )


@settings(max_examples=200, deadline=None)
@given(p=problems())
def test_the_reverse_answer_fed_forwards_closes_the_target_and_a_smaller_minimum_does_not(p):
    r = _answer(p)
    targeted = ~np.isnan(p["target"])
    if bool(r.reachable):
        F = float(r.minimum_pct)
        after = _gap_after(p, F)
        assert np.all(after[targeted] <= p["target"][targeted] + 1e-6)
        if not bool(r.already):
            smaller = _gap_after(p, max(F - 1e-3, 0.0))
            assert np.any(smaller[targeted] > p["target"][targeted] + 1e-12)
    else:
        # not reachable: even the largest feasible minimum leaves some target unmet
        assume(str(r.reason) == "capacidad")
        after = _gap_after(p, float(r.max_minimum_pct))
        assert np.any(after[targeted] > p["target"][targeted] + 1e-9)


def test_an_excluded_gap_with_a_target_cannot_be_reached_through_the_minimum():
    r = reverse.minimum_for_targets(
        [50.0, 30.0],
        [1.0, 1.0],
        target_gap_pct=[0.0, np.nan],
        unit_cost=[100.0, 100.0],
        base_share=[1.0, 1.0],
        population=1_000,
        executed_soles=1e5,  # closing needs S/ 10,000 a year: 10 %, it holds 1 %
        horizon_years=5,
        included=[False, True],
    )
    assert not bool(r.reachable)
    assert str(r.reason) == "excluida"
    assert np.isnan(float(r.minimum_pct))


def test_a_target_already_met_needs_no_minimum():
    r = reverse.minimum_for_targets(
        [10.0],
        [20.0],
        target_gap_pct=[0.0],
        unit_cost=[100.0],
        base_share=[1.0],
        population=1_000,
        executed_soles=1e6,
        horizon_years=5,
    )
    assert bool(r.already) and float(r.minimum_pct) == 0.0
    assert float(r.top_up_soles) == 0.0


def test_bringing_a_gap_below_x_needs_less_than_closing_it():
    kw = dict(
        unit_cost=[1_000.0],
        base_share=[1.0],
        population=10_000,
        executed_soles=1e7,
        horizon_years=10,
    )
    close = reverse.minimum_for_targets([40.0], [1.0], target_gap_pct=[0.0], **kw)
    half = reverse.minimum_for_targets([40.0], [1.0], target_gap_pct=[20.0], **kw)
    # 4,000 people x S/ 1,000 / 10 years = S/ 400,000 a year = 4 % of S/ 10 M
    assert float(close.minimum_pct) == pytest.approx(4.0)
    assert float(half.minimum_pct) == pytest.approx(2.0)


def test_the_band_of_unit_costs_gives_a_band_of_minimums_in_one_call():
    r = reverse.minimum_for_targets(
        [40.0, 60.0],
        [1.0, 1.0],
        target_gap_pct=[0.0, 0.0],
        unit_cost=[[500.0, 500.0], [1_000.0, 1_000.0], [2_000.0, 2_000.0]],
        base_share=[1.0, 1.0],
        population=10_000,
        executed_soles=1e7,
        horizon_years=10,
    )
    low, central, high = r.minimum_pct.tolist()
    assert low < central < high
    # by gap (40 : 60), the 60 % gap binds: it needs 6 % at S/ 1,000, so F = 2 + (6 - 1) x 100/60
    assert central == pytest.approx(2 + 5 * 100 / 60)


def test_one_call_answers_for_every_municipality_as_one_call_per_municipality():
    rng = np.random.default_rng(3)
    n = 50
    gap = rng.uniform(1, 90, (n, 3))
    att = rng.uniform(0, 4, (n, 3))
    kw = dict(
        target_gap_pct=np.tile([0.0, 10.0, np.nan], (n, 1)),
        unit_cost=np.tile([3_000.0, 3_000.0, 2_000.0], (n, 1)),
        base_share=np.ones(3),
        horizon_years=10,
        reparto="optimo",
    )
    pop = rng.uniform(1e3, 1e5, n)
    executed = rng.uniform(1e6, 1e8, n)
    all_at_once = reverse.minimum_for_targets(
        gap, att, population=pop, executed_soles=executed, **kw
    )
    for i in range(0, n, 7):
        one = reverse.minimum_for_targets(
            gap[i],
            att[i],
            population=pop[i],
            executed_soles=executed[i],
            **{**kw, "target_gap_pct": kw["target_gap_pct"][i], "unit_cost": kw["unit_cost"][i]},
        )
        np.testing.assert_equal(all_at_once.minimum_pct[i], one.minimum_pct)


def test_the_exported_parameters_name_the_targets_and_the_fund():
    from brechas_core.describe import parameter_rows
    from brechas_core.scenario import Scenario

    rows = dict(
        parameter_rows(Scenario(targets=(("agua", 0.0), ("desague", 20.0)), fund_soles=5e6), "x")
    )
    assert rows["Metas en 10 años (% de brecha; 0 = cerrarla)"] == "agua: 0.0, desague: 20.0"
    assert rows["Fondo a repartir en el territorio (S/ al año)"] == 5e6
