"""Inicio's sections: the question and the study's finding, the four ways in, the quick
starts for a workshop, and where the data come from (brechas_core.sources)."""

from __future__ import annotations

import streamlit as st

from brechas_core import sources
from brechas_core.fmt import num, pct
from brechas_core.i18n import N_, _
from brechas_ui import cache, state

GO = ":material/arrow_forward:"

#: The four main pages: title, what it shows, its file, the link's words.
CARDS = (
    (
        N_("1. Diagnóstico"),
        N_("Las brechas y el presupuesto del estudio, con sus cifras verificadas."),
        "pages/diagnostico.py",
        N_("Ver el diagnóstico"),
    ),
    (
        N_("2. Simulador"),
        N_("Pruebe una regla de asignación mínima y compárela con la línea base."),
        "pages/simulador.py",
        N_("Abrir el simulador"),
    ),
    (
        N_("3. Territorios"),
        N_("La regla en cada distrito de Puno o del Perú: quién recibe y quién cede."),
        "pages/territorios.py",
        N_("Ver los territorios"),
    ),
    (
        N_("4. Metodología"),
        N_("Fórmulas, supuestos, fuentes y los parámetros del enlace."),
        "pages/metodologia.py",
        N_("Leer la metodología"),
    ),
)


def finding() -> None:
    """The title, what the study found (figures recomputed from its tables), the tool."""
    rep = cache.reproduction()
    reported = cache.study_reported()
    st.title(
        _("Brechas: ¿y si una parte fija del presupuesto fuera a las brechas que más importan?")
    )
    st.markdown(
        _(
            "Un estudio de **{n} municipalidades distritales de Puno (2021-2023)** encontró "
            "que, en promedio, el **{gap}** de las brechas prioritarias (agua, desagüe, "
            "electricidad, anemia infantil, …) persiste, mientras que esas diez brechas juntas "
            "recibieron solo el **{share}** del presupuesto ejecutado. El estudio recomienda "
            "garantizar un **porcentaje mínimo del presupuesto anual** para cerrarlas."
        ).format(
            n=num(reported["n_districts"]),
            gap=pct(rep.mean_gap_pct),
            share=pct(rep.priority_total_pct),
        )
        + "\n\n"
        + _(
            "Esta herramienta convierte esa recomendación en algo que se puede probar: elija "
            "un mínimo garantizado, pisos por brecha, qué rubros lo financian y qué se "
            "protege, y vea al instante cómo cambian las participaciones, la cobertura "
            "proyectada y la alineación entre necesidad y dinero."
        )
    )


def ways_in() -> None:
    """One card per main page, side by side."""
    for column, (title, text, target, label) in zip(st.columns(4), CARDS, strict=True):
        with column, st.container(border=True):
            st.markdown(f"#### {_(title)}")
            st.markdown(_(text))
            st.page_link(target, label=_(label), icon=GO)


def quick_starts() -> None:
    """Two buttons that open a page with a non-zero minimum (issue 14)."""
    st.markdown("##### " + _("Para un taller, en un clic"))
    quick = st.columns(3)
    if quick[0].button(
        _("Mínimo de {minimum} en el estudio").format(minimum=pct(40, 0)),
        key="probar_estudio",
        icon=":material/play_arrow:",
    ):
        state.start(minimum_pct=40.0)
        st.switch_page("pages/simulador.py")
    if quick[1].button(
        _("Mínimo de {minimum} en Puno, 2023").format(minimum=pct(20, 0)),
        key="probar_puno",
        icon=":material/map:",
    ):
        state.start(territory="21", year="2023", minimum_pct=20.0)
        st.switch_page("pages/territorios.py")
    st.caption(
        _(
            "El enlace de la barra de direcciones guarda siempre el escenario: cópielo para "
            "compartirlo o para volver a él."
        )
    )


def data_sources() -> None:
    st.subheader(_("De dónde vienen los datos"))
    st.markdown(_(sources.IN_BRIEF_TEXT).format(citation=sources.CITATION))
