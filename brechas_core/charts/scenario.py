"""The study's and a scenario's charts: gap and budget share, baseline against scenario,
the projected gap, and the alignment against the guaranteed minimum (Diagnóstico, Simulador,
Taller and the exported images).

The live ones come as ``*_template`` + ``*_data`` (see :mod:`brechas_core.charts`); the plain
builder (e.g. :func:`shares_comparison`) joins both into one chart.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa

from brechas_core.charts.arrow_ipc import IpcTemplate
from brechas_core.charts.style import COLORS, PCT, SERIES, item_axis, series_colour, with_data
from brechas_core.i18n import N_, _, language
from brechas_core.memo import Memo
from brechas_core.stats import OLSResult

__all__ = [
    "alignment_data",
    "gap_attention_bars",
    "gap_share_scatter",
    "minimum_curve_chart",
    "minimum_curve_data",
    "minimum_curve_template",
    "projection_chart",
    "projection_data",
    "projection_panel_template",
    "projection_panels",
    "projection_template",
    "scatter_data",
    "scatter_template",
    "shares_comparison",
    "shares_data",
    "shares_ipc",
    "shares_template",
]

_SERIES_COLOURS = (COLORS["base"], COLORS["escenario"])
#: The minimum curve's two marks.
_MARKS = (N_("F actual"), N_("Menor F significativo (ρ)"))


def _series() -> tuple[str, ...]:
    """The two series' names in the run's language (templates and datasets agree)."""
    return tuple(_(s) for s in SERIES)


def gap_attention_bars(
    frame: pd.DataFrame,
    *,
    label: str = "label",
    gap: str = "gap_pct",
    share: str = "attention_pct",
    item_title: str = N_("Brecha"),
    share_title: str = N_("Presupuesto que la atendió (%)"),
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
    gap_title, share_title = _("Brecha (%)"), _(share_title)
    long = pd.concat(
        [
            pd.DataFrame({"item": frame[label], "medida": gap_title, "valor": frame[gap]}),
            pd.DataFrame({"item": frame[label], "medida": share_title, "valor": frame[share]}),
        ],
        ignore_index=True,
    )
    color = alt.Color(
        "medida:N",
        title=None,
        scale=alt.Scale(
            domain=[gap_title, share_title],
            range=[COLORS["brecha"], COLORS["atencion"]],
        ),
        legend=alt.Legend(orient="top", labelLimit=400),
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("medida:N", sort=[gap_title, share_title]),
            x=alt.X("valor:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            color=color,
            tooltip=[
                alt.Tooltip("item:N", title=_(item_title)),
                alt.Tooltip("medida:N", title=_("Medida")),
                alt.Tooltip("valor:Q", title=_("Valor (%)"), format=PCT),
            ],
        )
        .properties(height=height_per_item * len(frame))
    )


# -- Scatter of gap vs share with least-squares lines ---------------------------------------


def scatter_template(
    share_title: str = N_("Participación en el presupuesto (%)"),
    series: tuple[str, ...] | None = None,
    height: int = 360,
) -> alt.LayerChart:
    """Gap (x) against budget share (y), one colour per series, each with its OLS line.

    Reads datasets ``puntos`` (``label, gap_pct, share_pct, serie``) and ``rectas``
    (``gap_pct, share_pct, serie, recta``).
    """
    series = _series() if series is None else series
    several = len(series) > 1
    colour = series_colour(
        series, _SERIES_COLOURS if several else [COLORS["atencion"]], legend=several
    )
    x = alt.X("gap_pct:Q", title=_("Brecha (%)"), scale=alt.Scale(domain=[0, 100]))
    y = alt.Y("share_pct:Q", title=_(share_title))
    dots = (
        alt.Chart(alt.NamedData("puntos"))
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("label:N", title=_("Ítem")),
                alt.Tooltip("serie:N", title=_("Serie")),
                alt.Tooltip("gap_pct:Q", title=_("Brecha (%)"), format=PCT),
                alt.Tooltip("share_pct:Q", title=_(share_title), format=PCT),
            ],
        )
    )
    line = (
        alt.Chart(alt.NamedData("rectas"))
        .mark_line(strokeDash=[6, 4], strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[alt.Tooltip("recta:N", title=_("Recta de mínimos cuadrados"))],
        )
    )
    return alt.layer(dots, line).properties(height=height)


def scatter_data(
    labels, gap_pct, shares: Mapping[str, np.ndarray], fits: Mapping[str, OLSResult]
) -> dict[str, pa.Table]:
    """Datasets for :func:`scatter_template`: the points of each series and its line."""
    gap = np.asarray(gap_pct, dtype=float)
    points = pa.table(
        {
            "label": np.tile(np.asarray(labels, dtype=object), len(shares)).tolist(),
            "gap_pct": np.tile(gap, len(shares)),
            "share_pct": np.concatenate([np.asarray(v, float) for v in shares.values()]),
            "serie": np.repeat(list(shares), len(gap)).tolist(),
        }
    )
    xs = np.array([0.0, 100.0])
    lines = pa.table(
        {
            "gap_pct": np.tile(xs, len(fits)),
            "share_pct": np.concatenate([f.predict(xs) for f in fits.values()]),
            "serie": np.repeat(list(fits), 2).tolist(),
            "recta": np.repeat(
                [
                    f"y = {f.intercept:,.2f} + {f.slope:,.4f}·x  (R² = {f.r2:,.3f})"
                    for f in fits.values()
                ],
                2,
            ).tolist(),
        }
    )
    return {"puntos": points, "rectas": lines}


def alignment_data(sim) -> dict[str, pa.Table]:
    """Datasets for :func:`scatter_template` from a
    :class:`~brechas_core.simulation.Simulation`: each item's gap against its baseline and
    scenario share, with each series' least-squares line."""
    items = sim.items
    return scatter_data(
        [_(label) for label in items["label"]],
        items["gap_pct"],
        dict(zip(_series(), (items["baseline_pct"], items["scenario_pct"]), strict=True)),
        dict(zip(_series(), (sim.before.fit, sim.after.fit), strict=True)),
    )


