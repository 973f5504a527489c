"""Simulador: a guaranteed minimum for the priority gaps, and what it changes."""

from brechas_core.simulation import simulate
from brechas_ui import cache, compare, frame, own_data, state, takeaway
from brechas_ui.controls import simulator_controls
from brechas_ui.simulador_alignment import alignment
from brechas_ui.simulador_projection import projection
from brechas_ui.simulador_results import headline, reading, shares, statistics
from brechas_ui.simulador_source import header

frame.require()

scenario = state.get()
inputs, place = cache.simulator_inputs(scenario.territory, scenario.year)
own = own_data.simulator_baseline(scenario, inputs, place)  # "sus datos" (Mis datos)
inputs = own.inputs
sim = simulate(scenario, inputs)
priority = scenario.view == "prioritarias"

header(scenario, place, own, inputs, sim)  # title, where the figures come from, missing data
# issue 14: the controls on the page (phones); their callbacks ran before this script, so
# the scenario and results above already follow them
simulator_controls(inputs)
reading(sim)  # the rule in words: «¿El dinero sigue a la necesidad?»
headline(sim, priority=priority)
statistics(sim)  # Spearman and Pearson, one click away
takeaway.simulator_downloads(scenario, sim, place)  # XLSX, PDF, CSV and chart images
compare.save_button()  # keep it for «Comparar» (brechas_ui.compare)
shares(sim, priority=priority)
projection(scenario, inputs, sim, place)  # coverage, need, «¿Qué mínimo necesito?»
alignment(scenario, sim)  # «Alineación entre necesidad y dinero»
