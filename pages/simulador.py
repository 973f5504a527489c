"""Simulador: a guaranteed minimum for the priority gaps, and what it changes."""

from brechas_core.simulation import simulate
from brechas_ui import cache, compare, frame, own_data, state, takeaway
from brechas_ui.controls import simulator_controls
from brechas_ui.simulador_alignment import alignment
from brechas_ui.simulador_projection import projection
from brechas_ui.simulador_results import details, headline, reading, shares, statistics
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


def results() -> None:
    """The controls and everything they change: a fragment (frame.live), so moving a
    control reruns only this, not the frame and the header (issue 12)."""
    now = state.get()  # the controls' callbacks ran before this: it follows them
    place_, own_, sim_ = (place, own, sim) if now is scenario else model(now)
    inputs, priority = own_.inputs, now.view == "prioritarias"
    # issue 14: the controls on the page (phones)
    simulator_controls(inputs)
    reading(sim_)  # the rule in words: «¿El dinero sigue a la necesidad?»
    headline(sim_, priority=priority)
    statistics(sim_)  # Spearman and Pearson, one click away
    takeaway.simulator_downloads(now, sim_, place_)  # XLSX, PDF, CSV and chart images
    compare.save_button()  # keep it for «Comparar» (brechas_ui.compare)
    details(  # tabs: only the open one runs (issue 12)
        lambda: shares(sim_, priority=priority),
        lambda: projection(now, inputs, sim_, place_),  # coverage, need, «¿Qué mínimo…?»
        lambda: alignment(now, sim_),  # «Alineación entre necesidad y dinero»
        first=1 if now.targets or now.reparto == "optimo" else 0,  # their answers: projection
    )


frame.live(results, path="simulador")
