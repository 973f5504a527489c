"""The rule's controls, in the order a user thinks about a rule.

The widgets themselves (range, step, format of the minimum, the sharing, the gaps included,
the protected part, the horizon) are drawn by one function each, given a label and a
binding: the Simulador and Territorios bind them to the scenario (brechas_ui.state.bound:
moving one changes the scenario, which the next run turns into results and into the link);
the Taller seeds them from a workshop's base scenario (brechas_ui.taller_participant).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from brechas_core.describe import REPARTO_LABELS, VIEW_LABELS
from brechas_core.fmt import num, pct, pct_printf, soles
from brechas_core.i18n import _
from brechas_core.scenario import REPARTOS
from brechas_core.simulation import Inputs, assumptions
from brechas_ui import state

VISTAS = VIEW_LABELS


def simulator_controls(inputs: Inputs) -> None:
    """Draw the rule's controls on the page itself (phones have no room for a sidebar):
    the minimum and how the increase is shared on top, everything else in an expander."""
    scenario = state.get()
    priority = scenario.view == "prioritarias"
    with st.container(key="regla_en_pagina", border=True):
        rule_controls(priority=priority)
        with st.expander(_("Más opciones de la regla y supuestos"), icon=":material/tune:"):
            st.radio(
                _("Qué se compara"),
                list(VISTAS),
                format_func=translated(VISTAS).get,
                horizontal=True,
                **state.bound("view"),
            )
            if priority:
                _priority_controls(inputs)
            else:
                _sector_controls(inputs)
            _projection_controls(inputs)
            st.button(
                _("Volver a la línea base"),
                key="reiniciar",
                icon=":material/restart_alt:",
                on_click=state.reset,
                width="stretch",
                help=_("Quita la regla y los supuestos cambiados; mantiene la vista."),
            )


def rule_controls(*, priority: bool = True) -> None:
    """The two controls everyone needs, side by side on a desktop and stacked on a phone:
    the guaranteed minimum and how the increase is shared (Simulador and Territorios)."""
    left, right = st.columns([3, 2])
    with left:
        minimum(
            _("Mínimo garantizado (% del presupuesto ejecutado)"),
            help=_(
                "Después de la regla, las brechas prioritarias incluidas reciben juntas al "
                "menos este porcentaje. Nunca se quita dinero a una brecha."
            )
            if priority
            else _(
                "Después de la regla, las funciones con brecha alta reciben juntas al menos "
                "este porcentaje. Nunca se quita dinero a una brecha."
            ),
            **state.bound("minimum_pct"),
        )
    with right:
        sharing(_("Cómo se reparte el aumento"), REPARTOS, REPARTO_LABELS, **state.bound("reparto"))


# -- one function per control: a label and a binding (key, callback or seeded value) -------


def minimum(label: str, **binding) -> None:
    """The guaranteed minimum, 0-100 % of the executed budget."""
    st.slider(label, 0.0, 100.0, step=0.5, format=pct_printf(1), **binding)


def sharing(label: str, options, labels: dict, **binding) -> None:
    """How the increase is shared (``options``: the ways offered, named by ``labels``, which
    are translated here)."""
    st.radio(label, options, format_func=translated(labels).get, **binding)


def included(label: str, ids: list[str], labels: dict, **binding) -> None:
    """Which priority gaps the rule includes (the others neither receive nor give)."""
    st.multiselect(
        label,
        ids,
        placeholder=_("Ninguna: la regla no mueve dinero"),
        format_func=translated(labels).get,
        **binding,
    )


def protected(label: str, most: float, **binding) -> None:
    """The part of the rest of the budget no rule may cut, 0 to ``most`` %."""
    st.slider(label, 0.0, most, step=0.5, format=pct_printf(1), **binding)


def horizon(label: str, **binding) -> None:
    """The projection's horizon, 1-50 years."""
    st.slider(label, 1, 50, **binding)


