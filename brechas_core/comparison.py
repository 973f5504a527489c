"""Several scenarios side by side (A-D): the figures a reader compares, and what differs.

:func:`table` gives one row per figure (soles moved, each gap's share, years to close each
projectable gap, alignment, feasibility) and one column per scenario, as numbers and as the
text the interface shows; :func:`differs` marks the cells that differ from scenario A.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from brechas_core.describe import rule_text
from brechas_core.export.frames import Entry
from brechas_core.fmt import num, pct, pp, soles, years_to_close
from brechas_core.i18n import _
from brechas_core.scenario import year_label

__all__ = ["Table", "differs", "projection_long", "shares_long", "table"]


class Table:
    """The comparison: ``numbers`` (floats; NaN for text rows) and ``text`` (as shown),
    both indexed by the figure's Spanish name, one column per scenario."""

    def __init__(self, numbers: pd.DataFrame, text: pd.DataFrame):
        self.numbers = numbers
        self.text = text


def table(entries: Sequence[Entry]) -> Table:
    """The figures of each scenario, in the order a reader compares them.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import load_inputs, simulate
    >>> inputs = load_inputs()
    >>> entries = [Entry(n, s, simulate(s, inputs), "Estudio") for n, s in
    ...            (("A", Scenario(minimum_pct=30)), ("B", Scenario(minimum_pct=50)))]
    >>> t = table(entries)
    >>> t.text.loc["Brechas juntas con la regla", "B"]
    '50.00 %'
    >>> bool(differs(t).loc["Brechas juntas con la regla", "B"])
    True
    """
    rows: list[tuple[str, list[float], list[str]]] = []

    def add(name: str, values: list[float], fmt) -> None:
        rows.append((name, values, [fmt(v) if v is not None else "—" for v in values]))

    def text_row(name: str, values: list[str]) -> None:
        rows.append((name, [np.nan] * len(values), values))

    def yes_no(v) -> str:
        return _("sí") if v else _("no")

    text_row(_("Territorio"), [f"{e.place} · {year_label(e.scenario.year)}" for e in entries])
    text_row(_("Regla"), [rule_text(e.scenario) for e in entries])
    sims = [e.sim for e in entries]
    add(_("Brechas juntas, línea base"), [s.target_before for s in sims], pct)
    add(_("Brechas juntas con la regla"), [s.target_after for s in sims], pct)
    add(_("Aumento para las brechas"), [s.top_up_pct for s in sims], pp)
    add(_("Soles movidos al año"), [s.top_up_soles for s in sims], soles)
    add(_("Factible"), [float(s.feasible) for s in sims], yes_no)
    add(
        _("Spearman ρ con la regla"),
        [s.after.spearman.statistic for s in sims],
        lambda v: num(v, 3),
    )
    add(_("Pearson r con la regla"), [s.after.pearson.statistic for s in sims], lambda v: num(v, 3))
    add(
        _("Alineación significativa (ρ)"),
        [float(s.after.spearman.significant) for s in sims],
        yes_no,
    )
    labels: list[str] = []
    for s in sims:
        labels += [x for x in s.items["label"] if x not in labels]
    for label in labels:
        values = []
        for s in sims:
            match = s.items.loc[s.items["label"] == label, "scenario_pct"]
            values.append(float(match.iloc[0]) if len(match) else None)
        add(_("{label}: participación con la regla").format(label=_(label)), values, pct)
    gaps: list[str] = []
    for s in sims:
        if s.projection_summary is not None:
            gaps += [x for x in s.projection_summary["label"] if x not in gaps]
    for label in gaps:
        values = []
        for s in sims:
            summary = s.projection_summary
            match = (
                summary.loc[summary["label"] == label, "years_scenario"]
                if summary is not None
                else []
            )
            values.append(float(match.iloc[0]) if len(match) else None)
        add(_("{label}: años para cerrar la brecha").format(label=_(label)), values, years_to_close)
    names = [e.name for e in entries]
    index = [r[0] for r in rows]
    numbers = pd.DataFrame(
        [[np.nan if v is None else v for v in r[1]] for r in rows], index=index, columns=names
    )
    text = pd.DataFrame([r[2] for r in rows], index=index, columns=names)
    return Table(numbers, text)


def differs(t: Table) -> pd.DataFrame:
    """True where a scenario's figure differs from scenario A's (text rows by their text)."""
    first_num = t.numbers.iloc[:, [0]].to_numpy()
    num_diff = ~np.isclose(t.numbers.to_numpy(), first_num, rtol=0, atol=5e-5, equal_nan=True)
    text_diff = t.text.to_numpy() != t.text.iloc[:, [0]].to_numpy()
    numeric_rows = t.numbers.notna().any(axis=1).to_numpy()[:, None]
    out = np.where(numeric_rows, num_diff, text_diff)
    out[:, 0] = False
    return pd.DataFrame(out, index=t.numbers.index, columns=t.numbers.columns)


def shares_long(entries: Sequence[Entry]) -> pd.DataFrame:
    """Each item's share at baseline (once) and under each scenario: ``label, gap_pct,
    serie, valor`` for the overlaid bars (names in the run's language)."""
    first = entries[0].sim.items
    frames = [
        pd.DataFrame(
            {
                "label": [_(x) for x in first["label"]],
                "gap_pct": first["gap_pct"],
                "serie": _("Línea base"),
                "valor": first["baseline_pct"],
            }
        )
    ]
    for e in entries:
        it = e.sim.items
        frames.append(
            pd.DataFrame(
                {
                    "label": [_(x) for x in it["label"]],
                    "gap_pct": it["gap_pct"],
                    "serie": e.name,
                    "valor": it["scenario_pct"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def projection_long(entries: Sequence[Entry]) -> pd.DataFrame:
    """Projected gap (central cost) per year: baseline (from A) and each scenario (names in
    the run's language)."""
    out = []
    have = [e for e in entries if e.sim.projection is not None]
    for k, e in enumerate(have):
        p = e.sim.projection
        series = ["Línea base", "Escenario"] if k == 0 else ["Escenario"]
        part = p[p["serie"].isin(series)][["brecha", "year", "serie", "central"]].copy()
        part["serie"] = part["serie"].replace({"Escenario": e.name, "Línea base": _("Línea base")})
        part["brecha"] = [_(x) for x in part["brecha"]]
        out.append(part)
    if not out:
        return pd.DataFrame(columns=["brecha", "year", "serie", "central"])
    return pd.concat(out, ignore_index=True)
