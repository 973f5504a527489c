"""Territories: one district, a province, a department or all of Peru, under the same rule.

The study averaged 13 unidentified Puno districts. Here the rule runs on real
municipalities: each district's budget (MEF, ``municipalities.csv``) and its three Census
2017 service gaps (water, sewage, electricity, ``districts.csv``), all of them at once in
one vectorised :func:`~brechas_core.rules.priority_view` call of shape ``(n, 3 + 1)``.

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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brechas_core import real_shares, rules
from brechas_core.alignment import MIN_POINTS
from brechas_core.costs import district_costs, rural_weight
from brechas_core.fmt import num, pct, soles, soles_millones
from brechas_core.optimal import optimal_inputs
from brechas_core.projection import project_coverage
from brechas_core.scenario import ANIOS, Scenario
from brechas_core.stats import CorrelationResult, pearson, spearman

__all__ = [
    "KINDS",
    "SERVICES",
    "SIZE_CLASSES",
    "DistrictProfile",
    "Territory",
    "TerritoryInputs",
    "TerritoryResult",
    "TerritorySummary",
    "across_municipalities",
    "alignment_table",
    "apply_rule",
    "distribution",
    "district_frame",
    "district_profile",
    "group_level",
    "group_values",
    "ranking",
    "resolve",
    "size_class",
    "territory_inputs",
]

KINDS = ("estudio", "pais", "departamento", "provincia", "distrito")

#: The three Census 2017 gaps: (gap id of Table 2 and unit_costs.csv, column stem, label).
SERVICES = (
    ("agua", "water", "Agua"),
    ("desague", "sewage", "Desagüe"),
    ("electricidad", "electricity", "Electricidad"),
)
_STEMS = [s for _, s, _ in SERVICES]
_IDS = [i for i, _, _ in SERVICES]

#: Population size classes: (label, lower bound inclusive, upper bound exclusive).
SIZE_CLASSES = (
    ("Menos de 2,000", 0, 2_000),
    ("2,000 a 5,000", 2_000, 5_000),
    ("5,000 a 20,000", 5_000, 20_000),
    ("20,000 a 100,000", 20_000, 100_000),
    ("Más de 100,000", 100_000, np.inf),
)
NO_SIZE = "Sin dato de población"

SANEAMIENTO, ENERGIA = "18", "12"
#: The years the study averaged ("promedio").
STUDY_YEARS = (2021, 2022, 2023)

ESTIMATE_NOTE = (
    "Estimación: el gasto municipal por función no se publica por distrito en estos datos. "
    "La parte del presupuesto ejecutado de cada distrito que atiende agua y desagüe se "
    "estima con la participación de la función 18 Saneamiento en el gasto de los gobiernos "
    "locales de su departamento ese año (mitad agua, mitad desagüe), y la de electricidad "
    "con la función 12 Energía. Todos los distritos de un departamento parten de la misma "
    "participación estimada."
)


# --------------------------------------------------------------------------------------
# Territories
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Territory:
    """A place the rule can be applied to.

    Attributes
    ----------
    kind : {"estudio", "pais", "departamento", "provincia", "distrito"}
    code : str
        ``"estudio"``, ``"PE"`` or the 2-, 4- or 6-digit INEI ubigeo prefix.
    name : str
        Spanish name for the interface: ``"Puno"``, ``"Provincia de El Collao (Puno)"``,
        ``"Ilave (El Collao, Puno)"``, ``"Perú"``.
    ubigeos : tuple of str
        Every INEI district in it (empty for the study, whose districts are not
        identified). Some may have no budget data.
    """

    kind: str
    code: str
    name: str
    ubigeos: tuple[str, ...] = field(default=(), repr=False)

    @property
    def is_study(self) -> bool:
        return self.kind == "estudio"

    @property
    def department_code(self) -> str | None:
        """The department to draw on a map (``None`` for Peru and the study)."""
        return self.code[:2] if self.kind in ("departamento", "provincia", "distrito") else None

    def select(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of a frame with a ``ubigeo`` column that lie in this territory."""
        if self.kind == "pais":
            return frame
        return frame[frame["ubigeo"].isin(self.ubigeos)]


STUDY = Territory("estudio", "estudio", "Distritos del estudio (Puno, no identificados)")


