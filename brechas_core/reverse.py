"""The question asked backwards: what guaranteed minimum reaches a target in N years?

A target per projectable gap says "bring it to ``X`` % (0: close it) within ``N`` years",
``N`` being the projection's horizon. Under the projection's assumptions
(:mod:`brechas_core.projection`) gap ``i`` reaches ``X_i`` within ``N`` years when its share of
the executed budget ``E`` is at least

    ``r_i = 100 * (U0_i - U_i) * c_i / N / E``, with ``U_i = X_i / 100 * P * b_i``

(people in need today ``U0_i``, allowed at the end ``U_i``, cost per person ``c_i``). The rule
(:func:`brechas_core.rules.priority_view`) gives gap ``i`` a share that grows with the minimum
``F``, piecewise linearly:

* by weights (``brecha``, ``igual``, ``manual``): ``s_i(F) = h_i + max(F - H, 0) * w_i / W``,
  where ``h_i`` is what it holds with the floors and ``H = Σ h`` over the included gaps; so
  ``F_i = H + (r_i - h_i) * W / w_i``;
* ``optimo`` (:mod:`brechas_core.optimal`): the top-up fills gaps in increasing cost per
  person, each up to what closes it within the horizon; so ``F_i = H + Σ_{j before i} room_j
  + (r_i - h_i)``.

The smallest minimum is ``F* = max_i F_i`` over the targets not yet met (0 when all are), and
it is reachable when ``F*`` does not exceed the largest feasible minimum (the included gaps'
share plus the rest of the budget that is not protected). Everything is vectorised over
leading axes: one call answers for 1,891 municipalities, or for the three unit-cost cases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from brechas_core import rules
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import N_, _
from brechas_core.need import census_services
from brechas_core.optimal import _order_keys, optimal_inputs
from brechas_core.projection import check_horizon
from brechas_core.territory.panel import GAP_IDS, SERVICES, STEMS
from brechas_core.vocabulary import PRIORITY

__all__ = [
    "CASES",
    "METHOD",
    "REASONS",
    "ReverseAnswer",
    "ReverseResult",
    "TerritoryReverse",
    "for_simulation",
    "for_territory",
    "minimum_for_targets",
]

#: Why a target cannot be reached, in Spanish, by code.
REASONS = {
    "": "",
    "excluida": N_(
        "una brecha con meta está fuera de la regla (excluida o con peso cero), así que el "
        "mínimo no le da nada"
    ),
    "capacidad": N_(
        "haría falta más de lo que se puede liberar: el resto del presupuesto que no está "
        "protegido no alcanza"
    ),
    "sin_costo": N_(
        "una brecha con meta no tiene costo por persona (o faltan su población o su "
        "presupuesto), así que no se puede proyectar"
    ),
}

#: Tolerance in points of the budget.
TOL = 1e-9


@dataclass(frozen=True)
class ReverseResult:
    """Result of :func:`minimum_for_targets`; arrays over the inputs' leading axes ``...``.

    Attributes
    ----------
    minimum_pct : ndarray
        The smallest guaranteed minimum that reaches every target (NaN where it cannot).
    needed_minimum_pct : ndarray
        The minimum the targets would need even when it is not feasible (inf when a target
        can never be reached through the minimum).
    max_minimum_pct : ndarray
        The largest feasible minimum.
    top_up_pct, top_up_soles : ndarray
        What the rule moves at ``minimum_pct`` (points, and soles per year); NaN where it
        cannot.
    target_soles : ndarray
        Soles per year the targeted gaps need together to reach their targets in time.
    required_share_pct : ndarray, shape (..., g)
        ``r_i``: the share each targeted gap needs (NaN where no target).
    binding : ndarray of int
        The gap that sets the minimum (-1 when none does).
    reachable : ndarray of bool
    already : ndarray of bool
        True when every target is met without any minimum (``minimum_pct`` 0).
    reason : ndarray of str
        A key of :data:`REASONS` ("" when reachable).
    """

    minimum_pct: np.ndarray
    needed_minimum_pct: np.ndarray
    max_minimum_pct: np.ndarray
    top_up_pct: np.ndarray
    top_up_soles: np.ndarray
    target_soles: np.ndarray
    required_share_pct: np.ndarray
    binding: np.ndarray
    reachable: np.ndarray
    already: np.ndarray
    reason: np.ndarray


def minimum_for_targets(
    gap_pct: ArrayLike,
    attention_pct: ArrayLike,
    *,
    target_gap_pct: ArrayLike,
    unit_cost: ArrayLike,
    base_share: ArrayLike,
    population: ArrayLike,
    executed_soles: ArrayLike,
    horizon_years: int,
    included: ArrayLike | None = None,
    reparto: str = "brecha",
    manual_weights: ArrayLike | None = None,
    floors: ArrayLike | None = None,
    protected_pct: ArrayLike = 0.0,
) -> ReverseResult:
    """The smallest guaranteed minimum that brings each targeted gap to its target in time.

    Parameters
    ----------
    gap_pct, attention_pct : array_like, shape (..., g)
        As for :func:`brechas_core.rules.priority_view`.
    target_gap_pct : array_like, shape (..., g)
        The gap % to reach within the horizon (0: close it); NaN for gaps without a target.
    unit_cost : array_like, shape (..., g)
        Cost per person (NaN where the gap has none). A leading axis may hold the low,
        central and high cases: everything broadcasts.
    base_share : array_like, shape (..., g)
        Fraction of the population each gap applies to.
    population, executed_soles : array_like, shape (...)
    horizon_years : int
        ``N``: the years within which the targets must be reached.
    included, reparto, manual_weights, floors, protected_pct
        The rule, as for :func:`brechas_core.rules.priority_view`.

    Returns
    -------
    ReverseResult

    Examples
    --------
    One gap of 50 % in 1,000 people at S/ 100 each, holding 1 % of a S/ 100,000 executed
    budget; closing it in 10 years needs S/ 5,000 a year, 5 % of the budget: the minimum is 5 %.

    >>> r = minimum_for_targets([50.0], [1.0], target_gap_pct=[0.0], unit_cost=[100.0],
    ...                         base_share=[1.0], population=1_000, executed_soles=100_000,
    ...                         horizon_years=10)
    >>> float(r.minimum_pct), float(r.top_up_soles), float(r.target_soles)
    (5.0, 4000.0, 5000.0)

    With 97 % of the budget protected, at most 1 + 2 = 3 % can go to the gap:

    >>> r = minimum_for_targets([50.0], [1.0], target_gap_pct=[0.0], unit_cost=[100.0],
    ...                         base_share=[1.0], population=1_000, executed_soles=100_000,
    ...                         horizon_years=10, protected_pct=97.0)
    >>> bool(r.reachable), str(r.reason), float(r.needed_minimum_pct)
    (False, 'capacidad', 5.0)
    """
    gap = np.asarray(gap_pct, dtype=float)
    att = np.asarray(attention_pct, dtype=float)
    cost = np.asarray(unit_cost, dtype=float)
    base = np.asarray(base_share, dtype=float)
    target = np.asarray(target_gap_pct, dtype=float)
    pop = np.asarray(population, dtype=float)
    executed = np.asarray(executed_soles, dtype=float)
    check_horizon(horizon_years)
    if np.any(target[np.isfinite(target)] < 0) or np.any(target[np.isfinite(target)] > 100):
        raise ValueError("Cada meta debe estar entre 0 % y 100 % de brecha.")
    g = gap.shape[-1]

    # The rule at F = 0: what each gap holds with the floors alone.
    rule = {
        "included": included,
        "floors": floors,
        "protected_pct": protected_pct,
    }
    weights_reparto = "brecha" if reparto == "optimo" else reparto
    at0 = rules.priority_view(
        gap, att, minimum=0.0, reparto=weights_reparto, manual_weights=manual_weights, **rule
    )
    inc = np.asarray(at0.is_target)[..., :g]
    held = at0.shares[..., :g]
    held_total = at0.target_total_after  # H
    max_minimum = at0.max_minimum

    # The share each target needs.
    opt = optimal_inputs(
        gap,
        unit_cost=cost,
        base_share=base,
        population=pop,
        executed_soles=executed,
        horizon_years=horizon_years,
    )
    has_cost = opt["people_per_point"] > 0
    has_target = np.isfinite(target)
    shape = np.broadcast_shapes(
        held.shape, cost.shape, target.shape, has_cost.shape, opt["need_share_pct"].shape
    )
    lead = shape[:-1]
    held = np.broadcast_to(held, shape)
    inc = np.broadcast_to(inc, shape)
    has_target = np.broadcast_to(has_target, shape)
    has_cost = np.broadcast_to(has_cost, shape)
    with np.errstate(invalid="ignore"):
        left_share = np.clip(np.nan_to_num(target) / np.where(gap > 0, gap, 1.0), 0.0, 1.0)
    # r_i = need to close in time x (1 - X/gap): the people to cover are U0 - U = U0 (1 - X/gap)
    close_share = np.broadcast_to(opt["need_share_pct"], shape)
    required = np.where(has_target & has_cost, close_share * (1.0 - left_share), np.nan)
    required = np.where(
        has_target & has_cost & (np.broadcast_to(gap, shape) <= np.nan_to_num(target)),
        0.0,
        required,
    )
    unmet = has_target & has_cost & (required > held + TOL)
    no_cost = has_target & ~has_cost & (np.broadcast_to(gap, shape) > np.nan_to_num(target))

    if reparto == "optimo":
        p = np.broadcast_to(opt["people_per_point"], shape)
        room = np.maximum(close_share - held, 0.0)
        useful = inc & (p > 0)
        room = np.where(useful, room, 0.0)
        order = _order_keys(np.where(useful, p, -1.0), np.broadcast_to(np.nan_to_num(gap), shape))
        r_sorted = np.take_along_axis(room, order, axis=-1)
        before_sorted = np.cumsum(r_sorted, axis=-1) - r_sorted
        before = np.empty(shape)
        np.put_along_axis(before, order, before_sorted, axis=-1)
        reach = useful
        extra_i = before + (np.nan_to_num(required) - held)
    else:
        w = np.broadcast_to(rules.reparto_weights(reparto, gap, manual_weights), shape)
        w = np.where(inc, w, 0.0)
        W = w.sum(axis=-1, keepdims=True)
        w = np.where(W > 0, w, inc.astype(float))  # all-zero weights: equal parts (the rule)
        W = w.sum(axis=-1, keepdims=True)
        reach = w > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            extra_i = (np.nan_to_num(required) - held) * W / np.where(reach, w, 1.0)
    blocked = unmet & ~reach
    F_i = np.where(unmet, np.broadcast_to(held_total, lead)[..., None] + extra_i, -np.inf)
    F_i = np.where(blocked, np.inf, F_i)
    needed = np.max(F_i, axis=-1, initial=-np.inf)
    any_unmet = unmet.any(axis=-1)
    needed = np.where(any_unmet, needed, 0.0)
    binding = np.where(any_unmet, np.argmax(F_i, axis=-1), -1)

    max_min = np.broadcast_to(max_minimum, lead)
    reason = np.full(lead, "", dtype=object)
    reason = np.where(needed > max_min + TOL, "capacidad", reason)
    reason = np.where(blocked.any(axis=-1), "excluida", reason)
    reason = np.where(no_cost.any(axis=-1), "sin_costo", reason)
    reason = np.where(~np.broadcast_to(at0.floors_feasible, lead), "capacidad", reason)
    reachable = reason == ""
    minimum = np.where(reachable, np.clip(needed, 0.0, 100.0), np.nan)
    top_up = np.where(
        reachable,
        np.maximum(minimum, np.broadcast_to(held_total, lead))
        - np.broadcast_to(at0.target_total_before, lead),
        np.nan,
    )
    executed_b = np.broadcast_to(executed, lead)
    target_share = np.where(has_target & has_cost, required, 0.0).sum(axis=-1)
    return ReverseResult(
        minimum_pct=minimum,
        needed_minimum_pct=needed,
        max_minimum_pct=np.array(max_min),
        top_up_pct=top_up,
        top_up_soles=top_up / 100.0 * executed_b,
        target_soles=target_share / 100.0 * executed_b,
        required_share_pct=required,
        binding=binding,
        reachable=reachable,
        already=reachable & ~any_unmet,
        reason=reason,
    )


# --------------------------------------------------------------------------------------
# A scenario's targets: one place (the Simulador) or every municipality of a territory
# --------------------------------------------------------------------------------------

#: Cost cases along the leading axis of every answer.
CASES = ("bajo", "central", "alto")


def _rule_kwargs(scenario, ids) -> dict:
    """The scenario's rule, as keyword arguments of :func:`minimum_for_targets` (which
    computes ``reparto=optimo``'s split itself, so its rule is read without the costs)."""
    by_weights = scenario.with_(reparto="brecha") if scenario.reparto == "optimo" else scenario
    rule = rules.from_scenario(by_weights, ids, view=PRIORITY)
    return {**rule.kwargs, "reparto": scenario.reparto}


