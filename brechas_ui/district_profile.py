"""«Perfil de un distrito»: one municipality under the rule, service by service."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core.costs import district_costs
from brechas_core.fmt import num, soles
from brechas_core.i18n import _
from brechas_core.territory import district_profile
from brechas_ui import phone_tables
from brechas_ui.columns import column_config

#: The profile's columns, by the measure each shows.
COLUMNS = {
    "label": "service",
    "gap_pct": "census_gap_pct",
    "est_share_pct": "est_share_pct",
    "scenario_share_pct": "scenario_share_pct",
    "moved_soles": "service_moved_soles",
    "covered_per_year_base": "covered_per_year_base",
    "covered_per_year": "covered_per_year_scenario",
    "gap_end_pct_base": "gap_end_mean_pct_base",
    "gap_end_pct": "gap_end_mean_pct",
}
#: What a phone shows: the gap today, the soles the rule adds, the gap at the horizon.
PHONE_COLUMNS = ("label", "gap_pct", "moved_soles", "gap_end_pct")
SERVICE_IDS = ("agua", "desague", "electricidad")


def profile_section(place, context_place, context, ranked: pd.DataFrame, scenario, unit_costs):
    """Draw the chosen district's profile and return its ubigeo (the map marks it). A
    district's own link opens on it."""
    st.subheader(_("Perfil de un distrito"))
    options = ranked.sort_values("ubigeo")["ubigeo"].tolist()
    names = dict(
        zip(ranked["ubigeo"], ranked["district"] + " (" + ranked["province"] + ")", strict=True)
    )
    default = place.code if place.kind == "distrito" else ranked["ubigeo"].iloc[0]
    chosen = st.selectbox(
        _("Distrito"),
        options,
        index=options.index(default),
        format_func=names.get,
        key=f"t_perfil_{context_place.code}_{place.code}",
    )
    profile = district_profile(context, chosen)
    row = profile.row
    with st.container(key="t_perfil", border=True):
        st.markdown(
            _("**{name}** · ubigeo {ubigeo} · población {population}").format(
                name=names[chosen], ubigeo=chosen, population=num(row["population"])
            )
        )
        st.markdown(profile.reading)
        phone_tables.table(
            profile.services,
            PHONE_COLUMNS,
            key="t_perfil_servicios",
            hide_index=True,
            width="stretch",
            column_order=list(COLUMNS),
            column_config=column_config(COLUMNS, COLUMNS, horizon=context.horizon_years),
        )
        st.caption(_costs_note(float(row.get("rural_weight", float("nan"))), scenario, unit_costs))
    return chosen


def _costs_note(weight: float, scenario, unit_costs) -> str:
    """The projection's assumptions for this district: cost per person and rurality."""
    costs = dict(
        zip(
            SERVICE_IDS,
            district_costs(unit_costs, list(SERVICE_IDS), weight, scenario.unit_costs_dict())[1],
            strict=True,
        )
    )
    rurality = (
        _("índice de ruralidad {index} (0 urbano, 1 rural), aproximado con su densidad").format(
            index=num(weight, 2)
        )
        if weight == weight
        else _("sin dato de densidad: referencia nacional")
    )
    return _(
        "Proyección lineal con costos por persona que son supuestos (caso central: agua "
        "{water}, desagüe {sewage}, electricidad {electricity}; {rurality}); cámbielos en el "
        "Simulador."
    ).format(
        water=soles(costs["agua"]),
        sewage=soles(costs["desague"]),
        electricity=soles(costs["electricidad"]),
        rurality=rurality,
    )
