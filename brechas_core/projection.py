"""Projected gap coverage: what a budget share could close, with every assumption explicit.

For each gap ``i`` (a share of the population lacking a service):

* people in need ``U0 = gap_pct / 100 * population * base_share``;
* money spent on the gap each year ``= share_pct / 100 * budget_soles * execution_rate``;
* people newly covered each year ``N = spending / unit_cost``;
* uncovered people after ``t`` years ``U_t = max(0, U0 - t * N)``;
* projected gap ``gap_pct_t = U_t / (population * base_share) * 100`` and coverage
  ``100 - gap_pct_t``; years to close ``U0 / N``.

This is a linear, constant-cost projection: no population growth, no maintenance cost, no
leakage. It shows orders of magnitude under stated assumptions, not a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.i18n import N_, _

__all__ = [
    "COST_CASES",
    "FORMULA",
    "METHOD",
    "SERIES_LABELS",
    "SYMBOLS",
    "Projection",
    "check_horizon",
    "project_coverage",
]

#: Series labels: the two share vectors the Simulador compares (baseline and scenario), as
#: the projection's ``serie`` column and the charts' legends name them.
SERIES_LABELS = ("Línea base", "Escenario")
#: Labels of the unit-cost cases; a low cost closes faster (the optimistic edge).
COST_CASES = ("bajo", "central", "alto")


@dataclass(frozen=True)
class Projection:
    """Result of :func:`project_coverage`; leading axes ``...`` as in the inputs.

    Attributes
    ----------
    years : ndarray, shape (h + 1,)
        ``0, 1, ..., horizon_years``.
    people_in_need : ndarray, shape (..., g)
        ``U0``, people the gap leaves uncovered today.
    spending_soles : ndarray, shape (..., g)
        Money spent on each gap per year (executed).
    newly_covered_per_year : ndarray, shape (..., g)
        ``N``, people covered each year at the unit cost.
    uncovered : ndarray, shape (..., g, h + 1)
        People still uncovered after each year.
    gap_pct, coverage_pct : ndarray, shape (..., g, h + 1)
        Projected gap and coverage in % of the population the gap applies to.
    years_to_close : ndarray, shape (..., g)
        ``U0 / N``; ``inf`` when nothing is spent, 0 when there is no gap.
    """

    years: np.ndarray
    people_in_need: np.ndarray
    spending_soles: np.ndarray
    newly_covered_per_year: np.ndarray
    uncovered: np.ndarray
    gap_pct: np.ndarray
    coverage_pct: np.ndarray
    years_to_close: np.ndarray


def _check(
    gap: np.ndarray,
    share: np.ndarray,
    budget: np.ndarray,
    rate: np.ndarray,
    population: np.ndarray,
    unit_cost: np.ndarray,
    base_share: np.ndarray,
    horizon_years: int,
) -> None:
    def bad(x: np.ndarray) -> bool:
        return not np.all(np.isfinite(x))

    if bad(gap) or np.any(gap < 0) or np.any(gap > 100):
        raise ValueError("Cada brecha debe estar entre 0 % y 100 %.")
    if bad(share) or np.any(share < 0) or np.any(share > 100):
        raise ValueError("Cada participación debe estar entre 0 % y 100 %.")
    if bad(budget) or np.any(budget < 0):
        raise ValueError("El presupuesto debe ser un monto no negativo en soles.")
    if bad(rate) or np.any(rate < 0) or np.any(rate > 1):
        raise ValueError("La tasa de ejecución debe estar entre 0 y 1 (0 % a 100 %).")
    if bad(population) or np.any(population <= 0):
        raise ValueError("La población debe ser mayor que cero.")
    if bad(unit_cost) or np.any(unit_cost <= 0):
        raise ValueError("El costo por persona de cada brecha debe ser mayor que cero.")
    if bad(base_share) or np.any(base_share <= 0) or np.any(base_share > 1):
        raise ValueError(
            "La fracción de la población a la que se aplica cada brecha debe estar entre "
            "0 (excluido) y 1."
        )
    check_horizon(horizon_years)


def check_horizon(horizon_years: int) -> None:
    """Refuse a horizon that is not a whole number of years from 1 to 50 (the projection's,
    and the need's and the reverse question's, which follow its assumptions)."""
    if int(horizon_years) != horizon_years or not 1 <= horizon_years <= 50:
        raise ValueError("El horizonte debe ser un número entero de años entre 1 y 50.")


def project_coverage(
    gap_pct: ArrayLike,
    share_pct: ArrayLike,
    *,
    budget_soles: ArrayLike,
    execution_rate: ArrayLike,
    population: ArrayLike,
    unit_cost: ArrayLike,
    base_share: ArrayLike,
    horizon_years: int,
) -> Projection:
    """Project each gap's coverage year by year under a budget share.

    Parameters
    ----------
    gap_pct : array_like, shape (g,) or (..., g)
        Today's gap in % of the population it applies to.
    share_pct : array_like, shape (..., g)
        Share of the total budget spent on each gap, in %.
    budget_soles : array_like, shape (...) or scalar
        Total annual budget (PIM), in soles.
    execution_rate : array_like, shape (...) or scalar
        Fraction of the budget actually executed (devengado / PIM), 0-1.
    population : array_like, shape (...) or scalar
        District population.
    unit_cost : array_like, shape (g,) or (..., g)
        Soles needed to cover one more person for each gap.
    base_share : array_like, shape (g,) or (..., g)
        Fraction of the population the gap applies to (e.g. children under 5 for anaemia).
    horizon_years : int
        Years to project, 1 to 50.

    Returns
    -------
    Projection

    Examples
    --------
    A 50 % gap over a population of 1,000 (all concerned): 500 people in need. 10 % of a
    S/ 100,000 budget executed at 80 % is S/ 8,000 a year; at S/ 100 per person that covers
    80 people a year, so the gap closes in 500 / 80 = 6.25 years.

    >>> p = project_coverage([50.0], [10.0], budget_soles=100_000, execution_rate=0.8,
    ...                      population=1_000, unit_cost=[100.0], base_share=[1.0],
    ...                      horizon_years=7)
    >>> float(p.years_to_close[0]), p.gap_pct[0, :3].tolist(), float(p.gap_pct[0, -1])
    (6.25, [50.0, 42.0, 34.0], 0.0)
    """
    gap = np.asarray(gap_pct, dtype=float)
    share = np.asarray(share_pct, dtype=float)
    budget = np.asarray(budget_soles, dtype=float)
    rate = np.asarray(execution_rate, dtype=float)
    pop = np.asarray(population, dtype=float)
    cost = np.asarray(unit_cost, dtype=float)
    base = np.asarray(base_share, dtype=float)
    _check(gap, share, budget, rate, pop, cost, base, horizon_years)

    concerned = pop[..., None] * base  # people the gap applies to, (..., g)
    u0 = gap / 100.0 * concerned
    spending = share / 100.0 * (budget * rate)[..., None]
    n = spending / cost
    u0, spending, n, concerned = np.broadcast_arrays(u0, spending, n, concerned)
    years = np.arange(int(horizon_years) + 1, dtype=float)
    uncovered = np.maximum(u0[..., None] - n[..., None] * years, 0.0)
    gap_t = uncovered / concerned[..., None] * 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        ytc = np.where(u0 == 0, 0.0, np.where(n > 0, u0 / np.where(n > 0, n, 1.0), np.inf))
    return Projection(
        years=years,
        people_in_need=u0,
        spending_soles=spending,
        newly_covered_per_year=n,
        uncovered=uncovered,
        gap_pct=gap_t,
        coverage_pct=100.0 - gap_t,
        years_to_close=ytc,
    )


# -- the projection in words and symbols, in Spanish (Metodología) -----------------------------

#: The symbols of :data:`FORMULA`.
SYMBOLS = N_(
    "Para cada brecha con un costo por persona, con población P, fracción de la población a "
    "la que se aplica la brecha b, presupuesto B (PIM), tasa de ejecución e y costo unitario c:"
)
#: People without the service, people covered a year, and the years to close.
_FORMULA = (
    r"U_0 = \frac{\text{%s}}{100}\, P\, b \qquad N = \frac{s}{100}\, \frac{B\, e}{c} "
    r"\qquad U_t = \max(0,\; U_0 - t N) \qquad \text{%s} = U_0 / N"
)
FORMULA = _FORMULA % ("brecha", "años")
#: The two words in :data:`FORMULA`, for the catalogue.
_FORMULA_WORDS = (N_("brecha"), N_("años"))


def formula() -> str:
    """:data:`FORMULA` with its words in the run's language."""
    return _FORMULA % tuple(_(word) for word in _FORMULA_WORDS)


#: What the projection leaves out.
METHOD = N_(
    "Es una proyección lineal con supuestos visibles: no modela el crecimiento de la "
    "población, el mantenimiento ni los rendimientos decrecientes. La banda va del costo "
    "bajo al alto."
)
