"""The workshop page: create a workshop, take part from a phone, and the facilitator's board.

One page, three views chosen by the link:

* ``/taller``: join with a code, or create a workshop;
* ``/taller?codigo=ABC234``: a participant's view (name, the allowed controls, submit);
* ``/taller?codigo=ABC234&clave=…``: the facilitator's board (``&proyector=1``: large type).

Everything persistent goes through ``brechas_store.workshops`` (which enforces the limits);
every figure comes from ``brechas_core.simulation.simulate``. Text typed by people (names,
districts, titles, questions) is shown as plain text only: ``st.text``/``st.dataframe`` or
HTML-escaped, never as Markdown.
"""

from __future__ import annotations

import io
import os
import secrets
from urllib.parse import urlsplit

import pandas as pd
import segno
import streamlit as st

from brechas_core import charts
from brechas_core import workshop as wk
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.scenario import ANIOS, YEAR_LABELS, Scenario, from_query, to_query
from brechas_core.simulation import simulate
from brechas_store import workshops as ws
from brechas_store.workshops import WorkshopError
from brechas_ui import cache, db, render

CODE, TOKEN, PROJECTOR = wk.LINK_PARAMS
_SESSION_KEY = "taller_sesion"
_NEW_TOKEN = "taller_clave_nueva"


def refresh_seconds() -> float:
    """How often the board refreshes (``BRECHAS_TALLER_REFRESCO``, seconds, default 3)."""
    try:
        value = float(os.environ.get("BRECHAS_TALLER_REFRESCO", "3"))
    except ValueError:
        return 3.0
    return min(max(value, 1.0), 60.0)


def page() -> None:
    # Phones: the navigation lives in the sidebar there, and an open sidebar would cover the
    # page a participant opens from the QR code. Nothing of this page is in the sidebar.
    st.set_page_config(initial_sidebar_state="collapsed")
    params = st.query_params
    code, token = params.get(CODE), params.get(TOKEN)
    try:
        store = db.store()
    except Exception:
        st.error(
            "**No se pudo abrir la base de datos de talleres.** Revise `BRECHAS_DB_URL` (o "
            "`BRECHAS_DB_PATH`) en la configuración del servidor; el resto de la aplicación "
            "funciona sin ella.",
            icon=":material/database:",
        )
        return
    if code and token:
        facilitator(store, code, token, projector=params.get(PROJECTOR) == "1")
    elif code:
        participant(store, code)
    else:
        start(store)


# -- helpers ----------------------------------------------------------------------------------


def plain(text: str, *, kind: str) -> None:
    """User text as plain text (``st.text``: no Markdown, no HTML, no links), line breaks
    kept, styled by ``kind`` (``titulo``, ``pregunta`` or ``codigo``) through constant CSS."""
    st.html(  # constant CSS
        """
<style>
.st-key-taller_titulo [data-testid="stText"], .st-key-taller_pregunta [data-testid="stText"],
.st-key-taller_codigo [data-testid="stText"] {
  white-space: pre-wrap; font-family: inherit; line-height: 1.25; margin: 0;
}
.st-key-taller_titulo [data-testid="stText"] { font-size: 2rem; font-weight: 700; }
.st-key-taller_pregunta [data-testid="stText"] { font-size: 1.2rem; }
.st-key-taller_codigo [data-testid="stText"] {
  font-size: 4rem; font-weight: 700; letter-spacing: .3rem; font-family: monospace;
}
</style>
"""
    )
    with st.container(key=f"taller_{kind}"):
        st.text(text)


def _session_key() -> str:
    """A random key for this browser session: one participant, one proposal."""
    if _SESSION_KEY not in st.session_state:
        st.session_state[_SESSION_KEY] = secrets.token_urlsafe(18)
    return st.session_state[_SESSION_KEY]


def _client() -> str:
    """Who is asking, for the rate limit on creating workshops: the browser's address.

    Behind a reverse proxy every request comes from the proxy, so the address the proxy
    appended last to ``X-Forwarded-For`` (deploy/nginx.conf sets it) is used; earlier entries
    are the client's own claims and are ignored.
    """
    ip = None
    try:
        forwarded = st.context.headers.get("X-Forwarded-For")
        ip = forwarded.split(",")[-1].strip() if forwarded else st.context.ip_address
    except Exception:
        ip = None
    return f"ip:{ip}" if ip else f"sesion:{_session_key()}"


