"""How many people each way of sharing the top-up covers within the horizon, and why the
optimal one favours what it favours.

People newly covered within the horizon ``H`` by a gap: ``min(U0, H * spending / cost)``
(the projection of :mod:`brechas_core.projection`), summed over the projectable gaps. The
comparison keeps everything else of the scenario (minimum, floors, exclusions, protection)
and changes only ``reparto``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core import rules, territory
from brechas_core.fmt import num, soles
from brechas_core.optimal import optimal_inputs
from brechas_core.vocabulary import PRIORITY

__all__ = ["COMPARED", "SharingComparison", "compare"]

#: The ways of sharing compared, with their Spanish names.
COMPARED = {
    "brecha": "Según el tamaño de la brecha",
    "igual": "En partes iguales",
    "optimo": "Óptimo (más personas cubiertas)",
}


@dataclass(frozen=True)
class SharingComparison:
    """Result of :func:`compare`.

    Attributes
    ----------
    table : DataFrame
        One row per way of sharing: ``reparto, label, people`` (newly covered within the
        horizon), ``more_with_optimal`` (how many more the optimal split covers).
    costs : DataFrame
        Per projectable gap: ``label, unit_cost`` (central, S/ per person), ordered from the
        cheapest: the order in which the optimal split fills the gaps.
    horizon_years : int
    """

    table: pd.DataFrame
    costs: pd.DataFrame
    horizon_years: int

    @property
    def explanation(self) -> str:
        """Why the optimal split favours what it favours, in Spanish."""
        t = self.table.set_index("reparto")
        more_gap = t.at["brecha", "more_with_optimal"]
        more_equal = t.at["igual", "more_with_optimal"]
        order = ", ".join(
            f"{r.label} ({soles(r.unit_cost)} por persona)" for r in self.costs.itertuples()
        )
        return (
            f"En {num(self.horizon_years)} años, el reparto óptimo cubre a "
            f"{num(t.at['optimo', 'people'])} personas nuevas: {num(more_gap)} más que según "
            f"la brecha y {num(more_equal)} más que en partes iguales. Da primero a lo que "
            f"cuesta menos por persona ({order}), porque con el mismo sol cubre a más "
            "personas, y cada brecha deja de recibir cuando se cerraría en el horizonte: lo que "
            "ya no puede usar pasa a la siguiente. No mira cuán grande es la brecha en %: una "
            "brecha cara puede quedar sin aumento."
        )


def _people(gap, shares, pop, cost, base, executed, horizon) -> np.ndarray:
    """Σ over gaps of min(U0, H * spending / cost), NaN-safe (no cost: nobody)."""
    ok = np.isfinite(cost) & np.isfinite(base)
    u0 = np.where(ok, np.nan_to_num(gap) / 100.0 * pop[..., None] * np.nan_to_num(base), 0.0)
    spend = shares / 100.0 * executed[..., None]
    covered = np.where(ok, horizon * spend / np.where(ok, cost, 1.0), 0.0)
    return np.nansum(np.minimum(u0, covered), axis=-1)


def compare(scenario, inputs, assumptions) -> SharingComparison:
    """People covered within the horizon under each way of sharing, for the Simulador's place.

    For a territory of many municipalities the rule is applied to each one (as the
    Simulador does) and the people are added up.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import assumptions, load_inputs
    >>> inp = load_inputs()
    >>> s = Scenario(minimum_pct=40, reparto="optimo")
    >>> c = compare(s, inp, assumptions(s, inp))
    >>> t = c.table.set_index("reparto")["people"]
    >>> bool(t["optimo"] >= t["brecha"] and t["optimo"] >= t["igual"])
    True
    """
    a = assumptions
    h = a.horizon_years
    c = inputs.costs
    people = {}
    if inputs.municipalities is None:
        g = len(inputs.gaps["ids"])
        cost, base = inputs.central_costs(scenario.unit_costs_dict())
        gap, att = inputs.gaps["gap_pct"], inputs.gaps["attention_pct"]
        opt = optimal_inputs(
            gap,
            unit_cost=cost,
            base_share=base,
            population=a.population,
            executed_soles=a.executed_soles,
            horizon_years=h,
        )
        for rep in COMPARED:
            rule = rules.from_scenario(
                scenario.with_(reparto=rep), inputs.gaps["ids"], optimal=opt, view=PRIORITY
            )
            shares = rule.apply(gap, att).shares[:g]
            people[rep] = float(
                _people(
                    gap,
                    shares,
                    np.asarray(float(a.population)),
                    cost,
                    base,
                    np.asarray(a.executed_soles),
                    h,
                )
            )
        labels = inputs.gaps["labels"][c["position"]]
        unit = cost[c["position"]]
    else:
        m = inputs.municipalities
        stems = [s for _, s, _ in territory.SERVICES]
        gap = m[[f"{s}_gap_pct" for s in stems]].to_numpy(float)
        pop = np.nan_to_num(m["population"].to_numpy(float))
        base = (
            inputs.unit_costs.set_index("gap_id")
            .loc[[i for i, _, _ in territory.SERVICES], "base_share"]
            .to_numpy(float)
        )
        for rep in COMPARED:
            res = territory.apply_rule(m, scenario.with_(reparto=rep), inputs.unit_costs)
            d = res.districts
            # the people each district covers per year, at its own cost, within the horizon
            per_year = d[[f"covered_per_year_{s}" for s in stems]].to_numpy(float)
            u0 = np.nan_to_num(gap) / 100.0 * pop[:, None] * base
            people[rep] = float(np.nansum(np.minimum(u0, h * per_year)))
        labels = np.array([label for _, _, label in territory.SERVICES], dtype=object)
        # population-weighted central cost (each district's own cost is used above)
        unit = res.services["unit_cost"].to_numpy(float)
    table = pd.DataFrame(
        {
            "reparto": list(COMPARED),
            "label": list(COMPARED.values()),
            "people": [people[r] for r in COMPARED],
        }
    )
    table["more_with_optimal"] = people["optimo"] - table["people"]
    costs = (
        pd.DataFrame({"label": labels, "unit_cost": unit})
        .sort_values("unit_cost", kind="stable")
        .reset_index(drop=True)
    )
    return SharingComparison(table=table, costs=costs, horizon_years=h)
