"""Workshops: what participants may change, a proposal's figures, and the room's rule.

A facilitator picks which of the Simulador's controls participants may move (``CONTROLS``).
Each participant's proposal is the workshop's base scenario with those fields changed
(:func:`restrict`); its figures come from :func:`brechas_core.simulation.simulate`
(:func:`proposal_figures`), never recomputed here. The room's rule takes, control by
control, the median of the proposals (the most frequent choice for a category) and
:func:`summarize` says how much the room agrees.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core.fmt import num, pct
from brechas_core.i18n import N_, _
from brechas_core.scenario import REPARTOS, Scenario
from brechas_core.simulation import Simulation

__all__ = [
    "AGREEMENT_BAND_PP",
    "CONTROLS",
    "DEFAULT_CONTROLS",
    "LINK_PARAMS",
    "REPARTO_LABELS",
    "RoomSummary",
    "export_table",
    "proposal_figures",
    "restrict",
    "room_rule",
    "summarize",
]

#: Controls a facilitator can open to participants: link name -> (Scenario field, label; in
#: Spanish, shown through ``_``).
CONTROLS: dict[str, tuple[str, str]] = {
    "minimo": ("minimum_pct", N_("Mínimo garantizado para las brechas prioritarias")),
    "reparto": ("reparto", N_("Cómo se reparte el aumento")),
    "excluir": ("excluded", N_("Qué brechas entran en la regla")),
    "protegido": ("protected_pct", N_("Parte protegida del resto del presupuesto")),
    "horizonte": ("horizon_years", N_("Horizonte de la proyección (años)")),
}
DEFAULT_CONTROLS = ("minimo", "reparto")

#: How the top-up is shared, in Spanish (shown through ``_``).
REPARTO_LABELS = {
    "brecha": N_("Según el tamaño de la brecha"),
    "igual": N_("En partes iguales"),
    "manual": N_("Con pesos elegidos"),
}

#: A proposal "agrees" with the room when its minimum is this close to the median (p.p.).
AGREEMENT_BAND_PP = 5.0

#: The gap whose years to close the board shows for every proposal.
WATER = "agua"


def restrict(base: Scenario, proposal: Scenario, controls: Iterable[str]) -> Scenario:
    """The proposal with only the allowed controls taken from it; the rest is the base's.

    A participant can never change the territory, the year or an assumption the facilitator
    did not open, whatever their session holds.

    >>> base = Scenario(minimum_pct=10, protected_pct=5)
    >>> mine = Scenario(minimum_pct=45, protected_pct=30, reparto="igual")
    >>> s = restrict(base, mine, ["minimo"])
    >>> s.minimum_pct, s.protected_pct, s.reparto
    (45, 5, 'brecha')
    """
    changes = {}
    for name in controls:
        if name in CONTROLS:
            field = CONTROLS[name][0]
            changes[field] = getattr(proposal, field)
    return base.with_(**changes)


def years_to_close(sim: Simulation, gap_id: str = WATER) -> float | None:
    """Years to close one gap under the scenario (central unit cost), from the Simulador's
    projection; None when it never closes within reach or the view has no projection."""
    summary = sim.projection_summary
    if summary is None:
        return None
    row = summary.loc[summary["gap_id"] == gap_id, "years_scenario"]
    if row.empty:
        return None
    value = float(row.iloc[0])
    return value if math.isfinite(value) else None


def proposal_figures(scenario: Scenario, sim: Simulation) -> dict:
    """What the board shows for one proposal, taken from its simulation."""
    return {
        "minimum_pct": float(scenario.minimum_pct),
        "reparto": scenario.reparto,
        "target_after_pct": float(sim.target_after),
        "top_up_soles": float(sim.top_up_soles),
        "years_water": years_to_close(sim),
    }


def _median(values: Sequence[float]) -> float:
    return float(np.median(np.asarray(values, dtype=float)))


def room_rule(base: Scenario, proposals: Sequence[Scenario], controls: Iterable[str]) -> Scenario:
    """The room's rule: for each allowed control, the median of the proposals (numbers), the
    most frequent choice (how the top-up is shared; ties go to the earlier option), and a gap
    enters the rule when at least half of the proposals include it.

    >>> base = Scenario()
    >>> props = [Scenario(minimum_pct=m, reparto=r) for m, r in
    ...          [(20, "igual"), (40, "brecha"), (35, "igual")]]
    >>> s = room_rule(base, props, ["minimo", "reparto"])
    >>> s.minimum_pct, s.reparto
    (35.0, 'igual')
    """
    controls = [c for c in controls if c in CONTROLS]
    if not proposals:
        return base
    changes: dict = {}
    if "minimo" in controls:
        changes["minimum_pct"] = _median([p.minimum_pct for p in proposals])
    if "protegido" in controls:
        changes["protected_pct"] = _median([p.protected_pct for p in proposals])
    if "horizonte" in controls:
        changes["horizon_years"] = round(_median([p.horizon_years for p in proposals]))
    if "reparto" in controls:
        counts = Counter(p.reparto for p in proposals)
        best = max(counts.values())
        changes["reparto"] = next(r for r in REPARTOS if counts.get(r) == best)
    if "excluir" in controls:
        excluded = Counter(g for p in proposals for g in p.excluded)
        changes["excluded"] = tuple(
            sorted(g for g, n in excluded.items() if n > len(proposals) / 2)
        )
    return base.with_(**changes)


@dataclass(frozen=True)
class RoomSummary:
    """How far apart the proposed minimums are.

    ``agreement`` is the share of proposals within ``AGREEMENT_BAND_PP`` points of the
    median; ``iqr`` the interquartile range (p.p.).
    """

    n: int
    median: float
    q1: float
    q3: float
    low: float
    high: float
    iqr: float
    agreement: float
    reading: str


def summarize(minimums: Sequence[float]) -> RoomSummary | None:
    """The median, quartiles and agreement of the proposed minimums; None when there is none.

    >>> s = summarize([30, 35, 40, 60])
    >>> s.median, s.iqr, s.agreement
    (37.5, 11.25, 0.5)
    """
    values = np.asarray(list(minimums), dtype=float)
    if values.size == 0:
        return None
    median = float(np.median(values))
    q1, q3 = (float(v) for v in np.percentile(values, [25, 75]))
    near = int(np.sum(np.abs(values - median) <= AGREEMENT_BAND_PP + 1e-9))
    agreement = near / values.size
    level = (
        _("Acuerdo alto")
        if agreement >= 0.75
        else _("Acuerdo medio")
        if agreement >= 0.5
        else _("Acuerdo bajo")
    )
    reading = _(
        "{level}: {near} de {n} propuestas están a {band} puntos o menos de la mediana "
        "({median}). La mitad central va de {q1} a {q3} ({iqr} puntos); el rango, de {low} a "
        "{high}."
    ).format(
        level=level,
        near=num(near),
        n=num(values.size),
        band=num(AGREEMENT_BAND_PP, 0),
        median=pct(median, 1),
        q1=pct(q1, 1),
        q3=pct(q3, 1),
        iqr=num(q3 - q1, 1),
        low=pct(float(values.min()), 1),
        high=pct(float(values.max()), 1),
    )
    return RoomSummary(
        n=int(values.size),
        median=median,
        q1=q1,
        q3=q3,
        low=float(values.min()),
        high=float(values.max()),
        iqr=q3 - q1,
        agreement=agreement,
        reading=reading,
    )


def export_table(rows: Sequence[dict]) -> pd.DataFrame:
    """Every proposal as a table with headers in the run's language (Spanish by default), for
    CSV and XLSX export."""
    columns = {
        "name": _("Nombre"),
        "district": _("Distrito"),
        "minimum_pct": _("Mínimo propuesto (%)"),
        "reparto": _("Reparto"),
        "target_after_pct": _("Brechas prioritarias después (% del presupuesto)"),
        "top_up_soles": _("Soles movidos al año (S/)"),
        "years_water": _("Años para cerrar la brecha de agua"),
        "hidden": _("Oculta por el facilitador"),
        "revisions": _("Versiones enviadas"),
        "submitted_at": _("Primer envío (UTC)"),
        "updated_at": _("Último envío (UTC)"),
        "link": _("Escenario (parámetros del enlace)"),
    }
    records = []
    for r in rows:
        rec = {k: r.get(k) for k in columns if k != "link"}
        label = REPARTO_LABELS.get(r.get("reparto"))
        rec["reparto"] = _(label) if label else r.get("reparto")
        rec["hidden"] = _("sí") if r.get("hidden") else _("no")
        rec["district"] = r.get("district") or ""
        for k in ("minimum_pct", "target_after_pct"):
            rec[k] = round(float(r[k]), 2)
        rec["top_up_soles"] = round(float(r["top_up_soles"]))
        w = r.get("years_water")
        rec["years_water"] = None if w is None else round(float(w), 1)
        for k in ("submitted_at", "updated_at"):
            v = r.get(k)
            rec[k] = v.strftime("%Y-%m-%d %H:%M:%S") if v is not None else ""
        rec["link"] = "&".join(f"{k}={v}" for k, v in sorted(r.get("scenario_query", {}).items()))
        records.append(rec)
    return pd.DataFrame.from_records(records, columns=list(columns)).rename(columns=columns)


#: Query parameters of the workshop page's links (they carry no scenario).
LINK_PARAMS = ("codigo", "clave", "proyector")
