"""Rendering helpers shared by pages: charts, tables and the reported-vs-recomputed panel."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from brechas_core import charts
from brechas_core.fmt import num, soles


def chart(spec: alt.TopLevelMixin, *, key: str) -> None:
    """Draw an Altair chart full width, with Streamlit's theme."""
    st.altair_chart(spec, width="stretch", key=key)


def share_table(frame: pd.DataFrame, item_title: str) -> None:
    """The exact values behind a chart, sorted by gap."""
    table = frame.sort_values("gap_pct", ascending=False)[["label", "gap_pct", "attention_pct"]]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(item_title),
            "gap_pct": st.column_config.NumberColumn("Brecha (%)", format="%.2f"),
            "attention_pct": st.column_config.NumberColumn(
                "Participación en el presupuesto (%)", format="%.2f"
            ),
        },
    )


def comparison(table: pd.DataFrame) -> None:
    """The study's figures beside the recomputed ones, with the reason for each difference."""
    for row in table.itertuples(index=False):
        with st.container(border=True):
            head, rep_col, rec_col = st.columns([3, 2, 3])
            head.markdown(f"**{row.cifra}**")
            rep_col.markdown(f"Reportado: **{row.reportado}**")
            mark = "✅ coincide" if row.coincide else "⚠️ no coincide"
            rec_col.markdown(f"Recalculado: **{row.recalculado}** · {mark}")
            st.caption(row.explicacion)


def moves_table(sim) -> None:
    """Who gives and who receives, in points of the budget and in soles per year."""
    moved = sim.items[sim.items["moved_pct"].abs() > 1e-9]
    rows = moved[["label", "baseline_pct", "scenario_pct", "moved_pct", "moved_soles"]]
    if sim.view == "prioritarias" and sim.top_up_pct > 1e-9:
        resto = {
            "label": "Resto del presupuesto",
            "baseline_pct": sim.resto_before,
            "scenario_pct": sim.resto_after,
            "moved_pct": sim.resto_after - sim.resto_before,
            "moved_soles": -sim.top_up_soles,
        }
        rows = pd.concat([rows, pd.DataFrame([resto])], ignore_index=True)
    if rows.empty:
        st.caption("La regla no mueve dinero con estos valores.")
        return
    with st.expander("De dónde a dónde se mueve el dinero", expanded=False):
        rows = rows.sort_values("moved_pct", ascending=False)
        rows = rows.assign(moved_soles=rows["moved_soles"].map(lambda v: soles(v)))
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            column_config={
                "label": st.column_config.TextColumn("Rubro"),
                "baseline_pct": st.column_config.NumberColumn("Línea base (%)", format="%.2f"),
                "scenario_pct": st.column_config.NumberColumn("Escenario (%)", format="%.2f"),
                "moved_pct": st.column_config.NumberColumn("Cambio (p.p.)", format="%+.2f"),
                "moved_soles": st.column_config.NumberColumn("Soles al año", format="accounting"),
            },
        )


def years_table(years: pd.DataFrame) -> None:
    """People covered per year and years to close each gap (central cost), base → escenario."""
    table = pd.DataFrame(
        {
            "Brecha": years["label"],
            "Personas sin el servicio hoy": years["people_in_need"].map(num),
            "Nuevas personas por año": [
                f"{num(b)} → {num(s)}"
                for b, s in zip(
                    years["covered_per_year_base"], years["covered_per_year_scenario"], strict=True
                )
            ],
            "Años para cerrar la brecha": [
                f"{_years(b)} → {_years(s)}"
                for b, s in zip(years["years_base"], years["years_scenario"], strict=True)
            ],
        }
    )
    st.caption("Línea base → escenario, con el costo unitario central.")
    st.dataframe(table, hide_index=True, width="stretch")


def _years(value: float) -> str:
    if value == 0:
        return "ya cerrada"
    if value == float("inf"):
        return "nunca"
    return num(value, 1)


def alignment_scatter(sim) -> alt.LayerChart:
    """Gap vs share for baseline and scenario, each with its least-squares line."""
    items = sim.items
    frame = pd.concat(
        [
            items.assign(serie="Línea base", share=items["baseline_pct"]),
            items.assign(serie="Escenario", share=items["scenario_pct"]),
        ],
        ignore_index=True,
    )
    return charts.gap_share_scatter(
        frame,
        {"Línea base": sim.before.fit, "Escenario": sim.after.fit},
        share="share",
        series="serie",
    )