def resolve(code: str, districts: pd.DataFrame) -> tuple[Territory, list[str]]:
    """The territory for a code from a link or a selector; never raises for user input.

    Parameters
    ----------
    code : str
        ``"estudio"``, ``"PE"``, or a 2-digit department, 4-digit province or 6-digit
        district ubigeo.
    districts : DataFrame
        :func:`brechas_core.data.load_districts`.

    Returns
    -------
    territory : Territory
        The study's districts when the code is not known.
    notices : list of str
        Spanish explanations of what was done with an unknown code.

    Examples
    --------
    >>> from brechas_core.data import load_districts
    >>> d = load_districts()
    >>> resolve("2105", d)[0].name
    'Provincia de El Collao (Puno)'
    >>> t, notes = resolve("210501", d)
    >>> t.kind, t.name, notes
    ('distrito', 'Ilave (El Collao, Puno)', [])
    >>> t, notes = resolve("99", d)
    >>> t.kind, len(notes)
    ('estudio', 1)
    """
    text = str(code).strip() if code is not None else ""
    if text in ("", "estudio"):
        return STUDY, []
    if text == "PE":
        return Territory("pais", "PE", "Perú", tuple(districts["ubigeo"])), []
    shown = text if len(text) <= 12 else text[:11] + "…"
    if not (text.isascii() and text.isdigit() and len(text) in (2, 4, 6)):
        return STUDY, [
            f"El territorio «{shown}» no es válido (use PE o un ubigeo de 2, 4 o 6 dígitos); "
            "se muestran los distritos del estudio."
        ]
    column = {2: "department_code", 4: "province_code", 6: "ubigeo"}[len(text)]
    rows = districts[districts[column] == text]
    if rows.empty:
        what = {2: "departamento", 4: "provincia", 6: "distrito"}[len(text)]
        return STUDY, [
            f"No existe un {what} con el código {shown} en los datos del INEI; "
            "se muestran los distritos del estudio."
        ]
    first = rows.iloc[0]
    if len(text) == 2:
        kind, name = "departamento", str(first["department"])
    elif len(text) == 4:
        kind, name = "provincia", f"Provincia de {first['province']} ({first['department']})"
    else:
        kind = "distrito"
        name = f"{first['district']} ({first['province']}, {first['department']})"
    return Territory(kind, text, name, tuple(rows["ubigeo"])), []


# --------------------------------------------------------------------------------------
# One row per municipality, with estimated shares
# --------------------------------------------------------------------------------------


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
    note = ESTIMATE_NOTE
    if year != "promedio":
        m = m[m["year"] == int(year)]
        # 2024 and 2025 have budgets (Consulta Amigable) but no spending by function in
        # these data: the estimate uses the latest earlier year that has it, and says so.
        known = sorted(int(y) for y in shares["year"].unique() if int(y) <= int(year))
        used = known[-1] if known else int(year)
        shares = shares[shares["year"] == used]
        if used != int(year):
            note += (
                f" Para {year} se usa la distribución por función de {used}, el último año "
                "con gasto por función en estos datos."
            )
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
    budget["est_share_gaps_pct"] = budget[[f"est_share_{s}_pct" for s in _STEMS]].sum(axis=1)
    names = districts[
        [
            "ubigeo",
            "department_code",
            "province_code",
            "department",
            "province",
            "district",
            "population",
            *[f"{s}_gap_pct" for s in _STEMS],
            *EXTRA_INDICATORS,  # shown beside the three gaps, not used by the rule
            "density_km2",
            "has_polygon",
        ]
    ]
    out = names.merge(budget, on="ubigeo", how="inner", validate="one_to_one")
    out["population"] = out["population"].astype("Float64").astype(float)
    out["food_vulnerability"] = out["food_vulnerability"].astype("Float64").astype(float)
    gaps = out[[f"{s}_gap_pct" for s in _STEMS]]
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
    out.attrs["estimate_note"] = note
    return out


# --------------------------------------------------------------------------------------
# The rule on every district at once
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerritorySummary:
    """Totals and medians of a territory under the rule.

    Attributes
    ----------
    n_municipalities, n_without_census, n_receiving, n_infeasible : int
        Municipalities with budget data; of them, without Census 2017 data (flagged, left
        out of the projection and the alignment), receiving money, and where the minimum
        is not feasible.
    population : float
        Sum over municipalities with a known population.
    pim, devengado : float
        S/ per year, summed.
    execution_pct : float
        ``100 * Σ devengado / Σ PIM``.
    est_share_gaps_pct, scenario_share_gaps_pct : float
        Estimated share of the executed budget attending the three gaps, all districts
        together (devengado-weighted), before and after.
    moved_soles : float
        Soles moved to the gaps per year, summed.
    moved_soles_median, moved_per_capita_median : float
        Medians over municipalities (S/ per year, S/ per inhabitant per year).
    moved_per_capita : float
        Σ moved soles / Σ population (municipalities with a known population).
    """

    n_municipalities: int
    n_without_census: int
    n_receiving: int
    n_infeasible: int
    population: float
    pim: float
    devengado: float
    execution_pct: float
    est_share_gaps_pct: float
    scenario_share_gaps_pct: float
    moved_soles: float
    moved_soles_median: float
    moved_per_capita: float
    moved_per_capita_median: float