def _base_url() -> str:
    """This page's address without its query (absolute when the browser told us)."""
    try:
        url = st.context.url or ""
    except Exception:
        url = ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        path = parts.path.rstrip("/")
        if not path.endswith("/taller"):
            path = path + "/taller"
        return f"{parts.scheme}://{parts.netloc}{path}"
    return "/taller"


@st.cache_resource(show_spinner=False, max_entries=256)
def _simulated(key: tuple, _scenario: Scenario):
    """``simulate`` for a scenario, shared read-only by every session of the process.

    A room proposes from a small set of values (round minimums, two ways to share), so the
    same scenario is simulated again and again; ``key`` (the scenario's link parameters,
    which describe it completely) identifies it.
    """
    inputs, _ = cache.simulator_inputs(_scenario.territory, _scenario.year)
    return simulate(_scenario, inputs)


def simulated(scenario: Scenario):
    return _simulated(tuple(sorted(to_query(scenario).items())), scenario)


@st.cache_data(show_spinner=False, max_entries=64)
def _qr_png(link: str) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


def _base_scenario(workshop: ws.Workshop) -> Scenario:
    meta = cache.meta()
    return from_query(
        workshop.base_query,
        gap_ids=meta.gap_ids,
        function_codes=meta.function_codes,
        current_data_version=meta.data_version,
    ).scenario


def _proposal_scenario(base: Scenario, workshop: ws.Workshop, row: dict) -> Scenario:
    """A stored proposal as a scenario. When participants may move only the minimum and the
    sharing, the stored columns say it all; otherwise the stored link is read (strictly)."""
    if set(workshop.controls) <= {"minimo", "reparto"}:
        return wk.restrict(
            base,
            base.with_(minimum_pct=row["minimum_pct"], reparto=row["reparto"]),
            workshop.controls,
        )
    meta = cache.meta()
    parsed = from_query(
        row["scenario_query"], gap_ids=meta.gap_ids, function_codes=meta.function_codes
    )
    return wk.restrict(base, parsed.scenario, workshop.controls)


# -- start: join or create ----------------------------------------------------------------------


def start(store) -> None:
    st.title("Taller: propuestas de una sala, en vivo")
    st.markdown(
        "En un taller, cada participante propone una regla desde su celular y la pantalla del "
        "facilitador muestra todas las propuestas, su mediana y qué haría esa regla con el "
        "dinero y las brechas."
    )
    join_col, create_col = st.columns(2, gap="large")
    with join_col, st.container(border=True):
        st.subheader("Unirse a un taller")
        with st.form("unirse", border=False):
            st.text_input(
                "Código del taller",
                max_chars=12,
                placeholder="Por ejemplo: ABC234",
                help="Son 6 letras y números; aparecen en la pantalla del facilitador.",
                key="taller_codigo_escrito",
            )
            st.form_submit_button(
                "Entrar", type="primary", icon=":material/login:", on_click=_enter_code
            )
        _show_error("taller_error_codigo")
    with create_col, st.container(border=True):
        st.subheader("Crear un taller")
        _create_form(store)


def _show_error(key: str) -> None:
    """An error a callback left for this run (callbacks run before the script)."""
    message = st.session_state.pop(key, None)
    if message:
        st.error(message, icon=":material/error:")


def _enter_code() -> None:
    normal = ws.normalize_code(st.session_state.get("taller_codigo_escrito", ""))
    if normal is None:
        st.session_state["taller_error_codigo"] = (
            "Ese no es un código de taller: son 6 letras y números (sin 0, O, 1, I ni L), "
            "como aparecen en la pantalla del facilitador."
        )
        return
    st.query_params.from_dict({CODE: normal})


