"""The facilitator's view (``/taller?codigo=ABC234&clave=…``; ``&proyector=1``: large
type): the code and QR for the room, and the live board (participants, proposals, their
median and agreement, the room's rule, hiding a proposal, CSV and XLSX of all)."""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode

import pandas as pd
import segno
import streamlit as st

from brechas_core import workshop as wk
from brechas_core.charts import workshop as workshop_charts
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import _
from brechas_core.scenario import to_query
from brechas_store import workshops as ws
from brechas_store.workshops import WorkshopError
from brechas_ui import cache, lang, render
from brechas_ui import taller_common as common
from brechas_ui.cache import simulated
from brechas_ui.simulador_results import correlation_metric, shares_chart
from brechas_ui.table_files import csv_and_xlsx
from brechas_ui.taller_common import CODE, NEW_TOKEN, PROJECTOR, TOKEN, plain


def refresh_seconds() -> float:
    """How often the board refreshes (``BRECHAS_TALLER_REFRESCO``, seconds, default 3)."""
    try:
        value = float(os.environ.get("BRECHAS_TALLER_REFRESCO", "3"))
    except ValueError:
        return 3.0
    return min(max(value, 1.0), 60.0)


def facilitator(store, code: str, token: str, *, projector: bool) -> None:
    try:
        workshop = ws.authorize(store, code, token)
    except WorkshopError as exc:
        common.bad_code(str(exc))
        return
    common.text_styles()
    if projector:
        _projector_styles()
    link = f"{common.base_url()}?" + urlencode(common.link({CODE: workshop.code}))
    head, qr = st.columns([3, 1], vertical_alignment="top")
    with head:
        plain(workshop.title, kind="titulo")
        if workshop.question:
            plain(workshop.question, kind="pregunta")
        st.markdown(_("Entre con su celular y escriba el código:"))
        plain(workshop.code, kind="codigo")
        st.code(link, language=None)
    with qr:
        st.image(_qr_png(link), caption=_("Enlace para participantes"), width="stretch")
    if st.session_state.pop(NEW_TOKEN, None) == workshop.code:
        st.success(
            _(
                "**Taller creado.** Guarde la dirección de esta página (su enlace privado de "
                "facilitador): quien la tenga puede cerrar el taller y ver las propuestas. "
                "Proyecte el código o el QR para la sala."
            ),
            icon=":material/key:",
        )
    with st.expander(_("Enlace privado del facilitador y modo proyector"), expanded=False):
        private = urlencode(common.link({CODE: workshop.code, TOKEN: token}))
        st.code(f"{common.base_url()}?{private}", language=None)
        st.toggle(
            _("Modo proyector (letra grande)"),
            value=projector,
            key="taller_proyector",
            on_change=_toggle_projector,
            args=(workshop.code, token),
        )
    board(store, workshop)


def _projector_styles() -> None:
    """Large type for the projector (``&proyector=1``): a second constant stylesheet, drawn
    only in that mode (after :func:`taller_common.text_styles`, whose sizes it overrides)."""
    # Markdown in a hidden container, not st.html: why in a11y.page_accessibility.
    with st.container(key="estilos_proyector"):
        st.markdown(  # constant CSS
            """
<style>
.st-key-estilos_proyector { display: none !important; }
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
""",
            unsafe_allow_html=True,
        )


def _toggle_projector(code: str, token: str) -> None:
    query = {CODE: code, TOKEN: token}
    if st.session_state.get("taller_proyector"):
        query[PROJECTOR] = "1"
    st.query_params.from_dict(common.link(query))


@st.cache_data(show_spinner=False, max_entries=64)
def _qr_png(link: str) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


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
            st.info(_("Recepción de propuestas **abierta**."), icon=":material/lock_open:")
        else:
            st.warning(_("Recepción de propuestas **cerrada**."), icon=":material/lock:")
    with action:
        st.button(
            _("Cerrar la recepción") if is_open else _("Reabrir la recepción"),
            key="taller_abrir_cerrar",
            icon=":material/lock:" if is_open else ":material/lock_open:",
            width="stretch",
            on_click=ws.set_open,
            args=(store, workshop, not is_open),
        )

    c1, c2, c3, c4 = st.columns(4)
    with c1, st.container(key="t_participantes"):
        st.metric(_("Participantes"), num(joined), border=True)
    with c2, st.container(key="t_propuestas"):
        hidden = len(rows) - len(visible)
        st.metric(
            _("Propuestas"),
            num(len(visible)),
            border=True,
            help=_("{n} ocultas por el facilitador.").format(n=num(hidden)) if hidden else None,
        )
    with c3, st.container(key="t_mediana"):
        st.metric(
            _("Mediana del mínimo"), "—" if summary is None else pct(summary.median, 1), border=True
        )
    with c4, st.container(key="t_acuerdo"):
        st.metric(
            _("Acuerdo"),
            "—" if summary is None else pct(100 * summary.agreement, 0),
            border=True,
            help=_("Propuestas a {band} puntos o menos de la mediana.").format(
                band=num(wk.AGREEMENT_BAND_PP, 0)
            ),
        )
    if summary is None:
        st.caption(_("Aún no hay propuestas. Se muestran aquí apenas llegan."))
    else:
        st.markdown(summary.reading)
        render.live_chart(
            workshop_charts.minimums_template,
            (),
            workshop_charts.minimums_data([r["minimum_pct"] for r in visible], summary.median),
            key="taller_distribucion",
        )
        _room_rule(workshop, visible)
    _proposals_table(visible)
    if rows:
        _hide(store, workshop, rows)
        _exports(store, workshop)


