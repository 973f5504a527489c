"""The study's Table 2 redone on a territory's own investment projects.

The study compared, for each priority gap, the gap (% of people without the service) with the
share of the executed budget that attended it, from 1,623 projects classified by hand. Here the
projects are those of ``data/projects_by_gap.csv`` (Invierte.pe, ten departments, classified
by :mod:`brechas_core.projects`), and the money is each project's updated cost
(``costo_actualizado``): the investment portfolio registered in the period, not execution.

Every share is ``100 * amount of the gap / amount of all projects`` of the territory and
period, with water-and-sewage projects split half and half (:func:`projects.attribute`), so
the shares of the ten gaps and ``otros`` add up to 100. The census gaps are those of Census
2017 for water, sewage and electricity (population-weighted over the territory's districts);
the other seven gaps have no district figure in the shipped data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core.fmt import num, pct, soles_millones
from brechas_core.i18n import N_, _
from brechas_core.projects import OTROS, attribute

__all__ = [
    "AMOUNT",
    "CENSUS_GAPS",
    "PortfolioTable",
    "department_districts",
    "departments_with_projects",
    "district_projects",
    "gap_amounts",
    "table2",
    "year_bounds",
]

#: What Table 2 on a territory's own projects is, in Spanish (under the Proyectos title).
TABLE2_NOTE = N_(
    "La Tabla 2 del estudio, rehecha con los proyectos de inversión de cada municipalidad "
    "(Invierte.pe, MEF): cuánto de su inversión atiende cada brecha prioritaria y cuánto va "
    "a «otros» (losas deportivas, locales comunales, parques, vías...). Cada proyecto se "
    "clasifica por su nombre con reglas de palabras (data/project_rules.csv); la tabla de "
    "proyectos dice qué regla decidió y por qué. El dinero es el costo actualizado de los "
    "proyectos registrados en el periodo, no su ejecución."
)
#: How the census gap of a territory and a shared project are counted.
CENSUS_GAP_NOTE = N_(
    "Brecha: Censo 2017, ponderada por población cuando son varios distritos. Un proyecto de "
    "agua y desagüe a la vez cuenta mitad en cada una."
)

#: The amount that measures a project's size: its updated cost, in soles.
AMOUNT = "costo_actualizado"

#: Gap id -> column of ``districts.csv`` with the district's Census 2017 gap (%).
CENSUS_GAPS = {
    "agua": "water_gap_pct",
    "desague": "sewage_gap_pct",
    "electricidad": "electricity_gap_pct",
}


def departments_with_projects(projects: pd.DataFrame) -> list[str]:
    """Two-digit codes of the departments that have project data, sorted.

    Examples
    --------
    >>> departments_with_projects(pd.DataFrame({"ubigeo": ["180101", "010101", "180102"]}))
    ['01', '18']
    """
    return sorted(projects["ubigeo"].str[:2].unique().tolist())


def year_bounds(projects: pd.DataFrame) -> tuple[int, int]:
    """First and last registration year in the table."""
    return int(projects["year"].min()), int(projects["year"].max())


def _select(
    projects: pd.DataFrame,
    ubigeos: Sequence[str] | None,
    years: tuple[int, int] | None,
    columns: Sequence[str],
    who: str | None = None,
) -> pd.DataFrame:
    """The rows of the territory and period, only the columns needed (one mask, one take:
    copying the name column of 47,000 rows is what makes a filter slow)."""
    mask = np.ones(len(projects), dtype=bool)
    if ubigeos is not None:
        mask &= projects["ubigeo"].isin(list(ubigeos)).to_numpy()
    if years is not None:
        mask &= projects["year"].between(years[0], years[1]).to_numpy()
    if who is not None:
        mask &= (projects["municipality"] == who).to_numpy()
    return projects.loc[mask, list(columns)]


def gap_amounts(
    projects: pd.DataFrame,
    ubigeos: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    who: str | None = None,
) -> pd.DataFrame:
    """Money and projects per (district, gap), water-and-sewage split half and half.

    ``who`` keeps only the projects run by that kind of municipality (``"distrital"``,
    ``"provincial"``); all when omitted.

    Returns
    -------
    DataFrame
        ``ubigeo, gap_id, amount, n_projects`` where ``n_projects`` counts a split project in
        both of its gaps (it is one project in each), and ``amount`` is in S/.

    Examples
    --------
    >>> p = pd.DataFrame({"ubigeo": ["1", "1"], "cui": [1, 2], "year": [2022, 2023],
    ...     "gap_id": ["agua", "otros"], "also_gap_id": ["desague", ""],
    ...     "costo_actualizado": [100.0, 300.0]})
    >>> gap_amounts(p).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'ubigeo': '1', 'gap_id': 'agua', 'amount': 50.0, 'n_projects': 1},
     {'ubigeo': '1', 'gap_id': 'desague', 'amount': 50.0, 'n_projects': 1},
     {'ubigeo': '1', 'gap_id': 'otros', 'amount': 300.0, 'n_projects': 1}]
    """
    rows = _select(
        projects, ubigeos, years, ["ubigeo", "cui", "gap_id", "also_gap_id", AMOUNT], who
    )
    long = attribute(rows, [AMOUNT])
    out = (
        long.groupby(["ubigeo", "gap_id"], sort=True)
        .agg(amount=(AMOUNT, "sum"), n_projects=("cui", "nunique"))
        .reset_index()
    )
    out["n_projects"] = out["n_projects"].astype("int64")
    return out


@dataclass(frozen=True)
class PortfolioTable:
    """Table 2 for one territory and period.

    Attributes
    ----------
    rows : DataFrame
        One row per gap of the study (in its order) and ``otros`` last: ``gap_id, label,
        gap_pct`` (Census 2017, NaN where there is no district figure), ``share_pct``,
        ``amount`` (S/), ``n_projects``.
    total : float
        S/ of all the territory's projects in the period.
    n_projects : int
        Distinct projects.
    otros_pct, priority_pct : float
        Share that went to ``otros`` and to the ten gaps together (they add up to 100).
    """

    rows: pd.DataFrame
    total: float
    n_projects: int
    otros_pct: float
    priority_pct: float

    def reading(self, place: str, period: str) -> str:
        """One sentence, in the run's language, with the headline: how much went to otros."""
        if self.n_projects == 0:
            return _("{place} no tiene proyectos municipales registrados en {period}.").format(
                place=place, period=period
            )
        top = self.rows[self.rows["gap_id"] != OTROS].nlargest(1, "share_pct")
        top_label = str(top["label"].iloc[0]) if len(top) else ""
        best = (
            _("; la brecha con más inversión es {gap} ({pct})").format(
                gap=_(top_label).lower(), pct=pct(float(top["share_pct"].iloc[0]))
            )
            if len(top) and float(top["share_pct"].iloc[0]) > 0
            else ""
        )
        return _(
            "En {place}, {n} proyectos municipales registrados en {period} suman {amount}: "
            "{otros} fue a proyectos que no atienden ninguna de las diez brechas prioritarias "
            "(otros){best}."
        ).format(
            place=place,
            n=num(self.n_projects),
            period=period,
            amount=soles_millones(self.total),
            otros=pct(self.otros_pct),
            best=best,
        )