def _create_form(store) -> None:
    options = cache.territory_options()
    with st.form("crear", border=False):
        st.text_input(
            "Título", max_chars=ws.TITLE_MAX, placeholder="Taller de Puno 2026", key="tc_titulo"
        )
        st.text_area(
            "Pregunta para la sala",
            value="¿Qué porcentaje mínimo del presupuesto garantizamos para las brechas "
            "prioritarias?",
            max_chars=ws.QUESTION_MAX,
            key="tc_pregunta",
        )
        st.selectbox(
            "Territorio", options.areas, format_func=options.labels.get, key="tc_territorio"
        )
        st.selectbox("Año del presupuesto", ANIOS, format_func=YEAR_LABELS.get, key="tc_anio")
        st.multiselect(
            "Qué pueden mover los participantes",
            list(wk.CONTROLS),
            default=list(wk.DEFAULT_CONTROLS),
            format_func=lambda c: wk.CONTROLS[c][1],
            key="tc_controles",
        )
        st.form_submit_button(
            "Crear el taller",
            type="primary",
            icon=":material/add:",
            on_click=_create,
            args=(store,),
        )
    _show_error("taller_error_crear")


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
            creator=_client(),
        )
    except WorkshopError as exc:
        st.session_state["taller_error_crear"] = str(exc)
        return
    st.session_state[_NEW_TOKEN] = workshop.code
    st.query_params.from_dict({CODE: workshop.code, TOKEN: token})


# -- participant --------------------------------------------------------------------------------


def _bad_code(message: str) -> None:
    st.title("Taller")
    st.error(message, icon=":material/error:")
    st.button("Escribir otro código", icon=":material/keyboard:", on_click=st.query_params.clear)


def participant(store, code: str) -> None:
    try:
        workshop = ws.find(store, code)
    except WorkshopError as exc:
        _bad_code(str(exc))
        return
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
        st.text(f"Participa como: {name}" + (f" ({district})" if district else ""))
    with c2:
        st.button(
            "Cambiar nombre",
            key="taller_cambiar_nombre",
            on_click=lambda: st.session_state.pop(joined_key, None),
        )
    _proposal(store, workshop)


def _join_form(store, workshop: ws.Workshop, joined_key: str) -> None:
    with st.form("taller_unirse"):
        st.text_input(
            "Su nombre (así aparecerá en la pantalla)", max_chars=ws.NAME_MAX, key="taller_nombre"
        )
        st.text_input("Su distrito (opcional)", max_chars=ws.NAME_MAX, key="taller_distrito")
        st.form_submit_button(
            "Participar",
            key="taller_participar",
            type="primary",
            icon=":material/login:",
            on_click=_join,
            args=(store, workshop, joined_key),
        )
    _show_error("taller_error_unirse")


def _join(store, workshop: ws.Workshop, joined_key: str) -> None:
    name = st.session_state.get("taller_nombre", "")
    district = st.session_state.get("taller_distrito", "")
    try:
        ws.join(store, workshop, _session_key(), name, district)
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
    base = _base_scenario(workshop)
    inputs, place = cache.simulator_inputs(base.territory, base.year)
    draw_controls(base, workshop, inputs)
    scenario = scenario_from_widgets(base, workshop, inputs)
    sim = simulated(scenario)
    figures = wk.proposal_figures(scenario, sim)

    st.markdown(f"**{sim.reading}**")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Brechas prioritarias después",
        pct(sim.target_after),
        pp(sim.target_after - sim.target_before),
        border=True,
    )
    m2.metric("Soles movidos al año", soles(sim.top_up_soles), border=True)
    years = figures["years_water"]
    m3.metric(
        "Años para cerrar agua",
        "nunca" if years is None else num(years, 1),
        border=True,
        help="Con el costo por persona central (supuesto ilustrativo; vea Metodología).",
    )
    with st.expander("Participación de cada brecha"):
        render.live_chart(
            "shares_template",
            (len(sim.items), "Brecha"),
            charts.shares_data(sim.items),
            key="taller_participaciones",
        )
    st.caption(f"{place.name}. Cifras del Simulador para su propuesta.")

    is_open = ws.is_open(store, workshop)
    if not is_open:
        st.warning(
            "El facilitador cerró la recepción de propuestas. Puede seguir probando valores, "
            "pero ya no se envían.",
            icon=":material/lock:",
        )
    st.button(
        "Enviar mi propuesta",
        type="primary",
        icon=":material/send:",
        disabled=not is_open,
        key="taller_enviar",
        width="stretch",
        on_click=_submit,
        args=(store, workshop),
    )
    _show_error("taller_error_envio")
    sent = st.session_state.get(f"taller_enviado_{workshop.code}")
    if sent:
        revision, minimum = sent
        st.success(
            f"Propuesta enviada ({'primera versión' if revision == 1 else f'versión {revision}'}"
            f": mínimo de {pct(minimum, 1)}). Puede cambiarla y volver a enviarla mientras la "
            "recepción esté abierta.",
            icon=":material/check_circle:",
        )


