"""Diagnóstico: the study's baseline, redrawn, with every statistic checked.

A table of contents: the sections are drawn by brechas_ui.diagnosis.
"""

import streamlit as st

from brechas_ui import cache, diagnosis, frame

frame.require()

t2 = cache.study_priority_gaps()
t3 = cache.study_functions()
rep = cache.reproduction()
reported = cache.study_reported()

st.title("Diagnóstico: brechas y presupuesto en Puno, 2021-2023")
diagnosis.sample_caption(reported)
diagnosis.headline_figures(rep, reported)

tab2, tab3, tabstats = st.tabs(
    ["Brechas prioritarias (Tabla 2)", "Brechas por función (Tabla 3)", "Reportado y recalculado"]
)
with tab2:
    diagnosis.table_tab(
        t2,
        t2,
        rep.ols_priority,
        rep.spearman.decision,
        item="Brecha",
        text=(
            "**Brecha y presupuesto que la atendió** (Figura 1 del estudio)",
            "**¿Las brechas más grandes reciben más?**",
        ),
        keys=("fig1", "disp_t2"),
    )
with tab3:
    diagnosis.table_tab(
        t3.assign(label=t3["function_code"] + ". " + t3["label"]),
        t3,
        rep.ols_functions,
        rep.pearson.decision,
        item="Función",
        text=(
            "**Brecha por sector y presupuesto por función** (Figura 2 del estudio)",
            "**¿Los sectores con más brecha reciben más?**",
        ),
        keys=("fig2", "disp_t3"),
        share_title="Presupuesto ejecutado en la función (%)",
    )
with tabstats:
    diagnosis.reported_vs_recomputed()
diagnosis.how_to_read(rep)
