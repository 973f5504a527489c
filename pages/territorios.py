"""Territorios: the current rule applied to every district of a territory, who gains and how.

A table of contents: each section is drawn by the brechas_ui module named for what it shows.
"""

import streamlit as st

from brechas_core import real_shares
from brechas_core.i18n import _
from brechas_core.territory import apply_rule
from brechas_ui import across, cache, frame, state
from brechas_ui.controls import rule_controls
from brechas_ui.district_distribution import distribution_section
from brechas_ui.district_map import map_section
from brechas_ui.district_profile import profile_section
from brechas_ui.district_ranking import ranking_section
from brechas_ui.fund import fund_section
from brechas_ui.need import territory_need_section
from brechas_ui.reverse import territory_reverse_section
from brechas_ui.search import find_place
from brechas_ui.territory_headline import headline, no_budget, study_start

frame.require()

scenario = state.get()
place, notices = cache.place(scenario.territory)

st.title(_("Territorios: la regla en cada distrito"))
find_place()  # issue 14: one box over every department, province and district
for text in notices:
    st.warning(text, icon=":material/wrong_location:")
if place.is_study:
    study_start()
    st.stop()

full = cache.district_frame(scenario.year)
unit_costs = cache.sim_inputs().unit_costs
own = place.select(full)
if own.empty:
    no_budget(place, scenario.year)
    st.stop()

rule_controls()  # issue 14: the rule's minimum and sharing, on the page
scenario = state.get()
result = apply_rule(own, scenario, unit_costs)
# A district is shown inside its department: its ranking, map and distributions.
if place.kind == "distrito":
    context_place, _notices = cache.place(place.code[:2])
    context = apply_rule(context_place.select(full), scenario, unit_costs)
else:
    context_place, context = place, result

headline(place, result, real_shares.note(full), scenario.year)
territory_need_section(result.districts, unit_costs, scenario)  # money beyond the need
territory_reverse_section(own, scenario, unit_costs, context_place)  # issue 15
fund_section(result, scenario, unit_costs)  # issue 15: a fund split to cover the most people
ranked = ranking_section(context_place, context, scenario, result.horizon_years)
distribution_section(context_place, context)
chosen = profile_section(place, context_place, context, ranked, scenario, unit_costs)
map_section(context_place, context, chosen)
across.districts_section(context)
