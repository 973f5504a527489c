"""The tables behind every export, for one scenario or several (a comparison).

Each function takes :class:`Entry` objects and returns tidy frames whose columns are ids
of :mod:`brechas_core.measures`; the writers (CSV, XLSX, PDF) only add headers and formats.
With more than one entry, a ``scenario_name`` column says which scenario a row belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core import need
from brechas_core.describe import rule_text
from brechas_core.i18n import N_, _
from brechas_core.scenario import Scenario
from brechas_core.simulation import RESTO_LABEL, Simulation

__all__ = [
    "Entry",
    "alignment_frame",
    "headline_rows",
    "label_text",
    "money_frame",
    "need_frame",
    "projection_frame",
    "shares_frame",
    "years_frame",
]


@dataclass(frozen=True)
class Entry:
    """One scenario to export: a name (``A``..``D`` in a comparison), its inputs, its
    simulation and the territory's name."""

    name: str
    scenario: Scenario
    sim: Simulation
    place: str

    @property
    def label(self) -> str:
        """How files and charts name the scenario: ``A · Mínimo garantizado de 40.0 % ...``."""
        return f"{self.name} · {rule_text(self.scenario)}"


def label_text(label: str) -> str:
    """A gap's or function's label in the run's language (a function keeps its code).

    Examples
    --------
    >>> label_text("03. Planeamiento, gestión y reserva de contingencia")
    '03. Planeamiento, gestión y reserva de contingencia'
    """
    code, sep, name = label.partition(". ")
    if sep and code.isdigit():
        return f"{code}. {_(name)}"
    return _(label)


#: Text columns whose values are the app's own words (translated in files).
_TEXT_COLUMNS = ("label", "unit", "serie", "moment")


def _stack(entries: Sequence[Entry], build) -> pd.DataFrame:
    frames = []
    for e in entries:
        f = build(e)
        for col in _TEXT_COLUMNS:
            if col in f and len(f):
                f[col] = [label_text(v) if isinstance(v, str) else v for v in f[col]]
        if len(entries) > 1:
            f.insert(0, "scenario_name", e.name)
        frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def shares_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Per gap (or function): gap, share before and after, change; the rest of the budget
    as a last row in the priority view."""

    def build(e: Entry) -> pd.DataFrame:
        sim = e.sim
        f = sim.items[
            ["label", "gap_pct", "baseline_pct", "scenario_pct", "moved_pct", "is_target"]
        ].copy()
        if sim.view == "prioritarias":
            rest = {
                "label": RESTO_LABEL,
                "gap_pct": np.nan,
                "baseline_pct": sim.resto_before,
                "scenario_pct": sim.resto_after,
                "moved_pct": sim.resto_after - sim.resto_before,
                "is_target": False,
            }
            f = pd.concat([f, pd.DataFrame([rest])], ignore_index=True)
        return f

    return _stack(entries, build)


def money_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Per item: soles a year before and after the rule and the difference."""

    def build(e: Entry) -> pd.DataFrame:
        shares = shares_frame([e])
        executed = e.sim.assumptions.executed_soles
        return pd.DataFrame(
            {
                "label": shares["label"],
                "baseline_soles": shares["baseline_pct"] / 100.0 * executed,
                "scenario_soles": shares["scenario_pct"] / 100.0 * executed,
                "item_moved_soles": shares["moved_pct"] / 100.0 * executed,
            }
        )

    return _stack(entries, build)


def years_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Per projectable gap: people in need, people covered a year and years to close
    (central cost), baseline and scenario, with the unit costs and their source."""
    cols = [
        "label",
        "unit",
        "people_in_need",
        "covered_per_year_base",
        "covered_per_year_scenario",
        "years_base",
        "years_scenario",
        "cost_low",
        "cost_central",
        "cost_high",
        "source",
    ]
    with_projection = [e for e in entries if e.sim.projection_summary is not None]
    if not with_projection:
        return pd.DataFrame(columns=cols)
    return _stack(with_projection, lambda e: e.sim.projection_summary[cols].copy())


def need_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Per projectable gap: what closing it within the horizon costs a year (low, central,
    high cost), the scenario's spending on it and the rule's top-up beyond the need
    (:mod:`brechas_core.need`)."""
    cols = [
        "label",
        "people_in_need",
        "need_low",
        "need_central",
        "need_high",
        "need_share_pct",
        "spending_soles",
        "excess_central",
        "overshoot_central",
        "shortfall_central",
    ]
    tables = [(e, need.for_simulation(e.sim)) for e in entries]
    tables = [(e, t) for e, t in tables if t is not None]
    if not tables:
        return pd.DataFrame(columns=cols)
    by_name = {e.name: t.table[cols].copy() for e, t in tables}
    return _stack([e for e, _t in tables], lambda e: by_name[e.name])


def projection_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Projected gap per year and series under the low, central and high unit cost."""
    cols = ["brecha", "serie", "year", "bajo", "central", "alto"]
    with_projection = [e for e in entries if e.sim.projection is not None]
    if not with_projection:
        return pd.DataFrame(columns=cols)
    return _stack(
        with_projection,
        lambda e: e.sim.projection[cols].rename(columns={"brecha": "label"}).copy(),
    )


def alignment_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """Spearman and Pearson (coefficient, t, critical t, decision) and the OLS line, for
    the baseline and the scenario."""

    def build(e: Entry) -> pd.DataFrame:
        rows = []
        for moment, a in ((N_("Línea base"), e.sim.before), (N_("Escenario"), e.sim.after)):
            for name, c in (("Spearman ρ", a.spearman), ("Pearson r", a.pearson)):
                rows.append(
                    {
                        "moment": moment,
                        "method": name,
                        "statistic": c.statistic,
                        "t": c.t,
                        "t_critical": c.t_critical,
                        "n": c.n,
                        "significant": c.significant,
                        "decision": c.decision,
                        "slope": a.fit.slope,
                        "intercept": a.fit.intercept,
                        "r2": a.fit.r2,
                    }
                )
        return pd.DataFrame(rows)

    return _stack(entries, build)


def headline_rows(e: Entry) -> list[tuple[str, float | str | bool]]:
    """The headline figures of one scenario as (measure id, value)."""
    sim = e.sim
    return [
        ("target_before", sim.target_before),
        ("target_after", sim.target_after),
        ("top_up_pct", sim.top_up_pct),
        ("top_up_soles", sim.top_up_soles),
        ("executed_soles", sim.assumptions.executed_soles),
        ("effective_minimum", sim.effective_minimum),
        ("max_minimum", sim.max_minimum),
        ("feasible", sim.feasible),
        ("spearman_before", sim.before.spearman.statistic),
        ("spearman_after", sim.after.spearman.statistic),
        ("pearson_before", sim.before.pearson.statistic),
        ("pearson_after", sim.after.pearson.statistic),
    ]
