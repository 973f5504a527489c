"""The Taller board's chart: where the room's proposed minimums fall, and their median."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import altair as alt

from brechas_core.charts.style import COLORS
from brechas_core.fmt import pct
from brechas_core.i18n import _

__all__ = ["minimums_data", "minimums_template"]


def minimums_template():
    """Dots of the proposed minimums on a 0-100 % axis (one per proposal, stacked in 2.5-point
    bins), with the room's median as a vertical line. Reads datasets ``minimos`` (``minimo,
    bin, n``) and ``mediana`` (``bin, texto``): see :func:`minimums_data`."""
    axis_x = alt.X(
        "bin:Q",
        title=_("Mínimo propuesto (% del presupuesto ejecutado)"),
        scale=alt.Scale(domain=[0, 100]),
    )
    dots = (
        alt.Chart(alt.NamedData("minimos"))
        .mark_circle(size=260, color=COLORS["atencion"], opacity=0.85)
        .encode(
            x=axis_x,
            y=alt.Y("n:Q", title=_("Propuestas"), axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("minimo:Q", title=_("Mínimo (%)"), format=".1f")],
        )
    )
    rule = (
        alt.Chart(alt.NamedData("mediana"))
        .mark_rule(color=COLORS["brecha"], strokeWidth=3)
        .encode(x=alt.X("bin:Q", scale=alt.Scale(domain=[0, 100])))
    )
    label = rule.mark_text(
        align="left", dx=6, dy=-8, fontSize=16, color=COLORS["brecha"], baseline="top"
    ).encode(text="texto:N", y=alt.value(0))
    return (dots + rule + label).properties(height=200)


def minimums_data(minimums: Sequence[float], median: float | None) -> dict[str, list[dict]]:
    """Datasets for :func:`minimums_template`.

    >>> d = minimums_data([30, 31, 40], 31)
    >>> [(r["bin"], r["n"]) for r in d["minimos"]], d["mediana"][0]["texto"]
    ([(31.25, 1), (31.25, 2), (41.25, 1)], 'Mediana: 31.0 %')
    """
    values = [float(v) for v in minimums]
    seen: Counter = Counter()
    dots = []
    for v in values:
        b = math.floor(v / 2.5) * 2.5 + 1.25
        seen[b] += 1
        dots.append({"minimo": v, "bin": b, "n": seen[b]})
    median_rows = (
        []
        if median is None
        else [{"bin": median, "texto": _("Mediana: {value}").format(value=pct(median, 1))}]
    )
    return {"minimos": dots, "mediana": median_rows}