def gap_share_scatter(
    frame: pd.DataFrame,
    fit: OLSResult,
    *,
    label: str = "label",
    gap: str = "gap_pct",
    share: str = "attention_pct",
    share_title: str = N_("Participación en el presupuesto (%)"),
    name: str = N_("Estudio"),
) -> alt.LayerChart:
    """Gap (x) against budget share (y) with the least-squares line, for one table.

    Examples
    --------
    >>> from brechas_core.stats import ols
    >>> df = pd.DataFrame({"label": list("abc"), "gap_pct": [10.0, 50.0, 90.0],
    ...                    "attention_pct": [1.0, 2.0, 6.0]})
    >>> spec = gap_share_scatter(df, ols(df.gap_pct, df.attention_pct)).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], sorted(spec["datasets"])
    (['circle', 'line'], ['puntos', 'rectas'])
    """
    name = _(name)
    data = scatter_data(frame[label], frame[gap], {name: frame[share]}, {name: fit})
    return with_data(scatter_template(share_title, (name,)), data)


# -- Baseline vs scenario shares --------------------------------------------------------------


def shares_template(n_items: int, item_title: str = N_("Brecha")) -> alt.Chart:
    """Bars of the baseline and scenario share of each item, sorted by gap.

    Reads dataset ``participaciones`` (``label, gap_pct, serie, valor, cambio,
    moved_soles``).
    """
    return (
        alt.Chart(alt.NamedData("participaciones"))
        .mark_bar()
        .encode(
            y=item_axis(),
            yOffset=alt.YOffset("serie:N", sort=list(_series())),
            # a short title: the long one made the chart wider than a 390 px phone
            x=alt.X(
                "valor:Q", title=_("% del presupuesto ejecutado"), axis=alt.Axis(titleAnchor="end")
            ),
            # one series a line: side by side they overflowed a phone's narrow plot
            color=series_colour(_series(), _SERIES_COLOURS).legend(
                orient="top", direction="vertical"
            ),
            tooltip=[
                alt.Tooltip("label:N", title=_(item_title)),
                alt.Tooltip("serie:N", title=_("Serie")),
                alt.Tooltip("valor:Q", title=_("Participación (%)"), format=PCT),
                alt.Tooltip("gap_pct:Q", title=_("Brecha (%)"), format=PCT),
                alt.Tooltip("cambio:Q", title=_("Cambio (p.p.)"), format="+,.2f"),
                alt.Tooltip("moved_soles:Q", title=_("Soles movidos al año"), format=",.0f"),
            ],
        )
        .properties(height=42 * n_items + 90)
    )


