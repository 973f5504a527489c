"""«Comparar»: up to four scenarios (A-D) side by side, shareable as one link.

Session state keeps the scenarios (inputs only); every rerun simulates them again. The
comparison's link is ``/comparar?datos=…&a.minimo=30&b.minimo=50…`` (brechas_core.scenario's
``to_comparison_query``): opened anywhere, it shows the same scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from brechas_core import comparison
from brechas_core.charts import compare as compare_charts
from brechas_core.describe import rule_text
from brechas_core.export.frames import Entry
from brechas_core.i18n import _
from brechas_core.scenario import SLOTS, Scenario, from_comparison_query, to_comparison_query
from brechas_core.simulation import simulate
from brechas_ui import cache, render, state

KEPT = "comparacion"
_NOTICES = "comparacion_avisos"
MAX = len(SLOTS)


def init() -> tuple[Scenario, ...]:
    """The kept scenarios; on a session's first call, those of the link (if any)."""
    back = state.history_navigation() and any(k[:2] == "a." for k in st.query_params)
    if KEPT not in st.session_state or back:
        meta = cache.meta()
        found, notices = from_comparison_query(
            st.query_params.to_dict(),
            gap_ids=meta.gap_ids,
            function_codes=meta.function_codes,
            current_data_version=meta.data_version,
        )
        st.session_state[KEPT] = found
        st.session_state[_NOTICES] = [] if back else list(notices)
    return st.session_state[KEPT]


def link_query() -> dict[str, str]:
    """The comparison page's query: every kept scenario, and the data version."""
    return to_comparison_query(init(), cache.meta().data_version)


def _keep(scenario: Scenario) -> None:
    kept = init()
    if scenario not in kept and len(kept) < MAX:
        st.session_state[KEPT] = (*kept, scenario)


def _drop(index: int) -> None:
    kept = list(init())
    del kept[index]
    st.session_state[KEPT] = tuple(kept)


_GO = "comparar_ir_al_simulador"


def _open(index: int) -> None:
    """Make a kept scenario the current one; the page then switches to the Simulador."""
    state.start_from(init()[index])
    st.session_state[_GO] = True


#: True while «Guardar para comparar» says the scenario on screen is saved (a full run drew
#: it so): a move then reruns the whole page (brechas_ui.frame.live's ``redraw_when``).
SHOWN_SAVED = "comparar_mostrado_guardado"


def save_button() -> None:
    """On the Simulador: keep the scenario on screen for the comparison.

    Drawn on the page's full runs, not by its fragment (issue 12: a slider move re-sends
    neither the button nor its place): a click saves the scenario on screen then, not the
    one the button was drawn with; once it says «Guardado como A», a move reruns the page.
    """
    kept = init()
    current = state.get()
    st.session_state[SHOWN_SAVED] = current in kept
    if current in kept:
        letter = SLOTS[kept.index(current)].upper()
        st.page_link(
            "pages/comparar.py",
            label=_("Guardado como {letter}: ver la comparación").format(letter=letter),
            icon=":material/compare:",
        )
        return
    st.button(
        _("Guardar para comparar ({n} de {most})").format(n=len(kept), most=MAX),
        key="comparar_guardar",
        icon=":material/add_chart:",
        disabled=len(kept) >= MAX,
        help=_("Guarda este escenario (hasta cuatro) para verlos lado a lado en «Comparar».")
        if len(kept) < MAX
        else _("Ya hay cuatro escenarios guardados: quite uno en «Comparar»."),
        on_click=_keep_on_screen,
    )


def _keep_on_screen() -> None:
    _keep(state.get())


def _entries(kept) -> list[Entry]:
    out = []
    for letter, scenario in zip(SLOTS, kept, strict=False):
        inputs, place = cache.simulator_inputs(scenario.territory, scenario.year)
        name = _("Estudio: 13 distritos de Puno") if place.is_study else place.name
        out.append(Entry(letter.upper(), scenario, simulate(scenario, inputs), name))
    return out


