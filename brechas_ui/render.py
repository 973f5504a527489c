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


@st.cache_resource(show_spinner=False, max_entries=64)
def _template(builder: str, args: tuple, module=charts) -> dict:
    """A chart template from brechas_core.charts as a validated Vega-Lite dict, built once.

    Altair validates the spec here (once per shape), not on every rerun. Shared read-only:
    callers add their datasets in a new top-level dict and never mutate this one.
    """
    spec = getattr(module, builder)(*args).to_dict()
    spec.pop("config", None)  # Altair's default view size; Streamlit sizes the chart
    return spec


def live_chart(builder: str, args: tuple, datasets: dict, *, key: str, module=charts) -> None:
    """Draw a chart that redraws on every rerun: cached template + this run's datasets.

    ``builder`` names a ``*_template`` function of ``module`` (brechas_core.charts or
    brechas_core.territory_charts).
    """
    spec = {**_template(builder, args, module), "datasets": datasets}
    st.vega_lite_chart(spec=spec, width="stretch", key=key)


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


def alignment_scatter(sim, *, key: str) -> None:
    """Gap vs share for baseline and scenario, each with its least-squares line."""
    items = sim.items
    data = charts.scatter_data(
        items["label"],
        items["gap_pct"],
        dict(zip(charts.SERIES, (items["baseline_pct"], items["scenario_pct"]), strict=True)),
        dict(zip(charts.SERIES, (sim.before.fit, sim.after.fit), strict=True)),
    )
    live_chart("scatter_template", (), data, key=key)
