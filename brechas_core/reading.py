"""The Simulador's reading: what a scenario's rule does, in one Spanish sentence.

:func:`reading` follows the rule's one decision (:func:`brechas_core.rules.situation`), so it
never contradicts the notices; :func:`alignment_words` says what the shares do when the table
is too small for a correlation test (a territory's three census gaps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from brechas_core import alignment as align
from brechas_core import rules, territory
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.vocabulary import PRIORITY

if TYPE_CHECKING:
    from brechas_core.scenario import Scenario
    from brechas_core.simulation import Simulation

__all__ = ["alignment_words", "reading"]


def alignment_words(items: pd.DataFrame, tested: bool, known: bool, by_municipality) -> str:
    """The alignment in words, for a table too small (or without gaps) for a test: for a
    territory of many municipalities, across municipalities first, then what each gap's
    share does; ``""`` when the table carries a test."""
    if tested:
        return ""
    n = len(items)
    parts = []
    across = None if by_municipality is None else territory.across_municipalities(by_municipality)
    if across:
        parts.append(across)
    if not known:
        parts.append("Sin las brechas del censo no se puede ver si el dinero sigue a la necesidad.")
        return " ".join(parts)
    items = items.sort_values("gap_pct", ascending=False, kind="stable")
    shares = "; ".join(
        f"{r.label} (brecha {pct(r.gap_pct)}): {pct(r.baseline_pct)}"
        + (f" → {pct(r.scenario_pct)}" if abs(r.moved_pct) > rules.ZERO else "")
        for r in items.itertuples(index=False)
    )
    parts.append(
        f"Con {n} brechas no se calcula una prueba de correlación (hacen falta al menos "
        f"{align.MIN_POINTS}); de la mayor brecha a la menor, su parte del presupuesto: "
        f"{shares}."
    )
    return " ".join(parts)


def _significance(res) -> str:
    if not res.significant:
        return "no significativa"
    return "significativa" if res.statistic > 0 else "significativa pero negativa"


def reading(scenario: Scenario, sim: Simulation, place: str) -> str:
    """One sentence that says what the rule does, in Spanish; it follows
    :func:`brechas_core.rules.situation` (``sim.situation``)."""
    a = sim.assumptions
    who = (
        "las brechas prioritarias"
        if scenario.view == PRIORITY
        else (f"las funciones con brecha de {pct(scenario.threshold_pct, 1)} o más")
    )
    b, f = sim.before.spearman, sim.after.spearman
    align_txt = (
        f"La alineación entre brecha y presupuesto pasa de ρ = {num(b.statistic, 3)} "
        f"({_significance(b)}) a ρ = {num(f.statistic, 3)} ({_significance(f)})."
        if sim.tested
        else sim.alignment_words
    )
    kind = sim.situation
    if kind == "sin_objetivo":
        if scenario.view == PRIORITY:
            return (
                "Ninguna brecha prioritaria está incluida en la regla: no se mueve dinero. "
                "Incluya al menos una en «Brechas incluidas en la regla»."
            )
        return (
            f"Ninguna función tiene una brecha de {pct(scenario.threshold_pct, 1)} o más: la "
            "regla no tiene a quién proteger y no mueve dinero. Baje el umbral de brecha alta."
        )
    if kind == "linea_base":
        today = (
            f"Hoy la alineación es ρ = {num(b.statistic, 3)} ({_significance(b)})."
            if sim.tested
            else sim.alignment_words
        )
        return (
            f"Línea base: {who} reciben {pct(sim.target_before)} del presupuesto "
            f"ejecutado. Mueva el mínimo garantizado para probar una regla. {today}"
        )
    if kind == "ya_cumple":
        return (
            f"Con un mínimo garantizado de {pct(scenario.minimum_pct, 1)} no cambia nada: "
            f"{who} ya reciben {pct(sim.target_before)}."
        )
    if kind == "sin_margen":
        return (
            f"Lo pedido no se puede alcanzar: nada puede ceder dinero (lo demás está "
            f"protegido o bloqueado), así que {who} se quedan en {pct(sim.target_before)} "
            "y no se mueve dinero."
        )
    place = place if all(a.from_data.values()) else "el presupuesto indicado"
    t = sim.territory
    if t is not None and t.summary.n_municipalities > 1:
        n = t.summary.n_municipalities
        each = f"cada una de sus {num(n)} municipalidades"
        return (
            f"Con un mínimo garantizado de {pct(scenario.minimum_pct, 1)} del presupuesto "
            f"ejecutado de {each}, {who} pasan de {pct(sim.target_before)} a "
            f"{pct(sim.target_after)} del presupuesto ejecutado del territorio "
            f"({pp(sim.top_up_pct)}, unos {soles(sim.top_up_soles)} al año en {place}: "
            "la suma de lo que la regla mueve en cada municipalidad con su propio presupuesto). "
            + align_txt
        )
    if scenario.minimum_pct <= 0:
        lead = "Sin mínimo garantizado, con los cambios indicados"
    elif kind == "tope":
        lead = (
            f"Con un mínimo garantizado de {pct(sim.effective_minimum, 1)} (el máximo "
            f"posible; se pidió {pct(scenario.minimum_pct, 1)})"
        )
    else:
        lead = f"Con un mínimo garantizado de {pct(sim.effective_minimum, 1)}"
    delta = sim.target_after - sim.target_before
    if abs(delta - sim.top_up_pct) <= 1e-9:
        moved = f"({pp(sim.top_up_pct)}, unos {soles(sim.top_up_soles)} al año en {place})"
    else:  # set shares move money to or from columns outside the rule
        moved = (
            f"({pp(delta)}); con las participaciones fijadas cambian de manos "
            f"{num(sim.top_up_pct, 2)} p.p., unos {soles(sim.top_up_soles)} al año en "
            f"{place}"
        )
    return (
        f"{lead}, {who} pasan de "
        f"{pct(sim.target_before)} a {pct(sim.target_after)} del presupuesto ejecutado "
        f"{moved}. " + align_txt
    )
