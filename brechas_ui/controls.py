"""The Simulador's controls, in the order a user thinks about a rule.

Each widget is bound to one scenario field (brechas_ui.state.bound): moving it changes the
scenario, which the next run turns into results and into the link.
"""

from __future__ import annotations

import streamlit as st

from brechas_core.describe import REPARTO_LABELS, VIEW_LABELS
from brechas_core.fmt import num, pct, soles
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
        with st.expander("Más opciones de la regla y supuestos", icon=":material/tune:"):
            st.radio(
                "Qué se compara",
                list(VISTAS),
                format_func=VISTAS.get,
                horizontal=True,
                **state.bound("view"),
            )
            if priority:
                _priority_controls(inputs)
            else:
                _sector_controls(inputs)
            _projection_controls(inputs)
            st.button(
                "Volver a la línea base",
                key="reiniciar",
                icon=":material/restart_alt:",
                on_click=state.reset,
                width="stretch",
                help="Quita la regla y los supuestos cambiados; mantiene la vista.",
            )


def rule_controls(*, priority: bool = True) -> None:
    """The two controls everyone needs, side by side on a desktop and stacked on a phone:
    the guaranteed minimum and how the increase is shared (Simulador and Territorios)."""
    left, right = st.columns([3, 2])
    with left:
        st.slider(
            "Mínimo garantizado (% del presupuesto ejecutado)",
            0.0,
            100.0,
            step=0.5,
            format="%.1f %%",
            help="Después de la regla, "
            + (
                "las brechas prioritarias incluidas"
                if priority
                else "las funciones con brecha alta"
            )
            + " reciben juntas al menos este porcentaje. Nunca se quita dinero a una brecha.",
            **state.bound("minimum_pct"),
        )
    with right:
        st.radio(
            "Cómo se reparte el aumento",
            REPARTOS,
            format_func=REPARTO_LABELS.get,
            **state.bound("reparto"),
        )


def _priority_controls(inputs: Inputs) -> None:
    table = inputs.priority
    ids = table["gap_id"].tolist()
    label = dict(zip(ids, table["label"], strict=True))
    resto = 100.0 - float(table["attention_pct"].sum())
    n_in = len(ids) - len(state.get().excluded)
    with st.expander(f"Brechas incluidas en la regla ({n_in} de {len(ids)})"):
        _included(ids, label)
    st.slider(
        "Parte protegida del resto (% del presupuesto)",
        0.0,
        round(resto, 2),
        step=0.5,
        format="%.1f %%",
        help=f"El resto del presupuesto ({pct(resto)}) paga el aumento. Aquí protege la parte "
        "que ninguna regla puede recortar (planillas, gasto corriente, deuda).",
        **state.bound("protected_pct", to_widget=lambda v: min(v, round(resto, 2))),
    )
    if _section("Pisos por brecha", "floors", bool(state.get().floors)):
        st.caption("Cada brecha recibe al menos su piso (% del presupuesto ejecutado).")
        for gid in ids:
            st.number_input(
                label[gid],
                0.0,
                100.0,
                step=0.5,
                format="%.1f",
                **state.bound("floors", item=gid),
            )
    if state.get().reparto == "manual":
        with st.expander("Pesos del reparto", expanded=True):
            st.caption("El aumento se reparte en proporción a estos pesos.")
            for gid in ids:
                st.number_input(
                    label[gid],
                    0.0,
                    100.0,
                    step=1.0,
                    **state.bound("weights", item=gid, item_default=1.0),
                )


