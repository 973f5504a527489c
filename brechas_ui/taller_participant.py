"""A participant's view (``/taller?codigo=ABC234``): a name, the controls the facilitator
allowed, the Simulador's figures for the proposal, and «Enviar mi propuesta»."""

from __future__ import annotations

import streamlit as st

from brechas_core import workshop as wk
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.i18n import _
from brechas_core.scenario import Scenario, to_query
from brechas_store import workshops as ws
from brechas_store.workshops import WorkshopError
from brechas_ui import cache, controls, lang
from brechas_ui import taller_common as common
from brechas_ui.cache import simulated
from brechas_ui.simulador_results import shares_chart
from brechas_ui.taller_common import plain


def participant(store, code: str) -> None:
    try:
        workshop = ws.find(store, code)
    except WorkshopError as exc:
        common.bad_code(str(exc))
        return
    common.text_styles()
    plain(workshop.title, kind="titulo")
    if workshop.question:
        plain(workshop.question, kind="pregunta")
    joined_key = f"taller_participa_{workshop.code}"
    joined = st.session_state.get(joined_key)
    if not joined:
        _join_form(store, workshop, joined_key)
        return
    name, district = joined
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    with c1:
        who = f"{name} ({district})" if district else name
        st.text(_("Participa como: {who}").format(who=who))
    with c2:
        st.button(
            _("Cambiar nombre"),
            key="taller_cambiar_nombre",
            on_click=lambda: st.session_state.pop(joined_key, None),
        )
    _proposal(store, workshop)


def _join_form(store, workshop: ws.Workshop, joined_key: str) -> None:
    with st.form("taller_unirse"):
        st.text_input(
            _("Su nombre (así aparecerá en la pantalla)"),
            max_chars=ws.NAME_MAX,
            key="taller_nombre",
        )
        st.text_input(_("Su distrito (opcional)"), max_chars=ws.NAME_MAX, key="taller_distrito")
        st.form_submit_button(
            _("Participar"),
            key="taller_participar",
            type="primary",
            icon=":material/login:",
            on_click=_join,
            args=(store, workshop, joined_key),
        )
    common.show_error("taller_error_unirse")


@lang.in_language  # a callback runs before the script sets the run's language
def _join(store, workshop: ws.Workshop, joined_key: str) -> None:
    name = st.session_state.get("taller_nombre", "")
    district = st.session_state.get("taller_distrito", "")
    try:
        ws.join(store, workshop, common.session_key(), name, district)
    except WorkshopError as exc:
        st.session_state["taller_error_unirse"] = str(exc)
        return
    st.session_state[joined_key] = (
        ws.clean_text(name, ws.NAME_MAX),
        ws.clean_text(district, ws.NAME_MAX) or None,
    )


@st.fragment
def _proposal(store, workshop: ws.Workshop) -> None:
    """The allowed controls, their results and the submit button: moving a control reruns
    only this fragment."""
    base = common.base_scenario(workshop)
    inputs, place = cache.simulator_inputs(base.territory, base.year)
    draw_controls(base, workshop, inputs)
    scenario = scenario_from_widgets(base, workshop, inputs)
    sim = simulated(scenario)
    figures = wk.proposal_figures(scenario, sim)

    st.markdown(f"**{sim.reading}**")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        _("Brechas prioritarias después"),
        pct(sim.target_after),
        pp(sim.target_after - sim.target_before),
        border=True,
    )
    m2.metric(_("Soles movidos al año"), soles(sim.top_up_soles), border=True)
    years = figures["years_water"]
    m3.metric(
        _("Años para cerrar agua"),
        _("nunca") if years is None else num(years, 1),
        border=True,
        help=_("Con el costo por persona central (supuesto ilustrativo; vea Metodología)."),
    )
    with st.expander(_("Participación de cada brecha")):
        shares_chart(sim, key="taller_participaciones")
    st.caption(
        _("{place}. Cifras del Simulador para su propuesta.").format(place=common.place_name(place))
    )

    is_open = ws.is_open(store, workshop)
    if not is_open:
        st.warning(
            _(
                "El facilitador cerró la recepción de propuestas. Puede seguir probando "
                "valores, pero ya no se envían."
            ),
            icon=":material/lock:",
        )
    st.button(
        _("Enviar mi propuesta"),
        type="primary",
        icon=":material/send:",
        disabled=not is_open,
        key="taller_enviar",
        width="stretch",
        on_click=_submit,
        args=(store, workshop),
    )
    common.show_error("taller_error_envio")
    sent = st.session_state.get(f"taller_enviado_{workshop.code}")
    if sent:
        revision, minimum = sent
        version = (
            _("primera versión")
            if revision == 1
            else _("versión {revision}").format(revision=num(revision))
        )
        st.success(
            _(
                "Propuesta enviada ({version}: mínimo de {minimum}). Puede cambiarla y volver a "
                "enviarla mientras la recepción esté abierta."
            ).format(version=version, minimum=pct(minimum, 1)),
            icon=":material/check_circle:",
        )


