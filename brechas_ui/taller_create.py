"""The workshop page without a code: join a workshop with its code, or create one."""

from __future__ import annotations

import streamlit as st

from brechas_core import workshop as wk
from brechas_core.i18n import _
from brechas_core.scenario import ANIOS, Scenario, to_query, year_label
from brechas_store import workshops as ws
from brechas_store.workshops import WorkshopError
from brechas_ui import cache, lang
from brechas_ui import taller_common as common
from brechas_ui.taller_common import CODE, NEW_TOKEN, TOKEN


def start(store) -> None:
    st.title(_("Taller: propuestas de una sala, en vivo"))
    st.markdown(
        _(
            "En un taller, cada participante propone una regla desde su celular y la pantalla "
            "del facilitador muestra todas las propuestas, su mediana y qué haría esa regla con "
            "el dinero y las brechas."
        )
    )
    join_col, create_col = st.columns(2, gap="large")
    with join_col, st.container(border=True):
        st.subheader(_("Unirse a un taller"))
        with st.form("unirse", border=False):
            st.text_input(
                _("Código del taller"),
                max_chars=12,
                placeholder=_("Por ejemplo: ABC234"),
                help=_("Son 6 letras y números; aparecen en la pantalla del facilitador."),
                key="taller_codigo_escrito",
            )
            st.form_submit_button(
                _("Entrar"), type="primary", icon=":material/login:", on_click=_enter_code
            )
        common.show_error("taller_error_codigo")
    with create_col, st.container(border=True):
        st.subheader(_("Crear un taller"))
        _create_form(store)


@lang.in_language  # a callback runs before the script sets the run's language
def _enter_code() -> None:
    normal = ws.normalize_code(st.session_state.get("taller_codigo_escrito", ""))
    if normal is None:
        st.session_state["taller_error_codigo"] = _(
            "Ese no es un código de taller: son 6 letras y números (sin 0, O, 1, I ni L), "
            "como aparecen en la pantalla del facilitador."
        )
        return
    st.query_params.from_dict(common.link({CODE: normal}))


def _create_form(store) -> None:
    options = cache.territory_options()
    with st.form("crear", border=False):
        st.text_input(
            _("Título"),
            max_chars=ws.TITLE_MAX,
            placeholder=_("Taller de Puno 2026"),
            key="tc_titulo",
        )
        st.text_area(
            _("Pregunta para la sala"),
            value=_(
                "¿Qué porcentaje mínimo del presupuesto garantizamos para las brechas prioritarias?"
            ),
            max_chars=ws.QUESTION_MAX,
            key="tc_pregunta",
        )
        st.selectbox(
            _("Territorio"), options.areas, format_func=options.labels.get, key="tc_territorio"
        )
        st.selectbox(
            _("Año del presupuesto"),
            ANIOS,
            format_func={y: year_label(y) for y in ANIOS}.get,
            key="tc_anio",
        )
        st.multiselect(
            _("Qué pueden mover los participantes"),
            list(wk.CONTROLS),
            default=list(wk.DEFAULT_CONTROLS),
            format_func={c: _(label) for c, (_field, label) in wk.CONTROLS.items()}.get,
            key="tc_controles",
        )
        st.form_submit_button(
            _("Crear el taller"),
            type="primary",
            icon=":material/add:",
            on_click=_create,
            args=(store,),
        )
    common.show_error("taller_error_crear")


@lang.in_language  # a callback runs before the script sets the run's language
def _create(store) -> None:
    get = st.session_state.get
    territory = get("tc_territorio") or "estudio"
    base = Scenario(
        territory=territory,
        year="promedio" if territory == "estudio" else (get("tc_anio") or "promedio"),
        data_version=cache.meta().data_version,
    )
    try:
        workshop, token = ws.create(
            store,
            title=get("tc_titulo", ""),
            question=get("tc_pregunta", ""),
            territory=base.territory,
            year=base.year,
            base_query=to_query(base),
            controls=get("tc_controles") or (),
            creator=common.client(),
        )
    except WorkshopError as exc:
        st.session_state["taller_error_crear"] = str(exc)
        return
    st.session_state[NEW_TOKEN] = workshop.code
    st.query_params.from_dict(common.link({CODE: workshop.code, TOKEN: token}))
