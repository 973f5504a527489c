"""A fund for a whole territory: soles per year, apart from the rule, split across its
municipalities where they cover the most people (or close the most gaps) within the horizon.

What each gap still lacks comes from :func:`brechas_core.need.for_territory` (the rule
already applied); the split is :func:`brechas_core.optimal.fund_split`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core import need as N
from brechas_core.costs import district_costs
from brechas_core.fmt import num, soles
from brechas_core.i18n import N_, _
from brechas_core.optimal import FundSplit, fund_split
from brechas_core.territory.panel import GAP_IDS, STEMS

__all__ = ["HOW", "METHOD", "TerritoryFund", "territory_fund"]

#: What the fund does, in Spanish (before an amount is written; shown through ``_``).
HOW = N_(
    "Escriba un monto: se reparte donde cubre a más personas en el horizonte (lo que "
    "cuesta menos por persona primero) y ninguna brecha recibe más de lo que necesita "
    "para cerrarse a tiempo."
)
#: How the split is computed, in Spanish (under the table of who receives; through ``_``).
METHOD = N_(
    "Cubrir a más personas: programa lineal (scipy, HiGHS). Cerrar más brechas: primero las "
    "brechas a las que menos les falta (óptimo, comprobado con un programa entero), y lo que "
    "sobra donde cubre a más personas. Cada brecha recibe a lo más lo que le falta para "
    "cerrarse a tiempo con la regla actual (costo central de su distrito)."
)


@dataclass(frozen=True)
class TerritoryFund:
    """A fund split across a territory's municipalities (those with census data).

    Attributes
    ----------
    fund_soles : float
    objective : str
        ``"personas"`` or ``"brechas"``.
    horizon_years : int
    split : FundSplit
        Per municipality (rows of ``districts``) and gap (water, sewage, electricity).
    districts : DataFrame
        ``ubigeo, district, province`` and the fund's ``fondo`` (soles per year),
        ``personas`` (people covered) and ``cierra`` (gaps closed in time).
    """

    fund_soles: float
    objective: str
    horizon_years: int
    split: FundSplit
    districts: pd.DataFrame

    def receiving(self, n: int = 20) -> pd.DataFrame:
        """The ``n`` municipalities that receive the most, largest first."""
        d = self.districts
        return d[d["fondo"] > 0].sort_values("fondo", ascending=False).head(n)

    def text(self) -> str:
        """What the fund does, in one paragraph in the run's language."""
        split = self.split
        n_receiving = int((self.districts["fondo"] > 0).sum())
        how = (
            _("repartidos para cerrar el mayor número de brechas (las que menos les falta primero)")
            if self.objective == "brechas"
            else _("repartidos donde cada sol cubre a más personas")
        )
        text = _(
            "Con {fund} al año, {how}, se cubre a {people} personas más en {years} años y se "
            "cierran a tiempo {closed} brechas en {n} municipalidades."
        ).format(
            fund=soles(self.fund_soles),
            how=how,
            people=num(split.people_total),
            years=num(self.horizon_years),
            closed=num(split.gaps_closed),
            n=num(n_receiving),
        )
        if split.used_soles < self.fund_soles * (1 - 1e-9):
            text += " " + _(
                "Sobran {left} al año: ninguna brecha los necesita para cerrarse a tiempo."
            ).format(left=soles(self.fund_soles - split.used_soles))
        return text


def territory_fund(districts: pd.DataFrame, unit_costs: pd.DataFrame, scenario) -> TerritoryFund:
    """The scenario's fund (``fund_soles``, ``fund_objective``) split across the districts
    of a :class:`~brechas_core.territory.TerritoryResult` under the scenario's rule."""
    d = N.for_territory(districts, unit_costs, scenario).districts
    stems, ids = STEMS, GAP_IDS
    short = d[[f"shortfall_{s}" for s in stems]].to_numpy(float)
    rows = districts.set_index("ubigeo").loc[d["ubigeo"]]
    weight = rows["rural_weight"].to_numpy(float) if "rural_weight" in rows else np.nan
    cost = district_costs(unit_costs, ids, weight, scenario.unit_costs_dict())[1]
    split = fund_split(
        float(scenario.fund_soles),
        short,
        cost,
        horizon_years=int(scenario.horizon_years),
        objective=scenario.fund_objective,
    )
    table = d[["ubigeo", "district", "province"]].assign(
        fondo=split.soles.sum(axis=1),
        personas=split.people.sum(axis=1),
        cierra=split.closes.sum(axis=1),
    )
    return TerritoryFund(
        float(scenario.fund_soles),
        scenario.fund_objective,
        int(scenario.horizon_years),
        split,
        table,
    )
