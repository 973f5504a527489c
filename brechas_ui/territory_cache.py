"""Cached map polygons for the Territorios page (tables are cached in brechas_ui.cache).

The rule's results are recomputed from the scenario on every rerun; only shipped data is
cached.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from brechas_core import data, territory_charts


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