def _submit(store, workshop: ws.Workshop) -> None:
    """Submit what the controls show now: the same scenario and figures the fragment drew."""
    base = _base_scenario(workshop)
    inputs, _ = cache.simulator_inputs(base.territory, base.year)
    scenario = scenario_from_widgets(base, workshop, inputs)
    figures = wk.proposal_figures(scenario, simulated(scenario))
    try:
        revision = ws.submit(
            store, workshop, _session_key(), scenario_query=to_query(scenario), **figures
        )
    except WorkshopError as exc:
        st.session_state["taller_error_envio"] = str(exc)
        return
    st.session_state[f"taller_enviado_{workshop.code}"] = (revision, figures["minimum_pct"])


def _seed(key: str, value) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def draw_controls(base: Scenario, workshop: ws.Workshop, inputs) -> None:
    """The allowed controls, seeded from the workshop's base scenario."""
    allowed = workshop.controls
    if "minimo" in allowed:
        st.slider(
            wk.CONTROLS["minimo"][1] + " (% del presupuesto ejecutado)",
            0.0,
            100.0,
            step=0.5,
            format="%.1f %%",
            key=_seed("tw_minimo", float(base.minimum_pct)),
        )
    if "reparto" in allowed:
        st.radio(
            wk.CONTROLS["reparto"][1],
            ("brecha", "igual"),
            format_func=wk.REPARTO_LABELS.get,
            key=_seed("tw_reparto", "igual" if base.reparto == "igual" else "brecha"),
            horizontal=True,
        )
    ids = inputs.priority["gap_id"].tolist()
    if "excluir" in allowed:
        label = dict(zip(ids, inputs.priority["label"], strict=True))
        st.multiselect(
            wk.CONTROLS["excluir"][1],
            ids,
            format_func=label.get,
            placeholder="Ninguna: la regla no mueve dinero",
            key=_seed("tw_excluir", [g for g in ids if g not in base.excluded]),
        )
    if "protegido" in allowed:
        resto = round(100.0 - float(inputs.priority["attention_pct"].sum()), 2)
        st.slider(
            wk.CONTROLS["protegido"][1] + " (% del presupuesto)",
            0.0,
            resto,
            step=0.5,
            format="%.1f %%",
            key=_seed("tw_protegido", min(float(base.protected_pct), resto)),
        )
    if "horizonte" in allowed:
        st.slider(
            wk.CONTROLS["horizonte"][1],
            1,
            50,
            key=_seed("tw_horizonte", int(base.horizon_years)),
        )


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


# -- facilitator --------------------------------------------------------------------------------


