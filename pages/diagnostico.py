"""Diagnóstico: the study's baseline, redrawn, with every statistic checked."""

import streamlit as st

from brechas_core import charts
from brechas_core.fmt import num, pct
from brechas_ui import cache, frame, render

frame.require()

t2 = cache.study_priority_gaps()
t3 = cache.study_functions()
rep = cache.reproduction()
reported = cache.study_reported()

st.title("Diagnóstico: brechas y presupuesto en Puno, 2021-2023")
st.caption(
    f"{num(reported['n_districts'])} municipalidades distritales de Puno · "
    f"{num(reported['n_projects_total'])} proyectos analizados "
    f"({num(reported['n_projects_2021'])} en 2021, {num(reported['n_projects_2022'])} en 2022, "
    f"{num(reported['n_projects_2023'])} en 2023, de los "
    f"{num(reported['n_projects_population_2023'])} proyectos ejecutados ese año, la población "
    "base de la muestra) · Fuente: Apaza et al. (2025), Tablas 2 y 3."
)

m1, m2, m3, m4 = st.columns(4)
with m1, st.container(key="m_brecha_promedio"):
    st.metric("Brecha prioritaria promedio", pct(rep.mean_gap_pct), border=True)
with m2, st.container(key="m_presupuesto_prioritario"):
    st.metric(
        "Presupuesto a las 10 brechas (juntas)",
        pct(rep.priority_total_pct),
        border=True,
        help=f"El estudio informa {pct(reported['priority_budget_pct'])}: es el promedio por "
        f"brecha ({pct(rep.priority_mean_pct)}), no el total.",
    )
with m3:
    st.metric(
        "Spearman ρ (Tabla 2)",
        num(rep.spearman.statistic, 3),
        border=True,
        help=rep.spearman.decision,
    )
with m4:
    st.metric(
        "Pearson r (Tabla 3)",
        num(rep.pearson.statistic, 3),
        border=True,
        help=f"El estudio informa r = {num(reported['pearson_r'], 3)}. {rep.pearson.decision}",
    )

tab2, tab3, tabstats = st.tabs(
    ["Brechas prioritarias (Tabla 2)", "Brechas por función (Tabla 3)", "Reportado y recalculado"]
)

with tab2:
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Brecha y presupuesto que la atendió** (Figura 1 del estudio)")
        render.static_chart(
            "fig1", lambda: charts.gap_attention_bars(t2, item_title="Brecha"), key="fig1"
        )
    with right:
        st.markdown("**¿Las brechas más grandes reciben más?**")
        render.static_chart(
            "disp_t2", lambda: charts.gap_share_scatter(t2, rep.ols_priority), key="disp_t2"
        )
        st.caption(
            f"Recta: participación = {num(rep.ols_priority.intercept, 2)} + "
            f"{num(rep.ols_priority.slope, 4)} × brecha (R² = {num(rep.ols_priority.r2, 3)}). "
            f"{rep.spearman.decision}"
        )
    render.share_table(t2, "Brecha")

with tab3:
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Brecha por sector y presupuesto por función** (Figura 2 del estudio)")
        render.static_chart(
            "fig2",
            lambda: charts.gap_attention_bars(
                t3.assign(label=t3["function_code"] + ". " + t3["label"]),
                item_title="Función",
                share_title="Presupuesto ejecutado en la función (%)",
            ),
            key="fig2",
        )
    with right:
        st.markdown("**¿Los sectores con más brecha reciben más?**")
        render.static_chart(
            "disp_t3", lambda: charts.gap_share_scatter(t3, rep.ols_functions), key="disp_t3"
        )
        st.caption(
            f"Recta: participación = {num(rep.ols_functions.intercept, 2)} + "
            f"{num(rep.ols_functions.slope, 4)} × brecha (R² = {num(rep.ols_functions.r2, 3)})."
            f" {rep.pearson.decision}"
        )
    render.share_table(t3.assign(label=t3["function_code"] + ". " + t3["label"]), "Función")

with tabstats:
    st.markdown(
        "Recalculamos cada cifra del estudio con sus propias tablas publicadas. Donde no "
        "coinciden, mostramos ambas y explicamos por qué."
    )
    render.comparison(cache.comparison())

with st.container(border=True, key="lectura"):
    st.markdown("#### Cómo leer estas cifras")
    st.markdown(
        f"""
- **Lo que dicen.** En los distritos estudiados, las brechas prioritarias son grandes (en
  promedio {pct(rep.mean_gap_pct)}) y reciben poco: las diez juntas, el
  {pct(rep.priority_total_pct)} del presupuesto ejecutado. Varias no recibieron nada.
- **La alineación.** Si el dinero siguiera a la necesidad, las brechas más grandes
  recibirían más y la correlación sería positiva y significativa. No lo es: ρ =
  {num(rep.spearman.statistic, 3)} entre brechas prioritarias y r =
  {num(rep.pearson.statistic, 3)} entre sectores, ambas lejos de la significancia.
- **Lo que no dicen.** Son promedios de 13 distritos no identificados: no describen a un
  distrito en particular. Una correlación baja muestra desalineación, no su causa.
  Y una brecha no se cierra solo con dinero: también importan el costo por persona y la
  capacidad de ejecutar el gasto (vea el simulador).
"""
    )
