"""Coverage projection: every output array on a case worked by hand, each check at its edge.

test_projection.py checks years to close and one path; these pin the other outputs, the
broadcasting over scenarios, and each validation at the value just inside and just outside
its range. (Found by mutation testing: scripts/mutation.py projection.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core.projection import COST_CASES, project_coverage
from brechas_core.projection import SERIES_LABELS as SCENARIOS
from tests.core.support import case_id

BASE = {
    "budget_soles": 10_000_000.0,
    "execution_rate": 0.75,
    "population": 20_000.0,
    "horizon_years": 4,
}


def test_every_output_of_a_two_gap_case_by_hand():
    # Water: 60 % of 20,000 people -> U0 = 12,000; 5 % of S/ 10 M at 75 % = S/ 375,000 a year;
    # at S/ 1,500 per person N = 250 a year; closes in 48 years.
    # Anaemia: 50 % of the 2,000 children (10 %) -> U0 = 1,000; 1 % -> S/ 75,000; at S/ 300
    # per child N = 250; closes in 4 years: 1,000, 750, 500, 250, 0.
    p = project_coverage(
        [60.0, 50.0], [5.0, 1.0], unit_cost=[1_500.0, 300.0], base_share=[1.0, 0.1], **BASE
    )
    assert p.years.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert p.people_in_need.tolist() == pytest.approx([12_000.0, 1_000.0])
    assert p.spending_soles.tolist() == pytest.approx([375_000.0, 75_000.0])
    assert p.newly_covered_per_year.tolist() == pytest.approx([250.0, 250.0])
    np.testing.assert_allclose(
        p.uncovered, [[12_000, 11_750, 11_500, 11_250, 11_000], [1_000, 750, 500, 250, 0]]
    )
    np.testing.assert_allclose(
        p.gap_pct, [[60.0, 58.75, 57.5, 56.25, 55.0], [50.0, 37.5, 25.0, 12.5, 0.0]]
    )
    np.testing.assert_allclose(
        p.coverage_pct, [[40.0, 41.25, 42.5, 43.75, 45.0], [50.0, 62.5, 75.0, 87.5, 100.0]]
    )
    assert p.years_to_close.tolist() == pytest.approx([48.0, 4.0])


def test_a_gap_never_goes_below_zero_after_it_closes():
    # Anaemia again with 3 % instead of 1 %: N = 750 a year, so 1,000 -> 250 -> 0 -> 0.
    p = project_coverage([50.0], [3.0], unit_cost=[300.0], base_share=[0.1], **BASE)
    np.testing.assert_allclose(p.uncovered[0], [1_000, 250, 0, 0, 0])
    assert float(p.years_to_close[0]) == pytest.approx(4 / 3)


def test_no_gap_and_no_money_give_zero_and_infinite_years():
    p = project_coverage(
        [0.0, 40.0, 0.0], [3.0, 0.0, 0.0], unit_cost=[1_000.0] * 3, base_share=[1.0] * 3, **BASE
    )
    assert p.years_to_close.tolist() == [0.0, np.inf, 0.0]
    np.testing.assert_allclose(p.gap_pct[1], 40.0)  # nothing spent: the gap stays
    np.testing.assert_allclose(p.gap_pct[0], 0.0)


def test_scenarios_broadcast_against_one_gap_table():
    # Two share vectors (baseline, scenario) on one table, two budgets: one call, shape (2, g).
    p = project_coverage(
        [50.0, 20.0],
        [[1.0, 2.0], [3.0, 2.0]],
        budget_soles=[1_000_000.0, 2_000_000.0],
        execution_rate=[1.0, 0.5],
        population=[1_000.0, 1_000.0],
        unit_cost=[100.0, 200.0],
        base_share=[1.0, 1.0],
        horizon_years=2,
    )
    # Row 0: S/ 10,000 and 20,000 a year -> 100 people each. Row 1: S/ 1 M at 50 % -> 30,000
    # and 20,000 -> 300 and 100 people.
    assert p.people_in_need.tolist() == [[500.0, 200.0], [500.0, 200.0]]
    np.testing.assert_allclose(p.newly_covered_per_year, [[100.0, 100.0], [300.0, 100.0]])
    assert p.uncovered.shape == (2, 2, 3)
    np.testing.assert_allclose(p.uncovered[1, 0], [500, 200, 0])
    np.testing.assert_allclose(p.years_to_close, [[5.0, 2.0], [5 / 3, 2.0]])


def test_labels_of_the_compared_scenarios_and_cost_cases():
    assert SCENARIOS == ("Línea base", "Escenario")
    assert COST_CASES == ("bajo", "central", "alto")


VALID = {
    "budget_soles": 1_000.0,
    "execution_rate": 1.0,
    "population": 100.0,
    "unit_cost": [10.0],
    "base_share": [1.0],
    "horizon_years": 1,
}


@pytest.mark.parametrize(
    "override",
    [
        {"budget_soles": 0.0},
        {"execution_rate": 0.0},
        {"execution_rate": 1.0},
        {"population": 0.5},
        {"unit_cost": [0.01]},
        {"base_share": [1.0]},
        {"base_share": [0.001]},
        {"horizon_years": 1},
        {"horizon_years": 50},
        {"horizon_years": 7.0},
    ],
    ids=case_id,
)
def test_values_at_the_edge_of_each_range_are_accepted(override):
    p = project_coverage([100.0], [100.0], **{**VALID, **override})
    assert np.all(np.isfinite(p.gap_pct))


@pytest.mark.parametrize(
    ("gap", "share", "override", "message"),
    [
        ([-0.1], [1.0], {}, "Cada brecha"),
        ([100.1], [1.0], {}, "Cada brecha"),
        ([np.nan], [1.0], {}, "Cada brecha"),
        ([50.0], [-0.1], {}, "Cada participación"),
        ([50.0], [100.1], {}, "Cada participación"),
        ([50.0], [np.inf], {}, "Cada participación"),
        ([50.0], [1.0], {"budget_soles": np.nan}, "presupuesto"),
        ([50.0], [1.0], {"budget_soles": -0.01}, "presupuesto"),
        ([50.0], [1.0], {"execution_rate": -0.01}, "tasa de ejecución"),
        ([50.0], [1.0], {"execution_rate": 1.01}, "tasa de ejecución"),
        ([50.0], [1.0], {"execution_rate": np.nan}, "tasa de ejecución"),
        ([50.0], [1.0], {"population": -5.0}, "población"),
        ([50.0], [1.0], {"population": np.inf}, "población"),
        ([50.0], [1.0], {"unit_cost": [-1.0]}, "costo por persona"),
        ([50.0], [1.0], {"unit_cost": [np.nan]}, "costo por persona"),
        ([50.0], [1.0], {"base_share": [1.01]}, "fracción"),
        ([50.0], [1.0], {"base_share": [-0.5]}, "fracción"),
        ([50.0], [1.0], {"base_share": [np.nan]}, "fracción"),
        ([50.0], [1.0], {"horizon_years": 2.5}, "horizonte"),
    ],
    ids=case_id,
)
def test_each_assumption_out_of_range_is_refused_with_its_own_message(
    gap, share, override, message
):
    with pytest.raises(ValueError, match=message):
        project_coverage(gap, share, **{**VALID, **override})


@given(
    gap=st.floats(0.0, 100.0),
    share=st.floats(0.0, 100.0),
    budget=st.floats(0.0, 1e9),
    rate=st.floats(0.0, 1.0),
    population=st.floats(1.0, 1e7),
    cost=st.floats(1.0, 1e6),
    base=st.floats(0.01, 1.0),
    horizon=st.integers(1, 50),
)
def test_projection_equals_the_formula_written_out(
    gap, share, budget, rate, population, cost, base, horizon
):
    p = project_coverage(
        [gap],
        [share],
        budget_soles=budget,
        execution_rate=rate,
        population=population,
        unit_cost=[cost],
        base_share=[base],
        horizon_years=horizon,
    )
    concerned = population * base
    u0 = gap / 100 * concerned
    n = share / 100 * budget * rate / cost
    assert p.people_in_need[0] == pytest.approx(u0, rel=1e-12)
    assert p.newly_covered_per_year[0] == pytest.approx(n, rel=1e-12)
    for t in (0, 1, horizon):
        u_t = max(0.0, u0 - t * n)
        assert p.uncovered[0, t] == pytest.approx(u_t, rel=1e-9, abs=1e-6)
        assert p.gap_pct[0, t] == pytest.approx(u_t / concerned * 100, rel=1e-9, abs=1e-9)
    expected_years = 0.0 if u0 == 0 else (u0 / n if n > 0 else np.inf)
    assert p.years_to_close[0] == pytest.approx(expected_years, rel=1e-12)
    # the gap never rises and never goes below zero
    assert np.all(np.diff(p.gap_pct[0]) <= 1e-12)
    assert np.all(p.gap_pct[0] >= 0.0)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"budget_soles": -1.0}, "El presupuesto debe ser un monto no negativo en soles."),
        ({"execution_rate": 2.0}, "La tasa de ejecución debe estar entre 0 y 1 (0 % a 100 %)."),
        ({"population": 0.0}, "La población debe ser mayor que cero."),
        ({"unit_cost": [0.0]}, "El costo por persona de cada brecha debe ser mayor que cero."),
        (
            {"base_share": [0.0]},
            "La fracción de la población a la que se aplica cada brecha debe estar entre "
            "0 (excluido) y 1.",
        ),
        ({"horizon_years": 0}, "El horizonte debe ser un número entero de años entre 1 y 50."),
    ],
    ids=case_id,
)
def test_each_refusal_is_the_exact_spanish_sentence(override, message):
    with pytest.raises(ValueError) as info:
        project_coverage([50.0], [1.0], **{**VALID, **override})
    assert str(info.value) == message


def test_gap_and_share_refusals_are_exact_sentences():
    for gap, share, message in (
        ([101.0], [1.0], "Cada brecha debe estar entre 0 % y 100 %."),
        ([50.0], [101.0], "Cada participación debe estar entre 0 % y 100 %."),
    ):
        with pytest.raises(ValueError) as info:
            project_coverage(gap, share, **VALID)
        assert str(info.value) == message
