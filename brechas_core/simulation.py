"""One scenario, simulated end to end: the rule, the money, the projection, the alignment.

:func:`simulate` is what the Simulador page shows, as one pure function of a
:class:`~brechas_core.scenario.Scenario` and the shipped tables, so that every number on
screen can be traced to a data file and a formula, and tested without the interface.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any

import numpy as np
import pandas as pd

from brechas_core import alignment as align
from brechas_core import data, reading, rules, territory
from brechas_core.costs import district_costs, rural_weight
from brechas_core.fmt import pct
from brechas_core.i18n import N_, _
from brechas_core.memo import Memo
from brechas_core.optimal import optimal_inputs
from brechas_core.projection import COST_CASES, SERIES_LABELS, project_coverage
from brechas_core.scenario import Scenario
from brechas_core.stats import (
    CorrelationRows,
    correlation_rows,
    pearson_rows,
    spearman_rows,
    t_critical,
)
from brechas_core.vocabulary import PRIORITY, SECTORS, View

__all__ = [
    "DEFAULTS_NOTE",
    "Assumptions",
    "Inputs",
    "Simulation",
    "defaults_used",
    "for_territory",
    "load_inputs",
    "place_inputs",
    "simulate",
]

#: Label of the non-priority part of the budget in the priority view.
RESTO_LABEL = N_("Resto del presupuesto")


@dataclass(frozen=True)
class Inputs:
    """The tables a simulation reads (the study's, the typical district's, the unit costs)."""

    priority: pd.DataFrame
    functions: pd.DataFrame
    #: Budget, execution and population when the user sets none (the typical district's).
    defaults: territory.Defaults
    unit_costs: pd.DataFrame
    #: Where the budget and population come from, as the reading sentence names it.
    place: str = N_("un distrito típico de Puno")
    #: Set when the gap shares are estimates (a real territory, not the study).
    estimate_note: str | None = None
    #: A real territory's municipalities (rows of territory.district_frame): the priority
    #: rule is then applied to each one's own budget and the results are added up.
    municipalities: pd.DataFrame | None = None
    #: Rural weight 0-1 that picks the central unit cost (brechas_core.costs); None: from the
    #: typical district's density.
    rural_weight: float | None = None

    @cached_property
    def weight(self) -> float:
        """Rural weight of the place (NaN when unknown: national reference costs)."""
        if self.rural_weight is not None:
            return float(self.rural_weight)
        return float(rural_weight(self.defaults.density_km2))

    @cached_property
    def gaps(self) -> dict[str, np.ndarray]:
        """The priority table as arrays (read once; a rerun then needs no pandas lookups)."""
        t = self.priority
        return {
            "ids": t["gap_id"].to_numpy(object),
            "labels": t["label"].to_numpy(object),
            "gap_pct": t["gap_pct"].to_numpy(float),
            "attention_pct": t["attention_pct"].to_numpy(float),
        }

    @cached_property
    def function_rows(self) -> dict[str, np.ndarray]:
        """The functions table (Table 3) as arrays, keyed like :attr:`gaps`; each label
        reads «code. name»."""
        t = self.functions
        return {
            "ids": t["function_code"].to_numpy(object),
            "labels": (t["function_code"] + ". " + t["label"]).to_numpy(object),
            "gap_pct": t["gap_pct"].to_numpy(float),
            "attention_pct": t["attention_pct"].to_numpy(float),
        }

    @cached_property
    def costs(self) -> dict[str, np.ndarray]:
        """Unit costs of the projectable gaps present in the priority table, as arrays, with
        each one's position in the table."""
        c = self.unit_costs[
            self.unit_costs["projectable"] & self.unit_costs["gap_id"].isin(self.priority["gap_id"])
        ]
        position = {g: i for i, g in enumerate(self.priority["gap_id"])}
        # The central cost is picked by the place's rurality (brechas_core.costs).
        low, central, high = district_costs(self.unit_costs, c["gap_id"].tolist(), self.weight)
        out = {"cost_low": low, "cost_central": central, "cost_high": high}
        out["base_share"] = c["base_share"].to_numpy(float)
        out.update(
            ids=c["gap_id"].to_numpy(object),
            position=np.array([position[g] for g in c["gap_id"]], dtype=int),
            unit=c["unit"].to_numpy(object),
            kind=c["kind"].to_numpy(object),
            source=c["source"].to_numpy(object),
        )
        return out

    def cost_cases(self, overrides: Mapping[str, float]) -> np.ndarray:
        """Low, central and high cost per person of the projectable gaps (``costs["ids"]``),
        shape (3, p); a central cost the user sets (``overrides`` by gap id) scales its band."""
        c = self.costs
        user = np.array([overrides.get(g, np.nan) for g in c["ids"]], dtype=float)
        scale = np.where(np.isnan(user), 1.0, user / c["cost_central"])
        return np.stack([c["cost_low"] * scale, c["cost_central"] * scale, c["cost_high"] * scale])

    def central_costs(self, overrides: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Per row of the priority table: the central cost per person (the user's where set)
        and the fraction of the population the gap applies to; NaN for gaps without a cost
        per person. What ``reparto=optimo`` reads."""
        c = self.costs
        g = len(self.gaps["ids"])
        cost = np.full(g, np.nan)
        base = np.full(g, np.nan)
        cost[c["position"]] = [
            overrides.get(i, v) for i, v in zip(c["ids"], c["cost_central"], strict=True)
        ]
        base[c["position"]] = c["base_share"]
        return cost, base


def for_territory(study: Inputs, ti, name: str) -> Inputs:
    """Inputs for a real territory: its three census gaps with their estimated budget shares
    in place of Table 2, and its own budget, execution rate and population as defaults.

    Parameters
    ----------
    study : Inputs
        The study's inputs (the sector view keeps Table 3: sector gaps are not published
        per territory).
    ti : brechas_core.territory.TerritoryInputs
    name : str
        The territory's name for the reading sentence.
    """
    return Inputs(
        priority=ti.table,
        functions=study.functions,
        defaults=ti.defaults,
        unit_costs=study.unit_costs,
        place=name,
        estimate_note=ti.estimate_note,
        municipalities=ti.municipalities,
        rural_weight=getattr(ti, "rural_weight", None),
    )


def place_inputs(
    study: Inputs, place: territory.Territory, frame: pd.DataFrame | None = None
) -> Inputs:
    """The Simulador's inputs for a place: the study's own tables, or a real territory's.

    Parameters
    ----------
    study : Inputs
        :func:`load_inputs`.
    place : Territory
        :func:`brechas_core.territory.resolve`.
    frame : DataFrame, optional
        :func:`brechas_core.territory.load_district_frame` of the scenario's year (or any
        superset of the territory's rows); not read for the study.

    Examples
    --------
    >>> from brechas_core.data import load_districts
    >>> study = load_inputs()
    >>> place_inputs(study, territory.STUDY) is study
    True
    >>> puno = territory.resolve("21", load_districts())[0]
    >>> i = place_inputs(study, puno, territory.load_district_frame("2023"))
    >>> i.place, len(i.municipalities), i.priority["gap_id"].tolist()
    ('Puno', 110, ['agua', 'desague', 'electricidad'])
    """
    if place.is_study:
        return study
    if frame is None:
        raise ValueError(f"Falta la tabla de municipalidades para {place.name}.")
    return for_territory(study, territory.territory_inputs(place, frame), place.name)


def load_inputs() -> Inputs:
    """Read the tables from ``data/``."""
    return Inputs(
        priority=data.load_study_priority_gaps(),
        functions=data.load_study_functions(),
        defaults=territory.Defaults.from_table(data.load_typical_district()),
        unit_costs=data.load_unit_costs(),
    )


@dataclass(frozen=True)
class Assumptions:
    """The money and people behind the projection, and whether each is the default.

    Attributes
    ----------
    budget_soles : float
        Annual budget (PIM), S/.
    execution_pct : float
        Execution rate, devengado / PIM, %.
    population : int
    horizon_years : int
    executed_soles : float
        ``budget_soles * execution_pct / 100``: the executed budget that shares divide.
    from_data : dict
        For each of budget, execution and population: True when it is the default
        (the typical Puno district's median), False when the user set it.
    """

    budget_soles: float
    execution_pct: float
    population: int
    horizon_years: int
    executed_soles: float
    from_data: dict


@dataclass(frozen=True)
class Simulation:
    """Everything the Simulador shows for one scenario.

    Attributes
    ----------
    view : {"prioritarias", "sectores"}
    columns : mapping of str to ndarray
        One value per gap (or function), by column: ``id, label, gap_pct, baseline_pct,
        scenario_pct, moved_pct, moved_soles, is_target``.
    items : DataFrame
        The same columns as a table, built when first read (a property).
    resto_before, resto_after : float
        The non-priority part of the budget (priority view; NaN in the sector view).
    target_before, target_after : float
        The targets' share together, before and after.
    top_up_pct, top_up_soles : float
        Money moved to the targets, in points of the budget and in soles per year.
    requested_minimum, effective_minimum, max_minimum : float
    feasible : bool
    notices : list of str
        Spanish explanations of what the rule did (infeasible, fallback, who pays).
    before, after : Alignment
        Spearman, Pearson and OLS, gap vs share, baseline and scenario.
    curve : DataFrame or None
        rho and r against the minimum (0..100), with the same other settings; None for a
        territory of many municipalities (its three gaps are too few for a test).
    smallest_rho, smallest_r : float or None
        Exact smallest F from which the alignment is significantly positive
        (:func:`brechas_core.alignment.exact_smallest_minimum`).
    r_critical : float
        Coefficient at which t equals the critical t.
    assumptions : Assumptions
    projection : DataFrame or None
        Priority view only: projected gap % per ``gap_id, brecha, year, serie`` under the
        low, central and high unit cost (columns ``bajo, central, alto``).
    projection_summary : DataFrame or None
        Per projectable gap: people in need, people covered per year and years to close
        (central cost; baseline and scenario), and the unit costs used with their source.
    reading : str
        One sentence that says what the rule does, in Spanish.
    tested : bool
        Whether the table carries a correlation test (at least ``alignment.MIN_POINTS``
        known gaps). When False, ``before``/``after`` are not shown and
        ``alignment_words`` says what the shares do instead.
    missing : str or None
        What data a real territory lacks (no Census 2017 gaps), in Spanish.
    alignment_words : str
        The alignment in words when it is not tested: for a territory of many
        municipalities, across municipalities first (soles per inhabitant vs gap, ``n`` =
        districts), then what each gap's share does.
    situation : str
        What the rule does (:func:`brechas_core.rules.situation`); the reading, the
        notices and the page's warnings all follow from it.
    territory : TerritoryResult or None
        For a real territory in the priority view: the rule applied to each municipality
        (``items``, the money and the totals are their sum, budget-weighted).
    """

    view: View
    columns: Mapping[str, np.ndarray]
    resto_before: float
    resto_after: float
    target_before: float
    target_after: float
    top_up_pct: float
    top_up_soles: float
    requested_minimum: float
    effective_minimum: float
    max_minimum: float
    feasible: bool
    notices: list
    before: align.Alignment
    after: align.Alignment
    curve: pd.DataFrame
    smallest_rho: float | None
    smallest_r: float | None
    r_critical: float
    assumptions: Assumptions
    reading: str
    tested: bool = True
    missing: str | None = None
    alignment_words: str = ""
    situation: str = "linea_base"
    territory: territory.TerritoryResult | None = None
    #: computes ``(projection, projection_summary)`` when first read, None when there is
    #: none: a slider move whose page does not show the projection does not pay for it
    #: (issue 12, scale)
    project: Callable[[], tuple] | None = field(default=None, repr=False, compare=False)

    #: builds :attr:`items` from :attr:`columns` once, shared with ``project``
    frame: Callable[[], pd.DataFrame] = field(default=None, repr=False, compare=False)

    @property
    def items(self) -> pd.DataFrame:
        """:attr:`columns` as a table, built when first read: a slider move draws the
        shares chart from the columns and builds no table (issue 12: a new table is a
        good part of a new result's cost on a rerun)."""
        return self.frame()

    @cached_property
    def _projected(self) -> tuple:
        return (None, None) if self.project is None else self.project()

    @property
    def projection(self) -> pd.DataFrame | None:
        return self._projected[0]

    @property
    def projection_summary(self) -> pd.DataFrame | None:
        return self._projected[1]

    @cached_property
    def _derived(self) -> dict:
        return {}

    def derived(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """What a page draws from this result (a chart's data in one language, say),
        computed on first use and kept with it: a result is shared read-only by every
        session that shows the same scenario (brechas_ui.cache.simulated), so a slider
        move back to a value already seen pays for neither (issue 12, scale). Two
        sessions may compute the same value at once; they compute equal values."""
        store = self._derived
        if key not in store:
            store[key] = compute()
        return store[key]


#: The rows of the typical district the Simulador reads (the projection's money and people).
#: Its gaps come from the priority table (Table 2), and the executed budget is PIM x rate.
PROJECTION_KEYS = ("pim", "execution_pct", "population")


def defaults_used(inputs: Inputs) -> pd.DataFrame:
    """The default values the Simulador actually uses, for the Metodología page: PIM,
    execution rate and population from the typical district, and the executed budget they
    give (``PIM x rate``; the typical district's own median devengado is not used).

    Examples
    --------
    >>> t = defaults_used(load_inputs())
    >>> t["key"].tolist()
    ['pim', 'execution_pct', 'population', 'executed']
    >>> round(float(t.loc[t["key"] == "executed", "value"].iloc[0]))
    7803869
    """
    d = inputs.defaults
    keys = list(PROJECTION_KEYS)
    return pd.DataFrame(
        {
            "key": [*keys, "executed"],
            "value": [*(d[k] for k in keys), assumptions(Scenario(), inputs).executed_soles],
            "unit": [*(d.UNITS[k] for k in keys), "S/"],
            "statistic": [*(d.statistic.get(k, "") for k in keys), N_("PIM × tasa de ejecución")],
            "source": [*(d.source.get(k, "") for k in keys), N_("Calculado")],
        }
    )


def assumptions(scenario: Scenario, inputs: Inputs) -> Assumptions:
    """The budget, execution rate and population used: the user's, else the typical district's.

    Examples
    --------
    >>> a = assumptions(Scenario(), load_inputs())
    >>> a.population, round(a.execution_pct, 2), a.from_data["budget"]
    (4990, 80.84, True)
    """
    budget = scenario.budget_soles
    execution = scenario.execution_pct
    population = scenario.population
    from_data = {
        "budget": budget is None,
        "execution": execution is None,
        "population": population is None,
    }
    defaults = inputs.defaults
    budget = defaults.pim if budget is None else float(budget)
    execution = defaults.execution_pct if execution is None else float(execution)
    population = round(defaults.population) if population is None else population
    return Assumptions(
        budget_soles=budget,
        execution_pct=execution,
        population=int(population),
        horizon_years=int(scenario.horizon_years),
        executed_soles=budget * execution / 100.0,
        from_data=from_data,
    )


@dataclass(frozen=True)
class RuleOnTable:
    """The scenario's rule on one view's table, as :func:`simulate` reads it: built by
    :func:`_on_priority_gaps` or :func:`_on_functions`, one per view.

    Attributes
    ----------
    rule : RuleArgs
        From :func:`brechas_core.rules.from_scenario`.
    result : Reallocation
        The rule's result; for a territory of many municipalities, theirs pooled
        (:func:`brechas_core.rules.pool`). The priority view has a last "resto" column.
    rows : dict of ndarray
        The view's table without "resto" (:attr:`Inputs.gaps` or
        :attr:`Inputs.function_rows`): ``ids, labels, gap_pct, attention_pct``.
    baseline, shares : ndarray
        Each row's share before and after the rule (without "resto").
    resto_before, resto_after : float
        The rest of the budget (priority view; NaN in the sector view).
    notices : tuple of str
        What the rule did, in Spanish.
    curve : DataFrame or None
        rho and r against the minimum; None for a territory of many municipalities.
    territory : TerritoryResult or None
        The rule on each municipality of a real territory (priority view).
    """

    rule: rules.RuleArgs
    result: rules.Reallocation
    rows: dict
    baseline: np.ndarray
    shares: np.ndarray
    resto_before: float = float("nan")
    resto_after: float = float("nan")
    notices: tuple[str, ...] = ()
    curve: pd.DataFrame | None = None
    territory: territory.TerritoryResult | None = None
    #: the alignment after the rule, when it came with the rule (:func:`_at_steps`)
    after: align.Alignment | None = None
    #: the steps the rule was read from, which hold what moving the minimum does not change
    steps: _Steps | None = None


def _on_functions(scenario: Scenario, inputs: Inputs, alpha: float) -> RuleOnTable:
    """The sector view: the rule on the budget functions (Table 3)."""
    rows = inputs.function_rows
    gap, att = rows["gap_pct"], rows["attention_pct"]
    rule = rules.from_scenario(scenario, rows["ids"], gap)
    view = rule.sector(gap, att)
    return RuleOnTable(
        rule,
        view.reallocation,
        rows,
        baseline=view.baseline,
        shares=view.shares,
        notices=tuple(view.notices(rows["labels"])),
        curve=_unmoved("curve", rule, gap, att, alpha),
    )


def _on_priority_gaps(
    scenario: Scenario, inputs: Inputs, a: Assumptions, alpha: float
) -> RuleOnTable:
    """The priority view: the rule on the priority gaps plus "resto" (Table 2, or a real
    territory's census gaps applied to each of its municipalities)."""
    rows = inputs.gaps
    gap, att = rows["gap_pct"], rows["attention_pct"]
    notices: list[str] = []
    by_municipality = None
    curve = None
    after = None
    steps = None if inputs.municipalities is not None else _at_steps(scenario, rows, alpha)
    step = None if steps is None else steps.index(scenario.minimum_pct)
    if step is not None:  # the rule and its alignment were computed at every step at once
        rule = replace(steps.rule, minimum=float(scenario.minimum_pct))
        res, after = steps.at(step, gap)
    else:
        steps = None
        optimal = _optimal_inputs(scenario, inputs, a) if scenario.reparto == "optimo" else None
        rule = rules.from_scenario(scenario, rows["ids"], optimal=optimal)
    if inputs.municipalities is not None:
        # The rule is about each municipality's own budget: apply it to each one and
        # add up (budget-weighted shares, so the soles are the sum of each one's).
        by_municipality = territory.apply_rule(
            inputs.municipalities, scenario, inputs.unit_costs, alpha=alpha
        )
        res = rules.pool(by_municipality.rule, inputs.municipalities["devengado"])
        notices += by_municipality.notices
    else:
        if step is None:
            res = rule.apply(gap, att)
        if rules.protected_exceeds(scenario, att):
            notices.append(
                _(
                    "La parte protegida ({protected}) es mayor que el resto del presupuesto "
                    "({rest}): se protegió todo el resto."
                ).format(protected=pct(scenario.protected_pct, 1), rest=pct(100.0 - att.sum(), 2))
            )
        curve = _unmoved("curve", rule, gap, att, alpha) if steps is None else steps.curve
    # where some municipality cannot reach F, the territory's notice says how many
    notices += res.notices(
        [*rows["labels"], RESTO_LABEL],
        targets_name=N_("las brechas prioritarias"),
        feasibility=by_municipality is None,
    )
    return RuleOnTable(
        rule,
        res,
        rows,
        baseline=res.baseline[:-1],
        shares=res.shares[:-1],
        resto_before=float(res.baseline[-1]),
        resto_after=float(res.shares[-1]),
        notices=tuple(notices),
        curve=curve,
        territory=by_municipality,
        after=after,
        steps=steps,
    )


def simulate(scenario: Scenario, inputs: Inputs, *, alpha: float = 0.05) -> Simulation:
    """Apply the scenario's rule to the study's tables and derive everything shown.

    Examples
    --------
    F = 40 % with ``reparto=brecha`` on Table 2: the ten gaps together go from 27.07 % to
    40 %; the 12.93 points come from the rest of the budget.

    >>> sim = simulate(Scenario(minimum_pct=40), load_inputs())
    >>> round(sim.target_before, 2), round(sim.target_after, 2), round(sim.resto_after, 2)
    (27.07, 40.0, 60.0)
    >>> round(sim.after.spearman.statistic, 3) > round(sim.before.spearman.statistic, 3)
    True
    """
    a = assumptions(scenario, inputs)
    if scenario.view == SECTORS:
        on = _on_functions(scenario, inputs, alpha)
    else:
        on = _on_priority_gaps(scenario, inputs, a, alpha)
    res, rule = on.result, on.rule
    ids, gap, att = on.rows["ids"], on.rows["gap_pct"], on.rows["attention_pct"]
    known = bool(np.all(np.isfinite(gap)))
    missing = None
    if not known:
        missing = _(
            "{place} no tiene datos del Censo 2017 (sus brechas de agua, desagüe y "
            "electricidad; suele ser un distrito creado después del censo). La regla se "
            "aplica a su presupuesto (por partes iguales si el reparto es por brecha), pero "
            "no se proyecta la cobertura ni se mide la alineación: vea su provincia o su "
            "departamento."
        ).format(place=_(inputs.place))
    moved = on.shares - on.baseline
    columns = {
        "id": ids,
        "label": on.rows["labels"],
        "gap_pct": gap,
        "baseline_pct": on.baseline,
        "scenario_pct": on.shares,
        "moved_pct": moved,
        "moved_soles": moved / 100.0 * a.executed_soles,
        "is_target": rule.is_target,
    }
    frame = cache(lambda: _items(columns))
    n = len(ids)
    tc = t_critical(alpha, n - 2)
    before = _memo(
        ("before", _key(gap), _key(on.baseline), alpha),
        align.alignment,
        gap,
        on.baseline,
        alpha,
    )
    tested = align.carries_a_test(gap)
    projectable = scenario.view == PRIORITY and known
    top_up = float(res.top_up)
    sim = Simulation(
        view=scenario.view,
        columns=columns,
        frame=frame,
        resto_before=on.resto_before,
        resto_after=on.resto_after,
        target_before=float(res.target_total_before),
        target_after=float(res.target_total_after),
        top_up_pct=top_up,
        top_up_soles=top_up / 100.0 * a.executed_soles,
        requested_minimum=float(res.requested_minimum),
        effective_minimum=float(res.effective_minimum),
        max_minimum=float(res.max_minimum),
        feasible=bool(res.feasible),
        notices=list(on.notices),
        before=before,
        after=on.after or align.alignment(gap, on.shares, alpha),
        curve=on.curve,
        # exact, not on the curve's 1 % grid: the shares are piecewise linear in F
        smallest_rho=_smallest(on, "spearman", gap, att, alpha),
        smallest_r=_smallest(on, "pearson", gap, att, alpha),
        r_critical=float(tc / np.sqrt(n - 2 + tc**2)),
        assumptions=a,
        project=(lambda: _projection(scenario, inputs, frame(), a)) if projectable else None,
        reading="",
        tested=tested,
        missing=missing,
        alignment_words=reading.alignment_words(frame, tested, known, on.territory),
        situation=rules.situation(res),
        territory=on.territory,
    )
    return replace(sim, reading=reading.reading(scenario, sim, inputs.place))


def _items(columns: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """:attr:`Simulation.items` from its columns."""
    ids, labels = columns["id"], columns["label"]
    id_column, label_column = _MEMO.get_for(
        (ids, labels),
        "text columns",  # converted once per table
        lambda: (pd.array(ids, dtype="str"), pd.array(labels, dtype="str")),
    )
    return pd.DataFrame({**columns, "id": id_column, "label": label_column})


# -- what moving the minimum does not change (issue 12, scale) ------------------------------
# The rho/r-vs-F curve, the exact smallest significant minimum and the baseline's alignment
# depend on the rule's other arguments and the table, never on F itself: a slider move of
# the minimum (the control everyone moves) reuses them. Process-wide, keyed by exactly what
# each computation reads (arrays by their bytes), bounded; values are shared read-only.
_MEMO: Memo = Memo(512)


def _key(value):
    """A hashable stand-in for a rule argument (arrays by dtype, shape and bytes)."""
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    return value


def _memo(key, compute, *args, **kwargs):
    return _MEMO.get(key, lambda: compute(*args, **kwargs))


def _unmoved(what: str, rule, gap: np.ndarray, att: np.ndarray, alpha: float):
    """The curve (``what="curve"``) or the exact smallest significant minimum by
    ``"spearman"`` or ``"pearson"``, for the rule whatever its minimum."""
    key = (what, rule.view, _key(rule.kwargs), _key(gap), _key(att), alpha)
    if what == "curve":
        return _memo(key, align.minimum_curve, rule.view, gap, att, alpha=alpha, **rule.kwargs)
    return _memo(
        key, align.exact_smallest_minimum, rule.view, gap, att, what, alpha=alpha, **rule.kwargs
    )


def _smallest(on: RuleOnTable, method: str, gap, att, alpha: float) -> float | None:
    """The exact smallest significant minimum by ``method`` (None without a curve)."""
    if on.curve is None:
        return None
    if on.steps is not None:
        return on.steps.smallest_rho if method == "spearman" else on.steps.smallest_r
    return _unmoved(method, on.rule, gap, att, alpha)


# -- end of what moving the minimum does not change


# -- the rule at every step of the minimum at once (issue 12, scale) ------------------------
# The minimum is the control everyone moves, in steps of half a point (the Simulador's
# slider and the links it writes). The rule is vectorised over the minimum
# (brechas_core.rules), so the first move with some other settings computes it, and the
# tests of the alignment after it, at all 201 steps in one call, for about the time of one
# step, and keeps what no step changes (the curve, the smallest significant minimums); every
# later move to a step reads its row, the same numbers as computing that step alone
# (tests/core/test_simulation_steps.py). A minimum between steps (typed into a link) is
# computed alone, as are a territory's municipalities and the optimal sharing, whose
# weights depend on the minimum through the unit costs.

#: The minimum's steps, in % of the budget: 0, 0.5, ..., 100.
MINIMUM_STEPS = np.linspace(0.0, 100.0, 201)
_STEPS: Memo[_Steps] = Memo(32)  # each holds about 100 KB of arrays


@dataclass(frozen=True)
class _Steps:
    """The priority view's rule at every minimum of :data:`MINIMUM_STEPS`, and what moving
    the minimum does not change (:func:`_unmoved`)."""

    rule: rules.RuleArgs  # at the first step; its other arguments are every step's
    result: rules.Reallocation  # shape (201, k), "resto" last
    # Spearman's and Pearson's tests after the rule at each step; None when the gaps carry
    # no test (unknown, or fewer than three)
    spearman: CorrelationRows | None
    pearson: CorrelationRows | None
    curve: pd.DataFrame
    smallest_rho: float | None
    smallest_r: float | None

    @staticmethod
    def index(minimum: float) -> int | None:
        """The step of ``minimum``, or None when it falls between steps."""
        i = round(minimum * 2)
        return i if 0 <= i < len(MINIMUM_STEPS) and MINIMUM_STEPS[i] == minimum else None

    def at(self, i: int, gap: np.ndarray) -> tuple:
        """The rule's result at step ``i``, as one scenario's, and the alignment after it
        (None when the gaps carry no test: :func:`brechas_core.alignment.alignment` says
        why)."""
        res = self.result
        row = rules.Reallocation(
            **{name: np.array(getattr(res, name)[i]) for name in _REALLOCATION_FIELDS}
        )
        if self.spearman is None or self.pearson is None:
            return row, None
        shares = row.shares[: gap.size]
        return row, align.alignment_of(gap, shares, self.spearman[i], self.pearson[i])


_REALLOCATION_FIELDS = tuple(rules.Reallocation.__dataclass_fields__)


def _at_steps(scenario: Scenario, rows: Mapping[str, np.ndarray], alpha: float) -> _Steps | None:
    """The rule of ``scenario`` (priority view) on ``rows`` at every step, computed once
    per rule, table and ``alpha``; None for the optimal sharing."""
    if scenario.reparto == "optimo":
        return None
    gap, att = rows["gap_pct"], rows["attention_pct"]
    key = (
        # what brechas_core.rules.from_scenario reads of the scenario in this view
        scenario.reparto,
        scenario.excluded,
        scenario.floors,
        scenario.weights if scenario.reparto == "manual" else (),
        scenario.protected_pct,
        tuple(map(str, rows["ids"])),
        _key(gap),
        _key(att),
        alpha,
    )

    def compute() -> _Steps:
        rule = rules.from_scenario(replace(scenario, minimum_pct=0.0), rows["ids"])
        res = rule.apply(gap, att, MINIMUM_STEPS)
        tests: tuple = (None, None)
        if np.all(np.isfinite(gap)) and gap.size >= 3:
            shares = res.shares[:, : gap.size]
            tests = (
                correlation_rows("spearman", spearman_rows(gap, shares), gap.size, alpha),
                correlation_rows("pearson", pearson_rows(gap, shares), gap.size, alpha),
            )
        return _Steps(
            rule,
            res,
            *tests,
            curve=_unmoved("curve", rule, gap, att, alpha),
            smallest_rho=_unmoved("spearman", rule, gap, att, alpha),
            smallest_r=_unmoved("pearson", rule, gap, att, alpha),
        )

    return _STEPS.get(key, compute)


# -- end of the rule at every step


def _optimal_inputs(scenario: Scenario, inputs: Inputs, a: Assumptions) -> dict:
    """``reparto=optimo``'s per-gap inputs for the table (central unit cost, the user's when
    set; gaps without a cost per person get none)."""
    cost, base = inputs.central_costs(scenario.unit_costs_dict())
    return optimal_inputs(
        inputs.gaps["gap_pct"],
        unit_cost=cost,
        base_share=base,
        population=a.population,
        executed_soles=a.executed_soles,
        horizon_years=a.horizon_years,
    )


def _projection(scenario: Scenario, inputs: Inputs, items: pd.DataFrame, a: Assumptions):
    """Projected gaps for baseline and scenario under low/central/high unit costs, in one
    vectorised call, as a wide table for the chart and a per-gap summary."""
    c = inputs.costs
    ids, at = c["ids"], c["position"]
    override = scenario.unit_costs_dict()
    user = np.array([override.get(g, np.nan) for g in ids], dtype=float)
    cases = inputs.cost_cases(override)
    gap = inputs.gaps["gap_pct"][at]
    shares = np.stack(
        [items["baseline_pct"].to_numpy(float)[at], items["scenario_pct"].to_numpy(float)[at]]
    )
    # shapes: cost case (3) x series (2) x gap (g) [x year (h + 1)]
    proj = project_coverage(
        gap,
        shares,
        unit_cost=cases[:, None, :],
        budget_soles=a.budget_soles,
        execution_rate=a.execution_pct / 100.0,
        population=a.population,
        base_share=c["base_share"],
        horizon_years=a.horizon_years,
    )
    g, years = len(ids), proj.years
    h = len(years)
    # rows ordered gap -> series -> year
    order = np.transpose(proj.gap_pct, (0, 2, 1, 3)).reshape(3, g * 2 * h)
    labels = inputs.gaps["labels"][at]
    wide = pd.DataFrame(
        {
            "gap_id": np.repeat(ids, 2 * h),
            "brecha": np.repeat(labels, 2 * h),
            "year": np.tile(years, 2 * g),
            "serie": np.tile(np.repeat(np.array(SERIES_LABELS, dtype=object), h), g),
            **dict(zip(COST_CASES, order, strict=True)),
        }
    )
    summary = pd.DataFrame(
        {
            "gap_id": ids,
            "label": labels,
            "unit": c["unit"],
            "people_in_need": proj.people_in_need[1, 0],
            "covered_per_year_base": proj.newly_covered_per_year[1, 0],
            "covered_per_year_scenario": proj.newly_covered_per_year[1, 1],
            "years_base": proj.years_to_close[1, 0],
            "years_scenario": proj.years_to_close[1, 1],
            "cost_low": cases[0],
            "cost_central": cases[1],
            "cost_high": cases[2],
            "user_set": ~np.isnan(user),
            "kind": c["kind"],
            "source": c["source"],
        }
    )
    return wide, summary


#: What the Simulador's default figures are (above the table of :func:`defaults_used`).
DEFAULTS_NOTE = N_(
    "**Distrito típico de Puno** (valores por defecto del simulador). Las brechas de la "
    "proyección son las de la Tabla 2 del estudio, y el presupuesto ejecutado es PIM × tasa "
    "de ejecución:"
)
