"""The minimum-share rule: move the least money so that protected columns reach a minimum.

The study recommends a guaranteed minimum share of the annual budget for the priority gaps.
This module turns that recommendation into a pure, vectorised rule over *shares*:
percentages of the total executed budget, each vector summing to 100 and never negative.

Every function works over leading axes: the same call evaluates one scenario, 101 values of
the minimum, or 1,891 districts (shape ``(..., k)`` with ``k`` columns).

The rule (:func:`reallocate`), for targets ``i`` with shares ``s_i`` and floors ``f_i``, and a
requested minimum ``F`` for the targets together:

* required top-up ``T = max(Σ max(s_i, f_i), F) - Σ s_i`` (the least money that must move);
* each target is first raised to its floor; the rest of ``T`` is shared among the targets in
  proportion to the reparto weights; money is never taken from a target;
* payers give in proportion to their capacity: ``pay_j = T * cap_j / Σ cap``;
* when ``T > Σ cap`` the rule is infeasible: it is never clipped silently; the largest
  feasible minimum ``max_minimum = Σ s_i + Σ cap`` is applied and reported.

Two views build on it: :func:`priority_view` (the study's Table 2 plus a "resto" column) and
:func:`sector_view` (the 16 functions of Table 3, with user-set shares from
:func:`set_shares` and locked functions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.fmt import num, pct, pp

__all__ = [
    "REPARTOS",
    "ZERO",
    "Reallocation",
    "RuleArgs",
    "SectorView",
    "SetSharesResult",
    "exact_zero",
    "from_scenario",
    "notices",
    "pool",
    "priority_view",
    "protected_exceeds",
    "reallocate",
    "reparto_weights",
    "sector_view",
    "set_shares",
    "situation",
]

#: How a top-up is shared among the protected columns: in proportion to the gap size,
#: in equal parts, or in proportion to weights the user types.
REPARTOS = ("brecha", "igual", "manual", "optimo")

#: Tolerance, in percentage points, for sums of shares and feasibility comparisons.
TOL = 1e-9
#: Tolerance for an input share vector to count as summing to 100 (published tables are
#: rounded to two decimals).
SUM_TOL = 1e-6
#: What counts as zero: a share at or below this many percentage points is exactly 0.
#: Emptying a payer leaves float residues (1e-15) that would otherwise rank above the true
#: zeros in a rank correlation; every share this module produces goes through
#: :func:`exact_zero`.
ZERO = 1e-9


def exact_zero(shares: ArrayLike) -> np.ndarray:
    """Shares with every value at or below :data:`ZERO` (in absolute value) set to exactly 0.

    Examples
    --------
    >>> exact_zero([1.7763568394002505e-15, 0.65, -4e-16, 52.8]).tolist()
    [0.0, 0.65, 0.0, 52.8]
    """
    x = np.asarray(shares, dtype=float)
    return np.where(np.abs(x) <= ZERO, 0.0, x)


def _f(x: ArrayLike) -> np.ndarray:
    return np.asarray(x, dtype=float)


def reparto_weights(
    reparto: str, gap_pct: ArrayLike, manual: ArrayLike | None = None
) -> np.ndarray:
    """Weights for sharing a top-up among columns.

    Parameters
    ----------
    reparto : {"brecha", "igual", "manual"}
        ``"brecha"``: proportional to the gap size; ``"igual"``: equal parts; ``"manual"``:
        the user's ``manual`` weights.
    gap_pct : array_like, shape (..., k)
        Gap of each column, in %.
    manual : array_like, shape (..., k), optional
        Non-negative user weights; required when ``reparto="manual"``.

    Returns
    -------
    ndarray, shape (..., k)
        Non-negative weights (not normalised). Only the weights of the target columns are
        used by :func:`reallocate`; if those are all zero it falls back to equal parts and
        says so in ``Reallocation.equal_fallback``.

    Examples
    --------
    >>> reparto_weights("brecha", [60.0, 20.0]).tolist()
    [60.0, 20.0]
    >>> reparto_weights("igual", [60.0, 20.0]).tolist()
    [1.0, 1.0]
    >>> reparto_weights("manual", [60.0, 20.0], manual=[1, 3]).tolist()
    [1.0, 3.0]
    """
    gap = _f(gap_pct)
    if reparto == "brecha":
        w = gap.copy()
    elif reparto == "igual":
        w = np.ones_like(gap)
    elif reparto == "manual":
        if manual is None:
            raise ValueError("El reparto «manual» necesita los pesos de cada columna.")
        w = np.broadcast_to(_f(manual), np.broadcast_shapes(np.shape(manual), gap.shape))
        w = w.copy()
    elif reparto == "optimo":
        raise ValueError(
            "El reparto «optimo» no usa pesos fijos: priority_view lo calcula con el costo por "
            "persona de cada brecha."
        )
    else:
        raise ValueError(f"Reparto desconocido: {reparto!r}. Use uno de {', '.join(REPARTOS)}.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("Los pesos del reparto deben ser números no negativos.")
    return w


@dataclass(frozen=True)
class Reallocation:
    """Result of :func:`reallocate`; every field is an array over the leading axes ``...``.

    Attributes
    ----------
    shares : ndarray, shape (..., k)
        Shares after the rule, in % of the total (sum 100, never negative).
    baseline : ndarray, shape (..., k)
        Shares before the rule.
    moved : ndarray, shape (..., k)
        ``shares - baseline``: positive for targets that receive, negative for payers.
    is_target, capacity : ndarray, shape (..., k)
        The protected columns and how much each column could give, as used.
    top_up : ndarray, shape (...)
        Money actually moved to the targets, in points of the total.
    requested_minimum : ndarray, shape (...)
        The minimum ``F`` asked for the targets together.
    effective_minimum : ndarray, shape (...)
        The minimum applied: ``min(requested_minimum, max_minimum)``.
    max_minimum : ndarray, shape (...)
        The largest feasible minimum: targets' baseline total plus all capacity.
    feasible : ndarray of bool, shape (...)
        False when the minimum and floors together need more than the capacity.
    floors_feasible : ndarray of bool, shape (...)
        False when even the floors alone do not fit (they were then scaled down).
    target_total_before, target_total_after : ndarray, shape (...)
        The targets' share together before and after.
    equal_fallback : ndarray of bool, shape (...)
        True when the target columns' reparto weights were all zero and equal parts were
        used instead.
    """

    shares: np.ndarray
    baseline: np.ndarray
    moved: np.ndarray
    is_target: np.ndarray
    capacity: np.ndarray
    top_up: np.ndarray
    requested_minimum: np.ndarray
    effective_minimum: np.ndarray
    max_minimum: np.ndarray
    feasible: np.ndarray
    floors_feasible: np.ndarray
    target_total_before: np.ndarray
    target_total_after: np.ndarray
    equal_fallback: np.ndarray

    def notices(self, labels: Sequence[str], **kwargs) -> list[str]:
        """Spanish explanations for a single scenario; see :func:`notices`."""
        return notices(self, labels, **kwargs)


def _check_shares(baseline: np.ndarray, name: str = "Las participaciones") -> None:
    if baseline.ndim < 1:
        raise ValueError(f"{name} deben ser un vector por escenario.")
    if not np.all(np.isfinite(baseline)) or np.any(baseline < 0):
        raise ValueError(f"{name} deben ser números no negativos.")
    if np.any(np.abs(baseline.sum(axis=-1) - 100.0) > SUM_TOL):
        raise ValueError(f"{name} de cada escenario deben sumar 100 %.")


def reallocate(
    baseline: ArrayLike,
    is_target: ArrayLike,
    minimum: ArrayLike,
    *,
    weights: ArrayLike,
    floors: ArrayLike | None = None,
    capacity: ArrayLike | None = None,
) -> Reallocation:
    """Raise the target columns to a minimum share, moving the least money.

    Parameters
    ----------
    baseline : array_like, shape (..., k)
        Shares in % of the total, each row summing to 100.
    is_target : array_like of bool, shape (k,) or (..., k)
        The columns the rule protects (included priority gaps, or high-gap functions).
    minimum : array_like, shape (...) or scalar
        ``F`` in %: after the rule the targets together hold at least ``F``.
    weights : array_like, shape (..., k)
        Reparto weights (see :func:`reparto_weights`); only the targets' weights are used.
    floors : array_like, shape (..., k), optional
        Per-target floors ``f_i`` in % of the total; ignored for non-target columns.
    capacity : array_like, shape (..., k), optional
        How much each non-target column can give, between 0 and its share. Default: its
        whole baseline share. Targets always have capacity 0 (money is never taken from
        a target). Give 0 (or less than the share) for locked columns, excluded gaps or
        protected amounts: they never go below ``baseline - capacity``.

    Returns
    -------
    Reallocation

    Notes
    -----
    ``T = max(Σ_t max(s_i, f_i), F) - Σ_t s_i``. Floors are served first, then the rest of
    ``T`` goes to the targets in proportion to ``weights``; payers give
    ``T * cap_j / Σ cap``. If ``T > Σ cap`` the capacity is used up: floors first (scaled
    in proportion if even they do not fit), and ``feasible`` is False.

    Examples
    --------
    Two targets holding 10 % and 5 %, a payer holding 85 %, a minimum of 30 % shared by gap
    size (60 and 30): ``T = 30 - 15 = 15``, the targets get 10 and 5 more.

    >>> res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0,
    ...                  weights=[60.0, 30.0, 0.0])
    >>> res.shares.tolist(), float(res.top_up), bool(res.feasible)
    ([20.0, 10.0, 70.0], 15.0, True)

    Asking for more than can be freed applies the largest feasible minimum:

    >>> res = reallocate([10.0, 5.0, 85.0], [True, True, False], 50.0,
    ...                  weights=[1.0, 1.0, 0.0], capacity=[0.0, 0.0, 20.0])
    >>> bool(res.feasible), float(res.max_minimum), res.shares.tolist()
    (False, 35.0, [20.0, 15.0, 65.0])
    """
    s = _f(baseline)
    _check_shares(s)
    k = s.shape[-1]
    target = np.asarray(is_target, dtype=bool)
    w = _f(weights)
    f = np.zeros(k) if floors is None else _f(floors)
    F = _f(minimum)
    if not np.all(np.isfinite(F)) or np.any(F < 0) or np.any(F > 100):
        raise ValueError("El mínimo debe estar entre 0 % y 100 %.")
    if not np.all(np.isfinite(f)) or np.any(f < 0) or np.any(f > 100):
        raise ValueError("Cada piso debe estar entre 0 % y 100 %.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("Los pesos del reparto deben ser números no negativos.")

    batch = np.broadcast_shapes(
        s.shape[:-1], target.shape[:-1], w.shape[:-1], f.shape[:-1], F.shape
    )
    shape = (*batch, k)
    s = np.broadcast_to(s, shape)
    target = np.broadcast_to(target, shape)
    F = np.broadcast_to(F, batch)

    if capacity is None:
        cap = np.where(target, 0.0, s)
    else:
        cap = _f(capacity)
        if not np.all(np.isfinite(cap)) or np.any(cap < 0):
            raise ValueError("La capacidad de cada columna debe ser un número no negativo.")
        cap = np.broadcast_to(cap, np.broadcast_shapes(cap.shape, shape))
        if cap.shape != shape:
            raise ValueError("La capacidad no tiene la forma de las participaciones.")
        if np.any(cap > s + TOL):
            raise ValueError("Ninguna columna puede ceder más que su participación.")
        cap = np.where(target, 0.0, np.minimum(cap, s))

    n_targets = target.sum(axis=-1)
    has_targets = n_targets > 0
    s_t = np.where(target, s, 0.0)
    total_before = s_t.sum(axis=-1)
    # Without targets nothing can receive, so nothing can be freed for them.
    C = np.where(has_targets, cap.sum(axis=-1), 0.0)

    # Floors first: the least each target must receive.
    floor_need = np.where(target, np.maximum(f - s, 0.0), 0.0)
    R = floor_need.sum(axis=-1)
    extra = np.maximum(F - (total_before + R), 0.0)
    T = R + extra

    feasible = T <= C + TOL
    floors_feasible = R <= C + TOL
    floor_scale = np.divide(C, R, out=np.ones_like(R), where=R > C)
    floor_given = floor_need * floor_scale[..., None]
    R_eff = np.minimum(R, C)
    extra_eff = np.clip(np.minimum(extra, C - R_eff), 0.0, None)

    w_t = np.where(target, w, 0.0)
    W = w_t.sum(axis=-1)
    equal_fallback = has_targets & (W <= 0)
    w_t = np.where(equal_fallback[..., None] & target, 1.0, w_t)
    W = np.where(equal_fallback, n_targets, W)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_of_extra = np.where(W[..., None] > 0, w_t / np.where(W > 0, W, 1.0)[..., None], 0)
    receive = floor_given + extra_eff[..., None] * share_of_extra

    # The capacity is used up when the top-up reaches it (up to float noise, e.g.
    # 100 - 2.1 against 97.9): then every payer gives exactly its capacity.
    exhausted = (C > 0) & (R_eff + extra_eff >= C - TOL)
    extra_eff = np.where(exhausted, np.maximum(C - R_eff, 0.0), extra_eff)
    receive = floor_given + extra_eff[..., None] * share_of_extra
    top_up = R_eff + extra_eff
    # ratio <= 1 exactly, so each payer gives at most its capacity (never below zero).
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(C > 0, np.minimum(top_up / np.where(C > 0, C, 1.0), 1.0), 0.0)
    ratio = np.where(exhausted, 1.0, ratio)
    pay = cap * ratio[..., None]

    shares = exact_zero(s - pay + receive)
    max_minimum = total_before + C
    return Reallocation(
        shares=shares,
        baseline=np.array(s),
        moved=shares - s,
        is_target=np.array(target),
        capacity=np.array(cap),
        top_up=top_up,
        requested_minimum=np.array(F),
        effective_minimum=np.minimum(F, max_minimum),
        max_minimum=max_minimum,
        feasible=np.asarray(feasible),
        floors_feasible=np.asarray(floors_feasible),
        target_total_before=total_before,
        target_total_after=np.where(target, shares, 0.0).sum(axis=-1),
        equal_fallback=np.asarray(equal_fallback),
    )


#: What a single scenario's rule does, as decided by :func:`situation`.
SITUATIONS = {
    "sin_objetivo": "no column is protected: nothing can receive",
    "linea_base": "nothing asked (F = 0, no floor, no set share): nothing moves",
    "ya_cumple": "F is asked and feasible, and the targets already hold it: nothing moves",
    "mueve": "money moves and everything asked is met",
    "tope": "not everything asked fits: the largest feasible rule is applied, money moves",
    "sin_margen": "not everything asked fits and nothing can be freed: nothing moves",
}


def decimals_for(value: float, least: int = 2) -> int:
    """Decimals that show a non-zero move as non-zero: 2 for 0.05, 3 for 0.004.

    Examples
    --------
    >>> decimals_for(12.93), decimals_for(0.05), decimals_for(0.004), decimals_for(0.0)
    (2, 2, 3, 2)
    """
    v = abs(float(value))
    if v <= ZERO or not np.isfinite(v):
        return least
    return int(min(max(least, -np.floor(np.log10(v))), 9))


def situation(result: Reallocation) -> str:
    """The one decision of what a single scenario's rule does; every text derives from it.

    Returns one key of :data:`SITUATIONS`. Money "moves" when the top-up (the points that
    change hands) is above :data:`ZERO`.

    Examples
    --------
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0,
    ...                      weights=[1.0, 1.0, 0.0]))
    'mueve'
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 50.0,
    ...                      weights=[1.0, 1.0, 0.0], capacity=[0.0, 0.0, 0.0]))
    'sin_margen'
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 10.0,
    ...                      weights=[1.0, 1.0, 0.0]))
    'ya_cumple'
    """
    if np.ndim(result.top_up) != 0:
        raise ValueError("situation() decide un solo escenario; seleccione una fila primero.")
    moves = float(result.top_up) > ZERO
    if not bool(np.any(result.is_target)):
        return "sin_objetivo"
    if not bool(result.feasible):
        return "tope" if moves else "sin_margen"
    if moves:
        return "mueve"
    return "ya_cumple" if float(result.requested_minimum) > 0 else "linea_base"


def notices(
    result: Reallocation,
    labels: Sequence[str],
    *,
    targets_name: str = "las columnas protegidas",
    feasibility: bool = True,
) -> list[str]:
    """Spanish explanations of a single scenario's result, for the interface.

    Every sentence follows from :func:`situation`, so no two contradict each other.

    Parameters
    ----------
    result : Reallocation
        A single-scenario result (``shares`` of shape ``(k,)``).
    labels : sequence of str, length k
        Column names shown to the user.
    targets_name : str
        How to call the targets together, e.g. ``"las brechas priorizadas"``.
    feasibility : bool
        Say why the rule is not feasible (False when the caller says it better, e.g. a
        territory counting the municipalities where it is not).

    Examples
    --------
    >>> res = reallocate([10.0, 5.0, 85.0], [True, True, False], 50.0,
    ...                  weights=[1.0, 1.0, 0.0], capacity=[0.0, 0.0, 20.0])
    >>> notices(res, ["Agua", "Desagüe", "Resto"])[0]
    'El mínimo pedido (50.0 %) no es factible: con lo que se puede liberar, el máximo es 35.0 %. Se aplicó 35.0 %.'
    """  # noqa: E501
    kind = situation(result)
    labels = list(labels)
    if len(labels) != result.shares.shape[-1]:
        raise ValueError("Hace falta una etiqueta por columna.")
    out: list[str] = []
    F = float(result.requested_minimum)
    if kind == "sin_objetivo":
        out.append(
            "No hay ninguna columna protegida: la regla del mínimo no mueve dinero. "
            "Incluya al menos una."
        )
        return out
    if feasibility and not bool(result.floors_feasible):
        out.append(
            "Los pisos pedidos no caben en lo que se puede liberar "
            f"({pct(float(result.max_minimum - result.target_total_before), 1)} del total): "
            "se aplicaron en proporción y ninguno se cumple por completo."
        )
    if feasibility and kind in ("tope", "sin_margen"):
        mx = pct(float(result.max_minimum), 1)
        if float(result.max_minimum) + TOL < F:
            applied = f"Se aplicó {mx}." if kind == "tope" else "No se mueve dinero."
            out.append(
                f"El mínimo pedido ({pct(F, 1)}) no es factible: con lo que se puede liberar, "
                f"el máximo es {mx}. {applied}"
            )
        elif bool(result.floors_feasible):
            out.append(
                "El mínimo y los pisos juntos no caben en lo que se puede liberar: "
                f"{targets_name} llegan a {pct(float(result.target_total_after), 1)}."
            )
    if bool(result.equal_fallback) and kind in ("mueve", "tope"):
        out.append(
            f"Los pesos del reparto de {targets_name} son todos cero: "
            "el aumento se repartió en partes iguales."
        )
    if kind == "ya_cumple":
        out.append(
            f"{targets_name[0].upper()}{targets_name[1:]} ya suman "
            f"{pct(float(result.target_total_before), 1)}, al menos el mínimo de "
            f"{pct(F, 1)}: no se mueve dinero."
        )
    if kind not in ("mueve", "tope"):
        return out
    d = decimals_for(float(result.top_up))
    change = []
    for j, label in enumerate(labels):
        dj = max(d, decimals_for(float(result.moved[j])))
        change.append(
            f"{label} ({pct(float(result.baseline[j]), dj)} → {pct(float(result.shares[j]), dj)})"
        )
    payers = [change[j] for j in np.flatnonzero(result.moved < -TOL)]
    before, after = float(result.target_total_before), float(result.target_total_after)
    if abs(float(result.top_up) - (after - before)) <= TOL:
        out.append(
            f"Se reasignan {num(float(result.top_up), d)} p.p. del presupuesto a {targets_name} "
            f"({pct(before, d)} → {pct(after, d)}); ceden: {'; '.join(payers)}."
        )
        return out
    # Set shares move money too (to or from columns outside the rule): say who receives.
    takers = [change[j] for j in np.flatnonzero(result.moved > TOL)]
    out.append(
        f"Se reasignan {num(float(result.top_up), d)} p.p. del presupuesto, con las "
        f"participaciones fijadas: {targets_name} pasan de {pct(before, d)} a "
        f"{pct(after, d)}; reciben: {'; '.join(takers)}; ceden: {'; '.join(payers)}."
    )
    return out


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
            self.reallocation, labels, targets_name="las funciones con brecha alta"
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


# --------------------------------------------------------------------------------------
# From a scenario to the rule's arguments (one place for the Simulador and Territorios)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleArgs:
    """The rule a scenario asks for, as the arguments of :func:`priority_view` or
    :func:`sector_view`.

    Attributes
    ----------
    view : {"prioridades", "sectores"}
    minimum : float
        ``F`` in %.
    kwargs : dict
        The view's other keyword arguments (``included, reparto, manual_weights, floors,
        protected_pct`` or ``threshold, reparto, manual_weights, overrides, locked``), in
        the column order of the ``ids`` given to :func:`from_scenario`.
    is_target : ndarray of bool, shape (k,)
        Priority view: the included gaps. Sector view: the functions at or above the
        threshold (needs ``gap_pct``; all False otherwise).
    """

    view: str
    minimum: float
    kwargs: dict = field(repr=False)
    is_target: np.ndarray = field(repr=False)

    def apply(
        self, gap_pct: ArrayLike, attention_pct: ArrayLike, minimum: ArrayLike | None = None
    ) -> Reallocation:
        """The rule on a table (or a stack of tables, shape ``(..., k)``), at the scenario's
        minimum or at ``minimum`` (any shape that broadcasts, e.g. a grid ``(m, 1)``
        against ``(n, k)`` municipalities).

        For the sector view the result is ``SectorView.reallocation``.
        """
        F = self.minimum if minimum is None else minimum
        if self.view == "sectores":
            return sector_view(gap_pct, attention_pct, minimum=F, **self.kwargs).reallocation
        return priority_view(gap_pct, attention_pct, minimum=F, **self.kwargs)

    def sector(self, gap_pct: ArrayLike, attention_pct: ArrayLike) -> SectorView:
        """The whole :class:`SectorView` (settings and rule) at the scenario's minimum."""
        if self.view != "sectores":
            raise ValueError("sector() es solo para la vista por sectores.")
        return sector_view(gap_pct, attention_pct, minimum=self.minimum, **self.kwargs)