@dataclass(frozen=True)
class TerritoryResult:
    """The rule applied to every municipality of a territory.

    Attributes
    ----------
    districts : DataFrame
        The :func:`district_frame` columns plus, per municipality:
        ``scenario_share_{water,sewage,electricity}_pct`` and ``scenario_share_gaps_pct``;
        ``resto_before_pct, resto_after_pct``; ``moved_pct`` (top-up, points of the
        executed budget); ``moved_soles`` (``moved_pct / 100 * devengado``, S/ per year);
        ``moved_per_capita`` (S/ per inhabitant per year); ``feasible``,
        ``max_minimum_pct``; ``gaps_per_capita_base, gaps_per_capita`` (estimated S/ per
        inhabitant per year spent on the three gaps, before and after); for each service
        ``covered_per_year_{s}_base, covered_per_year_{s}`` (people newly covered per year)
        and ``gap_end_{s}_pct_base, gap_end_{s}_pct`` (projected gap after the horizon);
        ``gap_end_mean_pct_base, gap_end_mean_pct``; ``coverage_end_mean_pct``.
        Projection columns are NaN where ``has_census`` is False.
    services : DataFrame
        One row per service for the territory as a whole: ``gap_id, label, gap_pct``
        (population-weighted), ``est_share_pct, scenario_share_pct`` (devengado-weighted),
        ``people_in_need, covered_per_year_base, covered_per_year, gap_end_pct_base,
        gap_end_pct, unit_cost``.
    alignment : DataFrame
        Across districts: does a larger gap get more? One row per ``measure``
        (``"share_pct"``: estimated share of the budget to the gaps; ``"per_capita"``:
        estimated soles per inhabitant to the gaps), ``moment`` (``"base"``,
        ``"escenario"``) and ``method`` (``"spearman"``, ``"pearson"``): ``statistic, t,
        t_critical, pvalue, significant, n, decision``. The gap is ``gap_mean_pct``.
    summary : TerritorySummary
    notices : list of str
    horizon_years : int
    rule : Reallocation
        The rule's result for every municipality (shape ``(n, 4)``: water, sewage,
        electricity, resto), in the rows' order; :func:`brechas_core.rules.pool` reads it
        as one territory.
    """

    districts: pd.DataFrame
    services: pd.DataFrame
    alignment: pd.DataFrame
    summary: TerritorySummary
    notices: list[str]
    horizon_years: int
    rule: rules.Reallocation | None = field(default=None, repr=False)

    def reading(self, name: str) -> str:
        """One Spanish sentence saying what the rule does in the territory ``name``."""
        s = self.summary
        if s.n_municipalities == 0:
            return f"{name} no tiene municipalidades con datos de presupuesto en este año."
        base = (
            f"En {name}, las tres brechas del censo (agua, desagüe y electricidad) reciben "
            f"una participación estimada de {pct(s.est_share_gaps_pct)} del presupuesto "
            "ejecutado"
        )
        if s.moved_soles <= 0:
            return base + ": con la regla actual no se mueve dinero."
        return (
            base + f"; con la regla pasan a {pct(s.scenario_share_gaps_pct)}: unos "
            f"{soles(s.moved_soles)} al año ({soles(s.moved_per_capita, 2)} por habitante) "
            f"se reasignan en {num(s.n_receiving)} de {num(s.n_municipalities)} "
            "municipalidades, y el resto del presupuesto cede lo mismo."
        )


def _correlations(gap: np.ndarray, value: np.ndarray, alpha: float) -> list[CorrelationResult]:
    return [spearman(gap, value, alpha), pearson(gap, value, alpha)]


CONSTANT_NOTE = (
    "Todos los distritos tienen el mismo valor (la participación se estima por "
    "departamento): no se puede medir la alineación con esta medida."
)


def _not_computable(measure: str, moment: str, n: int, why: str) -> list[dict]:
    """Alignment rows for both methods when the test cannot be computed, saying why."""
    return [
        dict(
            measure=measure,
            moment=moment,
            method=method,
            statistic=np.nan,
            t=np.nan,
            t_critical=np.nan,
            pvalue=np.nan,
            significant=False,
            n=n,
            decision=why,
        )
        for method in ("spearman", "pearson")
    ]


def _alignment(d: pd.DataFrame, alpha: float) -> pd.DataFrame:
    ok = d[d["has_census"].to_numpy(bool)]
    rows = []
    pairs = {
        ("share_pct", "base"): "est_share_gaps_pct",
        ("share_pct", "escenario"): "scenario_share_gaps_pct",
        ("per_capita", "base"): "gaps_per_capita_base",
        ("per_capita", "escenario"): "gaps_per_capita",
    }
    gap = ok["gap_mean_pct"].to_numpy(float)
    for (measure, moment), column in pairs.items():
        if len(ok) < MIN_POINTS:
            rows += _not_computable(
                measure,
                moment,
                len(ok),
                f"Hacen falta al menos {MIN_POINTS} distritos con datos del censo para medir "
                "la alineación entre distritos.",
            )
            continue
        # Shares equal up to rounding noise (1e-9 p.p.) must tie, not be ranked.
        value = np.round(ok[column].to_numpy(float), 9)
        if np.ptp(value) == 0:
            rows += _not_computable(measure, moment, len(ok), CONSTANT_NOTE)
            continue
        for res in _correlations(gap, value, alpha):
            rows.append(
                dict(
                    measure=measure,
                    moment=moment,
                    method=res.method,
                    statistic=res.statistic,
                    t=res.t,
                    t_critical=res.t_critical,
                    pvalue=res.pvalue,
                    significant=res.significant,
                    n=res.n,
                    decision=res.decision,
                )
            )
    return pd.DataFrame(rows)


