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

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

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

__all__ = [
    "MIN_POINTS",
    "Alignment",
    "alignment",
    "minimum_curve",
    "smallest_significant_minimum",
    "testable",
]

#: The default grid of minimums: 0 %, 1 %, ..., 100 %.
MINIMUMS = np.linspace(0.0, 100.0, 101)

#: Fewest points on which a correlation test is shown. With 3 points (a real district's
#: three census gaps) the t test has 1 degree of freedom, rho can only be -1, -0.5, 0.5
#: or 1, and a perfect 1 reads "|t| = inf > 12.706": a verdict the data cannot carry.
#: With 5, the test has 3 degrees of freedom and rho 11 possible values.
MIN_POINTS = 5


def testable(gap_pct: ArrayLike) -> bool:
    """Whether a correlation test on these gaps can say something: at least
    :data:`MIN_POINTS` gaps, all known.

    Examples
    --------
    >>> testable([60.0, 20.0, 40.0]), testable([1.0, 2.0, 3.0, 4.0, 5.0])
    (False, True)
    >>> testable([1.0, 2.0, float("nan"), 4.0, 5.0])
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
        Least-squares line of share on gap.
    """

    spearman: CorrelationResult
    pearson: CorrelationResult
    fit: OLSResult


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
            fit=OLSResult(nan, nan, nan, gap.size),
        )
    return Alignment(
        spearman=spearman(gap_pct, share_pct, alpha),
        pearson=pearson(gap_pct, share_pct, alpha),
        fit=ols(gap_pct, share_pct),
    )


def minimum_curve(
    view: Literal["prioridades", "sectores"],
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
    view : {"prioridades", "sectores"}
        ``"prioridades"``: :func:`~brechas_core.rules.priority_view`, the correlation is
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
    >>> curve = minimum_curve("prioridades", [60.0, 20.0, 40.0, 10.0], [1.0, 5.0, 2.0, 0.0],
    ...                       minimums=[0.0, 50.0])
    >>> curve[["minimum", "rho", "feasible"]].round(2).to_dict("list")
    {'minimum': [0.0, 50.0], 'rho': [0.2, 1.0], 'feasible': [True, True]}
    """
    F = np.asarray(minimums, dtype=float)
    if F.ndim != 1:
        raise ValueError("Los mínimos deben ser un vector.")
    gap = np.asarray(gap_pct, dtype=float)
    if view == "prioridades":
        res = priority_view(gap, attention_pct, minimum=F, **rule)
        shares = res.shares[..., : gap.shape[-1]]
    elif view == "sectores":
        res = sector_view(gap, attention_pct, minimum=F, **rule).reallocation
        shares = res.shares
    else:
        raise ValueError(f"Vista desconocida: {view!r}. Use «prioridades» o «sectores».")
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
