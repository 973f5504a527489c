"""Altair charts of the Proyectos page (Table 2 on a territory's own projects)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from brechas_core.charts.style import COLORS
from brechas_core.i18n import _

__all__ = ["otros_by_district"]


def otros_by_district(
    frame: pd.DataFrame, *, title: str, overall_pct: float | None = None, top: int = 20
) -> alt.Chart | alt.LayerChart:
    """Share of each district's investment that went to ``otros``, most first.

    Parameters
    ----------
    frame : DataFrame
        :func:`brechas_core.portfolio.department_districts` (sorted by ``otros_pct``).
    title : str
        Axis title, in the run's language.
    overall_pct : float, optional
        The whole area's share, drawn as a vertical rule.

    Examples
    --------
    >>> df = pd.DataFrame({"district": ["a", "b"], "province": ["p", "p"],
    ...                    "otros_pct": [90.0, 40.0], "total": [1e6, 2e6]})
    >>> spec = otros_by_district(df, title="Otros (%)", overall_pct=60.0).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'rule']
    """
    head = frame.head(top).copy()
    head["label"] = head["district"] + " (" + head["province"] + ")"
    bars = (
        alt.Chart(head)
        .mark_bar(color=COLORS["base"])
        .encode(
            y=alt.Y(
                "label:N", sort=head["label"].tolist(), title=None, axis=alt.Axis(labelLimit=280)
            ),
            x=alt.X(
                "otros_pct:Q",
                title=title,
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(format=",.0f"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=_("Distrito")),
                alt.Tooltip("otros_pct:Q", title=title, format=",.2f"),
                alt.Tooltip("total:Q", title=_("Inversión en proyectos (S/)"), format=",.0f"),
            ],
        )
        .properties(height=28 * len(head) + 70)
    )
    if overall_pct is None:
        return bars
    rule = (
        alt.Chart(pd.DataFrame({"overall": [overall_pct]}))
        .mark_rule(color=COLORS["brecha"], strokeWidth=2, strokeDash=[6, 4])
        .encode(
            x="overall:Q",
            tooltip=[alt.Tooltip("overall:Q", title=_("Todo el territorio (%)"), format=",.2f")],
        )
    )
    return alt.layer(bars, rule)