def _targets(scenario, ids) -> np.ndarray:
    wanted = dict(scenario.targets)
    return np.array([float(wanted.get(i, np.nan)) for i in ids])


def _describe(scenario, labels_by_id: dict) -> str:
    parts = []
    for gid, value in scenario.targets:
        if gid not in labels_by_id:
            continue
        label = _(labels_by_id[gid]).lower()
        parts.append(
            _("cerrar {gap}").format(gap=label)
            if value == 0
            else _("bajar {gap} a {value}").format(gap=label, value=pct(value, 1))
        )
    return ", ".join(parts)


@dataclass(frozen=True)
class ReverseAnswer:
    """The answer for one place (the study's typical district, or a territory as one table).

    Attributes
    ----------
    result : ReverseResult
        Over the three unit-cost cases (leading axis: bajo, central, alto).
    goal : str
        The targets in words ("cerrar agua, bajar desagüe a 20.0 %").
    horizon_years : int
    executed_soles : float
    """

    result: ReverseResult
    goal: str
    horizon_years: int
    executed_soles: float

    @property
    def text(self) -> str:
        """One sentence (in the run's language): the minimum and its band, or why it cannot
        be reached."""
        r = self.result
        years = num(self.horizon_years)
        if not self.goal:
            return _("Elija una meta para al menos una brecha con costo por persona.")
        if bool(r.already[1]):
            return _(
                "Para {goal} en {years} años no hace falta un mínimo: con lo que ya "
                "reciben (y los pisos) se alcanza, con el costo por persona central."
            ).format(goal=self.goal, years=years)
        if bool(r.reachable[1]):
            lo, hi = r.minimum_pct[0], r.minimum_pct[2]
            band = (
                " "
                + _("(entre {low} y {high} según el costo por persona)").format(
                    low=pct(lo), high=pct(hi)
                )
                if np.isfinite(lo) and np.isfinite(hi)
                else " "
                + _("(con el costo alto no se alcanza: {why})").format(
                    why=_(REASONS[str(r.reason[2])])
                )
                if not bool(r.reachable[2])
                else ""
            )
            return _(
                "Para {goal} en {years} años hace falta un mínimo garantizado de "
                "{minimum}{band}: la regla movería unos {top_up} al año, y esas brechas "
                "necesitan {target} al año en total."
            ).format(
                goal=self.goal,
                years=years,
                minimum=pct(r.minimum_pct[1]),
                band=band,
                top_up=soles(r.top_up_soles[1]),
                target=soles(r.target_soles[1]),
            )
        reason = str(r.reason[1])
        needed = float(r.needed_minimum_pct[1])
        extra = (
            " "
            + _(
                "Haría falta un mínimo de {needed}, y lo más que se puede garantizar es {most}."
            ).format(needed=pct(needed), most=pct(r.max_minimum_pct[1]))
            if reason == "capacidad" and np.isfinite(needed)
            else ""
        )
        return (
            _("No se puede {goal} en {years} años con este presupuesto: {why}.").format(
                goal=self.goal, years=years, why=_(REASONS[reason])
            )
            + extra
        )


