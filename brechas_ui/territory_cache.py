"""Cached map polygons for the Territorios page (tables are cached in brechas_ui.cache).

The rule's results are recomputed from the scenario on every rerun; only shipped data is
cached.
"""

from __future__ import annotations

import streamlit as st

from brechas_core import data, territory_charts


@st.cache_resource(show_spinner=False)
def district_geo(department_code: str | None) -> dict:
    """Polygons of a department (two digits) or of all Peru (None, coarsened). Read-only."""
    geo = data.load_district_geo(department_code)
    return territory_charts.coarsen(geo, 3) if department_code is None else geo


@st.cache_resource(show_spinner=False)
def district_features(department_code: str | None, province_code: str | None = None) -> list:
    """The map's polygons (GeoJSON features) for Peru, a department or a province. Read-only."""
    features = district_geo(department_code)["features"]
    if province_code:
        features = [f for f in features if f["properties"]["ubigeo"][:4] == province_code]
    return features