@lang.in_language  # a callback runs before the script sets the run's language
def _submit(store, workshop: ws.Workshop) -> None:
    """Submit what the controls show now: the same scenario and figures the fragment drew."""
    base = common.base_scenario(workshop)
    inputs, _place = cache.simulator_inputs(base.territory, base.year)
    scenario = scenario_from_widgets(base, workshop, inputs)
    figures = wk.proposal_figures(scenario, simulated(scenario))
    try:
        revision = ws.submit(
            store, workshop, common.session_key(), scenario_query=to_query(scenario), **figures
        )
    except WorkshopError as exc:
        st.session_state["taller_error_envio"] = str(exc)
        return
    st.session_state[f"taller_enviado_{workshop.code}"] = (revision, figures["minimum_pct"])


def draw_controls(base: Scenario, workshop: ws.Workshop, inputs) -> None:
    """The allowed controls (the Simulador's own, brechas_ui.controls), seeded from the
    workshop's base scenario."""
    allowed = workshop.controls
    if "minimo" in allowed:
        controls.minimum(
            _("{control} (% del presupuesto ejecutado)").format(control=_label("minimo")),
            key=_seed("tw_minimo", float(base.minimum_pct)),
        )
    if "reparto" in allowed:
        controls.sharing(
            _label("reparto"),
            ("brecha", "igual"),
            wk.REPARTO_LABELS,
            key=_seed("tw_reparto", "igual" if base.reparto == "igual" else "brecha"),
            horizontal=True,
        )
    ids = inputs.priority["gap_id"].tolist()
    if "excluir" in allowed:
        controls.included(
            _label("excluir"),
            ids,
            dict(zip(ids, inputs.priority["label"], strict=True)),
            key=_seed("tw_excluir", [g for g in ids if g not in base.excluded]),
        )
    if "protegido" in allowed:
        most = controls.rest_pct(inputs)
        controls.protected(
            _("{control} (% del presupuesto)").format(control=_label("protegido")),
            most,
            key=_seed("tw_protegido", min(float(base.protected_pct), most)),
        )
    if "horizonte" in allowed:
        controls.horizon(_label("horizonte"), key=_seed("tw_horizonte", int(base.horizon_years)))


def _label(control: str) -> str:
    """A control's name in the run's language."""
    return _(wk.CONTROLS[control][1])


def _seed(key: str, value) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def scenario_from_widgets(base: Scenario, workshop: ws.Workshop, inputs) -> Scenario:
    """The participant's proposal: the base scenario with the allowed controls' values."""
    get = st.session_state.get
    changes: dict = {}
    if get("tw_minimo") is not None:
        changes["minimum_pct"] = float(get("tw_minimo"))
    if get("tw_reparto") in ("brecha", "igual"):
        changes["reparto"] = get("tw_reparto")
    if get("tw_excluir") is not None:
        ids = inputs.priority["gap_id"].tolist()
        changes["excluded"] = tuple(g for g in ids if g not in get("tw_excluir"))
    if get("tw_protegido") is not None:
        changes["protected_pct"] = float(get("tw_protegido"))
    if get("tw_horizonte") is not None:
        changes["horizon_years"] = int(get("tw_horizonte"))
    return wk.restrict(base, base.with_(**changes), workshop.controls)
