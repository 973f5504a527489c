"""The Simulador's head: its title, where its figures come from, and what data are missing."""

from __future__ import annotations

import streamlit as st

from brechas_core.i18n import _
from brechas_core.scenario import year_label
from brechas_ui import state


def header(scenario, place, own, inputs, sim) -> None:
    """The title, the source caption, and the notices about the data behind the figures."""
    priority = scenario.view == "prioritarias"
    st.title(_("Simulador: un mínimo garantizado para las brechas"), anchor=False)
    st.caption(_where(scenario, place, own, priority) + ".")
    if own.missing:
        st.warning(own.missing, icon=":material/upload_file:")
        st.page_link("pages/datos.py", label=_("Ir a Mis datos"), icon=":material/upload_file:")
    if inputs.estimate_note and priority:
        # the note is kept in Spanish (brechas_core.territory.inputs); the usual one is a
        # catalogue entry (panel.ESTIMATE_NOTE), a composed one stays Spanish
        st.info(_(inputs.estimate_note), icon=":material/info:")
    if sim.missing and priority:
        _missing(sim, place)


def _where(scenario, place, own, priority: bool) -> str:
    """Which territory, year and data the figures describe (the study, a place, or «sus
    datos» from Mis datos)."""
    if own.caption and priority:
        return own.caption
    if place.is_study or not priority:
        where = _("Estudio: 13 distritos de Puno, promedio 2021-2023 (Tablas 2 y 3)")
        if not place.is_study:
            where += ". " + _(
                "La vista por sectores usa la Tabla 3 del estudio: no hay brechas por función "
                "publicadas para cada territorio"
            )
        return where
    year = year_label(scenario.year)
    year = year[:1].lower() + year[1:]
    return _("{place}, {year}: brechas del Censo 2017 y presupuesto del MEF").format(
        place=place.name, year=year
    )


def _missing(sim, place) -> None:
    """No census gaps for this place: say so, and offer its province or department."""
    with st.container(key="sim_faltan_datos"):
        st.warning(sim.missing, icon=":material/database_off:")
        if len(place.code) == 6:
            up = (
                (_("Ver su provincia"), "sim_ir_provincia", ":material/zoom_out_map:", 4),
                (_("Ver su departamento"), "sim_ir_departamento", ":material/map:", 2),
            )
            for column, (label, key, icon, digits) in zip(st.columns(2), up, strict=True):
                column.button(
                    label,
                    key=key,
                    icon=icon,
                    on_click=state.set_territory,
                    args=(place.code[:digits],),
                )
