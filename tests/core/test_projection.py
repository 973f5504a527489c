"""Coverage projection: hand-computed cases, validation, and the tidy table."""

from __future__ import annotations

import numpy as np
import pytest

from brechas_core.projection import project_coverage

BASE = {
    "budget_soles": 10_000_000.0,
    "execution_rate": 0.75,
    "population": 20_000.0,
    "horizon_years": 10,
}

# Each case: gap_pct, share_pct, unit_cost, base_share, expected years_to_close.
YEARS_CASES = [
    # Water: gap 60 % of 20,000 people, all concerned -> U0 = 12,000 people.
    # 5 % of S/ 10,000,000 executed at 75 % = S/ 375,000 a year; at S/ 1,500 per person
    # N = 250 people a year; 12,000 / 250 = 48 years.
    (60.0, 5.0, 1_500.0, 1.0, 48.0),
    # Anaemia: gap 50 % of children under 5 (10 % of the population) -> U0 = 1,000.
    # 1 % -> S/ 75,000 a year; at S/ 300 per child N = 250; 1,000 / 250 = 4 years.
    (50.0, 1.0, 300.0, 0.10, 4.0),
    # Nothing spent: never closes.
    (40.0, 0.0, 1_000.0, 1.0, np.inf),
    # No gap: already closed.
    (0.0, 3.0, 1_000.0, 1.0, 0.0),
]


@pytest.mark.parametrize(
    ("gap", "share", "cost", "base", "years"),
    YEARS_CASES,
    ids=["water_48_years", "anaemia_4_years", "no_spending_never", "no_gap_zero_years"],
)
def test_years_to_close_by_hand(gap, share, cost, base, years):
    p = project_coverage([gap], [share], unit_cost=[cost], base_share=[base], **BASE)
    assert float(p.years_to_close[0]) == pytest.approx(years)


def test_yearly_path_of_the_anaemia_case():
    # U0 = 1,000 children, N = 250 a year: 1,000, 750, 500, 250, 0, 0, ...; the gap is
    # uncovered / 2,000 children: 50, 37.5, 25, 12.5, 0 %.
    p = project_coverage([50.0], [1.0], unit_cost=[300.0], base_share=[0.10], **BASE)
    np.testing.assert_allclose(p.uncovered[0, :6], [1000, 750, 500, 250, 0, 0])
    np.testing.assert_allclose(p.gap_pct[0, :5], [50, 37.5, 25, 12.5, 0])
    np.testing.assert_allclose(p.coverage_pct, 100 - p.gap_pct)
    assert p.years.tolist() == list(range(11))


def test_vectorised_over_districts_equals_one_by_one():
    rng = np.random.default_rng(7)
    gap = rng.uniform(0, 100, (50, 3))
    share = rng.uniform(0, 10, (50, 3))
    pop = rng.uniform(1_000, 50_000, 50)
    budget = rng.uniform(1e6, 5e7, 50)
    kw = {
        "execution_rate": 0.8,
        "unit_cost": [500.0, 1_000.0, 2_000.0],
        "base_share": [1.0, 0.5, 0.1],
        "horizon_years": 5,
    }
    many = project_coverage(gap, share, budget_soles=budget, population=pop, **kw)
    for i in (0, 17, 49):
        one = project_coverage(gap[i], share[i], budget_soles=budget[i], population=pop[i], **kw)
        np.testing.assert_allclose(many.gap_pct[i], one.gap_pct)
        np.testing.assert_allclose(many.years_to_close[i], one.years_to_close)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"budget_soles": -1.0}, "presupuesto"),
        ({"execution_rate": 1.2}, "tasa de ejecución"),
        ({"population": 0.0}, "población"),
        ({"unit_cost": [0.0]}, "costo por persona"),
        ({"horizon_years": 0}, "horizonte"),
        ({"horizon_years": 51}, "horizonte"),
        ({"base_share": [0.0]}, "fracción"),
    ],
    ids=[
        "negative_budget",
        "rate_above_1",
        "zero_population",
        "zero_cost",
        "horizon_0",
        "horizon_51",
        "zero_base_share",
    ],
)
def test_invalid_assumptions_raise_spanish_errors(override, message):
    kw = {**BASE, "unit_cost": [1_000.0], "base_share": [1.0], **override}
    with pytest.raises(ValueError, match=message):
        project_coverage([50.0], [5.0], **kw)
