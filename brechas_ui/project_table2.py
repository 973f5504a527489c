"""Proyectos: where there are no project lists, the period and whose projects, and the
study's Table 2 for a territory (figures, reading, chart and table)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from brechas_core import charts
from brechas_core import portfolio as PF
from brechas_core.fmt import num, pct, soles_millones
from brechas_core.i18n import N_, _
from brechas_ui import cache, render, state
from brechas_ui.columns import column_config
from brechas_ui.figures import Figure, figure_row

STUDY_YEARS = (2021, 2023)
WHO = {
    "todas": N_("Todas las municipalidades (distrital y provincial)"),
    "distrital": N_("Solo la municipalidad distrital"),
}
#: Table 2's columns, by the measure each shows (``gap_text`` is the gap already written).
COLUMNS = {
    "label": "gap",
    "gap_text": "census_gap_pct",
    "share_pct": "share_pct",
    "amount": "amount",
    "n_projects": "n_projects",
}


@dataclass(frozen=True)
class Period:
    """The registration years and whose projects (None: every municipality)."""

    years: tuple[int, int]
    who: str | None

    @property
    def text(self) -> str:
        first, last = self.years
        return f"{first}-{last}" if first != last else str(first)


def no_projects_here(place, projects) -> bool:
    """For the study, Peru or a department without project lists: say so, offer the ten
    departments that have them, and return True."""
    if not (
        place.is_study
        or place.kind == "pais"
        or place.code[:2] not in PF.departments_with_projects(projects)
    ):
        return False
    with st.container(key="p_sin_datos"):
        where = _("el estudio") if place.is_study else place.name
        st.info(
            _(
                "No hay lista de proyectos para {where}: los archivos de Invierte.pe que trae "
                "la aplicación cubren diez departamentos. Elija uno (o un distrito suyo en la "
                "barra lateral):"
            ).format(where=where),
            icon=":material/info:",
        )
        cols = st.columns(5)
        for i, code in enumerate(PF.departments_with_projects(projects)):
            department, _notices = cache.place(code)
            cols[i % 5].button(
                department.name,
                key=f"p_ir_{code}",
                on_click=state.set_territory,
                args=(code,),
                width="stretch",
            )
    return True


def period_controls(projects) -> Period:
    """The registration years (the study's by default) and whose projects count."""
    first, last = PF.year_bounds(projects)
    years = st.slider(
        _("Años de registro de los proyectos"),
        min_value=first,
        max_value=last,
        value=STUDY_YEARS,
        key="p_anios",
        help=_("El estudio usó 2021-2023. Amplíe el periodo para ver toda la cartera registrada."),
    )
    who = st.radio(
        _("Proyectos de"),
        list(WHO),
        format_func=lambda who: _(WHO[who]),
        horizontal=True,
        key="p_quien",
        help=_(
            "Un proyecto se cuenta en el distrito donde está. En la capital de una provincia, "
            "muchos son de la municipalidad provincial: elija «solo la distrital» para ver la "
            "cartera de la municipalidad del distrito."
        ),
    )
    return Period(tuple(years), None if who == "todas" else who)


def table2_section(table, place_name: str, period: Period, key: str) -> None:
    """Table 2 of a territory: four figures, the reading, and (with projects) chart and table."""
    figure_row(
        [
            Figure(_("Proyectos"), num(table.n_projects)),
            Figure(
                _("Inversión (millones)"),
                soles_millones(table.total).replace(_(" millones"), ""),
                _("Costo actualizado de los proyectos: {amount}.").format(
                    amount=soles_millones(table.total)
                ),
            ),
            Figure(_("En las diez brechas"), pct(table.priority_pct)),
            Figure(_("En otros"), pct(table.otros_pct)),
        ]
    )
    with st.container(key=f"{key}_lectura"):
        st.markdown(f"#### {table.reading(place_name, period.text)}")
    if table.n_projects == 0:
        return
    rows = table.rows.assign(label=table.rows["label"].map(_))
    render.chart(
        charts.gap_attention_bars(
            rows, share="share_pct", share_title=_("Inversión en proyectos (%)")
        ),
        key=f"{key}_grafico",
    )
    shown = rows.assign(gap_text=rows["gap_pct"].map(lambda v: num(v, 2)))
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_order=list(COLUMNS),
        column_config=column_config(COLUMNS, COLUMNS, as_text=["gap_text"]),
        height=36 * (len(shown) + 1) + 10,
    )