def shares_data(columns: Mapping) -> dict[str, pa.Table]:
    """Dataset for :func:`shares_template` from the columns ``label, gap_pct, baseline_pct,
    scenario_pct`` (and optionally ``moved_soles``) of a table or of
    :attr:`brechas_core.simulation.Simulation.columns`.

    Arrow arrays from numpy, no pandas: a slider move to a new value builds this (issue 12).

    >>> data = shares_data({"label": ["A", "B"], "gap_pct": [60.0, 10.0],
    ...                     "baseline_pct": [1.0, 5.0], "scenario_pct": [9.0, 5.0]})
    >>> table = data["participaciones"]
    >>> table.column("serie").to_pylist()
    ['Línea base', 'Línea base', 'Escenario', 'Escenario']
    >>> table.column("cambio").to_pylist(), table.column("moved_soles").null_count
    ([8.0, 0.0, 8.0, 0.0], 0)
    """
    gap = np.asarray(columns["gap_pct"], dtype=float)
    label, gap_pct, serie = _fixed_columns(columns["label"], gap)
    moving = _moving_columns(columns)
    long = pa.Table.from_arrays(
        [label, gap_pct, serie, *(pa.array(moving[name]) for name in _MOVING)],
        names=["label", "gap_pct", "serie", *_MOVING],
    )
    return {"participaciones": long}


def shares_ipc(columns: Mapping) -> dict[str, bytes]:
    """:func:`shares_data` as Arrow IPC bytes, which Streamlit sends as they are.

    The stream is built with pyarrow once per table and language
    (:class:`~brechas_core.charts.arrow_ipc.IpcTemplate`); a slider move writes its shares
    into a copy (issue 12: no pyarrow call on a move to a new value).

    >>> columns = {"label": ["A", "B"], "gap_pct": [60.0, 10.0], "baseline_pct": [1.0, 5.0],
    ...            "scenario_pct": [9.0, 5.0], "moved_soles": [8e5, 0.0]}
    >>> stream = shares_ipc(columns)["participaciones"]
    >>> pa.ipc.open_stream(stream).read_all().equals(shares_data(columns)["participaciones"])
    True
    """
    template = _SHARES_IPC.get(
        _table_key(columns["label"], np.asarray(columns["gap_pct"], dtype=float)),
        lambda: IpcTemplate(shares_data(columns)["participaciones"], _MOVING),
    )
    return {"participaciones": template.fill(_moving_columns(columns))}


#: The columns of :func:`shares_data` that a rule changes, in the table's order.
_MOVING = ("valor", "cambio", "moved_soles")
_SHARES_IPC: Memo[IpcTemplate] = Memo(64)
_FIXED: Memo[tuple] = Memo(64)


