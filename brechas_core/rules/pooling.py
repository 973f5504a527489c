"""Many municipalities under the rule, read as one territory (budget-weighted)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.rules.floor import Reallocation, _f

__all__ = ["pool"]


def pool(result: Reallocation, weights: ArrayLike) -> Reallocation:
    """Many tables under the rule, read as one: each municipality's result weighted by its
    executed budget.

    ``result`` has shape ``(..., n, k)`` (``n`` municipalities); the pooled result has
    shape ``(..., k)``. Shares, totals and the top-up are weighted means, so that
    ``pooled.top_up / 100 * Σ weights`` is exactly the sum of the soles each municipality
    moves; ``feasible`` holds only where every municipality's rule is feasible.

    Examples
    --------
    Two municipalities of 100 and 300 soles; the first moves 10 points, the second none:
    together 10 soles out of 400, 2.5 points.

    >>> from brechas_core.rules import priority_view
    >>> res = priority_view([50.0], [[10.0], [30.0]], minimum=20.0)
    >>> float(pool(res, [100.0, 300.0]).top_up)
    2.5
    """
    w = _f(weights)
    if w.ndim != 1 or w.shape[0] != result.shares.shape[-2]:
        raise ValueError("Hace falta un peso por municipalidad.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("Los pesos deben ser números no negativos.")
    total = w.sum()
    w = w / total if total > 0 else np.full_like(w, 1.0 / max(len(w), 1))

    def rows(x):  # (..., n, k) -> (..., k)
        return np.einsum("...nk,n->...k", np.asarray(x, dtype=float), w)

    def scalars(x):  # (..., n) -> (...)
        return np.einsum("...n,n->...", np.asarray(x, dtype=float), w)

    shares = rows(result.shares)
    baseline = rows(result.baseline)
    return Reallocation(
        shares=shares,
        baseline=baseline,
        moved=shares - baseline,
        is_target=np.any(result.is_target, axis=-2),
        capacity=rows(result.capacity),
        top_up=scalars(result.top_up),
        requested_minimum=np.max(result.requested_minimum, axis=-1),
        effective_minimum=scalars(result.effective_minimum),
        max_minimum=scalars(result.max_minimum),
        feasible=np.all(result.feasible, axis=-1),
        floors_feasible=np.all(result.floors_feasible, axis=-1),
        target_total_before=scalars(result.target_total_before),
        target_total_after=scalars(result.target_total_after),
        equal_fallback=np.any(result.equal_fallback, axis=-1),
    )
