"""«Busque su distrito»: one box over every department, province and district of Peru.

Typing a name and pressing Enter opens the place at once when only one place has that whole
name ("juliaca"); otherwise the matches are listed as buttons, one click each. Opening a
place sets the scenario's territory (brechas_ui.state.set_territory), so the link, the
sidebar selector and every page follow.
"""

from __future__ import annotations

import streamlit as st

from brechas_core import place_search
from brechas_core.i18n import _
from brechas_ui import cache, state

_GO = "_buscar_abrir"  # set by a callback: the place was opened, go to Territorios


@st.cache_resource(show_spinner=False)
def _places() -> tuple[place_search.Place, ...]:
    return place_search.index(cache.districts())


def find_place(*, key: str = "buscar_territorio", go_to_territorios: bool = False) -> None:
    """Draw the box and its matches; ``go_to_territorios`` switches page once a place opens
    (the landing page)."""
    with st.container(key=f"{key}_caja"):
        query = st.text_input(
            _("Busque su distrito, provincia o departamento"),
            key=key,
            placeholder=_("Por ejemplo: Juliaca, San Román, Capazo"),
            help=_(
                "Escriba el nombre con o sin tildes y pulse Enter. Si un solo lugar se "
                "llama así, se abre; si no, elija en la lista."
            ),
            on_change=_typed,
            args=(key,),
        )
        if query:
            found = place_search.search(_places(), query)
            if not found:
                st.caption(
                    _(
                        "Ningún departamento, provincia o distrito se llama «{query}». "
                        "Revise el nombre o escriba solo una parte."
                    ).format(query=query)
                )
            for place in found:
                st.button(
                    place.label,
                    key=f"{key}_{place.code}",
                    icon=":material/location_on:",
                    on_click=_open,
                    args=(key, place.code),
                )
    opened = st.session_state.pop(_GO, False)
    if go_to_territorios and opened:
        st.switch_page("pages/territorios.py")


def _typed(key: str) -> None:
    place = place_search.only_match(_places(), st.session_state.get(key) or "")
    if place is not None:
        _open(key, place.code)


def _open(key: str, code: str) -> None:
    state.set_territory(code)
    st.session_state[key] = ""
    st.session_state[_GO] = True
