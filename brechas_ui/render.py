"""Rendering helpers shared by pages: charts, tables and the reported-vs-recomputed panel."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st


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
