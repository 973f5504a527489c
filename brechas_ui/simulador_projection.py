"""The Simulador's projection: projected coverage of each priority gap under visible
assumptions, the need and the tools that start from it («¿Qué mínimo necesito?», optimal
sharing), and what the cost band means."""

from __future__ import annotations

import streamlit as st

from brechas_core import charts
from brechas_core.costs import band_explained
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import _
from brechas_ui import render
from brechas_ui.need import need_section
from brechas_ui.reverse import reverse_section, sharing_section


def projection(scenario, inputs, sim, place) -> None:
    """Coverage over the horizon (priority view only), or why it is not shown."""
    priority = scenario.view == "prioritarias"
    if priority and sim.projection is None:
        st.info(
            _("Sin las brechas del Censo 2017 de este territorio no se proyecta la cobertura."),
            icon=":material/info:",
        )
    elif priority:
        st.subheader(_("Cobertura proyectada"))
        st.caption(_assumptions(sim.assumptions, place))
        _panels(sim)
        render.years_table(sim.projection_summary)
        need_section(sim, inputs, scenario)  # issue 8 item 10: what closing each gap needs
        sharing_section(scenario, inputs, sim)  # issue 15: reparto=optimo, compared
        reverse_section(scenario, inputs, sim)  # issue 15: «¿Qué mínimo necesito?»
        # an explanation: not printed (brechas_ui.printing)
        st.container(key="sim_banda_explicada").caption(band_explained(inputs.weight))
    else:
        st.info(
            _(
                "La proyección de cobertura usa costos por persona de cada brecha prioritaria "
                "(agua, desagüe, electricidad, anemia); está disponible en la vista «Brechas "
                "prioritarias»."
            ),
            icon=":material/info:",
        )


def _assumptions(a, place) -> str:
    """The budget, execution, population and horizon behind the projection, and whose."""
    figures = _(
        "Presupuesto (PIM) {pim} × ejecución {execution} = {executed} ejecutados al año · "
        "población {population} · horizonte {years} años."
    ).format(
        pim=soles(a.budget_soles),
        execution=pct(a.execution_pct, 1),
        executed=soles(a.executed_soles),
        population=num(a.population),
        years=a.horizon_years,
    )
    if not all(a.from_data.values()):
        whose = _("Incluye valores que usted cambió en «Supuestos de la proyección».")
    elif place.is_study:
        whose = _(
            "Valores de un distrito típico de Puno (medianas de los 110 distritos, MEF "
            "2021-2023 e INEI); cámbielos en «Supuestos de la proyección»."
        )
    else:
        whose = _(
            "Valores de {place} (MEF e INEI); cámbielos en «Supuestos de la proyección»."
        ).format(place=place.name)
    return f"{figures} {whose}"


def _panels(sim) -> None:
    """One chart per gap, two a row on a desktop, stacked on a phone (issue 14)."""
    with st.container(key="grafico_sim_proyeccion"):
        panels = charts.projection_panels(sim.projection)
        for row in range(0, len(panels), 2):
            for column, (i, (name, data)) in zip(
                st.columns(2), enumerate(panels[row : row + 2], start=row), strict=False
            ):
                with column:
                    render.live_chart(
                        charts.projection_panel_template,
                        (name,),
                        data,
                        key=f"sim_proyeccion_{i}",
                    )