def translated(labels: dict) -> dict:
    """Labels in the run's language, fixed now: a widget may format its options after the
    run (AppTest does), outside the run's language."""
    return {k: _(v) for k, v in labels.items()}


def rest_pct(inputs: Inputs) -> float:
    """What the priority gaps do not receive (% of the budget): the most that can be
    protected, rounded as the slider shows it."""
    return round(100.0 - float(inputs.priority["attention_pct"].sum()), 2)


def _priority_controls(inputs: Inputs) -> None:
    table = inputs.priority
    ids = table["gap_id"].tolist()
    label = dict(zip(ids, table["label"], strict=True))
    resto = 100.0 - float(table["attention_pct"].sum())
    most = rest_pct(inputs)
    n_in = len(ids) - len(state.get().excluded)
    with st.expander(
        _("Brechas incluidas en la regla ({n} de {total})").format(n=n_in, total=len(ids))
    ):
        included(
            _("Brechas incluidas en la regla"),
            ids,
            label,
            label_visibility="collapsed",
            help=_("Las brechas que quite no reciben ni ceden dinero."),
            **state.bound(
                "excluded",
                to_widget=lambda ex: [g for g in ids if g not in ex],
                from_widget=lambda inc: tuple(g for g in ids if g not in inc),
            ),
        )
    protected(
        _("Parte protegida del resto (% del presupuesto)"),
        most,
        help=_(
            "El resto del presupuesto ({rest}) paga el aumento. Aquí protege la parte que "
            "ninguna regla puede recortar (planillas, gasto corriente, deuda)."
        ).format(rest=pct(resto)),
        **state.bound("protected_pct", to_widget=lambda v: min(v, most)),
    )
    if _section(_("Pisos por brecha"), "floors", bool(state.get().floors)):
        st.caption(_("Cada brecha recibe al menos su piso (% del presupuesto ejecutado)."))
        _per_item("floors", ids, label, step=0.5, format="%.1f")
    if state.get().reparto == "manual":
        with st.expander(_("Pesos del reparto"), expanded=True):
            st.caption(_("El aumento se reparte en proporción a estos pesos."))
            _per_item("weights", ids, label, item_default=1.0, step=1.0)


def _sector_controls(inputs: Inputs) -> None:
    table = inputs.functions
    codes = table["function_code"].tolist()
    label = {c: f"{c}. {_(name)}" for c, name in zip(codes, table["label"], strict=True)}
    share = dict(zip(codes, table["attention_pct"], strict=True))
    st.slider(
        _("Umbral de brecha alta (%)"),
        0.0,
        100.0,
        step=0.5,
        format=pct_printf(1),
        help=_("La regla protege las funciones cuya brecha es igual o mayor que este umbral."),
        **state.bound("threshold_pct"),
    )
    st.multiselect(
        _("Funciones bloqueadas (no se mueven)"),
        codes,
        placeholder=_("Ninguna"),
        format_func=label.get,
        **state.bound("locked", to_widget=list, from_widget=lambda v: tuple(sorted(v))),
    )
    if _section(
        _("Fijar la participación de una función"), "overrides", bool(state.get().overrides)
    ):
        st.caption(
            _(
                "Escriba la nueva participación; las demás funciones no bloqueadas absorben la "
                "diferencia en proporción a su tamaño. Deje vacío para no fijarla."
            )
        )
        for code in codes:
            st.number_input(
                _("{function} (hoy {share})").format(function=label[code], share=pct(share[code])),
                0.0,
                100.0,
                step=0.5,
                format="%.2f",
                placeholder=_("sin fijar"),
                **state.bound("overrides", item=code, item_default=None),
            )
    if state.get().reparto == "manual":
        with st.expander(_("Pesos del reparto"), expanded=True):
            _per_item("weights", codes, label, item_default=1.0, step=1.0)