def _by_id(pairs: Sequence[tuple[str, float]], ids: Sequence[str], default: float) -> np.ndarray:
    mapping = dict(pairs)
    return np.array([float(mapping.get(i, default)) for i in ids])


def from_scenario(
    scenario,
    ids: Sequence[str],
    gap_pct: ArrayLike | None = None,
    optimal: Mapping[str, np.ndarray] | None = None,
    *,
    view: str | None = None,
) -> RuleArgs:
    """The rule's arguments for a scenario, over the columns ``ids``.

    The one place where a :class:`~brechas_core.scenario.Scenario` becomes the rule: the
    Simulador (one table) and Territorios (every municipality at once) both call it, so
    one scenario means one rule everywhere.

    Parameters
    ----------
    scenario : Scenario
    ids : sequence of str
        Priority view: the gap ids of the table's columns (without "resto"). Sector view:
        the function codes.
    gap_pct : array_like, shape (k,), optional
        Sector view: the functions' gaps, to report which ones the threshold protects.
    optimal : mapping, optional
        Priority view with ``reparto="optimo"``: ``need_share_pct`` and ``people_per_point``
        from :func:`brechas_core.optimal.optimal_inputs`. The sector view has no cost per
        person, so there ``"optimo"`` shares by gap.
    view : {"prioritarias", "sectores"}, optional
        The view whose rule to build; default the scenario's. Code that only knows the
        priority gaps (Territorios: every municipality's three census gaps) asks for
        ``"prioritarias"`` whatever view the user is looking at.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> args = from_scenario(Scenario(minimum_pct=30, excluded=("b",)), ["a", "b"])
    >>> args.view, args.minimum, args.kwargs["included"].tolist()
    ('prioridades', 30.0, [True, False])
    >>> args.apply([60.0, 20.0], [5.0, 3.0]).shares.round(6).tolist()
    [30.0, 3.0, 67.0]
    """
    ids = [str(i) for i in ids]
    weights = _by_id(scenario.weights, ids, 1.0) if scenario.reparto == "manual" else None
    if (view or scenario.view) == "sectores":
        overrides = {ids.index(c): float(v) for c, v in scenario.overrides if c in ids}
        kwargs = {
            "threshold": float(scenario.threshold_pct),
            "reparto": "brecha" if scenario.reparto == "optimo" else scenario.reparto,
            "manual_weights": weights,
            "overrides": overrides or None,
            "locked": np.isin(ids, scenario.locked),
        }
        target = (
            np.zeros(len(ids), dtype=bool)
            if gap_pct is None
            else _f(gap_pct) >= float(scenario.threshold_pct)
        )
        return RuleArgs("sectores", float(scenario.minimum_pct), kwargs, target)
    included = ~np.isin(ids, scenario.excluded)
    kwargs = {
        "included": included,
        "reparto": scenario.reparto,
        "manual_weights": weights,
        "floors": np.where(included, _by_id(scenario.floors, ids, 0.0), 0.0),
        # priority_view caps it at each table's resto (protected_exceeds says where)
        "protected_pct": float(scenario.protected_pct),
    }
    if scenario.reparto == "optimo":
        if optimal is None:
            raise ValueError(
                "El reparto óptimo necesita el costo por persona y la población de cada brecha."
            )
        kwargs.update(optimal)
    return RuleArgs("prioridades", float(scenario.minimum_pct), kwargs, included)


def protected_exceeds(scenario, attention_pct: ArrayLike) -> np.ndarray:
    """Where the protected part asked for is larger than the resto it protects (it is then
    the whole resto): bool, shape ``(...)`` of ``attention_pct`` ``(..., g)``."""
    resto = np.maximum(100.0 - _f(attention_pct).sum(axis=-1), 0.0)
    return float(scenario.protected_pct) > resto


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
