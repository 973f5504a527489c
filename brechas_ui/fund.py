"""Territorios, «Un fondo para todo el territorio»: a fund apart from the rule, split across
the municipalities (brechas_core.fund)."""

from __future__ import annotations

import streamlit as st

from brechas_core.fund import HOW, METHOD, territory_fund
from brechas_core.i18n import N_, _
from brechas_ui import phone_tables, state
from brechas_ui.columns import column_config

#: The table of who receives: its columns, by the measure each shows.
COLUMNS = {
    "district": "district",
    "province": "province",
    "fondo": "fund_received_soles",
    "personas": "fund_people",
    "cierra": "fund_gaps_closed",
}
OBJECTIVES = {"personas": N_("Cubrir a más personas"), "brechas": N_("Cerrar más brechas")}


def fund_section(result, scenario, unit_costs) -> None:
    """The fund's amount and aim; with an amount, what it does and who receives most."""
    st.subheader(_("Un fondo para todo el territorio"))
    st.number_input(
        _("Fondo a repartir (S/ al año)"),
        min_value=0.0,
        max_value=1e11,
        step=1_000_000.0,
        format="%.0f",
        placeholder=_("por ejemplo 50000000"),
        help=_(
            "Dinero adicional por año, aparte de la regla, para repartir entre las "
            "municipalidades del territorio."
        ),
        **state.bound("fund_soles"),
    )
    st.radio(
        _("El fondo busca"),
        list(OBJECTIVES),
        format_func=lambda o: _(OBJECTIVES[o]),
        horizontal=True,
        **state.bound("fund_objective"),
    )
    if not scenario.fund_soles:
        st.caption(_(HOW))
        return
    fund = territory_fund(result.districts, unit_costs, scenario)
    with st.container(key="t_fondo"):
        st.info(fund.text(), icon=":material/account_balance:")
        phone_tables.table(
            fund.receiving(20)[list(COLUMNS)],
            ("district", "fondo", "personas"),
            key="t_fondo_tabla",
            hide_index=True,
            width="stretch",
            column_config=column_config(COLUMNS, COLUMNS),
        )
        st.caption(_("Las 20 municipalidades que más reciben.") + " " + _(METHOD))