def _room_rule(workshop: ws.Workshop, visible: list[dict]) -> None:
    base = common.base_scenario(workshop)
    proposals = [common.proposal_scenario(base, workshop, r) for r in visible]
    rule = wk.room_rule(base, proposals, workshop.controls)
    _inputs, place = cache.simulator_inputs(rule.territory, rule.year)
    sim = simulated(rule)
    years = wk.years_to_close(sim)
    st.subheader(_("La regla de la sala (mediana de las propuestas)"))
    st.markdown(sim.reading)
    a, b, c, d = st.columns(4)
    with a, st.container(key="t_regla_brechas"):
        st.metric(_("Brechas prioritarias"), pct(sim.target_after), border=True)
    with b, st.container(key="t_regla_soles"):
        st.metric(_("Soles movidos al año"), soles(sim.top_up_soles), border=True)
    with c, st.container(key="t_regla_spearman"):
        correlation_metric("Spearman ρ", sim.after.spearman, sim.before.spearman)
    with d, st.container(key="t_regla_agua"):
        st.metric(
            _("Años para cerrar agua"),
            _("nunca") if years is None else num(years, 1),
            border=True,
        )
    shares_chart(sim, key="taller_regla_participaciones")
    query = {**to_query(rule), **lang.link_params()}
    simulador = "/simulador?" + "&".join(f"{k}={v}" for k, v in query.items())
    st.caption(
        _("{place}. Ábrala en el Simulador: `{link}`").format(
            place=common.place_name(place), link=simulador
        )
    )


def _proposals_table(visible: list[dict]) -> None:
    if not visible:
        return
    minimum, after = _("Mínimo (%)"), _("Brechas después (%)")
    table = pd.DataFrame(
        {
            _("Nombre"): [r["name"] for r in visible],
            _("Distrito"): [r["district"] or "" for r in visible],
            minimum: [r["minimum_pct"] for r in visible],
            _("Reparto"): [_reparto(r["reparto"]) for r in visible],
            after: [r["target_after_pct"] for r in visible],
            _("Soles movidos al año"): [soles(r["top_up_soles"]) for r in visible],
            _("Años para cerrar agua"): [
                _("nunca") if r["years_water"] is None else num(r["years_water"], 1)
                for r in visible
            ],
        }
    )
    with st.container(key="t_tabla"):
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                minimum: st.column_config.NumberColumn(format="%.1f"),
                after: st.column_config.NumberColumn(format="%.1f"),
            },
        )


def _reparto(reparto: str) -> str:
    label = wk.REPARTO_LABELS.get(reparto)
    return _(label) if label else reparto


def _hide(store, workshop: ws.Workshop, rows: list[dict]) -> None:
    """Hide or show proposals. The widget mirrors the database on every refresh, and only a
    change made here is written (so two facilitator screens never undo each other)."""
    labels = {r["id"]: f"{r['name']} ({pct(r['minimum_pct'], 1)})" for r in rows}
    key = "taller_ocultas"
    st.session_state[key] = [r["id"] for r in rows if r["hidden"]]
    st.multiselect(
        _("Ocultar propuestas (spam, nombres de broma): no cuentan en la mediana"),
        list(labels),
        format_func=labels.get,
        key=key,
        placeholder=_("Ninguna oculta"),
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

    csv_and_xlsx(
        lambda: table().to_csv(index=False).encode("utf-8-sig"),
        lambda: xlsx(table()),
        name=f"taller-{workshop.code}",
        key="taller",
        labels=(_("Descargar CSV"), _("Descargar Excel (XLSX)")),
        on_click="ignore",
        width="stretch",
    )


def xlsx(table: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        name = _("Propuestas")
        table.to_excel(writer, index=False, sheet_name=name)
        sheet = writer.sheets[name]
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return buf.getvalue()
