"""Does the money follow the gaps? Alignment tests for a scenario and along the minimum.

The study finds no significant alignment between gap size and budget share (Spearman's rho
on Table 2, Pearson's r on Table 3). :func:`alignment` repeats its tests for any scenario;
:func:`minimum_curve` evaluates the minimum rule for a whole grid of minimums in one
vectorised call and tests the alignment at each; :func:`smallest_significant_minimum`
reads off the smallest minimum at which the alignment becomes significant.

"Significant" on the curve means a significant *positive* alignment, ``t > t_critical``
(two-sided critical value at ``alpha``, ``n - 2`` degrees of freedom): the budget follows
the gaps. A significant negative correlation (Table 3's baseline) does not count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from brechas_core.i18n import N_
from brechas_core.rules import priority_view, sector_view
from brechas_core.stats import (
    CorrelationResult,
    OLSResult,
    ols,
    pearson,
    pearson_rows,
    spearman,
    spearman_rows,
    t_critical,
    t_from_r,
)
from brechas_core.vocabulary import PRIORITY, VIEWS, View

__all__ = [
    "METHOD",
    "MIN_POINTS",
    "Alignment",
    "alignment",
    "alignment_of",
    "carries_a_test",
    "exact_smallest_minimum",
    "minimum_curve",
    "smallest_significant_minimum",
]

#: The default grid of minimums: 0 %, 1 %, ..., 100 %.
MINIMUMS = np.linspace(0.0, 100.0, 101)

#: Fewest points on which a correlation test is shown. With 3 points (a real district's
#: three census gaps) the t test has 1 degree of freedom, rho can only be -1, -0.5, 0.5
#: or 1, and a perfect 1 reads "|t| = inf > 12.706": a verdict the data cannot carry.
#: With 5, the test has 3 degrees of freedom and rho 11 possible values.
MIN_POINTS = 5


def carries_a_test(gap_pct: ArrayLike) -> bool:
    """Whether a correlation test on these gaps can say something: at least
    :data:`MIN_POINTS` gaps, all known.

    Examples
    --------
    >>> carries_a_test([60.0, 20.0, 40.0]), carries_a_test([1.0, 2.0, 3.0, 4.0, 5.0])
    (False, True)
    >>> carries_a_test([1.0, 2.0, float("nan"), 4.0, 5.0])
    False
    """
    gap = np.asarray(gap_pct, dtype=float)
    return gap.size >= MIN_POINTS and bool(np.all(np.isfinite(gap)))


def _unknown(method: str, n: int, alpha: float) -> CorrelationResult:
    nan = float("nan")
    return CorrelationResult(method, nan, nan, n, n - 2, nan, nan, alpha)


@dataclass(frozen=True)
class Alignment:
    """Alignment between gap size and budget share for one scenario.

    Attributes
    ----------
    spearman, pearson : CorrelationResult
        The study's two tests (Table 2 uses Spearman, Table 3 Pearson).
    fit : OLSResult
        Least-squares line of share on gap, fitted (scikit-learn) when first read: a
        slider move whose page shows no fitted line does not pay for it (issue 12; it was
        a third of a simulation's time).
    """

    spearman: CorrelationResult
    pearson: CorrelationResult
    fitted: Callable[[], OLSResult] = field(repr=False, compare=False)

    @cached_property
    def fit(self) -> OLSResult:
        return self.fitted()


def alignment(gap_pct: ArrayLike, share_pct: ArrayLike, alpha: float = 0.05) -> Alignment:
    """Spearman, Pearson and the least-squares line of share (y) on gap (x).

    Parameters
    ----------
    gap_pct : array_like, shape (n,)
    share_pct : array_like, shape (n,)
    alpha : float

    Returns
    -------
    Alignment

    Examples
    --------
    >>> res = alignment([10, 40, 70, 90], [1, 3, 2, 8])
    >>> round(res.spearman.statistic, 2), round(res.pearson.statistic, 3)
    (0.8, 0.781)
    """
    gap, share = np.asarray(gap_pct, dtype=float), np.asarray(share_pct, dtype=float)
    if not (np.all(np.isfinite(gap)) and np.all(np.isfinite(share))) or gap.size < 3:
        # unknown gaps (a district without census data) or too few points: nothing to test
        nan = float("nan")
        return Alignment(
            spearman=_unknown("spearman", gap.size, alpha),
            pearson=_unknown("pearson", gap.size, alpha),
            fitted=lambda: OLSResult(nan, nan, nan, gap.size),
        )
    gap, share = gap.copy(), share.copy()  # the fit reads them later: its own copies
    return Alignment(
        spearman=spearman(gap, share, alpha),
        pearson=pearson(gap, share, alpha),
        fitted=lambda: ols(gap, share),
    )


def alignment_of(
    gap_pct: ArrayLike,
    share_pct: ArrayLike,
    spearman_test: CorrelationResult,
    pearson_test: CorrelationResult,
) -> Alignment:
    """:func:`alignment` from its two tests, computed for many rows of shares at once
    (:func:`~brechas_core.stats.spearman_rows`, :func:`~brechas_core.stats.pearson_rows`
    and :func:`~brechas_core.stats.correlation_rows`: the same values as one row's
    :func:`~brechas_core.stats.spearman` and :func:`~brechas_core.stats.pearson`;
    tests/core/test_simulation_steps.py). For known gaps, at least three: :func:`alignment`
    says when.

    Examples
    --------
    >>> one = alignment([10, 40, 70, 90], [1, 3, 2, 8])
    >>> same = alignment_of([10, 40, 70, 90], [1, 3, 2, 8], one.spearman, one.pearson)
    >>> same.fit == one.fit
    True
    """
    gap = np.array(gap_pct, dtype=float)  # the fit reads them later: its own copies
    share = np.array(share_pct, dtype=float)
    return Alignment(spearman=spearman_test, pearson=pearson_test, fitted=lambda: ols(gap, share))


def minimum_curve(
    view: View,
    gap_pct: ArrayLike,
    attention_pct: ArrayLike,
    *,
    minimums: ArrayLike = MINIMUMS,
    alpha: float = 0.05,
    **rule: object,
) -> pd.DataFrame:
    """Alignment after the minimum rule, for every minimum of a grid, in one call.

    Parameters
    ----------
    view : {"prioritarias", "sectores"}
        ``"prioritarias"``: :func:`~brechas_core.rules.priority_view`, the correlation is
        over the priority gaps (gap % vs their new share; the "resto" column is left out).
        ``"sectores"``: :func:`~brechas_core.rules.sector_view`, over all functions.
    gap_pct, attention_pct : array_like, shape (n,)
        One scenario's table (Table 2 or Table 3).
    minimums : array_like, shape (m,)
        The grid of minimums ``F`` in % (default 0, 1, ..., 100).
    alpha : float
    **rule
        The other keyword arguments of the view (``included``, ``reparto``, ``floors``,
        ``protected_pct``, ``threshold``, ``overrides``, ``locked``, ...).

    Returns
    -------
    DataFrame
        One row per minimum: ``minimum, rho, r, t_rho, t_r, significant_rho,
        significant_r, feasible``; ``significant_*`` is ``t > t_critical``. The critical
        value and ``n`` are in ``frame.attrs``.

    Examples
    --------
    >>> curve = minimum_curve("prioritarias", [60.0, 20.0, 40.0, 10.0], [1.0, 5.0, 2.0, 0.0],
    ...                       minimums=[0.0, 50.0])
    >>> curve[["minimum", "rho", "feasible"]].round(2).to_dict("list")
    {'minimum': [0.0, 50.0], 'rho': [0.2, 1.0], 'feasible': [True, True]}
    """
    F = np.asarray(minimums, dtype=float)
    if F.ndim != 1:
        raise ValueError("Los mínimos deben ser un vector.")
    gap = np.asarray(gap_pct, dtype=float)
    shares, res = _views(view, gap, attention_pct, rule)(F)
    n = gap.shape[-1]
    rho = spearman_rows(gap, shares)
    r = pearson_rows(gap, shares)
    t_rho = np.asarray(t_from_r(rho, n), dtype=float)
    t_r = np.asarray(t_from_r(r, n), dtype=float)
    crit = t_critical(alpha, n - 2)
    # |r| == 1 gives an infinite t: a perfect line is significant.
    frame = pd.DataFrame(
        {
            "minimum": F,
            "rho": rho,
            "r": r,
            "t_rho": t_rho,
            "t_r": t_r,
            "significant_rho": np.nan_to_num(t_rho, nan=-np.inf) > crit,
            "significant_r": np.nan_to_num(t_r, nan=-np.inf) > crit,
            "feasible": np.asarray(res.feasible, dtype=bool),
        }
    )
    frame.attrs.update({"n": n, "alpha": alpha, "t_critical": crit})
    return frame


def smallest_significant_minimum(
    curve: pd.DataFrame, method: Literal["spearman", "pearson"] = "spearman"
) -> float | None:
    """The smallest feasible minimum of the grid at which the alignment is significant.

    Parameters
    ----------
    curve : DataFrame
        From :func:`minimum_curve`.
    method : {"spearman", "pearson"}

    Returns
    -------
    float or None
        ``None`` when no feasible minimum of the grid reaches ``t > t_critical``.

    Examples
    --------
    >>> curve = pd.DataFrame({"minimum": [0.0, 10.0, 20.0], "significant_rho": [False, True, True],
    ...                       "feasible": [True, True, True]})
    >>> smallest_significant_minimum(curve)
    10.0
    """
    column = {"spearman": "significant_rho", "pearson": "significant_r"}[method]
    ok = curve[column].to_numpy(bool) & curve["feasible"].to_numpy(bool)
    return float(curve["minimum"].to_numpy(float)[ok].min()) if ok.any() else None


def _views(view: View, gap: np.ndarray, attention_pct: ArrayLike, rule: dict):
    """The rule at any array of minimums, as (shares over the correlated columns, result):
    in the priority view the "resto" column is left out of the correlation."""
    if view not in VIEWS:
        raise ValueError(f"Vista desconocida: {view!r}. Use «prioritarias» o «sectores».")
    n = gap.shape[-1]

    def at(F: np.ndarray):
        if view == PRIORITY:
            res = priority_view(gap, attention_pct, minimum=F, **rule)
        else:
            res = sector_view(gap, attention_pct, minimum=F, **rule).reallocation
        return res.shares[..., :n], res

    return at


def _significant(gap: np.ndarray, shares: np.ndarray, method: str, alpha: float) -> np.ndarray:
    n = gap.shape[-1]
    r = spearman_rows(gap, shares) if method == "spearman" else pearson_rows(gap, shares)
    t = np.asarray(t_from_r(r, n), dtype=float)
    return np.nan_to_num(t, nan=-np.inf) > t_critical(alpha, n - 2)


def exact_smallest_minimum(
    view: View,
    gap_pct: ArrayLike,
    attention_pct: ArrayLike,
    method: Literal["spearman", "pearson"] = "spearman",
    *,
    alpha: float = 0.05,
    **rule: object,
) -> float | None:
    """The exact smallest feasible minimum ``F`` from which the alignment is significant.

    The shares are piecewise linear in ``F``: constant up to what the targets hold once
    their floors are met (``F0``, the targets' total at ``F = 0``), linear from there to the
    largest feasible minimum, and the rule is infeasible beyond. On the linear piece,
    Spearman's rho only changes where two shares cross, and Pearson's r reaches its
    critical value at a root of a quadratic in ``F``. So the answer is found exactly
    among those points (each checked at the point and just after it), not on a grid.

    Returns
    -------
    float or None
        The infimum of the significant feasible minimums (the alignment is significant at
        it or for every ``F`` just above it); ``None`` when no feasible minimum is.

    Examples
    --------
    Gaps 60, 20, 40, 10 holding 1, 5, 2 and 0 % (8 together), shared by gap size: with
    four points only rho = 1 is significant, and it is reached when the 40 % gap's share
    (2 + 40/130 per point above 8) passes the 20 % gap's (5 + 20/130 per point), at
    F = 8 + 19.5 = 27.5:

    >>> F = exact_smallest_minimum("prioritarias", [60.0, 20.0, 40.0, 10.0], [1.0, 5.0, 2.0, 0.0])
    >>> round(F, 9)
    27.5
    """
    gap = np.asarray(gap_pct, dtype=float)
    n = gap.shape[-1]
    if n < 3:
        return None
    at = _views(view, gap, attention_pct, dict(rule))
    ends, res = at(np.array([0.0, 100.0]))
    if not bool(np.asarray(res.feasible)[0]):
        return None  # not even F = 0 fits (floors that cannot be met)
    lo = float(np.asarray(res.target_total_after)[0])  # F0: below it nothing changes
    hi = min(100.0, float(np.asarray(res.max_minimum)[0]))
    if _significant(gap, ends[:1], method, alpha)[0]:
        return 0.0
    if hi <= lo:
        return None
    (s_lo, s_hi), _ = at(np.array([lo, hi]))
    d = s_hi - s_lo  # shares(F) = s_lo + u * d, u = (F - lo) / (hi - lo) in [0, 1]
    if method == "spearman":
        # ranks change where two lines cross
        with np.errstate(divide="ignore", invalid="ignore"):
            u = (s_lo[None, :] - s_lo[:, None]) / (d[:, None] - d[None, :])
        cuts = u[np.isfinite(u) & (u > 0) & (u < 1)]
    else:
        x = gap - gap.mean()
        a, b = s_lo - s_lo.mean(), d - d.mean()
        c0, c1 = x @ a, x @ b
        tc = t_critical(alpha, n - 2)
        k = (tc**2 / (n - 2 + tc**2)) * (x @ x)  # r = r_c  <=>  cov^2 = r_c^2 sx^2 sy^2
        coef = [c1**2 - k * (b @ b), 2 * c0 * c1 - 2 * k * (a @ b), c0**2 - k * (a @ a)]
        roots = np.roots(coef) if np.any(np.abs(coef) > 0) else np.array([])
        roots = roots[np.abs(roots.imag) < 1e-12].real
        cuts = roots[(roots > 0) & (roots < 1)]
    points = np.unique(np.concatenate([[0.0], cuts, [1.0]]))
    mids = (points[:-1] + points[1:]) / 2
    # each point, and the open piece just after it
    probe = np.stack([points[:-1], mids], axis=1).reshape(-1)
    probe = np.append(probe, 1.0)
    ok = _significant(gap, s_lo + probe[:, None] * d, method, alpha)
    hit = np.flatnonzero(ok)
    if hit.size == 0:
        return None
    first = hit[0]
    u_star = probe[first] if first % 2 == 0 or first == probe.size - 1 else probe[first - 1]
    return float(lo + u_star * (hi - lo))


#: The alignment after the rule and the minimum curve, in Spanish (Metodología); the
#: threshold it ends on is :data:`brechas_core.stats.CRITICAL_R_FORMULA`.
METHOD = N_(
    "Se recalculan Spearman, Pearson y la recta con las nuevas participaciones, y se dibuja ρ "
    "y r para cada mínimo F de 0 a 100 % (una sola evaluación vectorizada). Se marca el menor "
    "F desde el que la correlación es positiva y significativa (t > t crítico, α = 0.05). En "
    "el gráfico, el umbral equivalente en el coeficiente es:"
)
