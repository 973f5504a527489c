"""The Simulador's reading: what a scenario's rule does, in one sentence (Spanish, or the
run's language: brechas_core.i18n).

:func:`reading` follows the rule's one decision (:func:`brechas_core.rules.situation`), so it
never contradicts the notices; :func:`alignment_words` says what the shares do when the table
is too small for a correlation test (a territory's three census gaps).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from brechas_core import alignment as align
from brechas_core import rules, territory
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.i18n import _
from brechas_core.vocabulary import PRIORITY

if TYPE_CHECKING:
    from brechas_core.scenario import Scenario
    from brechas_core.simulation import Simulation

__all__ = ["alignment_words", "reading"]


def alignment_words(
    table: Callable[[], pd.DataFrame], tested: bool, known: bool, by_municipality
) -> str:
    """The alignment in words, for a table too small (or without gaps) for a test: for a
    territory of many municipalities, across municipalities first, then what each gap's
    share does; ``""`` when the table carries a test. ``table()`` gives the rows
    (:attr:`brechas_core.simulation.Simulation.items`), built only when the words need
    them: a table that carries a test builds none (issue 12)."""
    if tested:
        return ""
    parts = []
    across = None if by_municipality is None else territory.across_municipalities(by_municipality)
    if across:
        parts.append(across)
    if not known:
        parts.append(
            _("Sin las brechas del censo no se puede ver si el dinero sigue a la necesidad.")
        )
        return " ".join(parts)
    items = table()
    n = len(items)
    items = items.sort_values("gap_pct", ascending=False, kind="stable")
    shares = "; ".join(
        _("{item} (brecha {gap}): {share}").format(
            item=_(r.label), gap=pct(r.gap_pct), share=pct(r.baseline_pct)
        )
        + (f" → {pct(r.scenario_pct)}" if abs(r.moved_pct) > rules.ZERO else "")
        for r in items.itertuples(index=False)
    )
    parts.append(
        _(
            "Con {n} brechas no se calcula una prueba de correlación (hacen falta al menos "
            "{least}); de la mayor brecha a la menor, su parte del presupuesto: {shares}."
        ).format(n=n, least=align.MIN_POINTS, shares=shares)
    )
    return " ".join(parts)


def _significance(res) -> str:
    if not res.significant:
        return _("no significativa")
    return _("significativa") if res.statistic > 0 else _("significativa pero negativa")


def reading(scenario: Scenario, sim: Simulation, place: str) -> str:
    """One sentence that says what the rule does, in Spanish; it follows
    :func:`brechas_core.rules.situation` (``sim.situation``)."""
    a = sim.assumptions
    who = (
        _("las brechas prioritarias")
        if scenario.view == PRIORITY
        else _("las funciones con brecha de {threshold} o más").format(
            threshold=pct(scenario.threshold_pct, 1)
        )
    )
    b, f = sim.before.spearman, sim.after.spearman
    align_txt = (
        _(
            "La alineación entre brecha y presupuesto pasa de ρ = {before} ({sig_before}) a "
            "ρ = {after} ({sig_after})."
        ).format(
            before=num(b.statistic, 3),
            sig_before=_significance(b),
            after=num(f.statistic, 3),
            sig_after=_significance(f),
        )
        if sim.tested
        else sim.alignment_words
    )
    kind = sim.situation
    before, after = pct(sim.target_before), pct(sim.target_after)
    if kind == "sin_objetivo":
        if scenario.view == PRIORITY:
            return _(
                "Ninguna brecha prioritaria está incluida en la regla: no se mueve dinero. "
                "Incluya al menos una en «Brechas incluidas en la regla»."
            )
        return _(
            "Ninguna función tiene una brecha de {threshold} o más: la regla no tiene a quién "
            "proteger y no mueve dinero. Baje el umbral de brecha alta."
        ).format(threshold=pct(scenario.threshold_pct, 1))
    if kind == "linea_base":
        today = (
            _("Hoy la alineación es ρ = {rho} ({significance}).").format(
                rho=num(b.statistic, 3), significance=_significance(b)
            )
            if sim.tested
            else sim.alignment_words
        )
        return _(
            "Línea base: {who} reciben {before} del presupuesto ejecutado. Mueva el mínimo "
            "garantizado para probar una regla. {today}"
        ).format(who=who, before=before, today=today)
    if kind == "ya_cumple":
        return _(
            "Con un mínimo garantizado de {minimum} no cambia nada: {who} ya reciben {before}."
        ).format(minimum=pct(scenario.minimum_pct, 1), who=who, before=before)
    if kind == "sin_margen":
        return _(
            "Lo pedido no se puede alcanzar: nada puede ceder dinero (lo demás está protegido o "
            "bloqueado), así que {who} se quedan en {before} y no se mueve dinero."
        ).format(who=who, before=before)
    place = _(place) if all(a.from_data.values()) else _("el presupuesto indicado")
    money = dict(points=pp(sim.top_up_pct), soles=soles(sim.top_up_soles), place=place)
    t = sim.territory
    if t is not None and t.summary.n_municipalities > 1:
        return _(
            "Con un mínimo garantizado de {minimum} del presupuesto ejecutado de cada una de sus "
            "{n} municipalidades, {who} pasan de {before} a {after} del presupuesto ejecutado "
            "del territorio ({points}, unos {soles} al año en {place}: la suma de lo que la "
            "regla mueve en cada municipalidad con su propio presupuesto). {alignment}"
        ).format(
            minimum=pct(scenario.minimum_pct, 1),
            n=num(t.summary.n_municipalities),
            who=who,
            before=before,
            after=after,
            alignment=align_txt,
            **money,
        )
    if scenario.minimum_pct <= 0:
        lead = _("Sin mínimo garantizado, con los cambios indicados")
    elif kind == "tope":
        lead = _(
            "Con un mínimo garantizado de {minimum} (el máximo posible; se pidió {asked})"
        ).format(minimum=pct(sim.effective_minimum, 1), asked=pct(scenario.minimum_pct, 1))
    else:
        lead = _("Con un mínimo garantizado de {minimum}").format(
            minimum=pct(sim.effective_minimum, 1)
        )
    delta = sim.target_after - sim.target_before
    if abs(delta - sim.top_up_pct) <= 1e-9:
        moved = _("({points}, unos {soles} al año en {place})").format(**money)
    else:  # set shares move money to or from columns outside the rule
        moved = _(
            "({change}); con las participaciones fijadas cambian de manos {points}, unos "
            "{soles} al año en {place}"
        ).format(**{**money, "change": pp(delta), "points": pp(sim.top_up_pct).lstrip("+")})
    return _(
        "{lead}, {who} pasan de {before} a {after} del presupuesto ejecutado {moved}. {alignment}"
    ).format(lead=lead, who=who, before=before, after=after, moved=moved, alignment=align_txt)
