"""The best way to share a top-up: as many people newly covered within the horizon as possible.

``reparto=optimo`` shares the rule's top-up (what is left after the floors) among the
included gaps so that the people newly covered within the horizon ``H`` are the most:

* gap ``i`` covers ``p_i = H * E / 100 / c_i`` people per point of the executed budget ``E``
  it receives (``c_i`` its cost per person); gaps without a cost per person cover nobody in
  the projection (``p_i = 0``);
* a gap stops receiving once it would close within the horizon: it can use at most
  ``room_i = max(need_i - b_i, 0)`` points, where ``need_i`` is the share that closes it in
  ``H`` years and ``b_i`` what it already has (baseline plus floor);
* what no gap can use goes to the included gaps without a cost per person, in proportion to
  their gap (else to every included gap, in proportion to its gap).

As a linear programme, per municipality: maximise ``Σ p_i x_i`` subject to
``Σ x_i <= X`` (the top-up) and ``0 <= x_i <= room_i``. It is a fractional knapsack, so the
optimum fills gaps in increasing cost per person; :func:`greedy_split` computes exactly that
(vectorised over any number of municipalities), and :func:`lp_split` solves the same
programme with ``scipy.optimize.linprog`` (HiGHS), one sparse problem for every municipality
at once. Ties in cost are broken by the larger gap, then by position.

:func:`fund_split` splits a fixed fund across the municipalities of a territory the same way:
each sol goes where it covers the most people, and no gap receives more than it needs to close
within the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import sparse
from scipy.optimize import linprog

from brechas_core.i18n import N_

__all__ = [
    "METHOD",
    "FundSplit",
    "fund_split",
    "greedy_split",
    "lp_split",
    "optimal_inputs",
]

#: Relative tolerance for "a gap is full" and for LP comparisons.
TOL = 1e-9


def optimal_inputs(
    gap_pct: ArrayLike,
    *,
    unit_cost: ArrayLike,
    base_share: ArrayLike,
    population: ArrayLike,
    executed_soles: ArrayLike,
    horizon_years: int,
) -> dict[str, np.ndarray]:
    """What ``reparto=optimo`` needs beyond the rule: per gap, the share of the executed budget
    that closes it within the horizon and the people each point of the budget covers.

    Parameters
    ----------
    gap_pct : array_like, shape (..., g)
    unit_cost : array_like, shape (..., g)
        Cost per person; NaN for gaps without one (they get ``people_per_point = 0``, as do
        gaps where the population or the budget is unknown or zero).
    base_share : array_like, shape (..., g)
        Fraction of the population each gap applies to (NaN where not people).
    population, executed_soles : array_like, shape (...)
    horizon_years : int

    Returns
    -------
    dict
        ``need_share_pct`` and ``people_per_point`` (arrays, shape (..., g)): keyword
        arguments for :func:`brechas_core.rules.priority_view` with ``reparto="optimo"``.

    Examples
    --------
    A 50 % gap in 1,000 people at S/ 100 each, S/ 100,000 executed, 10 years: closing needs
    S/ 5,000 a year (5 % of the budget); each point (S/ 1,000) covers 10 people a year, 100
    within the horizon.

    >>> o = optimal_inputs([50.0], unit_cost=[100.0], base_share=[1.0], population=1_000,
    ...                    executed_soles=100_000, horizon_years=10)
    >>> o["need_share_pct"].tolist(), o["people_per_point"].tolist()
    ([5.0], [100.0])
    """
    gap = np.asarray(gap_pct, dtype=float)
    cost = np.asarray(unit_cost, dtype=float)
    base = np.asarray(base_share, dtype=float)
    pop = np.asarray(population, dtype=float)[..., None]
    executed = np.asarray(executed_soles, dtype=float)[..., None]
    h = float(horizon_years)
    has_cost = (
        np.isfinite(cost)
        & (cost > 0)
        & np.isfinite(base)
        & np.isfinite(gap)
        & np.isfinite(pop)
        & (pop > 0)
        & np.isfinite(executed)
        & (executed > 0)
    )
    safe_cost = np.where(has_cost, cost, 1.0)
    safe_pop = np.where(has_cost, pop, 0.0)
    safe_exec = np.where(has_cost, executed, 1.0)
    u0 = np.where(has_cost, np.nan_to_num(gap) / 100.0 * safe_pop * np.nan_to_num(base), 0.0)
    need = 100.0 * u0 * safe_cost / h / safe_exec
    per_point = np.where(has_cost, h * safe_exec / 100.0 / safe_cost, 0.0)
    return {"need_share_pct": need, "people_per_point": per_point}


def _order_keys(people_per_point: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Fill order per row: most people per point first, then larger gap, then position."""
    g = people_per_point.shape[-1]
    position = np.broadcast_to(np.arange(g), people_per_point.shape)
    # lexsort: last key is primary
    keys = (position, -np.broadcast_to(gap, people_per_point.shape), -people_per_point)
    return np.lexsort(keys, axis=-1)