def _per_item(field: str, ids, label: dict, *, item_default: float = 0.0, **fmt) -> None:
    """One 0-100 input per gap or function for a per-item field (``floors``, ``weights``)."""
    for i in ids:
        st.number_input(
            label[i], 0.0, 100.0, **fmt, **state.bound(field, item=i, item_default=item_default)
        )


def _assumption(label: str, field: str, lo, hi, defaults, **fmt) -> None:
    """One of the projection's figures, shown as the place's default until the user changes
    it (the scenario keeps None, so the link stays short)."""
    st.number_input(
        label,
        lo,
        hi,
        **fmt,
        **state.bound(field, to_widget=partial(_or, getattr(defaults, field))),
    )


def _or(default, value):
    return default if value is None else value


def _projection_controls(inputs: Inputs) -> None:
    scenario = state.get()
    defaults = assumptions(type(scenario)(), inputs)
    changed = (
        scenario.budget_soles is not None
        or scenario.execution_pct is not None
        or scenario.population is not None
        or scenario.horizon_years != type(scenario)().horizon_years
        or bool(scenario.unit_costs)
    )
    if _section(_("Supuestos de la proyección"), "assumptions", changed):
        figures = dict(
            place=_(inputs.place),
            pim=soles(defaults.budget_soles),
            execution=pct(defaults.execution_pct, 1),
            population=num(defaults.population),
        )
        if scenario.territory == "estudio":
            text = _(
                "Por defecto, {place}: medianas de los 110 distritos (PIM {pim}, ejecución "
                "{execution}, población {population}). Son supuestos que puede cambiar."
            )
        else:
            text = _(
                "Por defecto, {place} (PIM {pim}, ejecución {execution}, población "
                "{population}). Son supuestos que puede cambiar."
            )
        st.caption(text.format(**figures))
        _assumption(
            _("Presupuesto anual, PIM (S/)"),
            "budget_soles",
            0.0,
            1e11,
            defaults,
            step=100_000.0,
            format="%.0f",
        )
        _assumption(
            _("Tasa de ejecución, devengado / PIM (%)"),
            "execution_pct",
            0.0,
            100.0,
            defaults,
            step=1.0,
            format="%.1f",
        )
        _assumption(_("Población"), "population", 1, 40_000_000, defaults, step=100)
        horizon(_("Horizonte (años)"), **state.bound("horizon_years"))
        label = dict(zip(inputs.priority["gap_id"], inputs.priority["label"], strict=True))
        costs = inputs.unit_costs[
            inputs.unit_costs["projectable"] & inputs.unit_costs["gap_id"].isin(label)
        ]
        st.markdown(
            _(
                "**Costo por persona (S/, caso central)**: supuesto que usted puede cambiar; "
                "cifras públicas y ruralidad del lugar (vea Metodología):"
            )
        )
        picked = dict(zip(inputs.costs["ids"], inputs.costs["cost_central"], strict=True))
        for row in costs.itertuples(index=False):
            st.number_input(
                _("{gap} (por {unit})").format(gap=_(label[row.gap_id]), unit=_(row.unit)),
                1.0,
                10_000_000.0,
                step=100.0,
                format="%.0f",
                help=_("{kind}. {note} Fuente: {source}").format(
                    kind=_(row.kind).capitalize(), note=_(row.note), source=_(row.source)
                ),
                **state.bound(
                    "unit_costs",
                    item=row.gap_id,
                    item_default=round(float(picked.get(row.gap_id, row.cost_central))),
                ),
            )


def _section(title: str, name: str, active: bool) -> bool:
    """A switch that shows a group of inputs only when wanted.

    Widgets cost time on every rerun even inside a collapsed expander, so the ten floors,
    the sixteen set shares and the assumptions are drawn only when their switch is on. It
    starts on when the scenario already uses them (e.g. from a link).
    """
    key = f"w_show_{name}"
    if key not in st.session_state:
        st.session_state[key] = active
    return st.toggle(title, key=key)
