"""Inicio's sections: the question and the study's finding, the four ways in, the quick
starts for a workshop, and where the data come from (brechas_core.sources)."""

from __future__ import annotations

import streamlit as st

from brechas_core import sources
from brechas_core.fmt import num, pct
from brechas_ui import cache, state

GO = ":material/arrow_forward:"

#: The four main pages: title, what it shows, its file, the link's words.
CARDS = (
    (
        "1. Diagnóstico",
        "Las brechas y el presupuesto del estudio, con sus cifras verificadas.",
        "pages/diagnostico.py",
        "Ver el diagnóstico",
    ),
    (
        "2. Simulador",
        "Pruebe una regla de asignación mínima y compárela con la línea base.",
        "pages/simulador.py",
        "Abrir el simulador",
    ),
    (
        "3. Territorios",
        "La regla en cada distrito de Puno o del Perú: quién recibe y quién cede.",
        "pages/territorios.py",
        "Ver los territorios",
    ),
    (
        "4. Metodología",
        "Fórmulas, supuestos, fuentes y los parámetros del enlace.",
        "pages/metodologia.py",
        "Leer la metodología",
    ),
)


def finding() -> None:
    """The title, what the study found (figures recomputed from its tables), the tool."""
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


def ways_in() -> None:
    """One card per main page, side by side."""
    for column, (title, text, target, label) in zip(st.columns(4), CARDS, strict=True):
        with column, st.container(border=True):
            st.markdown(f"#### {title}")
            st.markdown(text)
            st.page_link(target, label=label, icon=GO)


def quick_starts() -> None:
    """Two buttons that open a page with a non-zero minimum (issue 14)."""
    st.markdown("##### Para un taller, en un clic")
    quick = st.columns(3)
    if quick[0].button(
        "Mínimo de 40 % en el estudio", key="probar_estudio", icon=":material/play_arrow:"
    ):
        state.start(minimum_pct=40.0)
        st.switch_page("pages/simulador.py")
    if quick[1].button("Mínimo de 20 % en Puno, 2023", key="probar_puno", icon=":material/map:"):
        state.start(territory="21", year="2023", minimum_pct=20.0)
        st.switch_page("pages/territorios.py")
    st.caption(
        "El enlace de la barra de direcciones guarda siempre el escenario: cópielo para "
        "compartirlo o para volver a él."
    )


def data_sources() -> None:
    st.subheader("De dónde vienen los datos")
    st.markdown(sources.IN_BRIEF)
