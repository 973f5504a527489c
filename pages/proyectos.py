"""Proyectos: the study's Table 2 redone on a territory's own investment projects.

A table of contents: each section is drawn by the brechas_ui module named for what it shows.
"""

import streamlit as st

from brechas_core.i18n import _
from brechas_core.portfolio import CENSUS_GAP_NOTE, TABLE2_NOTE
from brechas_ui import cache, frame, portfolio_cache, state
from brechas_ui.project_districts import districts_section
from brechas_ui.project_list import classification_explainer, projects_section
from brechas_ui.project_table2 import no_projects_here, period_controls, table2_section

frame.require()

projects = portfolio_cache.projects()
place, notices = cache.place(state.get().territory)

st.title(_("Proyectos: ¿en qué invierte cada municipalidad?"))
for text in notices:
    st.warning(text, icon=":material/wrong_location:")
st.caption(_(TABLE2_NOTE))
if no_projects_here(place, projects):
    st.stop()
period = period_controls(projects)

st.subheader(_("Tabla 2 con sus propios proyectos: {place}").format(place=place.name))
table = portfolio_cache.table2(tuple(place.ubigeos), period.years, period.who)
table2_section(table, place.name, period, "p_t2")
st.caption(_(CENSUS_GAP_NOTE))

department, _notices = cache.place(place.code[:2])
area = place if place.kind == "provincia" else department
per_district = districts_section(area, period, table if area.code == place.code else None)
if not projects_section(place, area, per_district, period):
    st.stop()
classification_explainer()
