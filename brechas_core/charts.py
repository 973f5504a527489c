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
    "minimum_curve_chart",
    "projection_chart",
    "shares_comparison",
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
            scale=alt.Scale(
                domain=[k for k in fits if k is not None] or None,
                range=[COLORS["base"], COLORS["escenario"]],
            ),
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


def shares_comparison(frame: pd.DataFrame, *, item_title: str = "Brecha") -> alt.Chart:
    """Baseline and scenario share of each item, side by side, sorted by gap.

    Parameters
    ----------
    frame : DataFrame
        ``label, gap_pct, baseline_pct, scenario_pct`` and optionally ``moved_soles``.

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["A", "B"], "gap_pct": [60.0, 10.0],
    ...                    "baseline_pct": [1.0, 5.0], "scenario_pct": [9.0, 5.0]})
    >>> spec = shares_comparison(df).to_dict()
    >>> spec["encoding"]["color"]["scale"]["domain"]
    ['Línea base', 'Escenario']
    """
    order = frame.sort_values("gap_pct", ascending=False)["label"].tolist()
    base = frame.assign(cambio=frame["scenario_pct"] - frame["baseline_pct"])
    if "moved_soles" not in base:
        base = base.assign(moved_soles=np.nan)
    long = pd.concat(
        [
            base.assign(serie="Línea base", valor=base["baseline_pct"]),
            base.assign(serie="Escenario", valor=base["scenario_pct"]),
        ],
        ignore_index=True,
    )[["label", "gap_pct", "serie", "valor", "cambio", "moved_soles"]]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("serie:N", sort=["Línea base", "Escenario"]),
            x=alt.X("valor:Q", title="Participación en el presupuesto ejecutado (%)"),
            color=alt.Color(
                "serie:N",
                title=None,
                scale=alt.Scale(
                    domain=["Línea base", "Escenario"],
                    range=[COLORS["base"], COLORS["escenario"]],
                ),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=item_title),
                alt.Tooltip("serie:N", title="Serie"),
                alt.Tooltip("valor:Q", title="Participación (%)", format=_PCT),
                alt.Tooltip("gap_pct:Q", title="Brecha (%)", format=_PCT),
                alt.Tooltip("cambio:Q", title="Cambio (p.p.)", format="+,.2f"),
                alt.Tooltip("moved_soles:Q", title="Soles movidos al año", format=",.0f"),
            ],
        )
        .properties(height=42 * len(frame) + 20)
    )


def projection_chart(table: pd.DataFrame, labels: dict[str, str], *, columns: int = 2):
    """Projected gap per year, baseline vs scenario, with the low-high unit-cost band.

    Parameters
    ----------
    table : DataFrame
        :func:`brechas_core.projection.projection_table` output.
    labels : dict
        Display name of each ``gap_id``.

    Examples
    --------
    >>> t = pd.DataFrame({"gap_id": ["agua"] * 6, "year": [0, 1] * 3,
    ...                   "scenario": ["Escenario"] * 6,
    ...                   "cost_case": ["bajo", "bajo", "central", "central", "alto", "alto"],
    ...                   "gap_pct": [50.0, 30, 50, 40, 50, 45], "coverage_pct": 0.0,
    ...                   "uncovered": 0.0})
    >>> spec = projection_chart(t, {"agua": "Agua"}).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    ['area', 'line']
    """
    wide = table.pivot_table(
        index=["gap_id", "year", "scenario"], columns="cost_case", values="gap_pct"
    ).reset_index()
    wide["brecha"] = wide["gap_id"].map(labels)
    scale = alt.Scale(
        domain=["Línea base", "Escenario"], range=[COLORS["base"], COLORS["escenario"]]
    )
    colour = alt.Color("scenario:N", title=None, scale=scale, legend=alt.Legend(orient="top"))
    x = alt.X("year:Q", title="Años desde hoy", axis=alt.Axis(tickMinStep=1, format="d"))
    band = (
        alt.Chart()
        .mark_area(opacity=0.18)
        .encode(
            x=x,
            y=alt.Y("alto:Q", title="Brecha proyectada (%)", scale=alt.Scale(domain=[0, 100])),
            y2="bajo:Q",
            color=alt.Color("scenario:N", scale=scale, legend=None),
        )
    )
    line = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("central:Q"),
            color=colour,
            tooltip=[
                alt.Tooltip("brecha:N", title="Brecha"),
                alt.Tooltip("scenario:N", title="Serie"),
                alt.Tooltip("year:Q", title="Año"),
                alt.Tooltip("central:Q", title="Brecha, costo central (%)", format=_PCT),
                alt.Tooltip("bajo:Q", title="Brecha, costo bajo (%)", format=_PCT),
                alt.Tooltip("alto:Q", title="Brecha, costo alto (%)", format=_PCT),
            ],
        )
    )
    return (
        alt.layer(band, line, data=wide)
        .properties(height=220, width=320)
        .facet(facet=alt.Facet("brecha:N", title=None), columns=columns)
        .resolve_scale(x="shared", y="shared")
    )


