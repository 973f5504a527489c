"""Charts that overlay several scenarios (A-D) on the baseline."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from brechas_core.charts.style import COLORS, item_axis, series_colour
from brechas_core.i18n import _

__all__ = ["SCENARIO_COLORS", "projection_overlay", "shares_overlay"]

#: Baseline grey, then one colour per scenario (Okabe-Ito: readable by colour-blind viewers).
SCENARIO_COLORS = (COLORS["base"], "#D55E00", "#0072B2", "#009E73", "#CC79A7")


def _colour(series: Sequence[str]) -> alt.Color:
    return series_colour(series, SCENARIO_COLORS[: len(series)])


def shares_overlay(long: pd.DataFrame, series: Sequence[str]) -> alt.Chart:
    """Each item's share at baseline and under each scenario, grouped by item.

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["Agua"] * 3, "gap_pct": [60.0] * 3,
    ...                    "serie": ["Línea base", "A", "B"], "valor": [5.0, 7.0, 9.0]})
    >>> spec = shares_overlay(df, ["Línea base", "A", "B"]).to_dict()
    >>> spec["encoding"]["yOffset"]["field"], spec["encoding"]["color"]["scale"]["domain"]
    ('serie', ['Línea base', 'A', 'B'])
    """
    n_items = long["label"].nunique()
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=item_axis(),
            yOffset=alt.YOffset("serie:N", sort=list(series)),
            x=alt.X("valor:Q", title=_("Participación en el presupuesto ejecutado (%)")),
            color=_colour(series),
            tooltip=[
                alt.Tooltip("label:N", title=_("Rubro")),
                alt.Tooltip("serie:N", title=_("Escenario")),
                alt.Tooltip("valor:Q", title=_("Participación (%)"), format=",.2f"),
            ],
        )
        .properties(height=(14 * len(series) + 14) * n_items + 40)
    )


def projection_overlay(long: pd.DataFrame, series: Sequence[str], columns: int = 2):
    """Projected gap per year (central unit cost), baseline and each scenario, per gap.

    Examples
    --------
    >>> df = pd.DataFrame({"brecha": ["Agua"] * 4, "year": [0, 1, 0, 1],
    ...                    "serie": ["Línea base"] * 2 + ["A"] * 2,
    ...                    "central": [50.0, 45.0, 50.0, 40.0]})
    >>> spec = projection_overlay(df, ["Línea base", "A"]).to_dict()
    >>> spec["spec"]["mark"]["type"]
    'line'
    """
    return (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("year:Q", title=_("Años desde hoy"), axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y(
                "central:Q", title=_("Brecha proyectada (%)"), scale=alt.Scale(domain=[0, 100])
            ),
            color=_colour(series),
            tooltip=[
                alt.Tooltip("brecha:N", title=_("Brecha")),
                alt.Tooltip("serie:N", title=_("Escenario")),
                alt.Tooltip("year:Q", title=_("Año")),
                alt.Tooltip("central:Q", title=_("Brecha, costo central (%)"), format=",.2f"),
            ],
        )
        .properties(height=200, width=300)
        .facet(facet=alt.Facet("brecha:N", title=None, sort=None), columns=columns)
    )
