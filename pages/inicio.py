"""Landing page: what the tool is for, where the data come from, how to start."""

from brechas_ui import frame, landing
from brechas_ui.search import find_place

frame.require()

landing.finding()  # the question, and what the study found
find_place(go_to_territorios=True)  # issue 14: «Busque su distrito», then its own view
landing.ways_in()  # Diagnóstico, Simulador, Territorios, Metodología
landing.quick_starts()  # a workshop in one click
landing.data_sources()
