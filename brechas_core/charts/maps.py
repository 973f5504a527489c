"""The district map: a choropleth of a territory's districts coloured by one measure.

It draws the polygons of ``data.load_district_geo()`` (inline GeoJSON features; for all of
Peru simplified by :func:`brechas_core.geometry.coarsen`) and looks up each district's values
by ``properties.ubigeo``: districts with a polygon but no row are drawn grey; districts
without a polygon are not on the map and the page lists them. Like the other live charts it
comes as a template (cached by the interface, with the polygons) and this run's values.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from brechas_core.i18n import N_, _

__all__ = [
    "MAP_MEASURES",
    "district_map",
    "district_map_data",
    "district_map_template",
]

#: Map colours: key -> (column, Spanish title (shown through ``_``), d3 format, colour scheme).
MAP_MEASURES = {
    "minimo": (
        "minimum_pct",
        N_("Mínimo garantizado que alcanza las metas (%)"),
        ",.1f",
        "purples",
    ),
    "brecha": (
        "gap_mean_pct",
        N_("Brecha promedio de agua, desagüe y electricidad, Censo 2017 (%)"),
        ",.2f",
        "reds",
    ),
    "soles": (
        "moved_soles",
        N_("Soles que la regla lleva a las brechas al año (estimación)"),
        ",.0f",
        "greens",
    ),
    "soles_hab": (
        "moved_per_capita",
        N_("Soles por habitante que la regla lleva a las brechas al año (estimación)"),
        ",.2f",
        "greens",
    ),
    "cobertura": (
        "coverage_end_mean_pct",
        N_("Cobertura promedio proyectada al final del horizonte (%, estimación)"),
        ",.2f",
        "blues",
    ),
}

_GAP_TOOLTIP = ("gap_mean_pct", N_("Brecha promedio, Censo 2017 (%)"), ",.2f")


def _rounded(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns a chart needs, numbers rounded to 2 decimals (keeps the spec light)."""
    out = frame[columns].copy()
    for c in columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(2)
    return out


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
    title = _(title)
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
    titles = {_GAP_TOOLTIP[0]: (_(_GAP_TOOLTIP[1]), _GAP_TOOLTIP[2]), column: (title, fmt)}
    tooltip = [alt.Tooltip("name:N", title=_("Distrito"))] + [
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
