"""The floor rule: move the least money so that protected columns reach a minimum share.

The study recommends a guaranteed minimum share of the annual budget for the priority gaps.
:func:`reallocate` turns that recommendation into a pure, vectorised rule over *shares*:
percentages of the total executed budget, each vector summing to 100 and never negative.
It works over leading axes: the same call evaluates one scenario, 101 values of the minimum,
or 1,891 districts (shape ``(..., k)`` with ``k`` columns).

For targets ``i`` with shares ``s_i`` and floors ``f_i``, and a requested minimum ``F`` for
the targets together:

* required top-up ``T = max(Σ max(s_i, f_i), F) - Σ s_i`` (the least money that must move);
* each target is first raised to its floor; the rest of ``T`` is shared among the targets in
  proportion to the reparto weights (:func:`reparto_weights`); money is never taken from a
  target;
* payers give in proportion to their capacity: ``pay_j = T * cap_j / Σ cap``;
* when ``T > Σ cap`` the rule is infeasible: it is never clipped silently; the largest
  feasible minimum ``max_minimum = Σ s_i + Σ cap`` is applied and reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.i18n import N_
from brechas_core.vocabulary import REPARTOS

__all__ = [
    "FORMULA",
    "METHOD",
    "SUM_TOL",
    "SYMBOLS",
    "TOL",
    "ZERO",
    "Reallocation",
    "exact_zero",
    "reallocate",
    "reparto_weights",
]

#: Tolerance, in percentage points, for sums of shares and feasibility comparisons.
TOL = 1e-9
#: Tolerance for an input share vector to count as summing to 100 (published tables are
#: rounded to two decimals).
SUM_TOL = 1e-6
#: What counts as zero: a share at or below this many percentage points is exactly 0.
#: Emptying a payer leaves float residues (1e-15) that would otherwise rank above the true
#: zeros in a rank correlation; every share the rule produces goes through
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
        """Spanish explanations for a single scenario; see
        :func:`brechas_core.rules.situation.notices`."""
        from brechas_core.rules.situation import notices  # situation reads Reallocation

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


# -- the rule in words and symbols, in Spanish (Metodología) -----------------------------------

#: What the shares are, and the symbols of :data:`FORMULA`.
SYMBOLS = N_(
    "Las participaciones son porcentajes del presupuesto ejecutado total y siempre suman 100. "
    "Sean s_i las participaciones de las brechas incluidas, f_i sus pisos y F el mínimo "
    "garantizado. El aumento necesario, el menor posible, es:"
)
#: The top-up T of :func:`reallocate`.
FORMULA = r"T = \max\Big(\sum_i \max(s_i, f_i),\; F\Big) - \sum_i s_i"
#: How T is shared, who pays, when the rule is not feasible, the sector view, money moved.
METHOD = N_("""
- Primero cada brecha sube hasta su piso; el resto de T se reparte **según la brecha**
  (en proporción al tamaño de cada brecha), **en partes iguales**, o **con pesos manuales**.
  Si todos los pesos son cero, se reparte en partes iguales y se avisa.
- **Nunca se quita dinero a una brecha prioritaria.** T sale del resto del presupuesto; la
  **parte protegida** (planillas, gasto corriente) no se recorta. Las brechas excluidas ni
  reciben ni ceden.
- Quien cede, cede en proporción a lo que puede ceder: pago_j = T × c_j / Σ c.
- **Factibilidad.** Si T supera lo que se puede liberar (Σ c), la regla no es factible. No se
  recorta en silencio: se informa el mayor mínimo factible, F_max = Σ s_i + Σ c, y se aplica.
- **Vista sectores** (Tabla 3, 16 funciones): la regla protege las funciones con brecha
  igual o mayor que el umbral; pagan las demás funciones no bloqueadas. Al fijar a mano la
  participación de una función, las demás funciones no bloqueadas absorben la diferencia en
  proporción a su tamaño; las funciones fijadas o bloqueadas no se mueven.
- **Dinero movido** = cambio en puntos × presupuesto ejecutado / 100, con presupuesto
  ejecutado = PIM × tasa de ejecución.
""")