def _sector_controls(inputs: Inputs) -> None:
    table = inputs.functions
    codes = table["function_code"].tolist()
    label = dict(zip(codes, table["function_code"] + ". " + table["label"], strict=True))
    share = dict(zip(codes, table["attention_pct"], strict=True))
    st.slider(
        "Umbral de brecha alta (%)",
        0.0,
        100.0,
        step=0.5,
        format="%.1f %%",
        help="La regla protege las funciones cuya brecha es igual o mayor que este umbral.",
        **state.bound("threshold_pct"),
    )
    st.multiselect(
        "Funciones bloqueadas (no se mueven)",
        codes,
        placeholder="Ninguna",
        format_func=label.get,
        **state.bound("locked", to_widget=list, from_widget=lambda v: tuple(sorted(v))),
    )
    if _section("Fijar la participación de una función", "overrides", bool(state.get().overrides)):
        st.caption(
            "Escriba la nueva participación; las demás funciones no bloqueadas absorben la "
            "diferencia en proporción a su tamaño. Deje vacío para no fijarla."
        )
        for code in codes:
            st.number_input(
                f"{label[code]} (hoy {pct(share[code])})",
                0.0,
                100.0,
                step=0.5,
                format="%.2f",
                placeholder="sin fijar",
                **state.bound("overrides", item=code, item_default=None),
            )
    if state.get().reparto == "manual":
        with st.expander("Pesos del reparto", expanded=True):
            for code in codes:
                st.number_input(
                    label[code],
                    0.0,
                    100.0,
                    step=1.0,
                    **state.bound("weights", item=code, item_default=1.0),
                )


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
    if _section("Supuestos de la proyección", "assumptions", changed):
        st.caption(
            f"Por defecto, {inputs.place}"
            + (": medianas de los 110 distritos" if scenario.territory == "estudio" else "")
            + f" (PIM {soles(defaults.budget_soles)}, ejecución "
            f"{pct(defaults.execution_pct, 1)}, población {num(defaults.population)}). Son "
            "supuestos que puede cambiar."
        )
        st.number_input(
            "Presupuesto anual, PIM (S/)",
            0.0,
            1e11,
            step=100_000.0,
            format="%.0f",
            **state.bound(
                "budget_soles", to_widget=lambda v: defaults.budget_soles if v is None else v
            ),
        )
        st.number_input(
            "Tasa de ejecución, devengado / PIM (%)",
            0.0,
            100.0,
            step=1.0,
            format="%.1f",
            **state.bound(
                "execution_pct", to_widget=lambda v: defaults.execution_pct if v is None else v
            ),
        )
        st.number_input(
            "Población",
            1,
            40_000_000,
            step=100,
            **state.bound(
                "population", to_widget=lambda v: defaults.population if v is None else v
            ),
        )
        st.slider("Horizonte (años)", 1, 50, **state.bound("horizon_years"))
        label = dict(zip(inputs.priority["gap_id"], inputs.priority["label"], strict=True))
        costs = inputs.unit_costs[
            inputs.unit_costs["projectable"] & inputs.unit_costs["gap_id"].isin(label)
        ]
        st.markdown(
            "**Costo por persona (S/, caso central)**: supuesto que usted puede cambiar; "
            "cifras públicas y ruralidad del lugar (vea Metodología):"
        )
        picked = dict(zip(inputs.costs["ids"], inputs.costs["cost_central"], strict=True))
        for row in costs.itertuples(index=False):
            st.number_input(
                f"{label[row.gap_id]} (por {row.unit})",
                1.0,
                10_000_000.0,
                step=100.0,
                format="%.0f",
                help=f"{row.kind.capitalize()}. {row.note} Fuente: {row.source}",
                **state.bound(
                    "unit_costs",
                    item=row.gap_id,
                    item_default=round(float(picked.get(row.gap_id, row.cost_central))),
                ),
            )


def _included(ids: list[str], label: dict) -> None:
    st.multiselect(
        "Brechas incluidas en la regla",
        ids,
        placeholder="Ninguna: la regla no mueve dinero",
        format_func=label.get,
        label_visibility="collapsed",
        help="Las brechas que quite no reciben ni ceden dinero.",
        **state.bound(
            "excluded",
            to_widget=lambda ex: [g for g in ids if g not in ex],
            from_widget=lambda inc: tuple(g for g in ids if g not in inc),
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
