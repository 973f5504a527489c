"""The rule on the budget functions (the study's Table 3): shares set by hand, locked
functions, then the minimum for the functions whose gap is at or above a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.fmt import pct, pp
from brechas_core.i18n import N_
from brechas_core.rules.floor import (
    TOL,
    Reallocation,
    _check_shares,
    _f,
    exact_zero,
    reallocate,
    reparto_weights,
)
from brechas_core.rules.situation import notices

__all__ = ["SectorView", "SetSharesResult", "sector_view", "set_shares"]


@dataclass(frozen=True)
class SetSharesResult:
    """Result of :func:`set_shares`.

    Attributes
    ----------
    shares : ndarray, shape (..., k)
        Shares after the user's settings (the baseline where infeasible).
    baseline : ndarray, shape (..., k)
    overridden : ndarray of bool, shape (..., k)
        Columns whose share the user set and that were applied (pinned).
    locked : ndarray of bool, shape (..., k)
    feasible : ndarray of bool, shape (...)
    message : str or ndarray of str, shape (...)
        Spanish explanation of what to change when infeasible; ``""`` otherwise.
    """

    shares: np.ndarray
    baseline: np.ndarray
    overridden: np.ndarray
    locked: np.ndarray
    feasible: np.ndarray
    message: np.ndarray | str


def set_shares(
    baseline: ArrayLike,
    overrides: Mapping[int, float] | ArrayLike | None,
    locked: ArrayLike | None = None,
) -> SetSharesResult:
    """Set some columns' shares; the other free columns absorb the difference.

    Parameters
    ----------
    baseline : array_like, shape (..., k)
        Shares summing to 100.
    overrides : mapping {index: share} or array_like, shape (..., k), or None
        New shares in %; in the array form, NaN means "not set".
    locked : array_like of bool, shape (k,) or (..., k), optional
        Columns that never move. Setting a locked column is infeasible.

    Returns
    -------
    SetSharesResult
        Free columns (not set, not locked) absorb the difference in proportion to their
        size, or in equal parts if they are all zero. When impossible, the baseline is
        returned unchanged with ``feasible=False`` and a message.

    Examples
    --------
    >>> res = set_shares([50.0, 30.0, 20.0], {0: 60.0})
    >>> res.shares.tolist(), bool(res.feasible)
    ([60.0, 24.0, 16.0], True)
    >>> res = set_shares([50.0, 30.0, 20.0], {0: 90.0}, locked=[False, False, True])
    >>> bool(res.feasible), res.shares.tolist()
    (False, [50.0, 30.0, 20.0])
    """
    s = _f(baseline)
    _check_shares(s)
    k = s.shape[-1]
    if overrides is None:
        ov = np.full(k, np.nan)
    elif isinstance(overrides, Mapping):
        ov = np.full(k, np.nan)
        for idx, value in overrides.items():
            ov[int(idx)] = float(value)
    else:
        ov = _f(overrides)
    lk = np.zeros(k, dtype=bool) if locked is None else np.asarray(locked, dtype=bool)
    shape = np.broadcast_shapes(s.shape, ov.shape, lk.shape)
    s = np.broadcast_to(s, shape)
    ov = np.broadcast_to(ov, shape)
    lk = np.broadcast_to(lk, shape)

    is_set = ~np.isnan(ov)
    free = ~is_set & ~lk
    bad_value = np.any(is_set & ((ov < 0) | (ov > 100) | ~np.isfinite(np.where(is_set, ov, 0))), -1)
    conflict = np.any(is_set & lk, axis=-1)
    set_total = np.where(is_set, ov, 0.0).sum(axis=-1)
    locked_total = np.where(lk, s, 0.0).sum(axis=-1)
    free_before = np.where(free, s, 0.0).sum(axis=-1)
    free_after = 100.0 - set_total - locked_total
    n_free = free.sum(axis=-1)
    over = free_after < -TOL
    no_free = (n_free == 0) & (np.abs(free_after - free_before) > TOL)
    feasible = ~(bad_value | conflict | over | no_free)

    free_after_c = np.maximum(free_after, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(
            free_before > 0, free_after_c / np.where(free_before > 0, free_before, 1), 0
        )
        equal = np.where(n_free > 0, free_after_c / np.maximum(n_free, 1), 0.0)
    free_new = np.where(free_before[..., None] > 0, s * scale[..., None], equal[..., None])
    # the user's own values stay as typed; what the free columns absorb follows ZERO
    new = np.where(is_set, np.where(is_set, ov, 0.0), np.where(lk, s, exact_zero(free_new)))
    shares = np.where(feasible[..., None], new, s)

    messages = np.full(feasible.shape, "", dtype=object)
    for idx in zip(*np.nonzero(~feasible), strict=True) if feasible.ndim else [()]:
        if feasible[idx]:
            continue
        if bad_value[idx]:
            msg = "Cada participación fijada debe estar entre 0 % y 100 %."
        elif conflict[idx]:
            msg = "No se puede fijar una columna bloqueada: desbloquéela primero."
        elif over[idx]:
            msg = (
                f"Las participaciones fijadas ({pct(float(set_total[idx]), 1)}) y las bloqueadas "
                f"({pct(float(locked_total[idx]), 1)}) suman "
                f"{pct(float(set_total[idx] + locked_total[idx]), 1)}, más del 100 %. "
                "Baje alguna participación fijada o desbloquee alguna columna."
            )
        else:
            msg = (
                "No queda ninguna columna libre que absorba la diferencia de "
                f"{pp(float(free_before[idx] - free_after[idx]), 1)}: deje sin fijar o "
                "desbloquee alguna columna."
            )
        messages[idx] = msg
    return SetSharesResult(
        shares=shares,
        baseline=np.array(s),
        overridden=is_set & feasible[..., None],
        locked=np.array(lk),
        feasible=np.asarray(feasible),
        message=messages.item() if messages.ndim == 0 else messages,
    )


@dataclass(frozen=True)
class SectorView:
    """Result of :func:`sector_view`: the user's settings, then the minimum rule.

    Attributes
    ----------
    settings : SetSharesResult
        Shares after the user's overrides (pinned) and locks.
    reallocation : Reallocation
        The minimum rule applied on ``settings.shares``, reported against the original
        baseline: ``baseline``, ``moved`` and ``target_total_before`` are before any
        set share, and ``top_up`` counts every point that changes hands (the set shares'
        moves and the rule's).
    """

    settings: SetSharesResult
    reallocation: Reallocation

    @property
    def baseline(self) -> np.ndarray:
        """The shares before any change (the study's Table 3)."""
        return self.settings.baseline

    @property
    def shares(self) -> np.ndarray:
        """Final shares after the user's settings and the minimum rule."""
        return self.reallocation.shares

    @property
    def moved(self) -> np.ndarray:
        """Final minus original shares."""
        return self.reallocation.shares - self.settings.baseline

    def notices(self, labels: Sequence[str]) -> list[str]:
        """Spanish explanations for a single scenario."""
        msg = self.settings.message
        out = [str(msg)] if isinstance(msg, str) and msg else []
        return out + notices(
            self.reallocation, labels, targets_name=N_("las funciones con brecha alta")
        )


def sector_view(
    gap_pct: ArrayLike,
    attention_pct: ArrayLike,
    *,
    threshold: float,
    minimum: ArrayLike = 0.0,
    reparto: str = "brecha",
    manual_weights: ArrayLike | None = None,
    overrides: Mapping[int, float] | ArrayLike | None = None,
    locked: ArrayLike | None = None,
) -> SectorView:
    """The minimum rule on the budget functions (the study's Table 3).

    Parameters
    ----------
    gap_pct : array_like, shape (k,) or (..., k)
        Sector gap of each function, in %.
    attention_pct : array_like, shape (..., k)
        Share of the total executed budget of each function (sums to 100).
    threshold : float
        Targets are the functions with ``gap_pct >= threshold``.
    minimum : array_like, shape (...) or scalar
        The targets together get at least this share, in %.
    reparto, manual_weights
        See :func:`reparto_weights`.
    overrides, locked
        See :func:`set_shares`; applied first. Overridden (pinned) and locked functions
        never pay and never receive; they still count in the targets' total when their gap
        is above the threshold.

    Returns
    -------
    SectorView

    Notes
    -----
    A pinned or locked high-gap function keeps its share and receives nothing, but still
    counts towards the minimum: the rule runs on the free high-gap functions with ``F``
    lowered by the pinned share, and the result reports totals over all high-gap functions.

    Examples
    --------
    Functions 1 and 3 have gaps above 50 % and hold 40 % together; a minimum of 60 % in
    equal parts moves 10 points to each, all from function 2:

    >>> view = sector_view([80.0, 10.0, 70.0], [10.0, 60.0, 30.0], threshold=50,
    ...                    minimum=60.0, reparto="igual")
    >>> view.shares.tolist()
    [20.0, 40.0, 40.0]
    """
    gap = _f(gap_pct)
    settings = set_shares(attention_pct, overrides, locked)
    s = settings.shares
    high = np.broadcast_to(gap >= threshold, np.broadcast_shapes(gap.shape, s.shape))
    frozen = settings.overridden | settings.locked
    receives = high & ~frozen
    frozen_target_total = np.where(high & frozen, s, 0.0).sum(axis=-1)
    capacity = np.where(frozen | high, 0.0, s)
    w = reparto_weights(reparto, np.broadcast_to(gap, s.shape), manual_weights)
    F = _f(minimum)
    if not np.all(np.isfinite(F)) or np.any(F < 0) or np.any(F > 100):
        raise ValueError("El mínimo debe estar entre 0 % y 100 %.")
    inner = reallocate(
        s,
        receives,
        np.clip(F - frozen_target_total, 0.0, 100.0),
        weights=w,
        capacity=capacity,
    )
    # Report the rule in terms of all high-gap functions together.
    any_high = np.any(high, axis=-1)
    max_minimum = np.where(
        np.any(receives, -1),
        inner.max_minimum + frozen_target_total,
        inner.target_total_before + frozen_target_total,
    )
    F_b = np.broadcast_to(F, inner.top_up.shape)
    feasible = np.where(any_high, F_b <= max_minimum + TOL, F_b <= TOL)
    # The baseline is the baseline: before the user's set shares, not after them. What
    # changes hands is then the settings' moves plus the rule's (Σ of what is gained).
    original = np.broadcast_to(settings.baseline, inner.shares.shape)
    moved = inner.shares - original
    pinned = np.any(settings.overridden, axis=-1)
    top_up = np.where(pinned, np.clip(moved, 0.0, None).sum(axis=-1), inner.top_up)
    total_before = np.where(high, original, 0.0).sum(axis=-1)
    realloc = Reallocation(
        shares=inner.shares,
        baseline=np.array(original),
        moved=moved,
        is_target=np.array(high),
        capacity=inner.capacity,
        top_up=top_up,
        requested_minimum=np.array(F_b),
        effective_minimum=np.minimum(F_b, max_minimum),
        max_minimum=max_minimum,
        feasible=np.asarray(feasible),
        floors_feasible=inner.floors_feasible,
        target_total_before=total_before,
        target_total_after=inner.target_total_after + frozen_target_total,
        equal_fallback=inner.equal_fallback,
    )
    return SectorView(settings=settings, reallocation=realloc)
