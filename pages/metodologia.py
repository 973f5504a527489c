"""Metodología: every formula, assumption, source, and the link's parameters."""

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import cache, frame
from brechas_ui import methodology as section

frame.require()

inputs = cache.sim_inputs()

st.title(_("Metodología"))
st.caption(
    _("Versión de los datos: `{version}` (huella de los archivos de `data/`).").format(
        version=cache.meta().data_version
    )
)
section.data_sources()  # 1. the study, MEF, the user's own file, the census
section.reproduction(cache.reproduction())  # 2. Spearman, Pearson, t test, OLS
section.rule()  # 3. the guaranteed minimum, floors, who pays, feasibility
section.coverage(inputs)  # 4. projection, defaults, unit costs, need, reverse, optimal
section.alignment_after()  # 5. alignment after the rule, the minimum curve
section.territories()  # 6. the rule on every municipality
section.link(inputs)  # 7. the link's parameters
section.limits()  # 8. what the data cannot say
