"""The rule on every district at once: :func:`apply_rule` and its :class:`TerritoryResult`.

The scenario's priority rule runs on every municipality of a panel
(:func:`~brechas_core.territory.panel.district_frame`) in one vectorised
:func:`~brechas_core.rules.priority_view` call of shape ``(n, 3 + 1)``: water, sewage,
electricity and the rest of each district's budget. The result carries, per municipality,
the new shares, the soles moved, the projected coverage and, across municipalities, the
alignment between gap and money; and for the territory as a whole, per service and in
totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brechas_core import rules
from brechas_core.alignment import MIN_POINTS
from brechas_core.costs import district_costs
from brechas_core.fmt import num, pct, soles, soles_whole
from brechas_core.i18n import N_, _
from brechas_core.optimal import optimal_inputs
from brechas_core.projection import project_coverage
from brechas_core.scenario import Scenario
from brechas_core.stats import CorrelationResult, pearson, spearman
from brechas_core.territory.panel import GAP_IDS, SERVICES, STEMS, weighted_mean

__all__ = ["TerritoryResult", "TerritorySummary", "apply_rule"]


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
        The :func:`~brechas_core.territory.district_frame` columns plus, per municipality:
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
        """One sentence (in the run's language) saying what the rule does in the territory
        ``name``."""
        s = self.summary
        if s.n_municipalities == 0:
            return _(
                "{name} no tiene municipalidades con datos de presupuesto en este año."
            ).format(name=name)
        base = _(
            "En {name}, las tres brechas del censo (agua, desagüe y electricidad) reciben "
            "una participación estimada de {share} del presupuesto ejecutado"
        ).format(name=name, share=pct(s.est_share_gaps_pct))
        if s.moved_soles <= 0:
            return base + _(": con la regla actual no se mueve dinero.")
        return base + _(
            "; con la regla pasan a {share}: unos {soles} al año ({per_head} por habitante) "
            "se reasignan en {receiving} de {n} municipalidades, y el resto del presupuesto "
            "cede lo mismo."
        ).format(
            share=pct(s.scenario_share_gaps_pct),
            soles=soles(s.moved_soles),
            per_head=soles_whole(s.moved_per_capita),
            receiving=num(s.n_receiving),
            n=num(s.n_municipalities),
        )


def _correlations(gap: np.ndarray, value: np.ndarray, alpha: float) -> list[CorrelationResult]:
    return [spearman(gap, value, alpha), pearson(gap, value, alpha)]


#: How the rule is applied to a territory, in Spanish (apply_rule, below; shown through ``_``).
RULE_NOTE = N_(
    "se aplica a cada municipalidad por separado: el mínimo garantizado es para las tres "
    "brechas del censo juntas (agua, desagüe y electricidad), con el reparto, los pisos y la "
    "parte protegida del escenario."
)

CONSTANT_NOTE = N_(
    "Todos los distritos tienen el mismo valor (la participación se estima por "
    "departamento): no se puede medir la alineación con esta medida."
)


#: The columns of an alignment row after ``measure`` and ``moment``, read from a test result.
_TEST_FIELDS = ("method", "statistic", "t", "t_critical", "pvalue", "significant", "n", "decision")


@dataclass(frozen=True)
class _Untested:
    """A test that cannot be computed: no figures, not significant, and why."""

    method: str
    n: int
    decision: str
    statistic: float = np.nan
    t: float = np.nan
    t_critical: float = np.nan
    pvalue: float = np.nan
    significant: bool = False


def _alignment_rows(measure: str, moment: str, results) -> list[dict]:
    """One alignment row per test result (a CorrelationResult or an _Untested)."""
    return [
        {"measure": measure, "moment": moment, **{f: getattr(r, f) for f in _TEST_FIELDS}}
        for r in results
    ]


def _not_computable(measure: str, moment: str, n: int, why: str) -> list[dict]:
    """Alignment rows for both methods when the test cannot be computed, saying why."""
    return _alignment_rows(measure, moment, [_Untested(m, n, why) for m in ("spearman", "pearson")])


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
                _(
                    "Hacen falta al menos {n} distritos con datos del censo para medir "
                    "la alineación entre distritos."
                ).format(n=MIN_POINTS),
            )
            continue
        # Shares equal up to rounding noise (1e-9 p.p.) must tie, not be ranked.
        value = np.round(ok[column].to_numpy(float), 9)
        if np.ptp(value) == 0:
            rows += _not_computable(measure, moment, len(ok), _(CONSTANT_NOTE))
            continue
        rows += _alignment_rows(measure, moment, _correlations(gap, value, alpha))
    return pd.DataFrame(rows)


def _unit_costs(
    unit_costs: pd.DataFrame, scenario: Scenario, weight=np.nan
) -> tuple[np.ndarray, np.ndarray]:
    """Central unit cost per district (..., 3), picked by each one's rurality, and base shares."""
    central = district_costs(unit_costs, GAP_IDS, weight, scenario.unit_costs_dict())[1]
    return central, unit_costs.set_index("gap_id").loc[GAP_IDS, "base_share"].to_numpy(float)


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
        :func:`~brechas_core.territory.district_frame`, or a subset of its rows
        (e.g. ``territory.select(frame)``).
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
    >>> from brechas_core.territory import district_frame
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
    gap = d[[f"{s}_gap_pct" for s in STEMS]].to_numpy(float)
    gap_rule = np.nan_to_num(gap, nan=0.0)
    att = d[[f"est_share_{s}_pct" for s in STEMS]].to_numpy(float)
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
    rule = rules.from_scenario(scenario, GAP_IDS, optimal=optimal, view="prioritarias")
    over = rules.protected_exceeds(scenario, att)
    if n and np.any(over):
        notices.append(
            _(
                "La parte protegida ({protected}) es mayor que el resto del presupuesto en {n} "
                "municipalidades: allí se protegió todo el resto."
            ).format(protected=pct(scenario.protected_pct, 1), n=num(int(np.sum(over))))
        )
    res = rule.apply(gap_rule, att)
    shares = res.shares[:, :3] if n else np.zeros((0, 3))
    dev = d["devengado"].to_numpy(float)
    pop = d["population"].to_numpy(float)
    for j, s in enumerate(STEMS):
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
    for j, s in enumerate(STEMS):
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
            _(
                "{n} municipalidades no tienen datos del Censo 2017 (brechas o "
                "población): reciben la regla, pero quedan fuera de la proyección y de la "
                "alineación. Se listan en la tabla."
            ).format(n=num(missing))
        )
    infeasible = int((~d["feasible"]).sum())
    if infeasible:
        notices.append(
            _(
                "En {n} municipalidades el mínimo pedido no es factible con lo que "
                "se puede liberar: se aplicó el máximo posible en cada una."
            ).format(n=num(infeasible))
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
                gap_pct=weighted_mean(gap[ok], pop[ok]),
                est_share_pct=weighted_mean(d[f"est_share_{s}_pct"].to_numpy(float), dev),
                scenario_share_pct=weighted_mean(d[f"scenario_share_{s}_pct"].to_numpy(float), dev),
                people_in_need=float(np.nansum(need[:, j])),
                covered_per_year_base=float(np.nansum(covered[0, :, j])),
                covered_per_year=float(np.nansum(covered[1, :, j])),
                gap_end_pct_base=weighted_mean(gap_end[0, ok, j], pop[ok]),
                gap_end_pct=weighted_mean(gap_end[1, ok, j], pop[ok]),
                unit_cost=weighted_mean(cost[ok, j], pop[ok]) if ok.any() else float("nan"),
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
        est_share_gaps_pct=weighted_mean(
            d["est_share_gaps_pct"].to_numpy(float), d["devengado"].to_numpy(float)
        ),
        scenario_share_gaps_pct=weighted_mean(
            d["scenario_share_gaps_pct"].to_numpy(float), d["devengado"].to_numpy(float)
        ),
        moved_soles=moved,
        moved_soles_median=_median(d["moved_soles"]),
        moved_per_capita=float(d.loc[known, "moved_soles"].sum() / pop_known.sum())
        if pop_known.sum() > 0
        else float("nan"),
        moved_per_capita_median=_median(d["moved_per_capita"]),
    )
