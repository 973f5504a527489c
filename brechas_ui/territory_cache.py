"""Cached loading for the Territorios page: tables and polygons read once per process.

Only shipped data and the per-year district frame (a pure function of the data files) are
cached; the rule's results are recomputed from the scenario on every rerun.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from brechas_core import data, territory, territory_charts


@st.cache_resource(show_spinner=False)
def districts() -> pd.DataFrame:
    return data.load_districts()


@st.cache_resource(show_spinner=False)
def unit_costs() -> pd.DataFrame:
    return data.load_unit_costs()


@st.cache_resource(show_spinner=False)
def district_frame(year: str) -> pd.DataFrame:
    """Every municipality of Peru for a year ("promedio", "2021", ...), with estimated shares."""
    return territory.district_frame(
        year,
        municipalities=data.load_municipalities(),
        districts=districts(),
        functions=data.load_functions_by_department(),
    )


@st.cache_resource(show_spinner=False)
def district_geo(department_code: str | None) -> dict:
    """Polygons of a department (two digits) or of all Peru (None, coarsened). Read-only."""
    geo = data.load_district_geo(department_code)
    return territory_charts.coarsen(geo, 3) if department_code is None else geo


@st.cache_resource(show_spinner=False)
def district_shapes(
    department_code: str | None, province_code: str | None = None
) -> alt.InlineData:
    """The map's polygons as a reusable inline dataset: Peru, a department or a province."""
    geo = district_geo(department_code)
    if province_code:
        features = [f for f in geo["features"] if f["properties"]["ubigeo"][:4] == province_code]
        geo = {"type": "FeatureCollection", "features": features}
    return territory_charts.geo_data(geo)
