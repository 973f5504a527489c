"""Altair charts for a territory: a district map, distributions by group, a ranking.

Plain functions that take the frames of :mod:`brechas_core.territory` and return Altair
charts; no data loading, no Streamlit. Tested through ``chart.to_dict()``. Number formats are
d3's ``,.2f`` / ``,.0f`` (comma thousands, dot decimal), as in MEF reports.

The map draws the polygons of ``data.load_district_geo()`` (inline GeoJSON features) and
looks up each district's values by ``properties.ubigeo``: districts with a polygon but no
row are drawn grey; districts without a polygon are not on the map and the page lists them.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from brechas_core.charts import COLORS

__all__ = [
    "MAP_MEASURES",
    "coarsen",
    "distribution_chart",
    "district_map",
    "ranking_bars",
]

#: Map colours: key -> (column, Spanish title, d3 format, colour scheme).
MAP_MEASURES = {
    "minimo": (
        "minimum_pct",
        "Mínimo garantizado que alcanza las metas (%)",
        ",.1f",
        "purples",
    ),
    "brecha": (
        "gap_mean_pct",
        "Brecha promedio de agua, desagüe y electricidad, Censo 2017 (%)",
        ",.2f",
        "reds",
    ),
    "soles": (
        "moved_soles",
        "Soles que la regla lleva a las brechas al año (estimación)",
        ",.0f",
        "greens",
    ),
    "soles_hab": (
        "moved_per_capita",
        "Soles por habitante que la regla lleva a las brechas al año (estimación)",
        ",.2f",
        "greens",
    ),
    "cobertura": (
        "coverage_end_mean_pct",
        "Cobertura promedio proyectada al final del horizonte (%, estimación)",
        ",.2f",
        "blues",
    ),
}

_GAP_TOOLTIP = ("gap_mean_pct", "Brecha promedio, Censo 2017 (%)", ",.2f")


def _rounded(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns a chart needs, numbers rounded to 2 decimals (keeps the spec light)."""
    out = frame[columns].copy()
    for c in columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(2)
    return out


def _thin(ring: list, step: int) -> list:
    if len(ring) <= 4 * step:
        return ring
    kept = ring[:-1:step]
    return [*kept, ring[-1]] if len(kept) >= 3 else ring