ALIGNMENT_MEASURES = {
    "share_pct": "Participación del presupuesto en las brechas (estimación)",
    "per_capita": "Soles por habitante para las brechas (estimación)",
}


def alignment_table(result: TerritoryResult) -> pd.DataFrame:
    """The alignment across districts as the page shows it: Spanish text, ``—`` where a
    test cannot be computed (never ``None``), and a note where a measure is identical
    before and after the rule.

    Returns
    -------
    DataFrame
        ``Medida, Momento, Prueba, Coeficiente, t, Distritos, Decisión`` (strings, and
        ``Distritos`` an int).
    """
    al = result.alignment
    out = []
    for r in al.itertuples(index=False):
        decision = str(r.decision)
        if r.moment == "escenario" and np.isfinite(r.statistic):
            base = al[
                (al["measure"] == r.measure) & (al["method"] == r.method) & (al["moment"] == "base")
            ]["statistic"]
            if len(base) and abs(float(base.iloc[0]) - float(r.statistic)) <= 1e-12:
                decision = (
                    "Igual que hoy: la regla escala a todos los distritos por igual (la "
                    "participación se estima por departamento). " + decision
                )
        t = float(r.t)
        out.append(
            {
                "Medida": ALIGNMENT_MEASURES.get(r.measure, r.measure),
                "Momento": {"base": "Hoy", "escenario": "Con la regla"}.get(r.moment, r.moment),
                "Prueba": {"spearman": "Spearman ρ", "pearson": "Pearson r"}.get(
                    r.method, r.method
                ),
                "Coeficiente": num(float(r.statistic), 3),
                "t": "∞" if np.isinf(t) else num(t, 2),
                "Distritos": int(r.n),
                "Decisión": decision,
            }
        )
    return pd.DataFrame(
        out, columns=["Medida", "Momento", "Prueba", "Coeficiente", "t", "Distritos", "Decisión"]
    )


def across_municipalities(result: TerritoryResult) -> str | None:
    """The alignment across municipalities in words: estimated soles per inhabitant for the
    three gaps against the mean gap, Spearman, before and after, with ``n``.

    ``None`` for a single municipality. Inside one department every district starts from
    the same estimated share, so a rule that lifts each to the same minimum scales them
    all alike: the measure is then the same before and after, and the text says so.
    """
    al = result.alignment
    if result.summary.n_municipalities < 2 or al.empty:
        return None
    rows = al[(al["measure"] == "per_capita") & (al["method"] == "spearman")]
    base = rows[rows["moment"] == "base"].iloc[0]
    after = rows[rows["moment"] == "escenario"].iloc[0]
    n = int(base["n"])
    if not np.isfinite(base["statistic"]) or not np.isfinite(after["statistic"]):
        return f"Entre municipalidades: {base['decision']}"
    head = (
        f"Entre sus {num(n)} municipalidades con datos del censo, ¿reciben más soles por "
        "habitante para las brechas las que tienen más brecha? "
    )
    verdict = "significativa" if bool(after["significant"]) else "no significativa"
    if abs(float(after["statistic"]) - float(base["statistic"])) <= 1e-12:
        return head + (
            f"ρ = {num(float(base['statistic']), 3)} ({verdict}, n = {num(n)}), igual antes y "
            "después de la regla: la participación se estima por departamento, así que la "
            "regla escala a todos sus distritos por igual y no cambia este orden."
        )
    was = "significativa" if bool(base["significant"]) else "no significativa"
    return head + (
        f"ρ pasa de {num(float(base['statistic']), 3)} ({was}) a "
        f"{num(float(after['statistic']), 3)} ({verdict}), n = {num(n)}."
    )


def _unit_costs(
    unit_costs: pd.DataFrame, scenario: Scenario, weight=np.nan
) -> tuple[np.ndarray, np.ndarray]:
    """Central unit cost per district (..., 3), picked by each one's rurality, and base shares."""
    central = district_costs(unit_costs, _IDS, weight, scenario.unit_costs_dict())[1]
    return central, unit_costs.set_index("gap_id").loc[_IDS, "base_share"].to_numpy(float)