def facilitator(store, code: str, token: str, *, projector: bool) -> None:
    try:
        workshop = ws.authorize(store, code, token)
    except WorkshopError as exc:
        _bad_code(str(exc))
        return
    if projector:
        st.html(  # constant CSS: large type for the projector
            """
<style>
.stApp [data-testid="stMarkdownContainer"] p, .stApp [data-testid="stMarkdownContainer"] li,
.stApp [data-testid="stCaptionContainer"] { font-size: 1.45rem !important; }
.stApp [data-testid="stMetricValue"],
.stApp [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 2.8rem !important; line-height: 1.1 !important; }
.stApp [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
  font-size: 1.5rem !important; }
.stApp [data-testid="stDataFrame"] { font-size: 1.3rem; }
.stApp .st-key-taller_titulo [data-testid="stText"] { font-size: 2.4rem !important; }
.stApp .st-key-taller_pregunta [data-testid="stText"] { font-size: 1.6rem !important; }
.stApp .st-key-taller_codigo [data-testid="stText"] { font-size: 6rem !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
</style>
"""
        )
    link = f"{_base_url()}?{CODE}={workshop.code}"
    head, qr = st.columns([3, 1], vertical_alignment="top")
    with head:
        plain(workshop.title, kind="titulo")
        if workshop.question:
            plain(workshop.question, kind="pregunta")
        st.markdown("Entre con su celular y escriba el código:")
        plain(workshop.code, kind="codigo")
        st.code(link, language=None)
    with qr:
        st.image(_qr_png(link), caption="Enlace para participantes", width="stretch")
    if st.session_state.pop(_NEW_TOKEN, None) == workshop.code:
        st.success(
            "**Taller creado.** Guarde la dirección de esta página (su enlace privado de "
            "facilitador): quien la tenga puede cerrar el taller y ver las propuestas. Proyecte "
            "el código o el QR para la sala.",
            icon=":material/key:",
        )
    with st.expander("Enlace privado del facilitador y modo proyector", expanded=False):
        st.code(f"{_base_url()}?{CODE}={workshop.code}&{TOKEN}={token}", language=None)
        st.toggle(
            "Modo proyector (letra grande)",
            value=projector,
            key="taller_proyector",
            on_change=_toggle_projector,
            args=(workshop.code, token),
        )
    board(store, workshop)


def _toggle_projector(code: str, token: str) -> None:
    query = {CODE: code, TOKEN: token}
    if st.session_state.get("taller_proyector"):
        query[PROJECTOR] = "1"
    st.query_params.from_dict(query)


@st.fragment(run_every=refresh_seconds())
def board(store, workshop: ws.Workshop) -> None:
    """The live board: reruns on its own every few seconds, not the whole page."""
    rows = ws.proposal_rows(store, workshop)
    joined = ws.participant_count(store, workshop)
    is_open = ws.is_open(store, workshop)
    visible = [r for r in rows if not r["hidden"]]
    summary = wk.summarize([r["minimum_pct"] for r in visible])

    status, action = st.columns([3, 1.4], vertical_alignment="center")
    with status:
        if is_open:
            st.info("Recepción de propuestas **abierta**.", icon=":material/lock_open:")
        else:
            st.warning("Recepción de propuestas **cerrada**.", icon=":material/lock:")
    with action:
        st.button(
            "Cerrar la recepción" if is_open else "Reabrir la recepción",
            key="taller_abrir_cerrar",
            icon=":material/lock:" if is_open else ":material/lock_open:",
            width="stretch",
            on_click=ws.set_open,
            args=(store, workshop, not is_open),
        )

    c1, c2, c3, c4 = st.columns(4)
    with c1, st.container(key="t_participantes"):
        st.metric("Participantes", num(joined), border=True)
    with c2, st.container(key="t_propuestas"):
        hidden = len(rows) - len(visible)
        st.metric(
            "Propuestas",
            num(len(visible)),
            border=True,
            help=f"{num(hidden)} ocultas por el facilitador." if hidden else None,
        )
    with c3, st.container(key="t_mediana"):
        st.metric(
            "Mediana del mínimo", "—" if summary is None else pct(summary.median, 1), border=True
        )
    with c4, st.container(key="t_acuerdo"):
        st.metric(
            "Acuerdo",
            "—" if summary is None else pct(100 * summary.agreement, 0),
            border=True,
            help=f"Propuestas a {num(wk.AGREEMENT_BAND_PP, 0)} puntos o menos de la mediana.",
        )
    if summary is None:
        st.caption("Aún no hay propuestas. Se muestran aquí apenas llegan.")
    else:
        st.markdown(summary.reading)
        render.live_chart(
            "minimums_template",
            (),
            wk.minimums_data([r["minimum_pct"] for r in visible], summary.median),
            key="taller_distribucion",
            module=wk,
        )
        _room_rule(workshop, visible)
    _proposals_table(visible)
    if rows:
        _hide(store, workshop, rows)
        _exports(store, workshop)