def coarsen(geo: dict, step: int = 3) -> dict:
    """Keep every ``step``-th vertex of each polygon ring (rings stay closed, >= 4 points).

    For the national map: the shipped polygons are simplified to about 110 m, finer than a
    screen shows for all of Peru, and every vertex goes to the browser and through Altair's
    schema validation on each rerun. ``step=3`` keeps about a third of the vertices.

    Examples
    --------
    >>> ring = [[float(i), 0.0] for i in range(20)] + [[0.0, 0.0]]
    >>> geo = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...        "properties": {"ubigeo": "x"}, "geometry": {"type": "Polygon",
    ...        "coordinates": [ring]}}]}
    >>> out = coarsen(geo, 3)["features"][0]["geometry"]["coordinates"][0]
    >>> len(out), out[0] == out[-1]
    (8, True)
    """
    features = []
    for f in geo["features"]:
        g = f.get("geometry") or {}
        if g.get("type") == "Polygon":
            coords = [_thin(r, step) for r in g["coordinates"]]
        elif g.get("type") == "MultiPolygon":
            coords = [[_thin(r, step) for r in poly] for poly in g["coordinates"]]
        else:
            features.append(f)
            continue
        features.append({**f, "geometry": {"type": g["type"], "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def district_map_template(
    measure: str = "brecha", highlight: str | None = None, height: int = 520
) -> alt.LayerChart:
    """The choropleth without its data: reads named datasets ``poligonos`` (GeoJSON
    features with ``properties.ubigeo``) and ``valores`` (:func:`district_map_data`).

    The interface validates it once per (measure, highlight) and caches it with the
    polygons, so a rerun only sends the values.
    """
    if measure not in MAP_MEASURES:
        raise ValueError(f"Medida desconocida para el mapa: {measure!r}.")
    column, title, fmt, scheme = MAP_MEASURES[measure]
    numeric = list(dict.fromkeys([_GAP_TOOLTIP[0], column]))
    fields = ["name", *numeric]
    lookup = alt.LookupData(data=alt.NamedData("valores"), key="ubigeo", fields=fields)
    base = (
        alt.Chart()
        # Decorative outlines (aria=False): the values are in the coloured layer's tooltips,
        # the chart's description and the table under the map (brechas_ui.a11y.map_table).
        .mark_geoshape(fill="#E0E0E0", stroke="white", strokeWidth=0.3, aria=False)
        .project(type="mercator")
    )
    titles = {_GAP_TOOLTIP[0]: (_GAP_TOOLTIP[1], _GAP_TOOLTIP[2]), column: (title, fmt)}
    tooltip = [alt.Tooltip("name:N", title="Distrito")] + [
        alt.Tooltip(f"{c}:Q", title=titles[c][0], format=titles[c][1]) for c in numeric
    ]
    coloured = (
        alt.Chart()
        .transform_lookup(lookup="properties.ubigeo", from_=lookup)
        .transform_filter(alt.FieldValidPredicate(field=column, valid=True))
        .mark_geoshape(stroke="white", strokeWidth=0.3)
        .encode(
            color=alt.Color(
                f"{column}:Q",
                title=title,
                scale=alt.Scale(scheme=scheme),
                legend=alt.Legend(orient="bottom", format=fmt, titleLimit=520, gradientLength=320),
            ),
            tooltip=tooltip,
        )
        .project(type="mercator")
    )
    layers = [base, coloured]
    if highlight:
        layers.append(
            alt.Chart()
            .transform_filter(alt.FieldEqualPredicate(field="properties.ubigeo", equal=highlight))
            .mark_geoshape(fill=None, stroke="black", strokeWidth=2, aria=False)
            .project(type="mercator")
        )
    # The polygons are attached once, to the layer, so that no sub-chart copies them.
    return alt.layer(*layers, data=alt.NamedData("poligonos")).properties(
        height=height, width="container"
    )


def district_map_data(districts: pd.DataFrame, measure: str = "brecha") -> pd.DataFrame:
    """The ``valores`` dataset of the map: only what colour and tooltip need (the table goes
    to the browser with every rerun: 1,891 rows for Peru)."""
    column = MAP_MEASURES[measure][0]
    table = districts.assign(name=districts["district"] + " (" + districts["province"] + ")")
    numeric = list(dict.fromkeys([_GAP_TOOLTIP[0], column]))
    return _rounded(table, ["ubigeo", "name", *numeric])


def district_map(
    districts: pd.DataFrame,
    geo: dict,
    measure: str = "brecha",
    *,
    highlight: str | None = None,
    height: int = 520,
) -> alt.LayerChart:
    """Choropleth of districts coloured by a measure of a territory's result.

    Parameters
    ----------
    districts : DataFrame
        ``TerritoryResult.districts`` (needs ``ubigeo, district, province`` and the
        measure columns of ``MAP_MEASURES``).
    geo : dict
        GeoJSON FeatureCollection from :func:`brechas_core.data.load_district_geo`,
        already limited to the area to draw.
    measure : {"brecha", "soles", "soles_hab", "cobertura"}
    highlight : str, optional
        A ubigeo to outline (the selected district).
    height : int

    Returns
    -------
    alt.LayerChart
        A grey layer with every polygon, the coloured layer (lookup on
        ``properties.ubigeo``) and, with ``highlight``, an outline.

    Examples
    --------
    >>> geo = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...        "properties": {"ubigeo": "210101"}, "geometry": {"type": "Polygon",
    ...        "coordinates": [[[-70, -15], [-69, -15], [-69, -16], [-70, -15]]]}}]}
    >>> df = pd.DataFrame({"ubigeo": ["210101"], "district": ["Puno"],
    ...                    "province": ["Puno"], "gap_mean_pct": [20.0],
    ...                    "moved_soles": [1e6], "moved_per_capita": [7.0],
    ...                    "coverage_end_mean_pct": [90.0]})
    >>> spec = district_map(df, geo).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['geoshape', 'geoshape']
    >>> spec["layer"][1]["transform"][0]["lookup"]
    'properties.ubigeo'
    """
    template = district_map_template(measure, highlight, height)
    return template.properties(
        datasets={
            "poligonos": geo["features"],
            "valores": district_map_data(districts, measure).to_dict("records"),
        }
    )


def distribution_chart(
    points: pd.DataFrame,
    *,
    value_title: str,
    group_title: str,
    fmt: str = ",.2f",
    order: list[str] | None = None,
) -> alt.LayerChart:
    """Box plot per group with every district as a point (strip), for spreads.

    Parameters
    ----------
    points : DataFrame
        ``group, district, value``: one row per district
        (:func:`brechas_core.territory.group_values`).
    value_title, group_title : str
        Spanish axis titles.
    fmt : str
        d3 format of the values.
    order : list of str, optional
        Group order (size classes keep theirs); default alphabetical.

    Examples
    --------
    >>> pts = pd.DataFrame({"group": ["A", "A", "B"], "district": ["x", "y", "z"],
    ...                     "value": [1.0, 2.0, 3.0]})
    >>> spec = distribution_chart(pts, value_title="S/", group_title="Provincia").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['boxplot', 'circle']
    """
    groups = order or sorted(points["group"].astype(str).unique())
    y = alt.Y("group:N", sort=groups, title=group_title, axis=alt.Axis(labelLimit=240))
    x = alt.X("value:Q", title=value_title, axis=alt.Axis(format=fmt))
    base = alt.Chart(points)
    box = base.mark_boxplot(extent="min-max", opacity=0.5, color=COLORS["atencion"]).encode(
        x=x, y=y
    )
    dots = base.mark_circle(size=22, opacity=0.55, color=COLORS["escenario"]).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("district:N", title="Distrito"),
            alt.Tooltip("group:N", title=group_title),
            alt.Tooltip("value:Q", title=value_title, format=fmt),
        ],
    )
    return alt.layer(box, dots).properties(height=max(120, 30 * len(groups)))


