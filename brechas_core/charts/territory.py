"""A territory's charts besides the map: distributions by group, a ranking, and how many
municipalities need each minimum.

Plain functions that take the frames of :mod:`brechas_core.territory` and return Altair
charts. Number formats are d3's ``,.2f`` / ``,.0f`` (comma thousands, dot decimal), as in
MEF reports. The map is :mod:`brechas_core.charts.maps`.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from brechas_core.charts.style import COLORS
from brechas_core.i18n import _

__all__ = ["distribution_chart", "minimum_histogram", "ranking_bars"]


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
        Axis titles (in the run's language).
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
            alt.Tooltip("district:N", title=_("Distrito")),
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
        Title of the measure (in the run's language).

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
                alt.Tooltip("rank:Q", title=_("Puesto")),
                alt.Tooltip("label:N", title=_("Distrito")),
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
                title=_("Mínimo garantizado necesario (% del presupuesto ejecutado)"),
            ),
            y=alt.Y("count():Q", title=_("Municipalidades")),
            tooltip=[alt.Tooltip("count():Q", title=_("Municipalidades"))],
        )
        .properties(height=220)
    )
