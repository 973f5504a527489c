"""Unit costs per district: the band spans urban and rural figures, and the district's
rurality picks the central value.

``data/unit_costs.csv`` gives, per projectable gap, a band (``cost_low``-``cost_high``) that
spans the public urban and rural figures, and the two ends ``cost_urban`` and ``cost_rural``.
A district's central cost is

    ``central = cost_urban + w * (cost_rural - cost_urban)``

with ``w`` its rural weight, 0 (urban) to 1 (rural).

**Rurality.** The shipped data do not carry the census's rural population share per district
(``indicadores-distrito.json`` has coverage, poverty, HDI and altitude; ``ubigeo_distrito.csv``
has the 2020 population density). So ``w`` is approximated from the density, on a log scale:
1 at or below :data:`RURAL_DENSITY` inhabitants per km², 0 at or above
:data:`URBAN_DENSITY`, linear in ``log10(density)`` between. This is an assumption of the
project, said so wherever it is used; where the density is unknown the national reference
``cost_central`` is used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from brechas_core.fmt import num
from brechas_core.i18n import N_, _

__all__ = [
    "METHOD",
    "RURALITY_NOTE",
    "RURAL_DENSITY",
    "URBAN_DENSITY",
    "band_explained",
    "district_costs",
    "rural_weight",
]

#: Density (inhabitants per km², 2020) at or below which a district counts as fully rural.
RURAL_DENSITY = 10.0
#: Density at or above which a district counts as fully urban (Puno city: 317; Juliaca: 518).
URBAN_DENSITY = 300.0

#: One sentence for the interface and Metodología (``RURALITY_TEXT`` is its text for the
#: catalogue: draw it with :func:`rurality_note`).
RURALITY_TEXT = N_(
    "El costo central de cada distrito va del valor urbano al rural según su ruralidad. Los "
    "datos del proyecto no traen la población rural del censo por distrito, así que la "
    "ruralidad se aproxima con la densidad de población 2020 (INEI): rural hasta "
    "{rural} hab/km², urbano desde {urban} hab/km², y proporcional "
    "al logaritmo de la densidad entre ambos. Es un supuesto del proyecto."
)
RURALITY_NOTE = RURALITY_TEXT.format(rural=f"{RURAL_DENSITY:,.0f}", urban=f"{URBAN_DENSITY:,.0f}")


def rurality_note() -> str:
    """:data:`RURALITY_NOTE` in the run's language."""
    return _(RURALITY_TEXT).format(rural=num(RURAL_DENSITY), urban=num(URBAN_DENSITY))


def band_explained(weight: float) -> str:
    """What the projection's band means, for a place of this rural weight (NaN: unknown).

    Examples
    --------
    >>> band_explained(0.866).split("(")[-1]
    'índice 0.87, de 0 urbano a 1 rural, aproximado con su densidad de población).'
    >>> "ruralidad" in band_explained(float("nan"))
    False
    """
    if weight != weight:  # NaN: the national reference costs
        return _(
            "La banda va del costo unitario bajo (cierra antes) al alto. Los costos por "
            "persona son **supuestos** que usted puede cambiar (vea Metodología)."
        )
    return _(
        "La banda va del costo unitario bajo (cierra antes, cifras urbanas) al alto (cifras "
        "rurales). Los costos por persona son **supuestos** que usted puede cambiar, "
        "calculados con montos públicos de obras (vea Metodología); el central depende de "
        "la ruralidad del lugar (índice {index}, de 0 urbano a 1 rural, aproximado con su "
        "densidad de población)."
    ).format(index=num(weight, 2))


def rural_weight(density_km2: ArrayLike) -> np.ndarray:
    """Rural weight 0-1 from the population density; NaN where the density is unknown.

    Examples
    --------
    >>> rural_weight([5.0, 10.0, 300.0, 18063.0]).tolist()
    [1.0, 1.0, 0.0, 0.0]
    >>> round(float(rural_weight(15.75)), 3)  # the typical Puno district
    0.866
    >>> bool(np.isnan(rural_weight(float("nan"))))
    True
    """
    d = np.asarray(density_km2, dtype=float)
    lo, hi = np.log10(RURAL_DENSITY), np.log10(URBAN_DENSITY)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = (hi - np.log10(np.where(d > 0, d, RURAL_DENSITY))) / (hi - lo)
    return np.where(np.isnan(d), np.nan, np.clip(w, 0.0, 1.0))


def district_costs(
    unit_costs: pd.DataFrame,
    ids,
    weight: ArrayLike = np.nan,
    overrides: dict | None = None,
) -> np.ndarray:
    """Low, central and high unit cost of each gap for each district, shape (3, ..., g).

    Parameters
    ----------
    unit_costs : DataFrame
        :func:`brechas_core.data.load_unit_costs`.
    ids : sequence of str
        Projectable gap ids, in the order wanted.
    weight : array_like, shape (...) or scalar
        Rural weight of each district (:func:`rural_weight`); NaN uses the national
        reference ``cost_central``.
    overrides : dict, optional
        User central costs by gap id: they replace the central value everywhere and scale the
        band by ``user / central`` (the central value they replace).

    Examples
    --------
    >>> from brechas_core import data
    >>> u = data.load_unit_costs()
    >>> district_costs(u, ["agua"], [1.0, 0.0, float("nan")])[1].ravel().tolist()
    [4550.0, 1500.0, 3400.0]
    >>> district_costs(u, ["agua"], float("nan"), {"agua": 6800.0})[:, 0].tolist()
    [3000.0, 6800.0, 18200.0]
    """
    c = unit_costs.set_index("gap_id").loc[list(ids)]
    low, central, high, urban, rural = (
        c[k].to_numpy(float)
        for k in ("cost_low", "cost_central", "cost_high", "cost_urban", "cost_rural")
    )
    w = np.asarray(weight, dtype=float)[..., None]
    picked = np.where(np.isnan(w), central, urban + np.nan_to_num(w) * (rural - urban))
    overrides = overrides or {}
    user = np.array([overrides.get(i, np.nan) for i in ids], dtype=float)
    scale = np.where(np.isnan(user), 1.0, user / picked)
    mid = np.where(np.isnan(user), picked, user)
    shape = mid.shape
    return np.stack(
        [np.broadcast_to(low * scale, shape), mid, np.broadcast_to(high * scale, shape)]
    )


#: Where the unit costs come from, and that they are assumptions (Metodología).
METHOD_TEXT = N_(
    "**Costos por persona.** No se encontró un costo oficial por persona («línea de corte»). "
    "Para agua, desagüe y electricidad, las cifras salen de montos públicos de obras (MVCS, "
    "MINEM) divididos por sus beneficiarios: la división es del proyecto. La banda (bajo a "
    "alto) abarca las cifras urbanas y rurales; un distrito rural está cerca del extremo alto. "
    "La anemia sigue siendo un supuesto ilustrativo. Todos son **supuestos** que usted puede "
    "cambiar en el simulador."
)
METHOD = METHOD_TEXT + " " + RURALITY_NOTE


def method() -> str:
    """:data:`METHOD` in the run's language."""
    return _(METHOD_TEXT) + " " + rurality_note()
