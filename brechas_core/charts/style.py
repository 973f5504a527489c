"""What every chart shares: the palette, the number format, the series colours, the item axis.

A chart here is an Altair object; :data:`Chart` names its type for code outside this package,
which never imports Altair itself (ruff bans it there).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
import pyarrow as pa

from brechas_core.projection import SERIES_LABELS

__all__ = ["COLORS", "PCT", "SERIES", "Chart", "item_axis", "series_colour", "with_data"]

#: Any chart a builder returns (``alt.Chart``, ``alt.LayerChart``, ``alt.FacetChart``...).
Chart = alt.TopLevelMixin

#: The two series the Simulador compares, in legend order.
SERIES = SERIES_LABELS

#: Palette readable on a projector and by colour-blind viewers (Okabe-Ito based).
COLORS = {
    "brecha": "#B3261E",
    "atencion": "#0072B2",
    "base": "#9E9E9E",
    "escenario": "#D55E00",
    "gana": "#009E73",
    "pierde": "#CC79A7",
}

#: d3 format of a percentage: comma thousands, dot decimal, as in MEF's reports.
PCT = ",.2f"


def with_data(template: Chart, datasets: Mapping[str, pa.Table | pd.DataFrame]):
    """A template chart with its named datasets attached (as records)."""
    return template.properties(
        datasets={
            name: t.to_pylist() if isinstance(t, pa.Table) else t.to_dict("records")
            for name, t in datasets.items()
        }
    )


def series_colour(
    series: Sequence[str], colours: Sequence[str], *, legend: bool = True
) -> alt.Color:
    """Field ``serie`` coloured in order (``colours[i]`` for ``series[i]``), legend on top.

    >>> series_colour(["A", "B"], ["#000", "#fff"]).to_dict()["scale"]
    {'domain': ['A', 'B'], 'range': ['#000', '#fff']}
    """
    return alt.Color(
        "serie:N",
        title=None,
        scale=alt.Scale(domain=list(series), range=list(colours)),
        legend=alt.Legend(orient="top") if legend else None,
    )


def item_axis() -> alt.Y:
    """One row per item (field ``label``), the largest gap (``gap_pct``) first.

    >>> item_axis().to_dict()["sort"]
    {'field': 'gap_pct', 'op': 'max', 'order': 'descending'}
    """
    return alt.Y(
        "label:N",
        sort=alt.EncodingSortField("gap_pct", op="max", order="descending"),
        title=None,
        axis=alt.Axis(labelLimit=320),
    )