def _moving_columns(columns: Mapping) -> dict[str, np.ndarray]:
    """The values of :data:`_MOVING`: both series' shares, each row's change (twice) and
    the soles moved (twice; NaN when the columns have none)."""
    base = np.asarray(columns["baseline_pct"], dtype=float)
    scen = np.asarray(columns["scenario_pct"], dtype=float)
    soles = (
        np.asarray(columns["moved_soles"], dtype=float)
        if "moved_soles" in columns
        else np.full(len(base), np.nan)
    )
    return {
        "valor": np.concatenate([base, scen]),
        "cambio": np.tile(scen - base, 2),
        "moved_soles": np.tile(soles, 2),
    }


def _table_key(labels, gap: np.ndarray) -> tuple:
    """What the shares chart's fixed columns are made of: the rows' labels and gaps, and
    the language the labels are shown in."""
    return (tuple(map(str, labels)), gap.tobytes(), language())


def _fixed_columns(labels, gap: np.ndarray) -> tuple[pa.Array, pa.Array, pa.Array]:
    """The columns of :func:`shares_data` that no rule changes (``label, gap_pct, serie``),
    built once per table and language: a slider move builds only the shares."""
    key = _table_key(labels, gap)

    def build() -> tuple[pa.Array, pa.Array, pa.Array]:
        names = key[0]
        return (
            pa.array([_(label) for label in names] * 2, pa.string()),
            pa.array(np.tile(gap, 2)),
            pa.array([name for name in _series() for _k in range(len(names))], pa.string()),
        )

    return _FIXED.get(key, build)


def shares_comparison(frame: pd.DataFrame, *, item_title: str = N_("Brecha")) -> alt.Chart:
    """Baseline and scenario share of each item, side by side, sorted by gap.

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["A", "B"], "gap_pct": [60.0, 10.0],
    ...                    "baseline_pct": [1.0, 5.0], "scenario_pct": [9.0, 5.0]})
    >>> spec = shares_comparison(df).to_dict()
    >>> spec["encoding"]["color"]["scale"]["domain"], len(spec["datasets"]["participaciones"])
    (['Línea base', 'Escenario'], 4)
    """
    return with_data(shares_template(len(frame), item_title), shares_data(frame))


# -- Projected gap ----------------------------------------------------------------------------


def projection_template(columns: int = 2) -> alt.FacetChart:
    """Projected gap per year, baseline vs scenario, with the low-high unit-cost band.

    Reads dataset ``proyeccion`` (``brecha, year, serie, bajo, central, alto``).
    """
    x = alt.X("year:Q", title=_("Años desde hoy"), axis=alt.Axis(tickMinStep=1, format="d"))
    band = (
        alt.Chart()
        .mark_area(opacity=0.18)
        .encode(
            x=x,
            y=alt.Y("alto:Q", title=_("Brecha proyectada (%)"), scale=alt.Scale(domain=[0, 100])),
            y2="bajo:Q",
            color=series_colour(_series(), _SERIES_COLOURS, legend=False),
        )
    )
    line = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("central:Q"),
            color=series_colour(_series(), _SERIES_COLOURS),
            tooltip=[
                alt.Tooltip("brecha:N", title=_("Brecha")),
                alt.Tooltip("serie:N", title=_("Serie")),
                alt.Tooltip("year:Q", title=_("Año")),
                alt.Tooltip("central:Q", title=_("Brecha, costo central (%)"), format=PCT),
                alt.Tooltip("bajo:Q", title=_("Brecha, costo bajo (%)"), format=PCT),
                alt.Tooltip("alto:Q", title=_("Brecha, costo alto (%)"), format=PCT),
            ],
        )
    )
    return (
        alt.layer(band, line, data=alt.NamedData("proyeccion"))
        .properties(height=220, width=320)
        .facet(facet=alt.Facet("brecha:N", title=None, sort=None), columns=columns)
        .resolve_scale(x="shared", y="shared")
    )