def for_simulation(scenario, inputs, assumptions) -> ReverseAnswer:
    """The reverse answer for the Simulador's table (the study, or a territory as one table).

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import assumptions, load_inputs
    >>> inp = load_inputs()
    >>> s = Scenario(targets=(("electricidad", 0.0),))
    >>> ans = for_simulation(s, inp, assumptions(s, inp))
    >>> bool(ans.result.reachable[1]), ans.goal
    (True, 'cerrar electricidad')
    """
    ids = inputs.gaps["ids"].tolist()
    g = len(ids)
    a = assumptions
    # (3, g): low, central and high cost per person; NaN for gaps without one
    cost = np.full((3, g), np.nan)
    cost[:, inputs.costs["position"]] = inputs.cost_cases(scenario.unit_costs_dict())
    _central, base = inputs.central_costs({})
    result = minimum_for_targets(
        inputs.gaps["gap_pct"],
        inputs.gaps["attention_pct"],
        target_gap_pct=_targets(scenario, ids),
        unit_cost=cost,
        base_share=base,
        population=a.population,
        executed_soles=a.executed_soles,
        horizon_years=a.horizon_years,
        **_rule_kwargs(scenario, ids),
    )
    labels = dict(zip(ids, inputs.gaps["labels"], strict=True))
    return ReverseAnswer(result, _describe(scenario, labels), a.horizon_years, a.executed_soles)


