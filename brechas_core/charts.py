"""Altair chart builders: plain functions that take tidy data and return ``alt.Chart``.

They hold no data loading and no Streamlit: pages pass in frames computed by the core and
render the returned spec. Tests check them through ``chart.to_dict()``. Number formats are
d3's ``,.2f`` (comma thousands, dot decimal), the convention of MEF's reports.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from brechas_core.stats import OLSResult

__all__ = [
    "COLORS",
    "gap_attention_bars",
    "gap_share_scatter",
]

#: Palette readable on a projector and by colour-blind viewers (Okabe-Ito based).
COLORS = {
    "brecha": "#B3261E",
    "atencion": "#0072B2",
    "base": "#9E9E9E",
    "escenario": "#D55E00",
    "gana": "#009E73",
    "pierde": "#CC79A7",
}

_PCT = ",.2f"


def gap_attention_bars(
    frame: pd.DataFrame,
    *,
    label: str = "label",
    gap: str = "gap_pct",
    share: str = "attention_pct",
    item_title: str = "Brecha",
    share_title: str = "Presupuesto que la atendió (%)",
    height_per_item: int = 34,
) -> alt.Chart:
    """Gap and budget share side by side for each item, sorted by gap (the study's Fig. 1-2).

    Parameters
    ----------
    frame : DataFrame
        One row per item with a label, its gap % and its budget share %.

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["A", "B"], "gap_pct": [60.0, 10.0],
    ...                    "attention_pct": [1.0, 5.0]})
    >>> spec = gap_attention_bars(df).to_dict()
    >>> spec["encoding"]["y"]["field"], len(spec["datasets"][spec["data"]["name"]])
    ('item', 4)
    """
    order = frame.sort_values(gap, ascending=False)[label].tolist()
    long = pd.concat(
        [
            pd.DataFrame({"item": frame[label], "medida": "Brecha (%)", "valor": frame[gap]}),
            pd.DataFrame({"item": frame[label], "medida": share_title, "valor": frame[share]}),
        ],
        ignore_index=True,
    )
    color = alt.Color(
        "medida:N",
        title=None,
        scale=alt.Scale(
            domain=["Brecha (%)", share_title],
            range=[COLORS["brecha"], COLORS["atencion"]],
        ),
        legend=alt.Legend(orient="top", labelLimit=400),
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("medida:N", sort=["Brecha (%)", share_title]),
            x=alt.X("valor:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            color=color,
            tooltip=[
                alt.Tooltip("item:N", title=item_title),
                alt.Tooltip("medida:N", title="Medida"),
                alt.Tooltip("valor:Q", title="Valor (%)", format=_PCT),
            ],
        )
        .properties(height=height_per_item * len(frame))
    )


def gap_share_scatter(
    frame: pd.DataFrame,
    fit: OLSResult | None,
    *,
    label: str = "label",
    gap: str = "gap_pct",
    share: str = "attention_pct",
    share_title: str = "Participación en el presupuesto (%)",
    color: str = COLORS["atencion"],
    series: str | None = None,
) -> alt.LayerChart:
    """Gap (x) against budget share (y) with the least-squares line.

    When ``series`` names a column, points and lines are coloured by it (baseline vs
    scenario); ``fit`` may then be a mapping from series value to its ``OLSResult``.

    Examples
    --------
    >>> from brechas_core.stats import ols
    >>> df = pd.DataFrame({"label": list("abc"), "gap_pct": [10.0, 50.0, 90.0],
    ...                    "attention_pct": [1.0, 2.0, 6.0]})
    >>> spec = gap_share_scatter(df, ols(df.gap_pct, df.attention_pct)).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['circle', 'line']
    """
    fits = fit if isinstance(fit, dict) else {None: fit}
    xs = np.array([0.0, 100.0])
    lines = pd.concat(
        [
            pd.DataFrame(
                {
                    gap: xs,
                    share: f.predict(xs),
                    "_serie": key,
                    "_recta": f"y = {f.intercept:,.2f} + {f.slope:,.4f}·x  (R² = {f.r2:,.3f})",
                }
            )
            for key, f in fits.items()
            if f is not None
        ]
        or [pd.DataFrame(columns=[gap, share, "_serie", "_recta"])],
        ignore_index=True,
    )
    points = frame.assign(_serie=frame[series] if series else None)
    if series:
        colour = alt.Color(
            "_serie:N",
            title=None,
            scale=alt.Scale(range=[COLORS["base"], COLORS["escenario"]]),
            legend=alt.Legend(orient="top"),
        )
    else:
        colour = alt.value(color)
    x = alt.X(f"{gap}:Q", title="Brecha (%)", scale=alt.Scale(domain=[0, 100]))
    y = alt.Y(f"{share}:Q", title=share_title)
    dots = (
        alt.Chart(points)
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip(f"{label}:N", title="Ítem"),
                alt.Tooltip(f"{gap}:Q", title="Brecha (%)", format=_PCT),
                alt.Tooltip(f"{share}:Q", title=share_title, format=_PCT),
            ],
        )
    )
    line = (
        alt.Chart(lines)
        .mark_line(strokeDash=[6, 4], strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=colour if series else alt.value(COLORS["brecha"]),
            tooltip=[alt.Tooltip("_recta:N", title="Recta de mínimos cuadrados")],
        )
    )
    return alt.layer(dots, line).properties(height=360)