def projection_panel_template(title: str) -> alt.LayerChart:
    """One gap's projection (as one panel of :func:`projection_template`), as wide as its
    container: the Simulador draws one per gap in columns, which stack on a phone (the
    faceted chart was 741 px wide). Reads dataset ``proyeccion`` of that gap only."""
    facet = projection_template(1)
    return alt.layer(*facet.spec.layer, data=alt.NamedData("proyeccion")).properties(
        height=220, title=title
    )


def projection_panels(wide: pd.DataFrame) -> list[tuple[str, dict[str, pa.Table]]]:
    """Each gap's name and dataset for :func:`projection_panel_template`, in order.

    >>> wide = pd.DataFrame({"brecha": ["Agua", "Agua", "Luz"], "year": [0, 1, 0],
    ...                      "serie": "Escenario", "bajo": 1.0, "central": 2.0, "alto": 3.0})
    >>> [(name, d["proyeccion"].num_rows) for name, d in projection_panels(wide)]
    [('Agua', 2), ('Luz', 1)]
    """
    # plain arrays, each column read once: this runs on every Simulador rerun (issue 12)
    columns = _projection_columns(wide)
    names = columns["brecha"]
    return [
        (_(name), _projection_table({c: v[names == name] for c, v in columns.items()}))
        for name in dict.fromkeys(names.tolist())
    ]


_PROJECTION_COLUMNS = ("brecha", "year", "serie", "bajo", "central", "alto")
_PROJECTION_TEXT = ("brecha", "serie")


def _projection_columns(wide: pd.DataFrame) -> dict[str, np.ndarray]:
    return {
        c: wide[c].to_numpy(object if c in _PROJECTION_TEXT else float) for c in _PROJECTION_COLUMNS
    }


def _projection_table(columns: dict[str, np.ndarray]) -> dict[str, pa.Table]:
    said: dict[str, str] = {}  # each label translated once
    return {
        "proyeccion": pa.table(
            {
                c: [said[v] if v in said else said.setdefault(v, _(v)) for v in values]
                if c in _PROJECTION_TEXT
                else values
                for c, values in columns.items()
            }
        )
    }


def projection_data(wide: pd.DataFrame) -> dict[str, pa.Table]:
    """Dataset for :func:`projection_template`: ``brecha, year, serie, bajo, central, alto``
    (as :attr:`brechas_core.simulation.Simulation.projection` gives it)."""
    return _projection_table(_projection_columns(wide))


def projection_chart(wide: pd.DataFrame, *, columns: int = 2):
    """Projected gap per year, baseline vs scenario, with the low-high unit-cost band.

    Examples
    --------
    >>> wide = pd.DataFrame({"brecha": ["Agua"] * 2, "year": [0, 1], "serie": "Escenario",
    ...                      "bajo": [50.0, 30.0], "central": [50.0, 40.0],
    ...                      "alto": [50.0, 45.0]})
    >>> spec = projection_chart(wide).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    ['area', 'line']
    >>> spec["datasets"]["proyeccion"][1]["central"]
    40.0
    """
    return with_data(projection_template(columns), projection_data(wide))


# -- Alignment against the guaranteed minimum -------------------------------------------------


