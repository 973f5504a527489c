"""What each gap needs to close within the horizon, and a flag when the rule gives more."""

from __future__ import annotations

import streamlit as st

from brechas_core import need as N
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import _
from brechas_ui.render import _markdown_table


def need_section(sim, inputs=None, scenario=None) -> None:
    """Simulador: per projectable gap, the soles per year that close it within the horizon
    (central, with the low-high band), and a warning when the top-up goes beyond that. For a
    territory, each municipality counted on its own and added up."""
    nt = N.for_simulation(sim, getattr(inputs, "unit_costs", None), scenario)
    if nt is None or nt.table.empty:
        return
    years = num(nt.horizon_years)
    rows = [
        [
            _(r.label),
            num(r.people_in_need),
            soles(r.need_central),
            _("{low} a {high}").format(low=soles(r.need_low), high=soles(r.need_high)),
            pct(r.need_share_pct),
            soles(r.spending_soles),
            soles(r.excess_central) if r.excess_central > 0 else "—",
        ]
        for r in nt.table.itertuples(index=False)
    ]
    with st.container(key="sim_necesidad"):
        st.markdown(
            _("**¿Cuánto necesita cada brecha para cerrarse en {years} años?**").format(years=years)
        )
        st.markdown(
            _markdown_table(
                [
                    _("Brecha"),
                    _("Personas sin el servicio"),
                    _("Para cerrarla, al año (central)"),
                    _("Banda (costo bajo a alto)"),
                    _("% del ejecutado"),
                    _("Gasto del escenario, al año"),
                    _("Más de lo necesario"),
                ],
                rows,
                "lrrrrrr",
            )
        )
        st.caption(
            _(
                "Para cerrar en el horizonte = personas sin el servicio × costo por persona ÷ "
                "años. Lo que se gasta por encima ya no cubre a nadie más en la proyección "
                "(sin crecimiento de la población ni mantenimiento)."
            )
        )
        text = N.overshoot_text(nt)
        if text:
            st.warning(text, icon=":material/savings:")


def territory_need_section(districts, unit_costs, scenario) -> None:
    """Territorios: the rule's top-up beyond what each municipality's gaps need."""
    tn = N.for_territory(districts, unit_costs, scenario)
    text = tn.text()
    with st.container(key="t_necesidad"):
        if text:
            st.warning(text, icon=":material/savings:")
        elif tn.n_short:
            st.caption(
                _(
                    "En {n} municipalidades alguna brecha no se cierra en {years} años con esta "
                    "regla: les faltan {soles} al año (costo central)."
                ).format(
                    n=num(tn.n_short),
                    years=num(tn.horizon_years),
                    soles=soles(tn.shortfall_soles),
                )
            )
