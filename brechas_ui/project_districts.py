"""Proyectos, «Distrito por distrito»: how much each district of a province or department
invested in «otros», as bars and a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core.charts import portfolio as portfolio_charts
from brechas_core.fmt import num, pct
from brechas_core.i18n import _
from brechas_core.measures import MEASURES
from brechas_ui import portfolio_cache, render
from brechas_ui.columns import column_config


def districts_section(area, period, area_table=None) -> pd.DataFrame:
    """Draw the districts of ``area`` (a province or department) and return them;
    ``area_table`` is the area's Table 2 when the page already has it."""
    st.subheader(_("Distrito por distrito: {area}").format(area=area.name))
    ubigeos = tuple(area.ubigeos)
    per_district = portfolio_cache.department_districts(ubigeos, period.years, period.who)
    if per_district.empty:
        st.info(
            _("{area} no tiene proyectos registrados en {period}.").format(
                area=area.name, period=period.text
            ),
            icon=":material/info:",
        )
        return per_district
    if area_table is None:
        area_table = portfolio_cache.table2(ubigeos, period.years, period.who)
    render.chart(
        portfolio_charts.otros_by_district(
            per_district, title=MEASURES["otros_pct"].header(), overall_pct=area_table.otros_pct
        ),
        key="p_otros_barras",
    )
    st.caption(
        _(
            "Los {top} distritos que más invirtieron en otros (de {n} con proyectos en "
            "{period}); la línea roja es {area} en conjunto ({pct}). La tabla los trae todos."
        ).format(
            top=num(min(20, len(per_district))),
            n=num(len(per_district)),
            period=period.text,
            area=area.name,
            pct=pct(area_table.otros_pct),
        )
    )
    columns = [c for c in per_district.columns if c != "ubigeo"]
    with st.container(key="p_distritos"):
        st.dataframe(
            per_district,
            hide_index=True,
            width="stretch",
            column_order=columns,
            column_config=column_config(columns),
        )
    return per_district