@dataclass(frozen=True)
class TerritoryReverse:
    """The reverse answer for every municipality of a territory, each its own minimum.

    Attributes
    ----------
    districts : DataFrame
        One row per municipality: ``ubigeo, district, province, gap_mean_pct,
        minimum_low, minimum_pct, minimum_high`` (NaN where not reachable),
        ``top_up_soles`` (central), ``reachable, already, reason`` (text in Spanish).
    n, n_reachable, n_already : int
    reasons : dict
        Municipalities that cannot, by Spanish reason.
    total_soles : tuple of float
        What the rule would move in the reachable municipalities together, per year, at
        (low, central, high) cost; each case over the municipalities reachable in it.
    goal : str
    horizon_years : int
    """

    districts: pd.DataFrame
    n: int
    n_reachable: int
    n_already: int
    reasons: dict
    total_soles: tuple[float, float, float]
    goal: str
    horizon_years: int

    @property
    def text(self) -> str:
        if not self.goal:
            return _("Elija una meta para al menos una brecha con costo por persona.")
        years = num(self.horizon_years)
        ok = self.districts["minimum_pct"].dropna()
        head = _(
            "Para {goal} en {years} años, {reachable} de {n} municipalidades lo logran con un "
            "mínimo garantizado"
        ).format(goal=self.goal, years=years, reachable=num(self.n_reachable), n=num(self.n))
        if ok.empty:
            return head + _(": ninguna con este presupuesto.")
        lo, mid, hi = self.total_soles
        return head + _(
            " (mediana {median}, de {low} a {high}; {already} ya lo logran sin mínimo). Juntas, "
            "la regla movería unos {soles} al año (entre {soles_low} y {soles_high} según el "
            "costo por persona)."
        ).format(
            median=pct(float(ok.median())),
            low=pct(float(ok.min())),
            high=pct(float(ok.max())),
            already=num(self.n_already),
            soles=soles(mid),
            soles_low=soles(lo),
            soles_high=soles(hi),
        )