def page() -> None:
    """The Compare page."""
    if st.session_state.pop(_GO, False):
        st.switch_page("pages/simulador.py")
    kept = init()
    st.title(_("Comparar reglas lado a lado"))
    for text in st.session_state.get(_NOTICES) or []:
        st.warning(text, icon=":material/link_off:")
    st.caption(
        _(
            "Guarde hasta cuatro escenarios con «Guardar para comparar» en el Simulador, o agregue "
            "aquí el escenario actual. El enlace de esta página reproduce todos los escenarios."
        )
    )
    _slots(kept)
    if not kept:
        st.info(
            _(
                "Todavía no hay escenarios guardados. Vaya al Simulador, mueva la regla y pulse "
                "«Guardar para comparar»."
            ),
            icon=":material/info:",
        )
        st.page_link("pages/simulador.py", label=_("Ir al Simulador"), icon=":material/tune:")
        return
    entries = _entries(kept)
    _table(entries)
    _charts(entries)
    _downloads(entries)


def _slots(kept) -> None:
    with st.container(key="comparar_escenarios"):
        for i, scenario in enumerate(kept):
            left, mid, right = st.columns([8, 2, 2], vertical_alignment="center")
            left.markdown(f"**{SLOTS[i].upper()}** · {rule_text(scenario)}")
            mid.button(
                _("Abrir en el Simulador"),
                key=f"comparar_abrir_{i}",
                icon=":material/tune:",
                on_click=_open,
                args=(i,),
            )
            right.button(
                _("Quitar"), key=f"comparar_quitar_{i}", icon=":material/delete:", on_click=_drop,
                args=(i,),
            )  # fmt: skip
        current = state.get()
        if current not in kept and len(kept) < MAX:
            st.button(
                _("Agregar el escenario actual: {rule}").format(rule=rule_text(current)),
                key="comparar_agregar",
                icon=":material/add:",
                on_click=_keep,
                args=(current,),
            )


def _table(entries) -> None:
    st.subheader(_("Cifras lado a lado"))
    t = comparison.table(entries)
    diff = comparison.differs(t)
    styled = t.text.style.apply(
        lambda col: ["background-color: #FFF3C4; font-weight: 600" if d else "" for d in
                     diff[col.name]],
        axis=0,
    )  # fmt: skip
    with st.container(key="comparar_tabla"):
        st.dataframe(
            styled,
            width="stretch",
            height=35 * (len(t.text) + 2),
            column_config={"_index": st.column_config.TextColumn(_("Cifra"), width="large")},
        )
    st.caption(_("En amarillo, lo que difiere del escenario A."))


@dataclass(frozen=True)
class _Overlay:
    """One overlaid chart: its file name, its heading, its title in a file, the chart."""

    name: str
    heading: str
    file_title: str
    chart: object


def _overlays(entries) -> list[_Overlay]:
    """The shares of every scenario, and (when any projects) the coverage."""
    series = [_("Línea base"), *(e.name for e in entries)]
    out = [
        _Overlay(
            "participaciones",
            _("Participación en el presupuesto, por escenario"),
            _("Participación en el presupuesto, por escenario"),
            compare_charts.shares_overlay(comparison.shares_long(entries), series),
        )
    ]
    long = comparison.projection_long(entries)
    if not long.empty:
        present = [_("Línea base"), *(e.name for e in entries if e.sim.projection is not None)]
        out.append(
            _Overlay(
                "proyeccion",
                _("Cobertura proyectada (costo unitario central), por escenario"),
                _("Cobertura proyectada (costo central)"),
                compare_charts.projection_overlay(long, present),
            )
        )
    return out


_CHART_KEYS = {"participaciones": "comparar_participaciones", "proyeccion": "comparar_proyeccion"}


def _charts(entries) -> None:
    for overlay in _overlays(entries):
        st.subheader(overlay.heading)
        render.chart(overlay.chart, key=_CHART_KEYS[overlay.name])


def _figures(entries):
    from brechas_core.export.images import ChartFile, figure

    return [figure(ChartFile(o.name, o.file_title, o.chart.to_dict())) for o in _overlays(entries)]


def _downloads(entries) -> None:
    from brechas_ui import share, takeaway

    st.subheader(_("Llevar la comparación"))
    takeaway.downloads(
        entries,
        link=share.page_link("comparar", link_query()),
        data_version=cache.meta().data_version,
        figures=lambda: _figures(entries),
        what="comparacion",
        key="llevar_comparacion",
    )
