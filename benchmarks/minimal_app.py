"""The Simulador's controls with no model behind them: the floor for a rerun's time.

It draws the rule's controls with the Simulador's own code
(``brechas_ui.controls.simulator_controls``, bound to the scenario in session state as on
the page) and one metric; no simulation, charts, tables, downloads or «Compartir».
``benchmarks/rerun.py`` measures it beside the real pages, so the ratio says what the
page's results add to the cost of its controls. Drawing the real controls, it cannot drift
from the page: a hand-made copy of an older sidebar (26 widgets, where the page now draws
nine) once made every ratio look better than it was.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the app's packages

from brechas_ui import cache, lang, state
from brechas_ui.controls import simulator_controls

st.set_page_config(page_title="Minimal", layout="wide")
lang.init()
scenario = state.init()
inputs, _place = cache.simulator_inputs(scenario.territory, scenario.year)
simulator_controls(inputs)
with st.container(key="m_total_prioritarias"):
    st.metric("Brechas prioritarias (juntas)", f"{state.get().minimum_pct:.2f} %")
