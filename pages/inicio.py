"""Landing page: what the tool is for, where the data come from, how to start."""

import streamlit as st

from brechas_core.fmt import num, pct
from brechas_ui import cache, frame

frame.require()

rep = cache.reproduction()
reported = cache.study_reported()

st.title("Brechas: ¿y si una parte fija del presupuesto fuera a las brechas que más importan?")
st.markdown(
    f"""
Un estudio de **{num(reported["n_districts"])} municipalidades distritales de Puno
(2021-2023)** encontró que, en promedio, el **{pct(rep.mean_gap_pct)}** de las brechas
prioritarias (agua, desagüe, electricidad, anemia infantil, …) persiste, mientras que esas
diez brechas juntas recibieron solo el **{pct(rep.priority_total_pct)}** del presupuesto
ejecutado. El estudio recomienda garantizar un **porcentaje mínimo del presupuesto anual**
para cerrarlas.

Esta herramienta convierte esa recomendación en algo que se puede probar: elija un mínimo
garantizado, pisos por brecha, qué rubros lo financian y qué se protege, y vea al instante
cómo cambian las participaciones, la cobertura proyectada y la alineación entre necesidad y
dinero.
"""
)

GO = ":material/arrow_forward:"
c1, c2, c3 = st.columns(3)
with c1, st.container(border=True):
    st.markdown("#### 1. Diagnóstico")
    st.markdown("Las brechas y el presupuesto del estudio, con sus cifras verificadas.")
    st.page_link("pages/diagnostico.py", label="Ver el diagnóstico", icon=GO)
with c2, st.container(border=True):
    st.markdown("#### 2. Simulador")
    st.markdown("Pruebe una regla de asignación mínima y compare con la línea base.")
    st.page_link("pages/simulador.py", label="Abrir el simulador", icon=GO)
with c3, st.container(border=True):
    st.markdown("#### 3. Metodología")
    st.markdown("Fórmulas, supuestos, fuentes y los parámetros del enlace.")
    st.page_link("pages/metodologia.py", label="Leer la metodología", icon=GO)

st.subheader("De dónde vienen los datos")
st.markdown(
    """
- **El estudio**: Apaza, Trigos, Pacheco, Mamani, Quispe y Rojas (2025), «Brechas y
  presupuesto en el sur del Perú: una visión desde sistemas informáticos», *Gestionar:
  revista de empresa y gobierno* 5(1), 32-45 (licencia CC BY 4.0). Tablas 2 y 3.
- **Presupuesto municipal**: MEF, datos abiertos «Presupuesto y Ejecución de Gasto»
  2021-2023 (PIA, PIM, devengado por municipalidad).
- **Brechas de servicios**: INEI, Censo Nacional 2017 (cobertura de agua, desagüe y
  electricidad por distrito).

Todo se calcula dentro de la aplicación, sin conexión, a partir de sus propios archivos de
datos. El enlace de la barra de direcciones guarda el escenario: cópielo para compartirlo.
"""
)
