"""The shared territory and year selector (sidebar), bound to the scenario.

Two small selects instead of one list of 2,000 names: an area (the study, Peru, a department
or a province), then optionally one of its districts. The scenario keeps one code:
``estudio``, ``PE``, or a 2-, 4- or 6-digit ubigeo.
"""

from __future__ import annotations

import streamlit as st

from brechas_core.i18n import _
from brechas_core.scenario import ANIOS, year_label
from brechas_ui import cache, state

ALL = ""


def territory_selector() -> None:
    """Draw the selector; an unknown code from a link falls back to the study, with the
    notice brechas_core.territory.resolve gives."""
    options = cache.territory_options()
    code = state.get().territory
    _place, notices = cache.place(code)
    if notices:
        for text in notices:
            state.add_notice(text)
        state.put(state.get().with_(territory="estudio"))
        for key in ("w_area", "w_district"):
            st.session_state.pop(key, None)
        code = "estudio"
    area = code[:4] if len(code) == 6 else code
    st.selectbox(
        _("Territorio"),
        options.areas,
        format_func=options.labels.get,
        key="w_area",
        on_change=_area_changed,
        **_seed("w_area", area),
    )
    if area in options.districts:
        st.selectbox(
            _("Distrito"),
            (ALL, *options.districts[area]),
            format_func={ALL: _("(todos los distritos)"), **options.labels}.get,
            key="w_district",
            on_change=_district_changed,
            **_seed("w_district", code if len(code) == 6 else ALL),
        )
    st.selectbox(
        _("Año del presupuesto"),
        ANIOS,
        format_func={y: year_label(y) for y in ANIOS}.get,
        disabled=code == "estudio",
        help=_("El estudio usa el promedio 2021-2023.") if code == "estudio" else None,
        **state.bound("year"),
    )


def _seed(key: str, value: str) -> dict:
    if key not in st.session_state:
        st.session_state[key] = value
    return {}


def _area_changed() -> None:
    st.session_state.pop("w_district", None)
    _move_to(st.session_state["w_area"])


def _district_changed() -> None:
    _move_to(st.session_state["w_district"] or st.session_state["w_area"])


def _move_to(code: str) -> None:
    area, district = st.session_state.get("w_area"), st.session_state.get("w_district")
    state.set_territory(code)
    # keep the selects where the user left them (they are reseeded from these values)
    st.session_state["w_area"] = area
    if district is not None:
        st.session_state["w_district"] = district
