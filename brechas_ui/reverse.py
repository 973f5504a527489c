"""«¿Qué mínimo necesito?» and the optimal sharing: the Simulador's and Territorios' sections.

Every number comes from brechas_core.reverse, brechas_core.sharing and brechas_core.optimal;
this module only draws them.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from brechas_core import need as N
from brechas_core import optimal, reverse, sharing
from brechas_core import territory_charts as TC
from brechas_core.costs import district_costs
from brechas_core.fmt import num, pct, soles
from brechas_ui import render, state
from brechas_ui.columns import column_config
from brechas_ui.district_map import place_features

#: The fund's table: its columns, by the measure each shows.
FUND_COLUMNS = {
    "district": "district",
    "province": "province",
    "fondo": "fund_received_soles",
    "personas": "fund_people",
    "cierra": "fund_gaps_closed",
}


def target_inputs(inputs, scenario, *, key_prefix: str = "") -> None:
    """One input per projectable gap: the gap % to reach within the horizon (empty: none)."""
    ids = inputs.costs["ids"]
    labels = inputs.gaps["labels"][inputs.costs["position"]]
    gaps = inputs.gaps["gap_pct"][inputs.costs["position"]]
    cols = st.columns(len(ids))
    for col, gid, label, gap in zip(cols, ids, labels, gaps, strict=True):
        col.number_input(
            f"{label}: brecha en {scenario.horizon_years} años (%)",
            min_value=0.0,
            max_value=100.0,
            step=1.0,
            format="%.1f",
            placeholder=f"sin meta (hoy {pct(gap, 1)})",
            help="0 = cerrarla. Vacío = sin meta para esta brecha.",
            **state.bound("targets", item=gid, item_default=None),
        )


def reverse_section(scenario, inputs, sim) -> None:
    """Simulador: the smallest minimum that reaches the targets, with the band, or why not.
    Without targets it is a tool only, so it is not printed (key ``*_vacio``)."""
    key = "sim_que_minimo" if scenario.targets else "sim_que_minimo_vacio"
    with st.container(key=key):
        _reverse_section(scenario, inputs, sim)


def _reverse_section(scenario, inputs, sim) -> None:
    st.subheader("¿Qué mínimo necesito?")
    st.caption(
        "Elija una meta para una o más brechas (cerrarla, o bajarla a cierto %) dentro del "
        f"horizonte de {num(scenario.horizon_years)} años: se calcula el menor mínimo "
        "garantizado que la alcanza con el reparto y los pisos actuales, bajo los mismos "
        "supuestos de la proyección (los costos por persona son supuestos que usted puede "
        "cambiar)."
    )
    target_inputs(inputs, scenario)
    if not scenario.targets:
        return
    with st.container(key="sim_meta"):
        if inputs.municipalities is None:
            ans = reverse.for_simulation(scenario, inputs, sim.assumptions)
            r = ans.result
            ok = bool(r.reachable[1])
            (st.success if ok else st.warning)(ans.text, icon=":material/flag:")
            if ok and not bool(r.already[1]):
                F = math.ceil(float(r.minimum_pct[1]) * 100) / 100
                c1, c2, c3 = st.columns([1, 1, 1.2])
                c1.metric("Mínimo necesario", pct(F), border=True)
                c2.metric("Soles al año que mueve", soles(float(r.top_up_soles[1])), border=True)
                c3.button(
                    f"Usar un mínimo de {pct(F)}",
                    key="sim_usar_minimo",
                    icon=":material/check:",
                    on_click=state.apply,
                    kwargs={"minimum_pct": F},
                )
        else:
            tr = reverse.for_territory(inputs.municipalities, scenario, inputs.unit_costs)
            st.info(tr.text, icon=":material/flag:")
            _reasons(tr)
            render.chart(TC.minimum_histogram(tr.districts), key="sim_meta_histograma")
            st.caption(
                "Cada municipalidad tiene su propio mínimo (la regla es sobre su propio "
                "presupuesto). Vea el mapa en la página Territorios."
            )


def _reasons(tr) -> None:
    for why, n in tr.reasons.items():
        st.caption(f"{num(n)} municipalidades no lo logran: {why}.")


def sharing_section(scenario, inputs, sim) -> None:
    """Simulador: how many more people the optimal split covers, and why (reparto=optimo)."""
    if scenario.reparto != "optimo":
        with st.container(key="sim_reparto_sugerencia"):  # a hint: not printed
            st.caption(
                "Pruebe el reparto «Donde cubre a más personas (óptimo)»: reparte el aumento "
                "para cubrir a más personas en el horizonte y lo compara con los otros repartos."
            )
        return
    cmp = sharing.compare(scenario, inputs, sim.assumptions)
    with st.container(key="sim_reparto_optimo"):
        st.markdown("**Reparto óptimo: personas cubiertas en el horizonte**")
        st.markdown(
            render._markdown_table(
                ["Reparto", "Personas nuevas cubiertas", "El óptimo cubre más"],
                [
                    [r.label, num(r.people), num(r.more_with_optimal)]
                    for r in cmp.table.itertuples(index=False)
                ],
                "lrr",
            )
        )
        st.info(cmp.explanation, icon=":material/lightbulb:")


def territory_reverse_section(own, scenario, unit_costs, context_territory) -> None:
    """Territorios: each municipality's own minimum for the targets: distribution, map, total."""
    st.subheader("¿Qué mínimo necesita cada municipalidad?")
    if not scenario.targets:
        st.caption(
            "Ponga una meta por brecha en el Simulador («¿Qué mínimo necesito?») o en el "
            "enlace (`meta=agua:0`) para ver aquí el mínimo que necesita cada municipalidad."
        )
        return
    tr = reverse.for_territory(own, scenario, unit_costs)
    with st.container(key="t_meta"):
        st.info(tr.text, icon=":material/flag:")
        _reasons(tr)
        left, right = st.columns(2)
        with left:
            render.chart(TC.minimum_histogram(tr.districts), key="t_meta_histograma")
        with right:
            render.live_chart(
                "district_map_template",
                ("minimo", None),
                {
                    "poligonos": place_features(context_territory),
                    "valores": TC.district_map_data(tr.districts, "minimo"),
                },
                key="t_meta_mapa",
                module=TC,
            )
        st.caption(
            "En gris: municipalidades que no alcanzan la meta con su presupuesto, sin datos "
            "del censo, o sin polígono. El mínimo central usa el costo por persona de cada "
            "distrito según su ruralidad."
        )


