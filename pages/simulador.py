"""Simulador: a guaranteed minimum for the priority gaps, and what it changes."""

from dataclasses import dataclass

from brechas_core.simulation import simulate
from brechas_ui import cache, compare, frame, own_data, render, share, state, takeaway
from brechas_ui.controls import simulator_controls
from brechas_ui.simulador_alignment import alignment
from brechas_ui.simulador_projection import projection
from brechas_ui.simulador_results import (
    details_place,
    headline,
    reading,
    shares,
    shares_place,
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
    """Where the results go below the controls, in the page's order. What a control cannot
    change (the statistics' expander, «Descargar», «Guardar para comparar», the detail
    tabs) is drawn once per full run (:func:`layout`); each run of the fragment fills these
    places (issue 12: a slider move re-sends what it changes, not the widgets around it)."""

    stats: object  # the statistics (filled while open)
    tab: int  # the open detail tab
    section: object  # and its place


def layout() -> Places:
    """The page's places, drawn on full runs (opening the statistics, «Descargar» or
    another tab reruns the page), and what is drawn from the scenario only on full runs:
    «Descargar» (its buttons while open) and «Guardar para comparar». While one of these
    shows something of the scenario, a move reruns the whole page (:data:`REDRAW_WHEN`)."""
    stats = statistics_place()
    takeaway.simulator_downloads(scenario, sim, place)  # XLSX, PDF, CSV and chart images
    compare.save_button()  # keep it for «Comparar» (brechas_ui.compare)
    # a link that asks «¿Qué mínimo necesito?» or for the optimum opens on the projection
    tab, section = details_place(first=1 if scenario.targets or scenario.reparto == "optimo" else 0)
    if tab == 0:
        with section:
            section = shares_place(sim)  # its heading, the chart's place, the moves
    return Places(stats, tab, section)


def results(places: Places) -> None:
    """The controls and everything they change: a fragment (frame.live), so moving a
    control reruns only this, not the frame, the header and the places around it."""
    now = state.get()  # the controls' callbacks ran before this: it follows them
    place_, own_, sim_ = (place, own, sim) if now is scenario else model(now)
    inputs, priority = own_.inputs, now.view == "prioritarias"
    # at the top, in the fragment's own place
    simulator_controls(inputs)  # issue 14: the controls on the page (phones)
    # the rule in words («¿El dinero sigue a la necesidad?») and, on paper only, the rule,
    # the date and the link
    reading(sim_, printed=share.print_text("simulador"))
    headline(sim_, priority=priority)
    statistics(places.stats, sim_)  # Spearman and Pearson, one click away
    section = (  # only the open tab runs (issue 12)
        lambda: shares(sim_, priority=priority),
        lambda: projection(now, inputs, sim_, place_),  # coverage, need, «¿Qué mínimo…?»
        lambda: alignment(now, sim_),  # «Alineación entre necesidad y dinero»
    )[places.tab]
    with places.section:
        section()


#: While «Descargar» or the table of moves is open, or «Guardar para comparar» says this
#: scenario is saved, a move reruns the whole page: what layout drew of the scenario would
#: be stale otherwise.
REDRAW_WHEN = (takeaway.KEY, compare.SHOWN_SAVED, render.MOVES_KEY)
frame.live(results, path="simulador", layout=layout, redraw_when=REDRAW_WHEN)