def apply_rule(
    frame: pd.DataFrame,
    scenario: Scenario,
    unit_costs: pd.DataFrame,
    *,
    alpha: float = 0.05,
) -> TerritoryResult:
    """Apply the scenario's priority rule to every municipality of ``frame`` at once.

    The rule is :func:`~brechas_core.rules.priority_view` with four columns per district
    (water, sewage, electricity, resto), called once for all rows. From the scenario it
    takes ``minimum_pct`` (the three gaps together get at least that share of each
    district's executed budget), ``reparto``, ``excluded``, ``floors`` and ``weights`` of the
    ids ``agua``, ``desague``, ``electricidad``, ``protected_pct`` (capped at each district's
    resto), ``horizon_years`` and ``unit_costs`` (central case of ``unit_costs.csv`` unless
    overridden). Every row is computed independently: a district alone gives exactly the
    same numbers as inside all of Peru.

    Parameters
    ----------
    frame : DataFrame
        :func:`district_frame`, or a subset of its rows (e.g. ``territory.select(frame)``).
    scenario : Scenario
    unit_costs : DataFrame
        :func:`~brechas_core.data.load_unit_costs`.
    alpha : float
        Significance level of the alignment tests.

    Returns
    -------
    TerritoryResult

    Notes
    -----
    Districts without census data (``has_census`` False) still get the rule, with their
    gaps read as 0 for the reparto (so ``reparto="brecha"`` falls back to equal parts);
    their projection and alignment values are NaN / left out.

    Examples
    --------
    >>> from brechas_core import data
    >>> f = district_frame("2023", municipalities=data.load_municipalities(),
    ...                    districts=data.load_districts(),
    ...                    functions=data.load_functions_by_department())
    >>> puno = f[f["department_code"] == "21"]
    >>> res = apply_rule(puno, Scenario(minimum_pct=20), data.load_unit_costs())
    >>> res.summary.n_municipalities, round(res.summary.scenario_share_gaps_pct, 2)
    (110, 20.0)
    """
    d = frame.reset_index(drop=True).copy()
    notices: list[str] = []
    n = len(d)
    gap = d[[f"{s}_gap_pct" for s in _STEMS]].to_numpy(float)
    gap_rule = np.nan_to_num(gap, nan=0.0)
    att = d[[f"est_share_{s}_pct" for s in _STEMS]].to_numpy(float)
    weight = d["rural_weight"].to_numpy(float) if "rural_weight" in d else np.full(n, np.nan)
    cost, base_share = _unit_costs(unit_costs, scenario, weight)  # cost: (n, 3)
    optimal = None
    if scenario.reparto == "optimo":
        optimal = optimal_inputs(
            gap,
            unit_cost=cost,
            base_share=base_share,
            population=d["population"].to_numpy(float),
            executed_soles=d["devengado"].to_numpy(float),
            horizon_years=int(scenario.horizon_years),
        )
    rule = rules.from_scenario(scenario, _IDS, optimal=optimal, view="prioritarias")
    over = rules.protected_exceeds(scenario, att)
    if n and np.any(over):
        notices.append(
            f"La parte protegida ({pct(scenario.protected_pct, 1)}) es mayor que el resto del "
            f"presupuesto en {num(int(np.sum(over)))} "
            "municipalidades: allí se protegió todo el resto."
        )
    res = rule.apply(gap_rule, att)
    shares = res.shares[:, :3] if n else np.zeros((0, 3))
    dev = d["devengado"].to_numpy(float)
    pop = d["population"].to_numpy(float)
    for j, s in enumerate(_STEMS):
        d[f"scenario_share_{s}_pct"] = shares[:, j]
    d["scenario_share_gaps_pct"] = shares.sum(axis=1)
    d["resto_before_pct"] = res.baseline[:, 3] if n else []
    d["resto_after_pct"] = res.shares[:, 3] if n else []
    d["moved_pct"] = res.top_up if n else []
    d["moved_soles"] = d["moved_pct"] / 100.0 * dev
    with np.errstate(divide="ignore", invalid="ignore"):
        per_head = np.where(pop > 0, 1.0 / pop, np.nan)
    d["moved_per_capita"] = d["moved_soles"] * per_head
    d["feasible"] = np.asarray(res.feasible, dtype=bool) if n else []
    d["max_minimum_pct"] = res.max_minimum if n else []
    d["gaps_per_capita_base"] = d["est_share_gaps_pct"] / 100.0 * dev * per_head
    d["gaps_per_capita"] = d["scenario_share_gaps_pct"] / 100.0 * dev * per_head

    # Projection: only where the census gives the gaps and the population.
    ok = d["has_census"].to_numpy(bool)
    horizon = int(scenario.horizon_years)
    covered = np.full((2, n, 3), np.nan)
    gap_end = np.full((2, n, 3), np.nan)
    need = np.full((n, 3), np.nan)
    if ok.any():
        proj = project_coverage(
            gap[ok],
            np.stack([att[ok], shares[ok]]),  # (2, m, 3): baseline, scenario
            # Shares are of the executed budget, so the budget is devengado at rate 1.
            budget_soles=dev[ok],
            execution_rate=1.0,
            population=pop[ok],
            unit_cost=cost[ok],
            base_share=base_share,
            horizon_years=horizon,
        )
        covered[:, ok] = proj.newly_covered_per_year
        gap_end[:, ok] = proj.gap_pct[..., -1]
        need[ok] = proj.people_in_need[0]
    for j, s in enumerate(_STEMS):
        d[f"covered_per_year_{s}_base"] = covered[0, :, j]
        d[f"covered_per_year_{s}"] = covered[1, :, j]
        d[f"gap_end_{s}_pct_base"] = gap_end[0, :, j]
        d[f"gap_end_{s}_pct"] = gap_end[1, :, j]
    d["gap_end_mean_pct_base"] = gap_end[0].mean(axis=1)
    d["gap_end_mean_pct"] = gap_end[1].mean(axis=1)
    d["coverage_end_mean_pct"] = 100.0 - d["gap_end_mean_pct"]
    d.attrs.update(frame.attrs)

    missing = int((~ok).sum())
    if missing:
        notices.append(
            f"{num(missing)} municipalidades no tienen datos del Censo 2017 (brechas o "
            "población): reciben la regla, pero quedan fuera de la proyección y de la "
            "alineación. Se listan en la tabla."
        )
    infeasible = int((~d["feasible"]).sum())
    if infeasible:
        notices.append(
            f"En {num(infeasible)} municipalidades el mínimo pedido no es factible con lo que "
            "se puede liberar: se aplicó el máximo posible en cada una."
        )

    services = _services(d, need, covered, gap_end, cost)
    return TerritoryResult(
        districts=d,
        services=services,
        alignment=_alignment(d, alpha),
        summary=_summary(d),
        notices=notices,
        horizon_years=horizon,
        rule=res,
    )


