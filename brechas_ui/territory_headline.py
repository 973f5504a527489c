"""Territorios' top: the study's way in, a territory without budget data, and the headline
(what the territory spends and what the rule does there)."""

from __future__ import annotations

import streamlit as st

from brechas_core import glossary
from brechas_core.fmt import num, pct, soles, soles_millones
from brechas_core.scenario import PARTIAL_YEARS
from brechas_core.territory.apply import RULE_NOTE
from brechas_ui import state
from brechas_ui.figures import Figure, figure_row

YEAR_TEXT = {"promedio": "promedio 2021-2023", **{y: f"{y} (parcial)" for y in PARTIAL_YEARS}}


def year_text(year: str) -> str:
    """The budget year as the page writes it ("promedio 2021-2023", "2025 (parcial)")."""
    return YEAR_TEXT.get(year, year)


def study_start() -> None:
    """The study has no districts to show: say why and offer Puno."""
    with st.container(key="t_estudio"):
        st.info(
            "El estudio promedia 13 distritos de Puno que no identifica, así que no se pueden "
            "mostrar uno por uno. Busque su distrito arriba o elija un territorio en la barra "
            "lateral (Perú, un departamento, una provincia o un distrito) para aplicar la regla "
            "actual a cada municipalidad con sus datos reales del MEF y del Censo 2017.",
            icon=":material/info:",
        )
        st.button(
            "Empezar con Puno (110 distritos)",
            key="t_ir_puno",
            icon=":material/map:",
            on_click=state.set_territory,
            args=("21",),
        )


def no_budget(place, year: str) -> None:
    """A territory with no municipality in the MEF data that year."""
    st.info(
        f"{place.name} no tiene una municipalidad con datos de presupuesto del MEF en "
        f"{year_text(year)}.",
        icon=":material/info:",
    )


def headline(place, result, estimate_note: str, year: str) -> None:
    """Sources, the four budget figures, the rule's reading and how the rule is applied."""
    s = result.summary
    st.caption(
        f"{place.name} · presupuesto {year_text(year)} (MEF, municipalidades distritales) · "
        "brechas de agua, desagüe y electricidad del Censo 2017 (INEI)."
    )
    figure_row(
        [
            Figure("Municipalidades", num(s.n_municipalities), key="t_m_municipalidades"),
            Figure(
                "PIM (millones)",
                soles(s.pim / 1e6, 2),
                f"Presupuesto institucional modificado: {soles_millones(s.pim)}.",
                "t_m_pim",
            ),
            Figure(
                "Devengado (millones)",
                soles(s.devengado / 1e6, 2),
                f"Gasto ejecutado: {soles_millones(s.devengado)}.",
                "t_m_devengado",
            ),
            Figure("Ejecución", pct(s.execution_pct, 1), "Devengado / PIM.", "t_m_ejecucion"),
        ]
    )
    with st.container(key="t_lectura"):
        st.markdown(f"#### {glossary.spell_out_pp(result.reading(place.name))}")
    st.caption(
        f"La regla actual (arriba y en el Simulador) {RULE_NOTE} **Estimación:** {estimate_note}"
    )
    for text in result.notices:
        st.info(text, icon=":material/info:")
