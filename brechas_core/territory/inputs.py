"""The Simulador's inputs for a territory: the territory as one place.

:func:`territory_inputs` adds up a territory's municipalities into the shape the Simulador
reads (a three-gap table like the study's Table 2, its budget, execution and population),
keeping the municipalities themselves so that the Simulador can apply the rule to each.
:class:`Defaults` is the money and people a place's projection starts from: a territory's
sums, or the study's typical Puno district.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from brechas_core import real_shares
from brechas_core.territory.panel import ESTIMATE_NOTE, GAP_IDS, SERVICES, STEMS, weighted_mean
from brechas_core.territory.places import Territory

__all__ = ["Defaults", "TerritoryInputs", "territory_inputs"]


@dataclass(frozen=True)
class Defaults:
    """The money and people a place's projection starts from when the user sets none.

    For the study, the typical Puno district (medians over Puno's municipalities,
    :meth:`from_table`); for a real territory, its own sums (:attr:`TerritoryInputs.defaults`).

    Attributes
    ----------
    pim, devengado : float
        S/ per year.
    execution_pct : float
        Devengado / PIM, %.
    population : float
        Inhabitants.
    density_km2 : float
        Inhabitants per km² (picks the central unit cost, :mod:`brechas_core.costs`); NaN
        when not known.
    statistic, source : Mapping of str to str
        For each value by key (``"pim"``, ``"population"``...): which statistic it is and
        where it comes from, as the Metodología page lists them.

    Examples
    --------
    >>> from brechas_core.data import load_typical_district
    >>> d = Defaults.from_table(load_typical_district())
    >>> round(d.execution_pct, 2), d.population, d["population"]
    (80.84, 4990.0, 4990.0)
    """

    pim: float
    devengado: float
    execution_pct: float
    population: float
    density_km2: float = float("nan")
    statistic: Mapping[str, str] = field(default_factory=dict, repr=False)
    source: Mapping[str, str] = field(default_factory=dict, repr=False)

    #: The unit of each value, by key (as in ``typical_district_puno.csv``).
    UNITS: ClassVar[Mapping[str, str]] = {
        "pim": "S/",
        "devengado": "S/",
        "execution_pct": "%",
        "population": "personas",
        "density_km2": "hab/km²",
    }

    def __getitem__(self, key: str) -> float:
        """A value by its key (``"pim"``, ``"execution_pct"``, ``"population"``...)."""
        if key not in self.UNITS:
            raise KeyError(key)
        return getattr(self, key)

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> Defaults:
        """From a key/value table such as :func:`brechas_core.data.load_typical_district`
        (keys it does not name, such as the typical gaps, are not defaults of the
        projection and are left out)."""
        rows = table.set_index("key")
        known = [k for k in cls.UNITS if k in rows.index]
        return cls(
            **{k: float(rows.at[k, "value"]) for k in known},
            statistic={k: str(rows.at[k, "statistic"]) for k in known},
            source={k: str(rows.at[k, "source"]) for k in known},
        )


@dataclass(frozen=True)
class TerritoryInputs:
    """A territory as a whole, in the shape of the Simulador's inputs.

    Attributes
    ----------
    table : DataFrame
        ``gap_id, label, gap_pct, attention_pct`` for water, sewage and electricity: the
        Census 2017 gaps weighted by population (municipalities with census data), and the
        ESTIMATED share of the executed budget attending each (devengado-weighted), like
        the study's Table 2 (``attention_pct`` is a % of the whole executed budget).
    pim, devengado : float
        S/ per year, summed over the territory's municipalities.
    execution_pct : float
        ``100 * devengado / pim``.
    population : int
        Sum of the known populations.
    n_municipalities, n_without_census : int
    estimate_note : str
    municipalities : DataFrame
        The territory's rows of :func:`~brechas_core.territory.district_frame`: the
        Simulador applies the rule to each of them
        (:func:`~brechas_core.territory.apply_rule`) and shows the sum.
    """

    table: pd.DataFrame
    pim: float
    devengado: float
    execution_pct: float
    population: int
    n_municipalities: int
    n_without_census: int
    estimate_note: str
    municipalities: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    #: Population-weighted rural weight of the territory (picks the central unit cost).
    rural_weight: float | None = None

    @property
    def defaults(self) -> Defaults:
        """The territory's own budget, execution and population, summed over its
        municipalities, as the projection's defaults."""
        keys = ("pim", "devengado", "execution_pct", "population")
        return Defaults(
            pim=self.pim,
            devengado=self.devengado,
            execution_pct=self.execution_pct,
            population=float(self.population),
            statistic=dict(
                zip(keys, ["suma del territorio"] * 2 + ["devengado / PIM", "suma"], strict=True)
            ),
            source=dict.fromkeys(keys, "MEF, Presupuesto y Ejecución de Gasto; INEI"),
        )


def territory_inputs(territory: Territory, frame: pd.DataFrame) -> TerritoryInputs:
    """Budget, execution, population and the three-gap table of a territory as a whole.

    Parameters
    ----------
    territory : Territory
        Not the study (the study's Table 2 is the Simulador's own input).
    frame : DataFrame
        :func:`~brechas_core.territory.district_frame` (all of Peru, or any superset of
        the territory).

    Returns
    -------
    TerritoryInputs

    Examples
    --------
    >>> from brechas_core import data
    >>> from brechas_core.territory import district_frame, resolve
    >>> d = data.load_districts()
    >>> f = district_frame("2023", municipalities=data.load_municipalities(), districts=d,
    ...                    functions=data.load_functions_by_department())
    >>> ti = territory_inputs(resolve("21", d)[0], f)
    >>> ti.n_municipalities, round(ti.pim / 1e6, 2), round(ti.execution_pct, 1)
    (110, 1707.98, 77.4)
    >>> ti.table["gap_id"].tolist()
    ['agua', 'desague', 'electricidad']
    """
    if territory.is_study:
        raise ValueError("Los distritos del estudio no están identificados: use la Tabla 2.")
    d = territory.select(frame)
    ok = d["has_census"].to_numpy(bool)
    pop = d["population"].to_numpy(float)
    dev = d["devengado"].to_numpy(float)
    table = pd.DataFrame(
        {
            "gap_id": GAP_IDS,
            "label": [label for _, _, label in SERVICES],
            "gap_pct": [
                weighted_mean(d[f"{s}_gap_pct"].to_numpy(float)[ok], pop[ok]) for s in STEMS
            ],
            "attention_pct": [
                weighted_mean(d[f"est_share_{s}_pct"].to_numpy(float), dev) for s in STEMS
            ],
        }
    )
    pim = float(d["pim"].sum())
    devengado = float(dev.sum())
    # in the run's language (the interface caches the inputs per language)
    note = real_shares.note(d) or frame.attrs.get("estimate_note", ESTIMATE_NOTE)
    return TerritoryInputs(
        table=table,
        pim=pim,
        devengado=devengado,
        execution_pct=100.0 * devengado / pim if pim > 0 else 0.0,
        population=int(np.nansum(pop)),
        n_municipalities=len(d),
        n_without_census=int((~ok).sum()),
        estimate_note=note,
        municipalities=d,
        rural_weight=_rural_weight_of(d),
    )


def _rural_weight_of(d: pd.DataFrame) -> float | None:
    """Population-weighted rural weight of some districts; None when none is known."""
    if "rural_weight" not in d:
        return None
    w = weighted_mean(d["rural_weight"].to_numpy(float), d["population"].to_numpy(float))
    return None if np.isnan(w) else w