def _split_inputs(extra, room, people_per_point, gap_pct, included):
    """The arguments of a split as arrays, and the shape ``(..., g)`` they broadcast to."""
    X = np.asarray(extra, dtype=float)
    inc = np.asarray(included, dtype=bool)
    p = np.asarray(people_per_point, dtype=float)
    gap = np.asarray(gap_pct, dtype=float)
    shape = np.broadcast_shapes((*X.shape, 1), np.shape(room), p.shape, gap.shape, inc.shape)
    return X, inc, p, gap, shape


def greedy_split(
    extra: ArrayLike,
    room: ArrayLike,
    people_per_point: ArrayLike,
    gap_pct: ArrayLike,
    included: ArrayLike,
) -> np.ndarray:
    """The optimal split of a top-up, in closed form (vectorised fractional knapsack).

    Parameters
    ----------
    extra : array_like, shape (...)
        Points of the budget to share (``X``).
    room : array_like, shape (..., g)
        Most points each gap can use before it would close within the horizon.
    people_per_point : array_like, shape (..., g)
        People newly covered within the horizon per point (0: no cost per person).
    gap_pct : array_like, shape (..., g)
        For ties, and for sharing what no gap can use.
    included : array_like of bool, shape (..., g)

    Returns
    -------
    ndarray, shape (..., g)
        Points given to each gap; they add up to ``extra`` wherever some gap is included.

    Examples
    --------
    Six points to share; gap 0 covers 2 people per point and can use 4, gap 1 covers 5 and
    can use 1, gap 2 has no cost per person: gap 1 fills first (1), then gap 0 (4), and the
    last point goes to gap 2.

    >>> greedy_split(6.0, [4.0, 1.0, 0.0], [2.0, 5.0, 0.0], [30.0, 20.0, 10.0],
    ...              [True, True, True]).tolist()
    [4.0, 1.0, 1.0]
    """
    X, inc, p, gap, shape = _split_inputs(extra, room, people_per_point, gap_pct, included)
    inc = np.broadcast_to(inc, shape)
    useful = inc & (p > 0)
    r = np.where(useful, np.maximum(np.broadcast_to(np.asarray(room, dtype=float), shape), 0), 0)
    p = np.broadcast_to(p, shape)
    gap = np.broadcast_to(np.nan_to_num(gap), shape)
    X = np.broadcast_to(X, shape[:-1])

    order = _order_keys(np.where(useful, p, -1.0), gap)
    r_sorted = np.take_along_axis(r, order, axis=-1)
    before = np.cumsum(r_sorted, axis=-1) - r_sorted
    x_sorted = np.clip(X[..., None] - before, 0.0, r_sorted)
    x = np.empty(shape)
    np.put_along_axis(x, order, x_sorted, axis=-1)

    leftover = np.maximum(X - x.sum(axis=-1), 0.0)
    # What no gap can use: to included gaps without a cost per person, by gap; else to every
    # included gap by gap; else in equal parts among the included.
    no_cost = inc & ~(p > 0)
    for pool in (np.where(no_cost, gap, 0.0), np.where(inc, gap, 0.0), inc.astype(float)):
        total = pool.sum(axis=-1)
        give = (leftover > 0) & (total > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(give[..., None], pool / np.where(total > 0, total, 1.0)[..., None], 0)
        x = x + leftover[..., None] * part
        leftover = np.where(give, 0.0, leftover)
    return x


def lp_split(
    extra: ArrayLike,
    room: ArrayLike,
    people_per_point: ArrayLike,
    gap_pct: ArrayLike,
    included: ArrayLike,
) -> np.ndarray:
    """The same optimum as :func:`greedy_split`, solved as one linear programme (HiGHS).

    All rows (municipalities) go into one sparse problem: maximise ``Σ_m Σ_i p_mi x_mi``
    subject to ``Σ_i x_mi <= X_m`` and ``0 <= x_mi <= room_mi``. Among gaps with the same
    cost per person any split is optimal; the solver's is then reordered as in
    :func:`greedy_split` (larger gap first), and what no gap can use is shared as there.

    Examples
    --------
    >>> lp_split(6.0, [4.0, 1.0, 0.0], [2.0, 5.0, 0.0], [30.0, 20.0, 10.0],
    ...          [True, True, True]).round(9).tolist()
    [4.0, 1.0, 1.0]
    """
    X, inc, p, gap, shape = _split_inputs(extra, room, people_per_point, gap_pct, included)
    g = shape[-1]
    inc = np.broadcast_to(inc, shape).reshape(-1, g)
    p = np.broadcast_to(p, shape).reshape(-1, g)
    gap_b = np.broadcast_to(np.nan_to_num(gap), shape).reshape(-1, g)
    useful = inc & (p > 0)
    r = np.where(
        useful, np.maximum(np.broadcast_to(np.asarray(room, float), shape), 0).reshape(-1, g), 0
    )
    Xf = np.broadcast_to(X, shape[:-1]).reshape(-1)
    n = Xf.shape[0]
    scale = np.where(p > 0, p, 0.0).max(initial=1.0)
    c = -(np.where(useful, p, 0.0) / scale).reshape(-1)
    rows = np.repeat(np.arange(n), g)
    A = sparse.csr_array((np.ones(n * g), (rows, np.arange(n * g))), shape=(n, n * g))
    res = linprog(
        c,
        A_ub=A,
        b_ub=Xf,
        bounds=np.column_stack([np.zeros(n * g), r.reshape(-1)]),
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - a bounded feasible LP always solves
        raise RuntimeError(f"El programa lineal no se resolvió: {res.message}")
    x = _break_ties(np.clip(res.x.reshape(n, g), 0.0, r), r, np.where(useful, p, -1.0), gap_b)
    # what no gap can use, shared as in greedy_split (zero room: the greedy fills nothing)
    rest = greedy_split(np.maximum(Xf - x.sum(axis=-1), 0.0), 0.0, p, gap_b, inc)
    return (x + rest).reshape(shape)


def _break_ties(x: np.ndarray, room: np.ndarray, p: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Within each group of gaps with equal people per point (same row), refill the group's
    total in the greedy's order: the objective is unchanged, the split is deterministic.
    Sort-based, so a row of thousands of gaps (a territory's fund) stays linear."""
    n, g = x.shape
    order = _order_keys(p, gap)
    p_s = np.take_along_axis(p, order, axis=-1)
    r_s = np.take_along_axis(room, order, axis=-1)
    x_s = np.take_along_axis(x, order, axis=-1)
    new = np.ones((n, g), dtype=bool)
    new[:, 1:] = p_s[:, 1:] != p_s[:, :-1]
    group = np.cumsum(new, axis=-1) - 1 + (np.arange(n) * g)[:, None]
    totals = np.bincount(group.ravel(), weights=x_s.ravel(), minlength=n * g)
    before_row = np.cumsum(r_s, axis=-1) - r_s
    start = np.maximum.accumulate(np.where(new, before_row, -np.inf), axis=-1)
    refilled = np.clip(totals[group] - (before_row - start), 0.0, r_s)
    out = np.empty_like(x)
    np.put_along_axis(out, order, refilled, axis=-1)
    return out


def _most_closed(budget: float, cost: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Which gaps to close for the most closed gaps within ``budget``.

    A 0-1 knapsack whose items all count 1: the cheapest gaps first is optimal (swapping a
    chosen gap for a cheaper unchosen one never lowers the count nor raises the cost), so it
    is solved by sorting; ``tests/core/test_optimal.py`` checks it against
    ``scipy.optimize.milp`` and a brute force. (HiGHS's branch and bound takes minutes on a
    country's 5,000 equal-valued items; the sort takes a millisecond.)
    """
    idx = np.flatnonzero(usable)
    order = idx[np.argsort(cost[idx], kind="stable")]
    take = np.cumsum(cost[order]) <= budget * (1 + 1e-12)
    out = np.zeros(cost.shape, dtype=bool)
    out[order[take]] = True
    return out


@dataclass(frozen=True)
class FundSplit:
    """Result of :func:`fund_split`.

    Attributes
    ----------
    soles : ndarray, shape (n, g)
        Soles per year given to each municipality's gap.
    people : ndarray, shape (n, g)
        People newly covered within the horizon thanks to the fund.
    closes : ndarray of bool, shape (n, g)
        Gaps the fund closes within the horizon (that did not close without it).
    used_soles : float
        Part of the fund that covers someone (the rest is not needed by any gap).
    people_total : float
    gaps_closed : int
    """

    soles: np.ndarray
    people: np.ndarray
    closes: np.ndarray
    used_soles: float
    people_total: float
    gaps_closed: int


def fund_split(
    fund_soles: float,
    shortfall_soles: ArrayLike,
    unit_cost: ArrayLike,
    *,
    horizon_years: int,
    objective: str = "personas",
) -> FundSplit:
    """A fixed fund (soles per year) split across municipalities to cover the most people,
    or to close the most gaps.

    Parameters
    ----------
    fund_soles : float
        Soles per year to share.
    shortfall_soles : array_like, shape (n, g)
        What each gap still lacks per year to close within the horizon (0 if it closes).
    unit_cost : array_like, shape (n, g)
        Cost per person of each gap in each municipality.
    horizon_years : int
    objective : {"personas", "brechas"}
        ``"personas"``: the most people newly covered within the horizon (a linear
        programme). ``"brechas"``: the most gaps closed within the horizon (a gap counts
        when its whole shortfall is paid; cheapest first, see :func:`_most_closed`); what is
        left then goes where it covers the most people.

    Returns
    -------
    FundSplit

    Examples
    --------
    S/ 1,000 a year for 10 years; gap A lacks S/ 600 a year at S/ 100 per person, gap B lacks
    S/ 800 at S/ 400: A is filled (60 people), B gets the other S/ 400 (10 people).

    >>> f = fund_split(1000.0, [[600.0, 800.0]], [[100.0, 400.0]], horizon_years=10)
    >>> f.soles.round(6).tolist(), round(f.people_total, 6), f.gaps_closed
    ([[600.0, 400.0]], 70.0, 1)

    To close the most gaps, two small dear ones beat one large cheap one:

    >>> f = fund_split(1000.0, [[900.0, 450.0, 500.0]], [[100.0, 400.0, 400.0]],
    ...                horizon_years=10, objective="brechas")
    >>> f.gaps_closed, f.soles.round(6).tolist()
    (2, [[50.0, 450.0, 500.0]])
    """
    short = np.maximum(np.nan_to_num(np.asarray(shortfall_soles, dtype=float)), 0.0)
    cost = np.asarray(unit_cost, dtype=float)
    if not np.isfinite(fund_soles) or fund_soles < 0:
        raise ValueError("El fondo debe ser un monto no negativo en soles al año.")
    if objective not in ("personas", "brechas"):
        raise ValueError("El objetivo del fondo debe ser «personas» o «brechas».")
    ok = np.isfinite(cost) & (cost > 0)
    per_sol = np.where(ok, float(horizon_years) / np.where(ok, cost, 1.0), 0.0)
    flat_short = short.reshape(-1)
    usable = ok.reshape(-1) & (flat_short > 0)
    closed = np.zeros_like(flat_short)
    budget = float(fund_soles)
    if objective == "brechas" and usable.any():
        closed = np.where(
            _most_closed(budget, np.where(usable, flat_short, 0.0), usable), flat_short, 0.0
        )
        budget = max(budget - float(closed.sum()), 0.0)
    flat = lp_split(
        np.asarray(budget),
        flat_short - closed,
        per_sol.reshape(-1),
        flat_short,
        usable & (flat_short - closed > 0),
    )
    # lp_split shares what no gap can use; a fund keeps it (it is not needed)
    soles = (closed + np.minimum(flat, flat_short - closed)).reshape(short.shape)
    people = soles * per_sol
    closes = (short > 0) & (soles >= short * (1 - 1e-9))
    return FundSplit(
        soles=soles,
        people=people,
        closes=closes,
        used_soles=float(soles.sum()),
        people_total=float(people.sum()),
        gaps_closed=int(closes.sum()),
    )


#: reparto=optimo as a linear programme, in Spanish (Metodología).
METHOD = N_(
    "**Reparto óptimo.** Reparte el aumento (lo que queda después de los pisos) para cubrir "
    "al mayor número de personas dentro del horizonte: un programa lineal (scipy, HiGHS) que "
    "maximiza Σ pᵢ xᵢ con Σ xᵢ ≤ aumento y 0 ≤ xᵢ ≤ lo que cierra la brecha i en el "
    "horizonte, donde pᵢ son las personas que cubre cada punto del presupuesto en la brecha "
    "i. Su solución llena primero la brecha más barata por persona, hasta que se cerraría; "
    "lo que ninguna brecha puede usar va a las brechas sin costo por persona. Respeta pisos, "
    "exclusiones y la parte protegida. Con un fondo para todo un territorio se resuelve el "
    "mismo programa entre todas sus municipalidades."
)