def for_territory(frame: pd.DataFrame, scenario, unit_costs: pd.DataFrame) -> TerritoryReverse:
    """Each municipality's own smallest minimum for the scenario's targets, in one call.

    Parameters
    ----------
    frame : DataFrame
        :func:`brechas_core.territory.district_frame` rows (with ``rural_weight``).
    scenario : Scenario
    unit_costs : DataFrame

    Examples
    --------
    >>> from brechas_core import data, territory
    >>> from brechas_core.scenario import Scenario
    >>> f = territory.load_district_frame("2023")
    >>> tr = for_territory(f[f["department_code"] == "21"],
    ...                    Scenario(targets=(("agua", 0.0),)), data.load_unit_costs())
    >>> tr.n, tr.n_reachable + sum(tr.reasons.values())
    (110, 110)
    """
    ids, stems = GAP_IDS, STEMS
    d = frame.reset_index(drop=True)
    census = census_services(d, unit_costs, scenario)
    gap = census.gap_pct
    att = d[[f"est_share_{s}_pct" for s in stems]].to_numpy(float)
    ok = np.isfinite(gap).all(axis=1) & (census.population > 0)
    target = _targets(scenario, ids)
    r = minimum_for_targets(
        np.nan_to_num(gap),
        att,
        target_gap_pct=target,
        unit_cost=np.where(ok[:, None], census.unit_cost, np.nan),
        base_share=census.base_share,
        population=np.nan_to_num(census.population),
        executed_soles=census.executed_soles,
        horizon_years=int(scenario.horizon_years),
        **_rule_kwargs(scenario, ids),
    )
    out = d[["ubigeo", "district", "province"]].copy()
    out["gap_mean_pct"] = d["gap_mean_pct"].to_numpy(float) if "gap_mean_pct" in d else np.nan
    out["minimum_low"], out["minimum_pct"], out["minimum_high"] = r.minimum_pct
    out["top_up_soles"] = r.top_up_soles[1]
    out["reachable"] = r.reachable[1]
    out["already"] = r.already[1]
    out["reason"] = [_(REASONS[str(k)]) if str(k) else "" for k in r.reason[1]]
    labels = {gap_id: label for gap_id, _stem, label in SERVICES}
    reasons = out.loc[~out["reachable"], "reason"].value_counts().to_dict()
    total = tuple(
        float(np.nansum(np.where(r.reachable[k], r.top_up_soles[k], 0.0))) for k in range(3)
    )
    return TerritoryReverse(
        districts=out,
        n=len(out),
        n_reachable=int(out["reachable"].sum()),
        n_already=int(out["already"].sum()),
        reasons={str(k): int(v) for k, v in reasons.items()},
        total_soles=(total[0], total[1], total[2]),
        goal=_describe(scenario, labels),
        horizon_years=int(scenario.horizon_years),
    )


#: How the smallest minimum that reaches the targets is found (Metodología).
METHOD = N_(
    "**¿Qué mínimo necesito?** Con una meta por brecha (cerrarla, o bajarla a X %, dentro "
    "del horizonte), la brecha i necesita una participación r_i = 100 × (U₀ − U) × c / N / E "
    "del presupuesto ejecutado E, donde U son las personas que la meta deja sin servicio. "
    "La participación de cada brecha crece por tramos rectos con el mínimo F (primero los "
    "pisos, después el aumento según el reparto), así que el menor F que alcanza cada meta "
    "tiene una fórmula exacta; el mínimo necesario es el mayor de ellos. Si pasa del máximo "
    "factible (lo que ya reciben las brechas más el resto no protegido), la meta no se "
    "alcanza con ese presupuesto y se dice por qué. Se calcula con los costos bajo, central y "
    "alto a la vez, y para cada municipalidad de un territorio en una sola operación "
    "vectorizada."
)
