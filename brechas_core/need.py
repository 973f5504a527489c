"""The money a gap actually needs: what closing it within the horizon costs, and what a rule
gives beyond that.

For a projectable gap ``i`` (one with a cost per person, see ``data/unit_costs.csv``):

* people in need ``U0_i`` (see :mod:`brechas_core.projection`);
* soles per year that close it within ``H`` years: ``need_i = U0_i * cost_i / H``;
* the same as a share of the executed budget ``E``: ``100 * need_i / E``;
* money spent on it each year ``spend_i`` (the rule's share of ``E``);
* spending beyond the need ``excess_i = max(spend_i - need_i, 0)``: after the gap closes,
  that money covers nobody more under the projection's assumptions;
* of which the rule's own top-up ``overshoot_i = min(max(moved_i, 0), excess_i)``.

The unit cost has a band (low, central, high): a low cost needs less money, so the excess
is largest at the low cost. Every function works over leading axes (one scenario, or 1,891
municipalities at once).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from brechas_core.costs import district_costs
from brechas_core.fmt import num, soles
from brechas_core.i18n import N_, _
from brechas_core.projection import check_horizon
from brechas_core.territory.panel import GAP_IDS, SERVICES, STEMS

__all__ = [
    "METHOD",
    "CensusServices",
    "Need",
    "NeedTable",
    "TerritoryNeed",
    "census_services",
    "closing_need",
    "for_simulation",
    "for_territory",
    "overshoot_text",
]

#: Relative tolerance below which an excess is read as zero (floating-point residues).
EXCESS_TOL = 1e-9


@dataclass(frozen=True)
class Need:
    """Result of :func:`closing_need`; arrays broadcast over the inputs' leading axes.

    Attributes
    ----------
    people_in_need : ndarray
        ``U0``, people the gap leaves uncovered today.
    need_soles : ndarray
        Soles per year (executed) that close the gap within the horizon.
    need_share_pct : ndarray
        ``need_soles`` as a % of the executed budget (may exceed 100: then even the whole
        budget does not close it in time).
    spending_soles : ndarray
        Soles per year the scenario spends on the gap.
    excess_soles : ndarray
        ``max(spending - need, 0)``: spending beyond what closing in time needs.
    shortfall_soles : ndarray
        ``max(need - spending, 0)``: what is still missing to close in time.
    overshoot_soles : ndarray
        The part of the rule's top-up (``moved_soles`` > 0) beyond the need.
    closes : ndarray of bool
        True when the spending closes the gap within the horizon.
    horizon_years : int
    """

    people_in_need: np.ndarray
    need_soles: np.ndarray
    need_share_pct: np.ndarray
    spending_soles: np.ndarray
    excess_soles: np.ndarray
    shortfall_soles: np.ndarray
    overshoot_soles: np.ndarray
    closes: np.ndarray
    horizon_years: int


def closing_need(
    people_in_need: ArrayLike,
    unit_cost: ArrayLike,
    *,
    horizon_years: int,
    executed_soles: ArrayLike,
    spending_soles: ArrayLike,
    moved_soles: ArrayLike = 0.0,
) -> Need:
    """What closing each gap within the horizon costs, and the spending beyond it.

    Parameters
    ----------
    people_in_need : array_like, shape (..., g)
        People each gap leaves uncovered today.
    unit_cost : array_like, shape (..., g)
        Soles to cover one more person (leading axes may hold the low/central/high cases).
    horizon_years : int
        Years within which the gap should close, 1 to 50.
    executed_soles : array_like, shape (...) or scalar
        Executed budget per year (PIM × execution rate), the base of the shares.
    spending_soles : array_like, shape (..., g)
        Soles per year spent on each gap under the scenario.
    moved_soles : array_like, shape (..., g), optional
        Soles per year the rule moved into each gap (its top-up); default 0.

    Returns
    -------
    Need

    Examples
    --------
    500 people in need at S/ 100 each, to close in 5 years: S/ 10,000 a year, 10 % of a
    S/ 100,000 executed budget. Spending S/ 25,000 (of which the rule added S/ 20,000)
    leaves S/ 15,000 beyond the need, all of it from the rule's top-up.

    >>> n = closing_need([500.0], [100.0], horizon_years=5, executed_soles=100_000,
    ...                  spending_soles=[25_000.0], moved_soles=[20_000.0])
    >>> float(n.need_soles[0]), float(n.need_share_pct[0]), float(n.excess_soles[0])
    (10000.0, 10.0, 15000.0)
    >>> float(n.overshoot_soles[0]), bool(n.closes[0])
    (15000.0, True)
    """
    u0 = np.asarray(people_in_need, dtype=float)
    cost = np.asarray(unit_cost, dtype=float)
    executed = np.asarray(executed_soles, dtype=float)
    spend = np.asarray(spending_soles, dtype=float)
    moved = np.asarray(moved_soles, dtype=float)
    check_horizon(horizon_years)
    if np.any(~np.isfinite(cost)) or np.any(cost <= 0):
        raise ValueError("El costo por persona de cada brecha debe ser mayor que cero.")
    if np.any(u0 < 0) or np.any(spend < 0):
        raise ValueError("Las personas y el gasto deben ser no negativos.")
    need = u0 * cost / float(horizon_years)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            executed[..., None] > 0,
            100.0 * need / np.where(executed > 0, executed, 1.0)[..., None],
            np.where(need > 0, np.inf, 0.0),
        )
    diff = spend - need
    tol = EXCESS_TOL * np.maximum(np.abs(spend), np.abs(need))
    excess = np.where(diff > tol, diff, 0.0)
    shortfall = np.where(-diff > tol, -diff, 0.0)
    overshoot = np.minimum(np.maximum(moved, 0.0), excess)
    return Need(
        people_in_need=np.broadcast_to(u0, need.shape).copy(),
        need_soles=need,
        need_share_pct=share,
        spending_soles=np.broadcast_to(spend, need.shape).copy(),
        excess_soles=excess,
        shortfall_soles=shortfall,
        overshoot_soles=np.broadcast_to(overshoot, need.shape).copy(),
        closes=shortfall == 0.0,
        horizon_years=int(horizon_years),
    )


@dataclass(frozen=True)
class NeedTable:
    """What the Simulador shows about the money each projectable gap needs.

    Attributes
    ----------
    table : DataFrame
        One row per projectable gap: ``gap_id, label, people_in_need, need_low, need_central,
        need_high`` (S/ per year to close within the horizon at each unit cost),
        ``need_share_pct`` (central, % of the executed budget), ``spending_soles``,
        ``moved_soles``, ``excess_central``, ``overshoot_low, overshoot_central,
        overshoot_high`` (rule's top-up beyond the need at each cost), ``shortfall_central``.
    overshoot : tuple of float
        The rule's top-up beyond the need, all gaps: (at high cost, central, at low cost),
        i.e. smallest to largest.
    still_useful : tuple of str
        Where money beyond the need would still be useful: projectable gaps that do not
        close in time (central cost), then included gaps without a cost per person.
    horizon_years : int
    note : str or None
        For a territory of many municipalities: the sentence of :meth:`TerritoryNeed.text`
        (money cannot move between municipalities under the rule, so it says where it falls
        short instead).
    """

    table: pd.DataFrame
    overshoot: tuple[float, float, float]
    still_useful: tuple[str, ...]
    horizon_years: int
    note: str | None = None


def for_simulation(sim, unit_costs: pd.DataFrame | None = None, scenario=None) -> NeedTable | None:
    """The :class:`NeedTable` of a :class:`~brechas_core.simulation.Simulation`.

    Returns None in the sector view (no projection there). Uses the projection summary's
    people in need and unit costs (the user's, when set) and the items' scenario shares.
    For a territory of many municipalities (``sim.territory`` set) and with ``unit_costs``
    and ``scenario`` given, each municipality's need and excess are counted on its own and
    added up (:func:`for_territory`), as the rule is.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import load_inputs, simulate
    >>> nt = for_simulation(simulate(Scenario(minimum_pct=40), load_inputs()))
    >>> nt.table["gap_id"].tolist()
    ['agua', 'desague', 'electricidad', 'anemia']
    >>> nt.overshoot[0] <= nt.overshoot[1] <= nt.overshoot[2]
    True
    """
    summary = sim.projection_summary
    if summary is None:
        return None
    by_municipality = getattr(sim, "territory", None)
    if by_municipality is not None and unit_costs is not None and scenario is not None:
        tn = for_territory(by_municipality.districts, unit_costs, scenario)
        short = tn.services.loc[tn.services["shortfall_central"] > 0, "label"].tolist()
        return NeedTable(
            table=tn.services,
            overshoot=tn.overshoot,
            still_useful=tuple(short),
            horizon_years=tn.horizon_years,
            note=tn.text() if len(tn.districts) > 1 else None,
        )
    a = sim.assumptions
    # plain arrays: a slider move pays for this on every rerun (issue 12, scale)
    item_ids = sim.items["id"].tolist()
    ids = summary["gap_id"].tolist()
    at = [item_ids.index(i) for i in ids]
    scen = sim.items["scenario_pct"].to_numpy(float)[at]
    moved = sim.items["moved_soles"].to_numpy(float)[at]
    spend = scen / 100.0 * a.executed_soles
    costs = summary[["cost_low", "cost_central", "cost_high"]].to_numpy(float).T  # (3, g)
    n = closing_need(
        summary["people_in_need"].to_numpy(float)[None, :],
        costs,
        horizon_years=a.horizon_years,
        executed_soles=a.executed_soles,
        spending_soles=spend[None, :],
        moved_soles=moved[None, :],
    )
    table = pd.DataFrame(
        {
            "gap_id": ids,
            "label": summary["label"].to_numpy(object),
            "people_in_need": summary["people_in_need"].to_numpy(float),
            "need_low": n.need_soles[0],
            "need_central": n.need_soles[1],
            "need_high": n.need_soles[2],
            "need_share_pct": n.need_share_pct[1],
            "spending_soles": spend,
            "moved_soles": moved,
            "excess_central": n.excess_soles[1],
            "overshoot_low": n.overshoot_soles[0],
            "overshoot_central": n.overshoot_soles[1],
            "overshoot_high": n.overshoot_soles[2],
            "shortfall_central": n.shortfall_soles[1],
        }
    )
    total = n.overshoot_soles.sum(axis=-1)  # per cost case: low, central, high
    labels = summary["label"].tolist()
    short = [label for label, s in zip(labels, n.shortfall_soles[1], strict=True) if s > 0]
    no_cost = [
        label
        for i, label, target in zip(
            item_ids, sim.items["label"].tolist(), sim.items["is_target"].tolist(), strict=True
        )
        if target and i not in ids
    ]
    return NeedTable(
        table=table,
        overshoot=(float(total[2]), float(total[1]), float(total[0])),
        still_useful=tuple(short + no_cost),
        horizon_years=a.horizon_years,
    )


def overshoot_text(nt: NeedTable) -> str | None:
    """One Spanish sentence flagging the rule's top-up beyond the need; None when there is none.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Agua"], "overshoot_low": [2000.0],
    ...                   "overshoot_central": [1000.0]})
    >>> print(overshoot_text(NeedTable(t, (500.0, 1000.0, 2000.0), ("Anemia",), 10)))
    ... # doctest: +NORMALIZE_WHITESPACE
    La regla pone S/ 1,000 al año (entre S/ 500 y S/ 2,000 según el costo por persona) más
    de lo que necesita cerrar Agua en 10 años. Ese dinero aún serviría en: Anemia, o en el
    resto del presupuesto.
    """
    low, central, high = nt.overshoot
    if high <= 0:
        return None
    if nt.note is not None:
        return nt.note
    col = "overshoot_central" if central > 0 else "overshoot_low"
    over = nt.table.loc[nt.table[col] > 0, "label"].tolist()
    if abs(high - low) <= EXCESS_TOL * max(high, 1.0):
        amount = _("{soles} al año").format(soles=soles(central))
    elif central > 0:
        amount = _("{soles} al año (entre {low} y {high} según el costo por persona)").format(
            soles=soles(central), low=soles(low), high=soles(high)
        )
    else:
        amount = _("hasta {high} al año si el costo por persona fuera el bajo").format(
            high=soles(high)
        )
    which = ", ".join(_(label) for label in over) if over else _("alguna brecha")
    where = (
        _("Ese dinero aún serviría en: {gaps}, o en el resto del presupuesto.").format(
            gaps=", ".join(_(label) for label in nt.still_useful)
        )
        if nt.still_useful
        else _(
            "Todas las brechas con costo por persona ya se cierran a tiempo: ese dinero "
            "serviría mejor en el resto del presupuesto."
        )
    )
    sentence = _("La regla pone {amount} más de lo que necesita cerrar {which} en {years} años.")
    return sentence.format(amount=amount, which=which, years=num(nt.horizon_years)) + " " + where


# --------------------------------------------------------------------------------------
# Every municipality of a territory at once
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerritoryNeed:
    """What closing each census gap within the horizon costs in every municipality.

    Attributes
    ----------
    districts : DataFrame
        One row per municipality with census data: ``ubigeo, district, province``, and per
        service ``s`` in (water, sewage, electricity): ``need_{s}`` (S/ per year to close it
        within the horizon, central cost), ``shortfall_{s}``; and ``need_soles`` (the three
        together), ``overshoot_low, overshoot_central, overshoot_high`` (the rule's top-up
        beyond the need, at each unit cost), ``shortfall_soles`` (what is still missing to
        close all three in time, central cost).
    overshoot : tuple of float
        Sum over municipalities of the top-up beyond the need: (high cost, central, low).
    n_overshooting : int
        Municipalities where the rule's top-up goes beyond the need (central cost).
    n_short : int
        Municipalities where some gap still does not close in time (central cost).
    shortfall_soles : float
        What those municipalities still miss, S/ per year (central cost).
    horizon_years : int
    services : DataFrame
        The three services summed over the municipalities, with the columns of
        :attr:`NeedTable.table` (each municipality's need and excess counted on its own).
    """

    districts: pd.DataFrame
    overshoot: tuple[float, float, float]
    n_overshooting: int
    n_short: int
    shortfall_soles: float
    horizon_years: int
    services: pd.DataFrame | None = None

    def text(self) -> str | None:
        """A sentence (in the run's language) flagging the top-up beyond the need; None when
        there is none."""
        low, central, high = self.overshoot
        if high <= 0:
            return None
        band = (
            ""
            if abs(high - low) <= EXCESS_TOL * max(high, 1.0)
            else " "
            + _("(entre {low} y {high} según el costo por persona)").format(
                low=soles(low), high=soles(high)
            )
        )
        years = num(self.horizon_years)
        where = (
            " "
            + _(
                "Mientras tanto, en {n} municipalidades alguna brecha no se cierra en {years} "
                "años: les faltan {soles} al año."
            ).format(n=num(self.n_short), years=years, soles=soles(self.shortfall_soles))
            if self.n_short
            else ""
        )
        return (
            _(
                "En {n} municipalidades la regla pone más de lo que necesita cerrar sus brechas "
                "en {years} años: {soles} al año en total{band}, que ahí serviría más en el resto "
                "del presupuesto."
            ).format(n=num(self.n_overshooting), years=years, soles=soles(central), band=band)
            + where
        )


@dataclass(frozen=True)
class CensusServices:
    """The three census services (:data:`brechas_core.territory.SERVICES`) in each
    municipality of a territory: who is in need and what covering one more person costs.

    Attributes
    ----------
    gap_pct : ndarray, shape (n, 3)
        Census 2017 gap of each service, in % (NaN where the district has no census data).
    population, executed_soles : ndarray, shape (n,)
        Each municipality's population and executed budget (devengado) per year.
    unit_cost : ndarray, shape (3, n, 3)
        Cost per person at the low, central and high cost, by each district's rurality; a
        central cost set by the user scales its band (:func:`brechas_core.costs.district_costs`).
    base_share : ndarray, shape (3,)
        Fraction of the population each service applies to.
    """

    gap_pct: np.ndarray
    population: np.ndarray
    executed_soles: np.ndarray
    unit_cost: np.ndarray
    base_share: np.ndarray

    @property
    def people_in_need(self) -> np.ndarray:
        """``U0``, shape (n, 3): the people each service leaves uncovered today."""
        return self.gap_pct / 100.0 * self.population[:, None] * self.base_share


def census_services(frame: pd.DataFrame, unit_costs: pd.DataFrame, scenario) -> CensusServices:
    """The :class:`CensusServices` of :func:`brechas_core.territory.district_frame` rows,
    with the scenario's own unit costs where it sets them."""
    weight = frame["rural_weight"].to_numpy(float) if "rural_weight" in frame else np.nan
    return CensusServices(
        gap_pct=frame[[f"{s}_gap_pct" for s in STEMS]].to_numpy(float),
        population=frame["population"].to_numpy(float),
        executed_soles=frame["devengado"].to_numpy(float),
        unit_cost=district_costs(unit_costs, GAP_IDS, weight, scenario.unit_costs_dict()),
        base_share=unit_costs.set_index("gap_id").loc[GAP_IDS, "base_share"].to_numpy(float),
    )


def for_territory(districts: pd.DataFrame, unit_costs: pd.DataFrame, scenario) -> TerritoryNeed:
    """The :class:`TerritoryNeed` of a :class:`~brechas_core.territory.TerritoryResult`'s
    districts table (rows without census data are left out).

    Examples
    --------
    >>> from brechas_core import data, territory
    >>> from brechas_core.scenario import Scenario
    >>> f = territory.load_district_frame("2023")
    >>> s = Scenario(minimum_pct=30)
    >>> res = territory.apply_rule(f[f["ubigeo"] == "150101"], s, data.load_unit_costs())
    >>> tn = for_territory(res.districts, data.load_unit_costs(), s)
    >>> tn.n_overshooting, tn.overshoot[1] > 0.99 * res.summary.moved_soles
    (1, True)
    """
    d = districts[districts["has_census"].to_numpy(bool)].reset_index(drop=True)
    stems, ids = STEMS, GAP_IDS
    census = census_services(d, unit_costs, scenario)
    dev = census.executed_soles
    after = d[[f"scenario_share_{s}_pct" for s in stems]].to_numpy(float)
    before = d[[f"est_share_{s}_pct" for s in stems]].to_numpy(float)
    u0 = census.people_in_need
    n = closing_need(
        u0,
        census.unit_cost,
        horizon_years=int(scenario.horizon_years),
        executed_soles=dev,
        spending_soles=after / 100.0 * dev[:, None],
        moved_soles=(after - before) / 100.0 * dev[:, None],
    )
    out = d[["ubigeo", "district", "province"]].copy()
    for j, s in enumerate(stems):
        out[f"need_{s}"] = n.need_soles[1, :, j]
        out[f"shortfall_{s}"] = n.shortfall_soles[1, :, j]
    out["need_soles"] = n.need_soles[1].sum(axis=1)
    over = n.overshoot_soles.sum(axis=-1)  # (3, n)
    out["overshoot_low"], out["overshoot_central"], out["overshoot_high"] = over
    out["shortfall_soles"] = n.shortfall_soles[1].sum(axis=1)
    total = over.sum(axis=1)
    dev_sum = float(dev.sum())
    services = pd.DataFrame(
        {
            "gap_id": ids,
            "label": [label for _id, _stem, label in SERVICES],
            "people_in_need": u0.sum(axis=0),
            "need_low": n.need_soles[0].sum(axis=0),
            "need_central": n.need_soles[1].sum(axis=0),
            "need_high": n.need_soles[2].sum(axis=0),
            "need_share_pct": 100.0 * n.need_soles[1].sum(axis=0) / dev_sum
            if dev_sum > 0
            else np.nan,
            "spending_soles": n.spending_soles[1].sum(axis=0),
            "moved_soles": ((after - before) / 100.0 * dev[:, None]).sum(axis=0),
            "excess_central": n.excess_soles[1].sum(axis=0),
            "overshoot_low": n.overshoot_soles[0].sum(axis=0),
            "overshoot_central": n.overshoot_soles[1].sum(axis=0),
            "overshoot_high": n.overshoot_soles[2].sum(axis=0),
            "shortfall_central": n.shortfall_soles[1].sum(axis=0),
        }
    )
    return TerritoryNeed(
        districts=out,
        overshoot=(float(total[2]), float(total[1]), float(total[0])),
        n_overshooting=int((over[1] > 0).sum()),
        n_short=int((out["shortfall_soles"] > 0).sum()),
        shortfall_soles=float(out["shortfall_soles"].sum()),
        horizon_years=int(scenario.horizon_years),
        services=services,
    )


#: What closing a gap within the horizon costs a year, and the excess beyond it (Metodología).
METHOD = N_(
    "**Lo que necesita cada brecha.** Para cerrar una brecha dentro del horizonte de N años "
    "hace falta gastar cada año U₀ × c / N soles (personas sin el servicio por costo por "
    "persona, entre los años). El Simulador lo muestra por brecha, con la banda de costos, y "
    "avisa cuando el aumento de la regla va más allá de eso: pasado ese punto la brecha ya se "
    "cerró y, en la proyección, ese dinero no cubre a nadie más (serviría en las brechas que "
    "no se cierran a tiempo, en las que no tienen costo por persona o en el resto del "
    "presupuesto). Territorios lo suma municipalidad por municipalidad."
)