def _census_gaps(districts: pd.DataFrame, ubigeos: Sequence[str]) -> dict[str, float]:
    """Population-weighted Census 2017 gap of each service over the given districts."""
    own = districts[districts["ubigeo"].isin(list(ubigeos))]
    out = {}
    for gap_id, column in CENSUS_GAPS.items():
        known = own[own[column].notna() & own["population"].notna()]
        weight = known["population"].to_numpy(float)
        out[gap_id] = (
            float(np.average(known[column].to_numpy(float), weights=weight))
            if weight.sum() > 0
            else np.nan
        )
    return out


def table2(
    projects: pd.DataFrame,
    districts: pd.DataFrame,
    gaps: pd.DataFrame,
    ubigeos: Sequence[str],
    years: tuple[int, int] | None = None,
    who: str | None = None,
) -> PortfolioTable:
    """The study's Table 2 on the territory's own projects.

    Parameters
    ----------
    projects : DataFrame
        :func:`brechas_core.data.load_projects_by_gap`.
    districts : DataFrame
        :func:`brechas_core.data.load_districts` (population and Census 2017 gaps).
    gaps : DataFrame
        :func:`brechas_core.data.load_study_priority_gaps` (ids, labels, order).
    ubigeos : sequence of str
        The territory's districts.
    years : (first, last), optional
        Registration years, both included; all years when omitted.
    who : {"distrital", "provincial"}, optional
        Only the projects run by that kind of municipality.

    Examples
    --------
    >>> from brechas_core import data
    >>> t = table2(data.load_projects_by_gap(), data.load_districts(),
    ...            data.load_study_priority_gaps(), ["180301"], (2021, 2023))
    >>> round(t.otros_pct + t.priority_pct, 6), list(t.rows["gap_id"])[-1]
    (100.0, 'otros')
    """
    amounts = gap_amounts(projects, ubigeos, years, who)
    per_gap = amounts.groupby("gap_id").agg(
        amount=("amount", "sum"), n_projects=("n_projects", "sum")
    )
    labels = [*gaps["label"].tolist(), N_("Otros (ninguna brecha prioritaria)")]
    rows = pd.DataFrame({"gap_id": [*gaps["gap_id"].tolist(), OTROS], "label": labels})
    rows = rows.join(per_gap, on="gap_id")
    rows["amount"] = rows["amount"].fillna(0.0)
    rows["n_projects"] = rows["n_projects"].fillna(0).astype("int64")
    total = float(rows["amount"].sum())
    rows["share_pct"] = 100 * rows["amount"] / total if total > 0 else 0.0
    census = _census_gaps(districts, ubigeos)
    rows["gap_pct"] = rows["gap_id"].map(census).astype(float)
    rows = rows[["gap_id", "label", "gap_pct", "share_pct", "amount", "n_projects"]]
    n = int(_select(projects, ubigeos, years, ["cui"], who)["cui"].nunique())
    otros = float(rows.loc[rows["gap_id"] == OTROS, "share_pct"].iloc[0]) if total > 0 else 0.0
    return PortfolioTable(
        rows=rows.reset_index(drop=True),
        total=total,
        n_projects=n,
        otros_pct=otros,
        priority_pct=(100.0 - otros) if total > 0 else 0.0,
    )