def minimum_curve_template() -> alt.LayerChart:
    """Spearman's rho and Pearson's r against the guaranteed minimum F.

    Reads datasets ``curva`` (``minimum, valor, medida, factible``) and ``marcas``
    (``minimum, marca``: the current F and the smallest significant one) and ``umbral``
    (``valor``: the coefficient whose t equals the critical t).
    """
    x = alt.X("minimum:Q", title=_("Mínimo garantizado F (% del presupuesto)"))
    lines = (
        alt.Chart(alt.NamedData("curva"))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y(
                "valor:Q",
                title=_("Correlación brecha-presupuesto"),
                scale=alt.Scale(domain=[-1, 1]),
            ),
            color=alt.Color(
                "medida:N",
                title=None,
                scale=alt.Scale(
                    domain=["Spearman ρ", "Pearson r"],
                    range=[COLORS["escenario"], COLORS["atencion"]],
                ),
                legend=alt.Legend(orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "factible:N",
                legend=None,
                scale=alt.Scale(domain=[True, False], range=[[1, 0], [4, 4]]),
            ),
            tooltip=[
                alt.Tooltip("minimum:Q", title="F (%)", format=",.1f"),
                alt.Tooltip("medida:N", title=_("Medida")),
                alt.Tooltip("valor:Q", title=_("Valor"), format=",.3f"),
                alt.Tooltip("factible:N", title=_("Factible")),
            ],
        )
    )
    critical = (
        alt.Chart(alt.NamedData("umbral"))
        .mark_rule(strokeDash=[2, 3], color=COLORS["brecha"])
        .encode(y="valor:Q", tooltip=[alt.Tooltip("valor:Q", title=_("Umbral"), format=",.3f")])
    )
    marks = (
        alt.Chart(alt.NamedData("marcas"))
        .mark_rule(strokeWidth=2)
        .encode(
            x="minimum:Q",
            color=alt.Color(
                "marca:N",
                title=None,
                scale=alt.Scale(
                    domain=[_(m) for m in _MARKS],
                    range=["#333333", COLORS["gana"]],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            # The two marks differ by dash too, not by colour alone (colour-blind readers).
            strokeDash=alt.StrokeDash(
                "marca:N",
                scale=alt.Scale(domain=[_(m) for m in _MARKS], range=[[1, 0], [8, 4]]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("marca:N", title=_("Marca")),
                alt.Tooltip("minimum:Q", title="F (%)", format=",.1f"),
            ],
        )
    )
    return (
        alt.layer(lines, critical, marks)
        .resolve_scale(color="independent", strokeDash="independent")
        .properties(height=380)
    )


def minimum_curve_data(
    curve: pd.DataFrame, *, current: float, r_critical: float, smallest: float | None
) -> dict[str, pa.Table]:
    """Datasets for :func:`minimum_curve_template` from
    :func:`brechas_core.alignment.minimum_curve`."""
    m = curve["minimum"].to_numpy(float)
    feasible = curve["feasible"].to_numpy(bool)
    long = pa.table(
        {
            "minimum": np.tile(m, 2),
            "valor": np.concatenate([curve["rho"].to_numpy(float), curve["r"].to_numpy(float)]),
            "medida": ["Spearman ρ"] * len(m) + ["Pearson r"] * len(m),
            "factible": np.tile(feasible, 2),
        }
    )
    marks = pa.table(
        {
            "minimum": [float(current)] + ([] if smallest is None else [float(smallest)]),
            "marca": [_(_MARKS[0])] + ([] if smallest is None else [_(_MARKS[1])]),
        }
    )
    return {"curva": long, "marcas": marks, "umbral": pa.table({"valor": [float(r_critical)]})}


def minimum_curve_chart(
    curve: pd.DataFrame, *, current: float, r_critical: float, smallest: float | None
) -> alt.LayerChart:
    """Spearman's rho and Pearson's r against the guaranteed minimum F.

    ``r_critical`` is the coefficient whose t equals the critical t
    (``t_c / sqrt(n - 2 + t_c**2)``): above it the alignment is significant.

    Examples
    --------
    >>> curve = pd.DataFrame({"minimum": [0.0, 50.0], "rho": [0.2, 0.9], "r": [0.1, 0.8],
    ...                       "feasible": [True, True]})
    >>> spec = minimum_curve_chart(curve, current=10, r_critical=0.63, smallest=50.0).to_dict()
    >>> len(spec["layer"]), [m["marca"] for m in spec["datasets"]["marcas"]]
    (3, ['F actual', 'Menor F significativo (ρ)'])
    """
    data = minimum_curve_data(curve, current=current, r_critical=r_critical, smallest=smallest)
    return with_data(minimum_curve_template(), data)