def _wmean(values: np.ndarray, weights: np.ndarray) -> float:
    mask = np.isfinite(values) & np.isfinite(weights)
    total = weights[mask].sum()
    return float((values[mask] * weights[mask]).sum() / total) if total > 0 else float("nan")


def _services(d, need, covered, gap_end, cost) -> pd.DataFrame:
    ok = d["has_census"].to_numpy(bool)
    pop = d["population"].to_numpy(float)
    dev = d["devengado"].to_numpy(float)
    rows = []
    for j, (gid, s, label) in enumerate(SERVICES):
        gap = d[f"{s}_gap_pct"].to_numpy(float)
        rows.append(
            dict(
                gap_id=gid,
                label=label,
                gap_pct=_wmean(gap[ok], pop[ok]),
                est_share_pct=_wmean(d[f"est_share_{s}_pct"].to_numpy(float), dev),
                scenario_share_pct=_wmean(d[f"scenario_share_{s}_pct"].to_numpy(float), dev),
                people_in_need=float(np.nansum(need[:, j])),
                covered_per_year_base=float(np.nansum(covered[0, :, j])),
                covered_per_year=float(np.nansum(covered[1, :, j])),
                gap_end_pct_base=_wmean(gap_end[0, ok, j], pop[ok]),
                gap_end_pct=_wmean(gap_end[1, ok, j], pop[ok]),
                unit_cost=_wmean(cost[ok, j], pop[ok]) if ok.any() else float("nan"),
            )
        )
    return pd.DataFrame(rows)


def _median(series: pd.Series) -> float:
    return float(series.median()) if series.notna().any() else float("nan")


def _summary(d: pd.DataFrame) -> TerritorySummary:
    pim = float(d["pim"].sum())
    dev = float(d["devengado"].sum())
    pop_known = d["population"].fillna(0.0)
    moved = float(d["moved_soles"].sum())
    known = d["population"].notna()
    return TerritorySummary(
        n_municipalities=len(d),
        n_without_census=int((~d["has_census"]).sum()),
        n_receiving=int((d["moved_soles"] > 0).sum()),
        n_infeasible=int((~d["feasible"]).sum()),
        population=float(pop_known.sum()),
        pim=pim,
        devengado=dev,
        execution_pct=100.0 * dev / pim if pim > 0 else 0.0,
        est_share_gaps_pct=_wmean(
            d["est_share_gaps_pct"].to_numpy(float), d["devengado"].to_numpy(float)
        ),
        scenario_share_gaps_pct=_wmean(
            d["scenario_share_gaps_pct"].to_numpy(float), d["devengado"].to_numpy(float)
        ),
        moved_soles=moved,
        moved_soles_median=_median(d["moved_soles"]),
        moved_per_capita=float(d.loc[known, "moved_soles"].sum() / pop_known.sum())
        if pop_known.sum() > 0
        else float("nan"),
        moved_per_capita_median=_median(d["moved_per_capita"]),
    )


# --------------------------------------------------------------------------------------
# The Simulador fed with a real territory
# --------------------------------------------------------------------------------------


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
        The territory's rows of :func:`district_frame`: the Simulador applies the rule to
        each of them (:func:`apply_rule`) and shows the sum.
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


