"""The per-municipality panel: one row per municipality, with its gaps and estimated shares.

Each district's budget (MEF, ``municipalities.csv``) and its three Census 2017 service
gaps (water, sewage, electricity, ``districts.csv``) in one table, :func:`district_frame`,
that the rule then reads all at once.

What is estimated, and why. District spending by function is not in the shipped files;
only each department's local-government spending by function is
(``functions_by_department.csv``). So a district's share of its executed budget that
attends each gap is ESTIMATED from its department's distribution that year:

* water + sewage: the department's share of function 18 SANEAMIENTO, split **in equal
  halves** between water and sewage. The study's Table 2 is closer to equal halves
  (5.65 % and 6.28 %) than to a split by gap size (it would give 5.03 % and 6.90 %), and an
  equal split does not assume that money follows need, which is what the alignment tests.
* electricity: the department's share of function 12 ENERGÍA.

Every district of a department therefore starts from the same estimated shares: the
estimate cannot tell districts of one department apart, only their budgets and gaps can.
Columns holding estimates start with ``est_`` and the frame carries an ``estimate_note``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from brechas_core import data, real_shares
from brechas_core.costs import rural_weight
from brechas_core.i18n import DEFAULT, N_, _, using
from brechas_core.scenario import ANIOS

__all__ = [
    "ESTIMATE_NOTE",
    "EXTRA_INDICATORS",
    "GAP_IDS",
    "SERVICES",
    "STEMS",
    "STUDY_YEARS",
    "district_frame",
    "estimate_note",
    "load_district_frame",
    "weighted_mean",
]

#: The three Census 2017 gaps: (gap id of Table 2 and unit_costs.csv, column stem, label).
SERVICES = (
    ("agua", "water", N_("Agua")),
    ("desague", "sewage", N_("Desagüe")),
    ("electricidad", "electricity", N_("Electricidad")),
)
STEMS = [s for _gap, s, _label in SERVICES]
GAP_IDS = [i for i, _stem, _label in SERVICES]

SANEAMIENTO, ENERGIA = "18", "12"
#: The years the study averaged ("promedio").
STUDY_YEARS = (2021, 2022, 2023)

ESTIMATE_NOTE = N_(
    "Estimación: el gasto municipal por función no se publica por distrito en estos datos. "
    "La parte del presupuesto ejecutado de cada distrito que atiende agua y desagüe se "
    "estima con la participación de la función 18 Saneamiento en el gasto de los gobiernos "
    "locales de su departamento ese año (mitad agua, mitad desagüe), y la de electricidad "
    "con la función 12 Energía. Todos los distritos de un departamento parten de la misma "
    "participación estimada."
)
#: Added to ESTIMATE_NOTE for a year without spending by function (2024, 2025).
LATER_YEAR_NOTE = N_(
    "Para {year} se usa la distribución por función de {used}, el último año con gasto por "
    "función en estos datos."
)


def estimate_note(years: tuple[str, int] | None = None) -> str:
    """The estimate's note in the run's language; ``years`` (the year shown, the year whose
    spending by function is used) when they differ (``frame.attrs["estimate_years"]``).

    >>> "Para 2025 se usa la distribución por función de 2023" in estimate_note(("2025", 2023))
    True
    """
    note = _(ESTIMATE_NOTE)
    if years:
        note += " " + _(LATER_YEAR_NOTE).format(year=years[0], used=years[1])
    return note


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    """Mean of ``values`` weighted by ``weights`` over the pairs where both are finite;
    NaN when those weights add up to 0.

    Examples
    --------
    >>> weighted_mean(np.array([10.0, 20.0, np.nan]), np.array([1.0, 3.0, 5.0]))
    17.5
    """
    mask = np.isfinite(values) & np.isfinite(weights)
    total = weights[mask].sum()
    return float((values[mask] * weights[mask]).sum() / total) if total > 0 else float("nan")


def _department_shares(functions: pd.DataFrame) -> pd.DataFrame:
    """Per department and year: % of local governments' devengado in functions 18 and 12."""
    total = functions.groupby(["department_code", "year"])["devengado"].sum()
    by = functions.pivot_table(
        index=["department_code", "year"],
        columns="function_code",
        values="devengado",
        aggfunc="sum",
        fill_value=0.0,
    ).reindex(columns=[SANEAMIENTO, ENERGIA], fill_value=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = by.div(total, axis=0).mul(100.0).fillna(0.0)
    return share.rename(columns={SANEAMIENTO: "saneamiento", ENERGIA: "energia"}).reset_index()


#: District indicators beyond the three gaps that map to a municipal function (issue 11,
#: item 6; data/district_indicators.csv says which, which not, and why). Shown in the tables,
#: never averaged into ``gap_mean_pct`` nor used by the rule.
EXTRA_INDICATORS = ("internet_gap_pct", "food_vulnerability")


def district_frame(
    year: str,
    *,
    municipalities: pd.DataFrame,
    districts: pd.DataFrame,
    functions: pd.DataFrame,
) -> pd.DataFrame:
    """One row per municipality with budget data in a year, with its gaps and estimated shares.

    Parameters
    ----------
    year : {"promedio", "2021", ..., "2025"}
        ``"promedio"``: each municipality's mean PIM and devengado over the years it has
        in 2021-2023 (as in the study); the estimated shares are then its department's
        over the three years pooled. 2024 and 2025 (partial) use the 2023 department
        shares (no spending by function for them in these data).
    municipalities, districts, functions : DataFrame
        :func:`~brechas_core.data.load_municipalities`,
        :func:`~brechas_core.data.load_districts`,
        :func:`~brechas_core.data.load_functions_by_department`.

    Returns
    -------
    DataFrame
        ``ubigeo, department_code, province_code, department, province, district,
        population`` (float, NaN if unknown), ``water_gap_pct, sewage_gap_pct,
        electricity_gap_pct`` (Census 2017, NaN if unknown), ``gap_mean_pct`` (mean of the
        three: each is a % of the same population), ``has_census`` (False where a gap or
        the population is missing: kept, flagged), ``has_polygon``, ``n_years``, ``pim``,
        ``devengado`` (S/ per year), ``execution_pct`` (``100 * devengado / pim``, 0 if PIM
        is 0), and the estimates ``est_share_water_pct, est_share_sewage_pct,
        est_share_electricity_pct, est_share_gaps_pct`` (% of the executed budget).
        ``frame.attrs["estimate_note"]`` explains the estimate in Spanish.

    Examples
    --------
    >>> from brechas_core import data
    >>> f = district_frame("2023", municipalities=data.load_municipalities(),
    ...                    districts=data.load_districts(),
    ...                    functions=data.load_functions_by_department())
    >>> puno = f[f["department_code"] == "21"]
    >>> len(f), len(puno), round(float(puno["pim"].sum()) / 1e6, 2)
    (1891, 110, 1707.98)
    >>> int((~f["has_census"]).sum())
    17
    """
    if year not in ANIOS:
        raise ValueError(f"Año desconocido: {year!r}. Use uno de {', '.join(ANIOS)}.")
    shares = _department_shares(functions)
    m = municipalities[["ubigeo", "year", "pim", "devengado"]]
    years = None
    if year != "promedio":
        m = m[m["year"] == int(year)]
        # 2024 and 2025 have budgets (Consulta Amigable) but no spending by function in
        # these data: the estimate uses the latest earlier year that has it, and says so.
        known = sorted(int(y) for y in shares["year"].unique() if int(y) <= int(year))
        used = known[-1] if known else int(year)
        shares = shares[shares["year"] == used]
        if used != int(year):
            years = (year, used)
    else:
        # The study's 2021-2023 average (later years are not part of it). The department's
        # pooled 2021-2023 share: one estimate per department, as for a single year (a
        # per-district weighting by year would only add noise).
        m = m[m["year"].isin(STUDY_YEARS)]
        shares = _department_shares(functions.assign(year=0))
    per = m.groupby("ubigeo", sort=True).agg(
        n_years=("year", "size"), pim=("pim", "mean"), devengado=("devengado", "mean")
    )
    est = (
        shares.set_index("department_code")
        .reindex(per.index.str[:2])[["saneamiento", "energia"]]
        .fillna(0.0)
    )
    san = est["saneamiento"].to_numpy(float)
    ene = est["energia"].to_numpy(float)
    pim = per["pim"].to_numpy(float)
    dev = per["devengado"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        execution = np.where(pim > 0, 100.0 * dev / np.where(pim > 0, pim, 1.0), 0.0)
    budget = pd.DataFrame(
        {
            "ubigeo": per.index,
            "n_years": per["n_years"].to_numpy(int),
            "pim": pim,
            "devengado": dev,
            "execution_pct": execution,
            "est_share_water_pct": san / 2.0,
            "est_share_sewage_pct": san / 2.0,
            "est_share_electricity_pct": ene,
        }
    )
    budget["est_share_gaps_pct"] = budget[[f"est_share_{s}_pct" for s in STEMS]].sum(axis=1)
    names = districts[
        [
            "ubigeo",
            "department_code",
            "province_code",
            "department",
            "province",
            "district",
            "population",
            *[f"{s}_gap_pct" for s in STEMS],
            *EXTRA_INDICATORS,  # shown beside the three gaps, not used by the rule
            "density_km2",
            "has_polygon",
        ]
    ]
    out = names.merge(budget, on="ubigeo", how="inner", validate="one_to_one")
    out["population"] = out["population"].astype("Float64").astype(float)
    out["food_vulnerability"] = out["food_vulnerability"].astype("Float64").astype(float)
    gaps = out[[f"{s}_gap_pct" for s in STEMS]]
    out.insert(out.columns.get_loc("has_polygon"), "gap_mean_pct", gaps.mean(axis=1, skipna=False))
    out.insert(
        out.columns.get_loc("has_polygon"),
        "has_census",
        gaps.notna().all(axis=1) & (out["population"] > 0),
    )
    # Rurality picks each district's central unit cost (brechas_core.costs).
    out.insert(out.columns.get_loc("has_polygon"), "rural_weight", rural_weight(out["density_km2"]))
    out = out.sort_values("ubigeo", ignore_index=True)
    out.attrs["year"] = year
    # In Spanish, whatever the run's language (the frame is cached and shared); the
    # interface writes it in its language from estimate_years (real_shares.note).
    with using(DEFAULT):
        out.attrs["estimate_note"] = estimate_note(years)
    out.attrs["estimate_years"] = years
    return out


def load_district_frame(year: str, *, districts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every municipality of Peru in a year, from ``data/``: :func:`district_frame` with the
    real spending by gap (:mod:`brechas_core.real_shares`) wherever
    ``scripts/build_data.py --gasto`` wrote it, and the estimate elsewhere.

    Parameters
    ----------
    year : {"promedio", "2021", ..., "2025"}
    districts : DataFrame, optional
        :func:`~brechas_core.data.load_districts`, when the caller already holds it.
    """
    frame = district_frame(
        year,
        municipalities=data.load_municipalities(),
        districts=data.load_districts() if districts is None else districts,
        functions=data.load_functions_by_department(),
    )
    return real_shares.apply(frame, year, data.load_gap_spending_by_municipality())
