"""A scenario in words: the labels of its choices and the rule in one sentence (in the run's
language: brechas_core.i18n; the parameter rows of the exported files stay in Spanish).

The sidebar's options, the exported files and the printed page all name a scenario the
same way from here.
"""

from __future__ import annotations

from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import N_, _, ngettext
from brechas_core.scenario import Scenario

__all__ = ["REPARTO_LABELS", "VIEW_LABELS", "parameter_rows", "rule_text"]

#: The choices' names, in Spanish and marked for the catalogue: draw them through ``_``.
VIEW_LABELS = {
    "prioritarias": N_("Brechas prioritarias (Tabla 2)"),
    "sectores": N_("Sectores (Tabla 3)"),
}
REPARTO_LABELS = {
    "brecha": N_("Según el tamaño de la brecha"),
    "igual": N_("En partes iguales"),
    "manual": N_("Con pesos que yo elijo"),
    "optimo": N_("Donde cubre a más personas (óptimo)"),
}
YEAR_LABELS = {"promedio": N_("promedio 2021-2023")}


def rule_text(scenario: Scenario) -> str:
    """The rule in one line.

    Examples
    --------
    >>> print(rule_text(Scenario(minimum_pct=40)))
    Mínimo garantizado de 40.0 % para las brechas prioritarias, reparto según el tamaño de
    la brecha
    >>> rule_text(Scenario())
    'Línea base (sin regla)'
    """
    s = scenario
    if s.minimum_pct <= 0 and not s.floors and not s.overrides:
        return _("Línea base (sin regla)")
    if s.view == "prioritarias":
        who = _("las brechas prioritarias")
    else:
        who = _("las funciones con brecha de {threshold} o más").format(
            threshold=pct(s.threshold_pct, 1)
        )
    sharing = _(REPARTO_LABELS[s.reparto])
    text = _("Mínimo garantizado de {minimum} para {who}, reparto {sharing}").format(
        minimum=pct(s.minimum_pct, 1), who=who, sharing=sharing[0].lower() + sharing[1:]
    )
    extras = []
    if s.floors:
        n = len(s.floors)
        extras.append(ngettext("{n} piso por brecha", "{n} pisos por brecha", n).format(n=n))
    if s.excluded:
        n = len(s.excluded)
        extras.append(
            ngettext("{n} brecha fuera de la regla", "{n} brechas fuera de la regla", n).format(n=n)
        )
    if s.protected_pct:
        extras.append(_("{share} del resto protegido").format(share=pct(s.protected_pct, 1)))
    if s.overrides or s.locked:
        extras.append(_("participaciones fijadas o bloqueadas"))
    return text + (f" ({'; '.join(extras)})" if extras else "")


def _pairs(pairs, fmt) -> str:
    return ", ".join(f"{k}: {fmt(v)}" for k, v in pairs) or "—"


def parameter_rows(scenario: Scenario, place: str) -> list[tuple[str, str | float]]:
    """Every parameter of the scenario as (name, value) rows in the run's language; numbers
    stay numbers.

    Examples
    --------
    >>> dict(parameter_rows(Scenario(minimum_pct=40), "Estudio"))["Mínimo garantizado (%)"]
    40.0
    """
    s = scenario
    rows: list[tuple[str, str | float]] = [
        (_("Territorio"), place),
        (_("Año del presupuesto"), _(YEAR_LABELS[s.year]) if s.year in YEAR_LABELS else s.year),
        (_("Qué se compara"), _(VIEW_LABELS[s.view])),
        (_("Regla"), rule_text(s)),
        (_("Mínimo garantizado (%)"), float(s.minimum_pct)),
        (_("Cómo se reparte el aumento"), _(REPARTO_LABELS[s.reparto])),
    ]
    if s.view == "prioritarias":
        rows += [
            (_("Brechas fuera de la regla"), ", ".join(s.excluded) or _("ninguna")),
            (_("Pisos por brecha (%)"), _pairs(s.floors, lambda v: num(v, 1))),
            (_("Parte protegida del resto (%)"), float(s.protected_pct)),
        ]
    else:
        rows += [
            (_("Umbral de brecha alta (%)"), float(s.threshold_pct)),
            (_("Participaciones fijadas (%)"), _pairs(s.overrides, lambda v: num(v, 2))),
            (_("Funciones bloqueadas"), ", ".join(s.locked) or _("ninguna")),
        ]
    if s.reparto == "manual":
        rows.append((_("Pesos del reparto"), _pairs(s.weights, lambda v: num(v, 1))))
    rows += [
        (
            _("Presupuesto anual (PIM)"),
            _("del territorio") if s.budget_soles is None else soles(s.budget_soles),
        ),
        (
            _("Tasa de ejecución (%)"),
            _("del territorio") if s.execution_pct is None else float(s.execution_pct),
        ),
        (_("Población"), _("del territorio") if s.population is None else float(s.population)),
        (_("Horizonte (años)"), float(s.horizon_years)),
        (_("Costo por persona, caso central (S/)"), _pairs(s.unit_costs, lambda v: num(v, 0))),
    ]
    if s.targets:  # «¿Qué mínimo necesito?» (brechas_core.reverse)
        rows.append(
            (
                _("Metas en {years} años (% de brecha; 0 = cerrarla)").format(
                    years=s.horizon_years
                ),
                _pairs(s.targets, lambda v: num(v, 1)),
            )
        )
    if s.fund_soles is not None:
        rows.append((_("Fondo a repartir en el territorio (S/ al año)"), float(s.fund_soles)))
        rows.append(
            (
                _("El fondo busca"),
                _("cerrar más brechas")
                if s.fund_objective == "brechas"
                else _("cubrir más personas"),
            )
        )
    return rows