def territory_inputs(territory: Territory, frame: pd.DataFrame) -> TerritoryInputs:
    """Budget, execution, population and the three-gap table of a territory as a whole.

    Parameters
    ----------
    territory : Territory
        Not the study (the study's Table 2 is the Simulador's own input).
    frame : DataFrame
        :func:`district_frame` (all of Peru, or any superset of the territory).

    Returns
    -------
    TerritoryInputs

    Examples
    --------
    >>> from brechas_core import data
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
            "gap_id": _IDS,
            "label": [label for _, _, label in SERVICES],
            "gap_pct": [_wmean(d[f"{s}_gap_pct"].to_numpy(float)[ok], pop[ok]) for s in _STEMS],
            "attention_pct": [_wmean(d[f"est_share_{s}_pct"].to_numpy(float), dev) for s in _STEMS],
        }
    )
    pim = float(d["pim"].sum())
    devengado = float(dev.sum())
    return TerritoryInputs(
        table=table,
        pim=pim,
        devengado=devengado,
        execution_pct=100.0 * devengado / pim if pim > 0 else 0.0,
        population=int(np.nansum(pop)),
        n_municipalities=len(d),
        n_without_census=int((~ok).sum()),
        estimate_note=real_shares.note(d) or frame.attrs.get("estimate_note", ESTIMATE_NOTE),
        municipalities=d,
        rural_weight=_rural_weight_of(d),
    )


def _rural_weight_of(d: pd.DataFrame) -> float | None:
    """Population-weighted rural weight of some districts; None when none is known."""
    if "rural_weight" not in d:
        return None
    w = _wmean(d["rural_weight"].to_numpy(float), d["population"].to_numpy(float))
    return None if np.isnan(w) else w


# --------------------------------------------------------------------------------------
# Helpers for the views
# --------------------------------------------------------------------------------------

#: Measures that add up over districts (soles, people): only these get a total.
ADDITIVE = frozenset({"moved_soles", "pim", "devengado", "population"})

#: Ranking measures: column -> Spanish label.
RANKING_MEASURES = {
    "moved_soles": "Soles que recibe para las brechas al año (estimación)",
    "moved_per_capita": "Soles por habitante al año (estimación)",
    "moved_pct": "Puntos que cede el resto del presupuesto (estimación)",
    "gap_mean_pct": "Brecha promedio, Censo 2017 (%)",
}

#: Ranking columns read under another measure of the registry (brechas_core.measures):
#: a district's ``moved_pct`` is what the rest of its budget cedes to the gaps.
RANKING_ALIASES = {"moved_pct": "ceded_pct"}


def ranking(result: TerritoryResult, by: str = "moved_soles", *, ascending: bool = False):
    """Who gains and who loses: one row per municipality, sorted by a measure.

    Under the rule the three gaps of a district never lose: they gain ``moved_soles`` per
    year, and the rest of that district's budget gives up exactly the same amount.

    Parameters
    ----------
    result : TerritoryResult
    by : str
        A column of ``result.districts`` (see ``RANKING_MEASURES``).
    ascending : bool

    Returns
    -------
    DataFrame
        ``rank, ubigeo, district, province, department, population, gap_mean_pct,
        internet_gap_pct, food_vulnerability`` (``EXTRA_INDICATORS``), ``pim,
        devengado, execution_pct, est_share_gaps_pct, scenario_share_gaps_pct, moved_pct,
        moved_soles, moved_per_capita, gap_end_mean_pct_base, gap_end_mean_pct,
        has_census, has_polygon``; missing values sort last.
    """
    d = result.districts
    if by not in d.columns:
        raise ValueError(f"Columna desconocida para ordenar: {by!r}.")
    cols = [
        "ubigeo",
        "district",
        "province",
        "department",
        "population",
        "gap_mean_pct",
        *EXTRA_INDICATORS,
        "pim",
        "devengado",
        "execution_pct",
        "est_share_gaps_pct",
        "scenario_share_gaps_pct",
        "moved_pct",
        "moved_soles",
        "moved_per_capita",
        "gap_end_mean_pct_base",
        "gap_end_mean_pct",
        "has_census",
        "has_polygon",
    ]
    out = d[cols].sort_values(
        [by, "ubigeo"], ascending=[ascending, True], na_position="last", kind="stable"
    )
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def size_class(population: pd.Series) -> pd.Series:
    """The size class of each population (``SIZE_CLASSES``), as an ordered categorical.

    Examples
    --------
    >>> size_class(pd.Series([500.0, 2000.0, 150000.0, float("nan")])).tolist()
    ['Menos de 2,000', '2,000 a 5,000', 'Más de 100,000', 'Sin dato de población']
    """
    labels = [label for label, _, _ in SIZE_CLASSES]
    edges = [lo for _, lo, _ in SIZE_CLASSES] + [np.inf]
    cls = pd.cut(population, bins=edges, labels=labels, right=False)
    cls = cls.cat.add_categories([NO_SIZE]).fillna(NO_SIZE)
    return cls


def distribution(result: TerritoryResult, by: str, value: str) -> pd.DataFrame:
    """Per group (province, department or size class): the spread of a measure.

    Parameters
    ----------
    result : TerritoryResult
    by : {"province", "department", "size_class"}
    value : str
        A numeric column of ``result.districts``.

    Returns
    -------
    DataFrame
        One row per group: ``group, n, median, q1, q3, min, max``, and ``total`` (the
        sum) only for a measure that adds up (``ADDITIVE``: soles, people), never for a
        rate or a percentage. Size classes keep their order (empty ones dropped);
        provinces and departments are sorted by name.
    """
    d = result.districts
    if by == "size_class":
        key = size_class(d["population"])
    elif by in ("province", "department"):
        key = d[by]
    else:
        raise ValueError(f"Agrupación desconocida: {by!r}.")
    g = d[value].groupby(key, observed=True)
    out = pd.DataFrame(
        {
            "n": g.size(),
            "median": g.median(),
            "q1": g.quantile(0.25),
            "q3": g.quantile(0.75),
            "min": g.min(),
            "max": g.max(),
            "total": g.sum(),
        }
    )
    if value not in ADDITIVE:  # a sum of rates or percentages means nothing
        out = out.drop(columns="total")
    out.index.name = "group"
    out = out.reset_index()
    out["group"] = out["group"].astype(str)
    return out


def group_values(result: TerritoryResult, by: str, value: str) -> pd.DataFrame:
    """One row per municipality with its group and a measure, for box and strip plots.

    Returns
    -------
    DataFrame
        ``group, district, value``; ``frame.attrs["order"]`` is the group order (size
        classes in size order, other groups by name).
    """
    d = result.districts
    if by == "size_class":
        key = size_class(d["population"])
        order = [c for c in key.cat.categories if (key == c).any()]
    elif by in ("province", "department"):
        key = d[by]
        order = sorted(key.unique())
    else:
        raise ValueError(f"Agrupación desconocida: {by!r}.")
    out = pd.DataFrame(
        {"group": key.astype(str), "district": d["district"], "value": d[value].astype(float)}
    )
    out = out[out["value"].notna()].reset_index(drop=True)
    out.attrs["order"] = [str(c) for c in order]
    return out


def group_level(territory: Territory) -> str:
    """The level one step below a territory, for distributions: department or province."""
    return "department" if territory.kind in ("pais", "estudio") else "province"


@dataclass(frozen=True)
class DistrictProfile:
    """One municipality under the rule.

    Attributes
    ----------
    row : Series
        Its row of ``TerritoryResult.districts``.
    services : DataFrame
        One row per service: ``gap_id, label, gap_pct, est_share_pct, scenario_share_pct,
        moved_soles, covered_per_year_base, covered_per_year, gap_end_pct_base,
        gap_end_pct``.
    reading : str
        What the rule does to it, in Spanish.
    """

    row: pd.Series
    services: pd.DataFrame
    reading: str


def district_profile(result: TerritoryResult, ubigeo: str) -> DistrictProfile:
    """The profile of one municipality in a result.

    Raises
    ------
    KeyError
        If the ubigeo is not in the result.
    """
    d = result.districts
    hit = d.index[d["ubigeo"] == ubigeo]
    if hit.empty:
        raise KeyError(ubigeo)
    row = d.loc[hit[0]]
    dev = float(row["devengado"])
    services = pd.DataFrame(
        [
            dict(
                gap_id=gid,
                label=label,
                gap_pct=row[f"{s}_gap_pct"],
                est_share_pct=row[f"est_share_{s}_pct"],
                scenario_share_pct=row[f"scenario_share_{s}_pct"],
                moved_soles=(row[f"scenario_share_{s}_pct"] - row[f"est_share_{s}_pct"])
                / 100.0
                * dev,
                covered_per_year_base=row[f"covered_per_year_{s}_base"],
                covered_per_year=row[f"covered_per_year_{s}"],
                gap_end_pct_base=row[f"gap_end_{s}_pct_base"],
                gap_end_pct=row[f"gap_end_{s}_pct"],
            )
            for gid, s, label in SERVICES
        ]
    )
    name = str(row["district"])
    text = (
        f"{name} ejecutó {soles_millones(dev)} de un PIM de {soles_millones(float(row['pim']))} "
        f"({pct(float(row['execution_pct']), 1)}). Se estima que {pct(row['est_share_gaps_pct'])} "
        "de lo ejecutado atiende agua, desagüe y electricidad"
    )
    if float(row["moved_soles"]) > 0:
        text += (
            f"; con la regla pasa a {pct(row['scenario_share_gaps_pct'])}: "
            f"{soles(float(row['moved_soles']))} al año más para las brechas"
            + (
                f" ({soles(float(row['moved_per_capita']), 2)} por habitante)"
                if np.isfinite(row["moved_per_capita"])
                else ""
            )
            + f", que cede el resto del presupuesto ({pct(row['resto_before_pct'])} → "
            f"{pct(row['resto_after_pct'])})."
        )
    else:
        text += ": la regla actual no le mueve dinero."
    if not bool(row["feasible"]):
        text += (
            f" El mínimo pedido no es factible aquí: el máximo posible es "
            f"{pct(float(row['max_minimum_pct']), 1)}."
        )
    if not bool(row["has_census"]):
        text += " No tiene datos del Censo 2017: no se proyecta su cobertura."
    return DistrictProfile(row=row, services=services, reading=text)
