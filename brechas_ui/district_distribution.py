"""«Cómo se reparte el efecto»: the rule's effect by province (or department) and by
population size, as a chart and a table of quartiles."""

from __future__ import annotations

import streamlit as st

from brechas_core.charts import territory as territory_charts
from brechas_core.i18n import N_, _
from brechas_core.measures import MEASURES
from brechas_core.territory import distribution, group_level, group_values
from brechas_core.territory.views import size_classes_note
from brechas_ui import phone_tables, render
from brechas_ui.columns import column_config

GROUPS = {"grupo": N_("Provincia o departamento"), "size_class": N_("Tamaño de la población")}
#: What can be distributed (each a measure of the registry).
MEASURE_IDS = ("moved_soles", "moved_per_capita", "gap_mean_pct", "execution_pct")
#: The columns of territory.distribution, by the measure each shows.
COLUMNS = {
    "n": "n_districts",
    "median": "median",
    "q1": "q1",
    "q3": "q3",
    "min": "minimum",
    "max": "maximum",
    "total": "sum",
}
GROUP_TITLES = {"province": N_("Provincia"), "department": N_("Departamento")}


def distribution_section(context_place, context) -> None:
    """Draw the chosen measure's distribution over the chosen grouping."""
    st.subheader(_("Cómo se reparte el efecto"))
    left, right = st.columns(2)
    group_choice = left.radio(
        _("Agrupar por"),
        list(GROUPS),
        format_func=lambda g: _(GROUPS[g]),
        horizontal=True,
        key="t_grupo",
    )
    measure = right.selectbox(
        _("Medida"),
        MEASURE_IDS,
        format_func=lambda m: MEASURES[m].header(),
        key="t_dist_medida",
    )
    by = group_level(context_place) if group_choice == "grupo" else "size_class"
    group_title = _(GROUP_TITLES.get(by, N_("Población")))
    points = group_values(context, by, measure)
    render.chart(
        territory_charts.distribution_chart(
            points,
            value_title=MEASURES[measure].header(),
            group_title=group_title,
            fmt=f",.{MEASURES[measure].decimals}f",
            order=points.attrs["order"],
        ),
        key="t_distribucion",
    )
    phone_tables.table(
        distribution(context, by, measure),
        ("group", "n", "median"),
        key="t_distribucion_tabla",
        hide_index=True,
        width="stretch",
        column_config={"group": group_title} | column_config(COLUMNS, COLUMNS),
    )
    st.caption(size_classes_note())