def fund_section(result, scenario, unit_costs) -> None:
    """Territorios: a fixed fund split across municipalities to cover the most people."""
    st.subheader("Un fondo para todo el territorio")
    st.number_input(
        "Fondo a repartir (S/ al año)",
        min_value=0.0,
        max_value=1e11,
        step=1_000_000.0,
        format="%.0f",
        placeholder="por ejemplo 50000000",
        help="Dinero adicional por año, aparte de la regla, para repartir entre las "
        "municipalidades del territorio.",
        **state.bound("fund_soles"),
    )
    st.radio(
        "El fondo busca",
        ["personas", "brechas"],
        format_func={
            "personas": "Cubrir a más personas",
            "brechas": "Cerrar más brechas",
        }.get,
        horizontal=True,
        **state.bound("fund_objective"),
    )
    if not scenario.fund_soles:
        st.caption(
            "Escriba un monto: se reparte donde cubre a más personas en el horizonte (lo que "
            "cuesta menos por persona primero) y ninguna brecha recibe más de lo que necesita "
            "para cerrarse a tiempo."
        )
        return
    tn = N.for_territory(result.districts, unit_costs, scenario)
    d = tn.districts
    stems = [s for s, _ in N.SERVICE_IDS]
    ids = [i for _, i in N.SERVICE_IDS]
    short = d[[f"shortfall_{s}" for s in stems]].to_numpy(float)
    frame = result.districts.set_index("ubigeo").loc[d["ubigeo"]]
    weight = frame["rural_weight"].to_numpy(float) if "rural_weight" in frame else np.nan
    cost = district_costs(unit_costs, ids, weight, scenario.unit_costs_dict())[1]
    split = optimal.fund_split(
        float(scenario.fund_soles),
        short,
        cost,
        horizon_years=int(scenario.horizon_years),
        objective=scenario.fund_objective,
    )
    receiving = split.soles.sum(axis=1) > 0
    with st.container(key="t_fondo"):
        st.info(
            f"Con {soles(scenario.fund_soles)} al año, "
            + (
                "repartidos para cerrar el mayor número de brechas (las que menos les falta "
                "primero), "
                if scenario.fund_objective == "brechas"
                else "repartidos donde cada sol cubre a más personas, "
            )
            + f"se cubre a {num(split.people_total)} personas más en "
            f"{num(scenario.horizon_years)} años y se cierran a tiempo {num(split.gaps_closed)} "
            f"brechas en {num(int(receiving.sum()))} municipalidades."
            + (
                f" Sobran {soles(scenario.fund_soles - split.used_soles)} al año: ninguna "
                "brecha los necesita para cerrarse a tiempo."
                if split.used_soles < scenario.fund_soles * (1 - 1e-9)
                else ""
            ),
            icon=":material/account_balance:",
        )
        top = d.assign(
            fondo=split.soles.sum(axis=1),
            personas=split.people.sum(axis=1),
            cierra=split.closes.sum(axis=1),
        )
        top = top[top["fondo"] > 0].sort_values("fondo", ascending=False).head(20)
        st.dataframe(
            top[list(FUND_COLUMNS)],
            hide_index=True,
            width="stretch",
            column_config=column_config(FUND_COLUMNS, FUND_COLUMNS),
        )
        st.caption(
            "Las 20 municipalidades que más reciben. Cubrir a más personas: programa lineal "
            "(scipy, HiGHS). Cerrar más brechas: primero las brechas a las que menos les "
            "falta (óptimo, comprobado con un programa entero), y lo que sobra donde cubre a "
            "más personas. Cada brecha recibe a lo más lo que le falta para cerrarse a tiempo "
            "con la regla actual (costo central de su distrito)."
        )
