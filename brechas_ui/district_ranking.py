"""«Quién recibe y quién cede»: the districts ranked by what the rule moves, as bars, a
table and a CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import indicators
from brechas_core.charts import territory as territory_charts
from brechas_core.export import csv_bytes, file_name
from brechas_core.i18n import _
from brechas_core.measures import export_frame
from brechas_core.territory import RANKING_ALIASES, RANKING_MEASURES, ranking
from brechas_core.territory.views import RANKING_NOTE
from brechas_ui import phone_tables, portfolio_cache, render
from brechas_ui.columns import column_config


def ranking_section(context_place, context, scenario, horizon_years: int) -> pd.DataFrame:
    """Draw the ranking of ``context`` (the territory, or a district's department) and return
    it (the profile offers its districts)."""
    st.subheader(_("Quién recibe y quién cede: {place}").format(place=context_place.name))
    st.caption(_(RANKING_NOTE))
    order = st.selectbox(
        _("Ordenar por"),
        list(RANKING_MEASURES),
        format_func=lambda m: _(RANKING_MEASURES[m]),
        key="t_orden",
    )
    ranked = ranking(context, order)
    fmt = ",.0f" if order == "moved_soles" else ",.2f"
    render.chart(
        territory_charts.ranking_bars(ranked, order, title=_(RANKING_MEASURES[order]), fmt=fmt),
        key="t_ranking_barras",
    )
    columns = [c for c in ranked.columns if c not in ("ubigeo", "has_polygon")]
    phone_tables.table(
        ranked,
        ["district", order, "moved_soles" if order == "gap_mean_pct" else "gap_mean_pct"],
        key="t_ranking",
        hide_index=True,
        width="stretch",
        column_order=columns,
        column_config=column_config(columns, RANKING_ALIASES, horizon=horizon_years),
    )
    st.caption(indicators.note(portfolio_cache.district_indicators()))  # issue 11, item 6
    st.download_button(
        _("Descargar la tabla (CSV)"),
        csv_bytes(
            export_frame(
                ranked.drop(columns="has_polygon"), aliases=RANKING_ALIASES, horizon=horizon_years
            )
        ),
        file_name=file_name(scenario, "distritos", "csv", place=context_place.name),
        mime="text/csv",
        key="t_descargar",
        icon=":material/download:",
    )
    return ranked