def minimum_curve_chart(
    curve: pd.DataFrame,
    *,
    current: float,
    r_critical: float,
    smallest: float | None,
) -> alt.LayerChart:
    """Spearman's rho and Pearson's r against the guaranteed minimum F.

    ``r_critical`` is the coefficient whose t equals the critical t
    (``t_c / sqrt(n - 2 + t_c**2)``): above it the alignment is significant.

    Examples
    --------
    >>> curve = pd.DataFrame({"minimum": [0.0, 50.0], "rho": [0.2, 0.9], "r": [0.1, 0.8],
    ...                       "feasible": [True, True]})
    >>> spec = minimum_curve_chart(curve, current=10, r_critical=0.63, smallest=50.0).to_dict()
    >>> len(spec["layer"])
    4
    """
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "minimum": curve["minimum"],
                    "valor": curve["rho"],
                    "medida": "Spearman ρ",
                    "factible": curve["feasible"],
                }
            ),
            pd.DataFrame(
                {
                    "minimum": curve["minimum"],
                    "valor": curve["r"],
                    "medida": "Pearson r",
                    "factible": curve["feasible"],
                }
            ),
        ],
        ignore_index=True,
    )
    x = alt.X("minimum:Q", title="Mínimo garantizado F (% del presupuesto)")
    lines = (
        alt.Chart(long)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y(
                "valor:Q", title="Correlación brecha-presupuesto", scale=alt.Scale(domain=[-1, 1])
            ),
            color=alt.Color(
                "medida:N",
                title=None,
                scale=alt.Scale(range=[COLORS["atencion"], COLORS["escenario"]]),
                legend=alt.Legend(orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "factible:N",
                legend=None,
                scale=alt.Scale(domain=[True, False], range=[[1, 0], [4, 4]]),
            ),
            tooltip=[
                alt.Tooltip("minimum:Q", title="F (%)", format=",.1f"),
                alt.Tooltip("medida:N", title="Medida"),
                alt.Tooltip("valor:Q", title="Valor", format=",.3f"),
                alt.Tooltip("factible:N", title="Factible"),
            ],
        )
    )
    critical = (
        alt.Chart(pd.DataFrame({"valor": [r_critical], "txt": ["umbral de significancia"]}))
        .mark_rule(strokeDash=[2, 3], color=COLORS["brecha"])
        .encode(y="valor:Q", tooltip=[alt.Tooltip("valor:Q", title="Umbral", format=",.3f")])
    )
    now = (
        alt.Chart(pd.DataFrame({"minimum": [current]}))
        .mark_rule(color="#333333", strokeWidth=1.5)
        .encode(x="minimum:Q", tooltip=[alt.Tooltip("minimum:Q", title="F actual (%)")])
    )
    first = (
        alt.Chart(pd.DataFrame({"minimum": [] if smallest is None else [smallest]}))
        .mark_rule(color=COLORS["gana"], strokeWidth=2)
        .encode(
            x="minimum:Q",
            tooltip=[alt.Tooltip("minimum:Q", title="Menor F significativo (%)")],
        )
    )
    return alt.layer(lines, critical, now, first).properties(height=300)
