"""Simulador: a guaranteed minimum for the priority gaps, and what it changes."""

from dataclasses import dataclass

import streamlit as st

from brechas_core.simulation import simulate
from brechas_ui import cache, compare, frame, own_data, state, takeaway
from brechas_ui.controls import simulator_controls
from brechas_ui.simulador_alignment import alignment
from brechas_ui.simulador_projection import projection
from brechas_ui.simulador_results import (
    details_place,
    headline,
    reading,
    shares,
    statistics,
    statistics_place,
)
from brechas_ui.simulador_source import header

frame.require()


def model(scenario):
    """The scenario's inputs (the study's, a territory's or «sus datos») and results."""
    inputs, place = cache.simulator_inputs(scenario.territory, scenario.year)
    own = own_data.simulator_baseline(scenario, inputs, place)  # "sus datos" (Mis datos)
    if own.inputs is inputs:  # the app's data: shared by every session (cache.simulated)
        return place, own, cache.simulated(scenario)
    return place, own, simulate(scenario, own.inputs)


scenario = state.get()
place, own, sim = model(scenario)
header(scenario, place, own, own.inputs, sim)  # title, where the figures come from, missing data


@dataclass(frozen=True)
class Places:
    """Where the results go, in the page's order. What a control cannot change (the
    statistics' expander, the «Descargar» popover, the detail tabs) is drawn once per full
    run (:func:`layout`); each run of the fragment fills these places (issue 12: a slider
    move re-sends what it changes, not the widgets around it)."""

    top: object  # the controls, the rule in words, the headline figures
    stats: object  # the statistics (filled while open)
    actions: object  # «Descargar» and «Guardar para comparar»
    tab: int  # the open detail tab
    section: object  # and its place


def layout() -> Places:
    """The page's places, drawn on full runs (opening the statistics, «Descargar» or
    another tab reruns the page)."""
    top = st.container()
    stats = statistics_place()
    actions = st.container()
    # a link that asks «¿Qué mínimo necesito?» or for the optimum opens on the projection
    tab, section = details_place(first=1 if scenario.targets or scenario.reparto == "optimo" else 0)
    return Places(top, stats, actions, tab, section)


def results(places: Places) -> None:
    """The controls and everything they change: a fragment (frame.live), so moving a
    control reruns only this, not the frame, the header and the places around it."""
    now = state.get()  # the controls' callbacks ran before this: it follows them
    place_, own_, sim_ = (place, own, sim) if now is scenario else model(now)
    inputs, priority = own_.inputs, now.view == "prioritarias"
    with places.top:
        simulator_controls(inputs)  # issue 14: the controls on the page (phones)
        reading(sim_)  # the rule in words: «¿El dinero sigue a la necesidad?»
        headline(sim_, priority=priority)
    statistics(places.stats, sim_)  # Spearman and Pearson, one click away
    with places.actions:
        takeaway.simulator_downloads(now, sim_, place_)  # XLSX, PDF, CSV and chart images
        compare.save_button()  # keep it for «Comparar» (brechas_ui.compare)
    section = (  # only the open tab runs (issue 12)
        lambda: shares(sim_, priority=priority),
        lambda: projection(now, inputs, sim_, place_),  # coverage, need, «¿Qué mínimo…?»
        lambda: alignment(now, sim_),  # «Alineación entre necesidad y dinero»
    )[places.tab]
    with places.section:
        section()


frame.live(results, path="simulador", layout=layout)
