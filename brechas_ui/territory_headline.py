"""Territorios' top: the study's way in, a territory without budget data, and the headline
(what the territory spends and what the rule does there)."""

from __future__ import annotations

import streamlit as st

from brechas_core import glossary
from brechas_core.fmt import num, pct, soles, soles_millones
from brechas_core.i18n import _
from brechas_core.scenario import PARTIAL_YEARS
from brechas_core.territory.apply import RULE_NOTE
from brechas_ui import state
from brechas_ui.figures import Figure, figure_row


def year_text(year: str) -> str:
    """The budget year as the page writes it ("promedio 2021-2023", "2025 (parcial)"), in
    the run's language."""
    if year == "promedio":
        return _("promedio 2021-2023")
    if year in PARTIAL_YEARS:
        return _("{year} (parcial)").format(year=year)
    return year


def study_start() -> None:
    """The study has no districts to show: say why and offer Puno."""
    with st.container(key="t_estudio"):
        st.info(
            _(
                "El estudio promedia 13 distritos de Puno que no identifica, así que no se "
                "pueden mostrar uno por uno. Busque su distrito arriba o elija un territorio en "
                "la barra lateral (Perú, un departamento, una provincia o un distrito) para "
                "aplicar la regla actual a cada municipalidad con sus datos reales del MEF y "
                "del Censo 2017."
            ),
            icon=":material/info:",
        )
        st.button(
            _("Empezar con Puno (110 distritos)"),
            key="t_ir_puno",
            icon=":material/map:",
            on_click=state.set_territory,
            args=("21",),
        )


def no_budget(place, year: str) -> None:
    """A territory with no municipality in the MEF data that year."""
    st.info(
        _("{place} no tiene una municipalidad con datos de presupuesto del MEF en {year}.").format(
            place=place.name, year=year_text(year)
        ),
        icon=":material/info:",
    )


def headline(place, result, estimate_note: str, year: str) -> None:
    """Sources, the four budget figures, the rule's reading and how the rule is applied."""
    s = result.summary
    st.caption(
        _(
            "{place} · presupuesto {year} (MEF, municipalidades distritales) · brechas de agua, "
            "desagüe y electricidad del Censo 2017 (INEI)."
        ).format(place=place.name, year=year_text(year))
    )
    figure_row(
        [
            Figure(_("Municipalidades"), num(s.n_municipalities), key="t_m_municipalidades"),
            Figure(
                _("PIM (millones)"),
                soles(s.pim / 1e6, 2),
                _("Presupuesto institucional modificado: {pim}.").format(pim=soles_millones(s.pim)),
                "t_m_pim",
            ),
            Figure(
                _("Devengado (millones)"),
                soles(s.devengado / 1e6, 2),
                _("Gasto ejecutado: {devengado}.").format(devengado=soles_millones(s.devengado)),
                "t_m_devengado",
            ),
            Figure(_("Ejecución"), pct(s.execution_pct, 1), _("Devengado / PIM."), "t_m_ejecucion"),
        ]
    )
    with st.container(key="t_lectura"):
        st.markdown(f"#### {glossary.spell_out_pp(result.reading(place.name))}")
    # The note names its own kind («Estimación: …», «Gasto real por brecha: …» or how many
    # municipalities have real spending): no label of its own here, it doubled «Estimación».
    st.caption(
        _("La regla actual (arriba y en el Simulador) {rule_note} {estimate_note}").format(
            rule_note=_(RULE_NOTE), estimate_note=estimate_note
        )
    )
    for text in result.notices:
        st.info(text, icon=":material/info:")
