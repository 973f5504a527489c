"""District polygons (GeoJSON): simplification for drawing all of Peru at once.

The polygons come from :func:`brechas_core.data.load_district_geo`; the map that draws them
is :mod:`brechas_core.charts.maps`.
"""

from __future__ import annotations

__all__ = ["coarsen"]


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
