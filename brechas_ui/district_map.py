"""«Mapa»: the districts coloured by a measure, the same values as a table, and the districts
the map cannot draw."""

from __future__ import annotations

import streamlit as st

from brechas_core.charts import maps
from brechas_core.fmt import num
from brechas_core.i18n import N_, _
from brechas_ui import a11y, render
from brechas_ui.cache import district_features

COLOURS = {
    "brecha": N_("Brecha (Censo 2017)"),
    "soles": N_("Soles que mueve la regla"),
    "soles_hab": N_("Soles por habitante"),
    "cobertura": N_("Cobertura proyectada"),
}


def place_features(context_place) -> list:
    """The polygons of a territory's department, or of its province."""
    return district_features(
        context_place.department_code,
        context_place.code if context_place.kind == "provincia" else None,
    )


def map_section(context_place, context, chosen: str) -> None:
    """Draw the map of ``context`` with the chosen district marked."""
    st.subheader(_("Mapa"))
    colour = st.radio(
        _("Color del mapa"),
        list(COLOURS),
        format_func=lambda c: _(COLOURS[c]),
        horizontal=True,
        key="t_mapa_color",
    )
    render.live_chart(
        maps.district_map_template,
        (colour, chosen),
        {
            "poligonos": place_features(context_place),
            "valores": maps.district_map_data(context.districts, colour),
        },
        key="t_mapa",
    )
    a11y.map_table(context.districts, colour, key="t_mapa_tabla")  # issue 14: as a table
    missing = context.districts[~context.districts["has_polygon"]]
    if not missing.empty:
        with st.container(key="t_sin_poligono"):
            st.markdown(
                _(
                    "**{n} distritos sin polígono en el mapa** (distritos nuevos o con geometría "
                    "vacía en la fuente); sus cifras están en la tabla:"
                ).format(n=num(len(missing)))
            )
            st.markdown(
                ", ".join(
                    f"{r.district} ({r.province}, {r.ubigeo})"
                    for r in missing.itertuples(index=False)
                )
            )