def ranking_bars(
    ranked: pd.DataFrame,
    by: str,
    *,
    title: str,
    fmt: str = ",.0f",
    top: int = 15,
) -> alt.Chart:
    """Horizontal bars of the first ``top`` rows of a ranking.

    Parameters
    ----------
    ranked : DataFrame
        :func:`brechas_core.territory.ranking` (already sorted).
    by : str
        The measure column to draw.
    title : str
        Spanish title of the measure.

    Examples
    --------
    >>> df = pd.DataFrame({"rank": [1, 2], "ubigeo": ["1", "2"], "district": ["a", "b"],
    ...                    "province": ["p", "p"], "moved_soles": [5.0, 3.0]})
    >>> spec = ranking_bars(df, "moved_soles", title="S/").to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["x"]["field"]
    ('bar', 'moved_soles')
    """
    head = ranked.head(top).copy()
    head["label"] = head["district"] + " (" + head["province"] + ")"
    values = head[by].to_numpy(float)
    colour = np.where(values >= 0, COLORS["gana"], COLORS["pierde"])
    head["colour"] = colour
    return (
        alt.Chart(head)
        .mark_bar()
        .encode(
            y=alt.Y(
                "label:N", sort=head["label"].tolist(), title=None, axis=alt.Axis(labelLimit=280)
            ),
            x=alt.X(f"{by}:Q", title=title, axis=alt.Axis(format=fmt)),
            color=alt.Color("colour:N", scale=None),
            tooltip=[
                alt.Tooltip("rank:Q", title="Puesto"),
                alt.Tooltip("label:N", title="Distrito"),
                alt.Tooltip(f"{by}:Q", title=title, format=fmt),
            ],
        )
        .properties(height=28 * len(head) + 70)
    )


def minimum_histogram(districts: pd.DataFrame) -> alt.Chart:
    """How many municipalities need each guaranteed minimum to reach the targets
    (``minimum_pct`` of :func:`brechas_core.reverse.for_territory`; NaN rows left out).

    Examples
    --------
    >>> chart = minimum_histogram(pd.DataFrame({"minimum_pct": [0.0, 12.5, 40.0, None]}))
    >>> chart.to_dict()["mark"]["type"]
    'bar'
    """
    values = districts[["minimum_pct"]].dropna().round(2)
    return (
        alt.Chart(values)
        .mark_bar(color="#6A51A3")
        .encode(
            x=alt.X(
                "minimum_pct:Q",
                bin=alt.Bin(extent=[0, 100], step=5),
                title="Mínimo garantizado necesario (% del presupuesto ejecutado)",
            ),
            y=alt.Y("count():Q", title="Municipalidades"),
            tooltip=[alt.Tooltip("count():Q", title="Municipalidades")],
        )
        .properties(height=220)
    )