def department_districts(
    projects: pd.DataFrame,
    districts: pd.DataFrame,
    ubigeos: Sequence[str],
    years: tuple[int, int] | None = None,
    who: str | None = None,
) -> pd.DataFrame:
    """One row per district with projects: how its portfolio splits, beside its census gaps.

    Returns
    -------
    DataFrame
        ``ubigeo, district, province, n_projects, total`` (S/), ``otros_pct``, ``priority_pct``,
        ``agua_pct, desague_pct, electricidad_pct, locales_pct`` (the two school gaps
        together), ``water_gap_pct, sewage_gap_pct, electricity_gap_pct`` (Census 2017),
        sorted by ``otros_pct`` from most to least.
    """
    amounts = gap_amounts(projects, ubigeos, years, who)
    wide = amounts.pivot_table(
        index="ubigeo", columns="gap_id", values="amount", aggfunc="sum", fill_value=0.0
    )
    total = wide.sum(axis=1)
    share = wide.div(total.where(total > 0), axis=0) * 100
    counts = (
        _select(projects, ubigeos, years, ["ubigeo", "cui"], who).groupby("ubigeo")["cui"].nunique()
    )
    out = pd.DataFrame({"ubigeo": wide.index, "n_projects": counts.reindex(wide.index).to_numpy()})
    out["total"] = total.to_numpy()

    def col(gap: str) -> np.ndarray:
        return share[gap].to_numpy() if gap in share else np.zeros(len(share))

    out["otros_pct"] = col(OTROS)
    out["priority_pct"] = 100 - out["otros_pct"]
    out["agua_pct"] = col("agua")
    out["desague_pct"] = col("desague")
    out["electricidad_pct"] = col("electricidad")
    out["locales_pct"] = col("locales_estado") + col("locales_servicios")
    names = districts.set_index("ubigeo")[
        ["district", "province", *CENSUS_GAPS.values(), "population"]
    ]
    out = out.join(names, on="ubigeo")
    columns = [
        "ubigeo",
        "district",
        "province",
        "n_projects",
        "total",
        "otros_pct",
        "priority_pct",
        "agua_pct",
        "desague_pct",
        "electricidad_pct",
        "locales_pct",
        *CENSUS_GAPS.values(),
    ]
    return (
        out[columns]
        .sort_values(["otros_pct", "ubigeo"], ascending=[False, True])
        .reset_index(drop=True)
    )


def district_projects(
    projects: pd.DataFrame,
    ubigeo: str,
    years: tuple[int, int] | None = None,
    reasons: pd.Series | None = None,
    who: str | None = None,
) -> pd.DataFrame:
    """A district's projects, largest first, with the rule and its reason.

    ``reasons`` maps ``rule_id`` to its Spanish reason (from the rules file); the row gets an
    empty reason where it is missing.
    """
    columns = ["cui", "year", "name", "gap_id", "also_gap_id", "rule_id", AMOUNT]
    rows = _select(projects, [ubigeo], years, columns, who)
    out = rows.sort_values([AMOUNT, "cui"], ascending=[False, True])
    out["reason"] = out["rule_id"].map(reasons) if reasons is not None else ""
    return out.reset_index(drop=True)