def _room_rule(workshop: ws.Workshop, visible: list[dict]) -> None:
    base = _base_scenario(workshop)
    proposals = [_proposal_scenario(base, workshop, r) for r in visible]
    rule = wk.room_rule(base, proposals, workshop.controls)
    _, place = cache.simulator_inputs(rule.territory, rule.year)
    sim = simulated(rule)
    years = wk.years_to_close(sim)
    st.subheader("La regla de la sala (mediana de las propuestas)")
    st.markdown(sim.reading)
    a, b, c, d = st.columns(4)
    with a, st.container(key="t_regla_brechas"):
        st.metric("Brechas prioritarias", pct(sim.target_after), border=True)
    with b, st.container(key="t_regla_soles"):
        st.metric("Soles movidos al año", soles(sim.top_up_soles), border=True)
    with c, st.container(key="t_regla_spearman"):
        st.metric(
            "Spearman ρ",
            num(sim.after.spearman.statistic, 3),
            f"{sim.after.spearman.statistic - sim.before.spearman.statistic:+.3f}",
            border=True,
            help=sim.after.spearman.decision,
        )
    with d, st.container(key="t_regla_agua"):
        st.metric("Años para cerrar agua", "nunca" if years is None else num(years, 1), border=True)
    render.live_chart(
        "shares_template",
        (len(sim.items), "Brecha"),
        charts.shares_data(sim.items),
        key="taller_regla_participaciones",
    )
    simulador = "/simulador?" + "&".join(f"{k}={v}" for k, v in to_query(rule).items())
    st.caption(f"{place.name}. Ábrala en el Simulador: `{simulador}`")


def _proposals_table(visible: list[dict]) -> None:
    if not visible:
        return
    table = pd.DataFrame(
        {
            "Nombre": [r["name"] for r in visible],
            "Distrito": [r["district"] or "" for r in visible],
            "Mínimo (%)": [r["minimum_pct"] for r in visible],
            "Reparto": [wk.REPARTO_LABELS.get(r["reparto"], r["reparto"]) for r in visible],
            "Brechas después (%)": [r["target_after_pct"] for r in visible],
            "Soles movidos al año": [soles(r["top_up_soles"]) for r in visible],
            "Años para cerrar agua": [
                "nunca" if r["years_water"] is None else num(r["years_water"], 1) for r in visible
            ],
        }
    )
    with st.container(key="t_tabla"):
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "Mínimo (%)": st.column_config.NumberColumn(format="%.1f"),
                "Brechas después (%)": st.column_config.NumberColumn(format="%.1f"),
            },
        )


def _hide(store, workshop: ws.Workshop, rows: list[dict]) -> None:
    """Hide or show proposals. The widget mirrors the database on every refresh, and only a
    change made here is written (so two facilitator screens never undo each other)."""
    labels = {r["id"]: f"{r['name']} ({pct(r['minimum_pct'], 1)})" for r in rows}
    key = "taller_ocultas"
    st.session_state[key] = [r["id"] for r in rows if r["hidden"]]
    st.multiselect(
        "Ocultar propuestas (spam, nombres de broma): no cuentan en la mediana",
        list(labels),
        format_func=labels.get,
        key=key,
        placeholder="Ninguna oculta",
        on_change=_apply_hidden,
        args=(store, workshop, key),
    )


def _apply_hidden(store, workshop: ws.Workshop, key: str) -> None:
    chosen = set(st.session_state[key])
    current = {r["id"] for r in ws.proposal_rows(store, workshop) if r["hidden"]}
    for pid in chosen ^ current:
        ws.set_hidden(store, workshop, pid, pid in chosen)


def _exports(store, workshop: ws.Workshop) -> None:
    """CSV (UTF-8 with BOM, for Excel) and XLSX of every proposal, hidden ones flagged. The
    files are built when clicked, from the database as it is then (not on every refresh)."""

    def table() -> pd.DataFrame:
        return wk.export_table(ws.proposal_rows(store, workshop))

    name = f"taller-{workshop.code}"
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Descargar CSV",
            lambda: table().to_csv(index=False).encode("utf-8-sig"),
            file_name=f"{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="taller_csv",
            width="stretch",
        )
    with right:
        st.download_button(
            "Descargar Excel (XLSX)",
            lambda: _xlsx(table()),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key="taller_xlsx",
            width="stretch",
        )


def _xlsx(table: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="Propuestas")
        sheet = writer.sheets["Propuestas"]
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return buf.getvalue()
