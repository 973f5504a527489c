"""The Simulador's controls with no model behind them: the floor for a rerun's time.

The same widgets, kinds, nesting and keys as the rule's controls on the Simulador's page
(``brechas_ui.controls.simulator_controls``: a bordered box with the minimum and the
sharing side by side, the other options in an expander whose floors and assumptions open
behind a switch) and one metric; no model, charts or tables. ``benchmarks/rerun.py``
measures it beside the real pages, so the ratio says what the app's own work adds to
Streamlit's fixed cost of a rerun. When the page's controls change, change this too.
"""

import streamlit as st

GAPS = [f"brecha_{i}" for i in range(10)]

st.set_page_config(page_title="Minimal", layout="wide")
with st.container(key="regla_en_pagina", border=True):
    left, right = st.columns([3, 2])
    with left:
        minimum = st.slider(
            "Mínimo garantizado", 0.0, 100.0, 0.0, step=0.5, format="%.1f %%", key="w_minimum_pct"
        )
    with right:
        st.radio("Reparto", ["brecha", "igual", "manual", "optimo"], key="w_reparto")
    with st.expander("Más opciones de la regla y supuestos", icon=":material/tune:"):
        st.radio("Qué se compara", ["prioritarias", "sectores"], horizontal=True, key="w_view")
        with st.expander("Brechas incluidas en la regla (10 de 10)"):
            st.multiselect("Brechas incluidas", GAPS, default=GAPS, key="w_excluded")
        st.slider("Parte protegida", 0.0, 72.9, 0.0, step=0.5, key="w_protected_pct")
        st.toggle("Pisos por brecha", key="w_show_floors")
        st.toggle("Supuestos de la proyección", key="w_show_assumptions")
        st.button("Volver a la línea base", key="reiniciar", width="stretch")
with st.container(key="m_total_prioritarias"):
    st.metric("Brechas prioritarias (juntas)", f"{minimum:.2f} %")
