"""The Simulador's controls with no model behind them: the floor for a rerun's time.

Same widget kinds, counts and keys as the Simulador's sidebar (brechas_ui/controls.py), one
metric, no charts or tables. ``benchmarks/rerun.py`` measures it beside the real pages, so
the ratio says what the app's own work adds to Streamlit's fixed cost of a rerun.
"""

import streamlit as st

GAPS = [f"brecha_{i}" for i in range(10)]

st.set_page_config(page_title="Minimal", layout="wide")
with st.sidebar:
    st.selectbox("Territorio", ["estudio", "PE"], key="w_area")
    st.selectbox("Año", ["promedio", "2021", "2022", "2023"], key="w_year")
    st.radio("Vista", ["prioritarias", "sectores"], key="w_view")
    minimum = st.slider("Mínimo", 0.0, 100.0, 0.0, step=0.5, key="w_minimum_pct")
    st.radio("Reparto", ["brecha", "igual", "manual"], key="w_reparto")
    st.button("Reiniciar", key="reiniciar")
    with st.expander("Brechas incluidas"):
        st.multiselect("Excluir", GAPS, key="w_excluded")
    st.slider("Protegido", 0.0, 100.0, 0.0, step=0.5, key="w_protected_pct")
    with st.expander("Pisos por brecha"):
        for gap in GAPS:
            st.number_input(gap, 0.0, 100.0, 0.0, key=f"w_floors__{gap}")
    with st.expander("Supuestos de la proyección"):
        st.number_input("PIM", 0.0, 1e11, 9_653_104.67, key="w_budget_soles")
        st.number_input("Ejecución", 0.0, 100.0, 80.8, key="w_execution_pct")
        st.number_input("Población", 1, 40_000_000, 10_000, key="w_population")
        st.slider("Horizonte (años)", 1, 50, 10, key="w_horizon_years")
        for gap in GAPS[:4]:
            st.number_input(gap, 1.0, 1e7, 1000.0, key=f"w_unit_costs__{gap}")
with st.container(key="m_total_prioritarias"):
    st.metric("Brechas prioritarias (juntas)", f"{minimum:.2f} %")
