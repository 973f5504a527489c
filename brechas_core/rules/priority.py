"""The rule on the priority gaps (the study's Table 2) plus a "resto" column, the only payer.

Floors per gap, gaps left out, a protected part of the resto, and the ``optimo`` reparto
(where the top-up covers the most people, :mod:`brechas_core.optimal`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.rules.floor import SUM_TOL, TOL, Reallocation, _f, reallocate, reparto_weights

__all__ = ["priority_view"]


def priority_view(
    gap_pct: ArrayLike,
    attention_pct: ArrayLike,
    *,
    included: ArrayLike | None = None,
    minimum: ArrayLike = 0.0,
    reparto: str = "brecha",
    manual_weights: ArrayLike | None = None,
    floors: ArrayLike | None = None,
    protected_pct: ArrayLike = 0.0,
    need_share_pct: ArrayLike | None = None,
    people_per_point: ArrayLike | None = None,
) -> Reallocation:
    """The minimum rule on the priority gaps (the study's Table 2) plus a "resto" column.

    Parameters
    ----------
    gap_pct : array_like, shape (g,) or (..., g)
        Size of each priority gap, in %.
    attention_pct : array_like, shape (..., g)
        Share of the total executed budget that attends each gap (together below 100).
    included : array_like of bool, shape (g,) or (..., g), optional
        Gaps the rule protects (default: all). Excluded gaps neither pay nor receive.
    minimum : array_like, shape (...) or scalar
        ``F``: the included gaps together get at least ``F`` % of the total.
    reparto : {"brecha", "igual", "manual"}
    manual_weights : array_like, shape (..., g), optional
    floors : array_like, shape (..., g), optional
        Per-gap floors in % of the total (only included gaps).
    protected_pct : array_like, shape (...) or scalar
        Part of the total, inside "resto", that cannot be cut (payroll, debt, ...).
    need_share_pct, people_per_point : array_like, shape (..., g), optional
        Only for ``reparto="optimo"`` (see :mod:`brechas_core.optimal` and
        :func:`brechas_core.optimal.optimal_inputs`): the share that closes each gap within
        the horizon, and the people each point of the budget covers in it. The top-up then
        goes where it covers the most people, each gap up to what closes it.

    Returns
    -------
    Reallocation
        With ``k = g + 1`` columns: the gaps in order, then "resto"
        (``100 - Σ attention``), the only payer.

    Examples
    --------
    Two gaps of 60 % and 20 % holding 5 % and 3 %; resto holds 92 %. A minimum of 20 %
    needs ``T = 12``: 9 to the first gap and 3 to the second (by gap size).

    >>> res = priority_view([60.0, 20.0], [5.0, 3.0], minimum=20.0)
    >>> res.shares.round(6).tolist()
    [14.0, 6.0, 80.0]
    """
    gap = _f(gap_pct)
    att = _f(attention_pct)
    if np.any(att < 0) or np.any(att.sum(axis=-1) > 100 + SUM_TOL):
        raise ValueError(
            "La atención a las brechas debe ser no negativa y sumar como máximo 100 %."
        )
    shape = np.broadcast_shapes(gap.shape, att.shape)
    g = shape[-1]
    att = np.broadcast_to(att, shape)
    resto = np.maximum(100.0 - att.sum(axis=-1, keepdims=True), 0.0)
    baseline = np.concatenate([att, resto], axis=-1)
    inc = np.ones(g, dtype=bool) if included is None else np.asarray(included, dtype=bool)
    inc = np.broadcast_to(inc, np.broadcast_shapes(inc.shape, shape))
    is_target = np.concatenate([inc, np.zeros((*inc.shape[:-1], 1), dtype=bool)], axis=-1)
    protected = _f(protected_pct)
    if np.any(protected < 0) or np.any(protected > 100):
        raise ValueError("El monto protegido debe estar entre 0 % y 100 % del total.")
    cap_resto = np.maximum(resto - protected[..., None], 0.0)
    capacity = np.concatenate([np.zeros(shape), cap_resto], axis=-1)
    fl = None
    if floors is not None:
        fl = _f(floors)
        fl = np.concatenate([fl, np.zeros((*fl.shape[:-1], 1))], axis=-1)
    if reparto == "optimo":
        w = _optimal_weights(
            baseline, is_target, minimum, gap, fl, capacity, need_share_pct, people_per_point
        )
    else:
        w = reparto_weights(reparto, gap, manual_weights)
        w = np.concatenate([w, np.zeros((*w.shape[:-1], 1))], axis=-1)
    return reallocate(baseline, is_target, minimum, weights=w, floors=fl, capacity=capacity)


def _optimal_weights(
    baseline, is_target, minimum, gap, floors, capacity, need_share_pct, people_per_point
) -> np.ndarray:
    """Weights that make :func:`reallocate` give each gap exactly its optimal part of the
    top-up (the part above the floors), computed by :func:`brechas_core.optimal.greedy_split`.
    """
    from brechas_core.optimal import greedy_split  # optimal is a leaf module; no cycle

    if need_share_pct is None or people_per_point is None:
        raise ValueError(
            "El reparto óptimo necesita el costo por persona y la población de cada brecha."
        )
    g = gap.shape[-1]
    by_gap = np.concatenate(
        [reparto_weights("brecha", gap), np.zeros((*gap.shape[:-1], 1))], axis=-1
    )
    kw = {"weights": by_gap, "floors": floors, "capacity": capacity}
    floors_only = reallocate(baseline, is_target, 0.0, **kw)
    full = reallocate(baseline, is_target, minimum, **kw)
    extra = np.maximum(full.top_up - floors_only.top_up, 0.0)
    held = floors_only.shares[..., :g]
    room = np.maximum(_f(need_share_pct) - held, 0.0)
    inc = np.asarray(is_target)[..., :g]
    x = greedy_split(extra, room, _f(people_per_point), gap, inc)
    x = np.where((extra > TOL)[..., None], x, np.broadcast_to(by_gap[..., :g], x.shape))
    return np.concatenate([x, np.zeros((*x.shape[:-1], 1))], axis=-1)
