"""«¿Qué mínimo necesito?» and the optimal sharing: the Simulador's and Territorios' sections.

Every number comes from brechas_core.reverse and brechas_core.sharing (the optimal split);
this module only draws them.
"""

from __future__ import annotations

import math

import streamlit as st

from brechas_core import reverse, sharing
from brechas_core.charts import maps
from brechas_core.charts import territory as territory_charts
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import _
from brechas_ui import render, state
from brechas_ui.district_map import place_features


def target_inputs(inputs, scenario, *, key_prefix: str = "") -> None:
    """One input per projectable gap: the gap % to reach within the horizon (empty: none)."""
    ids = inputs.costs["ids"]
    labels = inputs.gaps["labels"][inputs.costs["position"]]
    gaps = inputs.gaps["gap_pct"][inputs.costs["position"]]
    cols = st.columns(len(ids))
    for col, gid, label, gap in zip(cols, ids, labels, gaps, strict=True):
        col.number_input(
            _("{gap}: brecha en {years} años (%)").format(
                gap=_(label), years=scenario.horizon_years
            ),
            min_value=0.0,
            max_value=100.0,
            step=1.0,
            format="%.1f",
            placeholder=_("sin meta (hoy {gap})").format(gap=pct(gap, 1)),
            help=_("0 = cerrarla. Vacío = sin meta para esta brecha."),
            **state.bound("targets", item=gid, item_default=None),
        )


def reverse_section(scenario, inputs, sim) -> None:
    """Simulador: the smallest minimum that reaches the targets, with the band, or why not.
    Without targets it is a tool only, so it is not printed (key ``*_vacio``)."""
    key = "sim_que_minimo" if scenario.targets else "sim_que_minimo_vacio"
    with st.container(key=key):
        _reverse_section(scenario, inputs, sim)


def _reverse_section(scenario, inputs, sim) -> None:
    st.subheader(_("¿Qué mínimo necesito?"))
    st.caption(
        _(
            "Elija una meta para una o más brechas (cerrarla, o bajarla a cierto %) dentro del "
            "horizonte de {years} años: se calcula el menor mínimo garantizado que la alcanza "
            "con el reparto y los pisos actuales, bajo los mismos supuestos de la proyección "
            "(los costos por persona son supuestos que usted puede cambiar)."
        ).format(years=num(scenario.horizon_years))
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
                c1.metric(_("Mínimo necesario"), pct(F), border=True)
                c2.metric(_("Soles al año que mueve"), soles(float(r.top_up_soles[1])), border=True)
                c3.button(
                    _("Usar un mínimo de {minimum}").format(minimum=pct(F)),
                    key="sim_usar_minimo",
                    icon=":material/check:",
                    on_click=state.apply,
                    kwargs={"minimum_pct": F},
                )
        else:
            tr = reverse.for_territory(inputs.municipalities, scenario, inputs.unit_costs)
            st.info(tr.text, icon=":material/flag:")
            _reasons(tr)
            render.chart(
                territory_charts.minimum_histogram(tr.districts), key="sim_meta_histograma"
            )
            st.caption(
                _(
                    "Cada municipalidad tiene su propio mínimo (la regla es sobre su propio "
                    "presupuesto). Vea el mapa en la página Territorios."
                )
            )


def _reasons(tr) -> None:
    for why, n in tr.reasons.items():
        st.caption(_("{n} municipalidades no lo logran: {why}.").format(n=num(n), why=why))


def sharing_section(scenario, inputs, sim) -> None:
    """Simulador: how many more people the optimal split covers, and why (reparto=optimo)."""
    if scenario.reparto != "optimo":
        with st.container(key="sim_reparto_sugerencia"):  # a hint: not printed
            st.caption(
                _(
                    "Pruebe el reparto «Donde cubre a más personas (óptimo)»: reparte el aumento "
                    "para cubrir a más personas en el horizonte y lo compara con los otros "
                    "repartos."
                )
            )
        return
    cmp = sharing.compare(scenario, inputs, sim.assumptions)
    with st.container(key="sim_reparto_optimo"):
        st.markdown(_("**Reparto óptimo: personas cubiertas en el horizonte**"))
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
    st.subheader(_("¿Qué mínimo necesita cada municipalidad?"))
    if not scenario.targets:
        st.caption(
            _(
                "Ponga una meta por brecha en el Simulador («¿Qué mínimo necesito?») o en el "
                "enlace (`meta=agua:0`) para ver aquí el mínimo que necesita cada municipalidad."
            )
        )
        return
    tr = reverse.for_territory(own, scenario, unit_costs)
    with st.container(key="t_meta"):
        st.info(tr.text, icon=":material/flag:")
        _reasons(tr)
        left, right = st.columns(2)
        with left:
            render.chart(territory_charts.minimum_histogram(tr.districts), key="t_meta_histograma")
        with right:
            render.live_chart(
                maps.district_map_template,
                ("minimo", None),
                {
                    "poligonos": place_features(context_territory),
                    "valores": maps.district_map_data(tr.districts, "minimo"),
                },
                key="t_meta_mapa",
            )
        st.caption(
            _(
                "En gris: municipalidades que no alcanzan la meta con su presupuesto, sin datos "
                "del censo, o sin polígono. El mínimo central usa el costo por persona de cada "
                "distrito según su ruralidad."
            )
        )
