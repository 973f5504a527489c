"""The alignment across municipalities, in front when a territory's three gaps are too few
for a test (issue 8, item 9): soles per inhabitant vs the mean gap, n = districts. On the
Simulador (``metric``, ``table``) and on Territorios (``districts_section``)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from brechas_core.fmt import num
from brechas_core.i18n import N_, _
from brechas_core.territory import alignment_table
from brechas_core.territory.views import ACROSS_DISTRICTS_NOTE, alignment_columns
from brechas_ui import phone_tables
from brechas_ui.render import _markdown_table

MOMENTS = {"base": N_("Línea base"), "escenario": N_("Escenario")}
METHODS = {"spearman": "Spearman ρ", "pearson": "Pearson r"}


def _rows(sim):
    t = sim.territory
    if t is None or t.summary.n_municipalities < 2 or t.alignment.empty:
        return None
    return t.alignment[t.alignment["measure"] == "per_capita"]


def metric(sim) -> tuple[str, str, str] | None:
    """(value, delta, help) of Spearman's rho across municipalities, or None."""
    rows = _rows(sim)
    if rows is None:
        return None
    rho = rows[rows["method"] == "spearman"].set_index("moment")
    before, after = float(rho.at["base", "statistic"]), float(rho.at["escenario", "statistic"])
    if not (np.isfinite(before) and np.isfinite(after)):
        return "—", None, str(rho.at["base", "decision"])
    n = int(rho.at["escenario", "n"])
    return (
        num(after, 3),
        f"{after - before:+.3f}",
        _(
            "Soles por habitante para las brechas frente a la brecha promedio, n = {n} "
            "municipalidades. {decision}"
        ).format(n=num(n), decision=rho.at["escenario", "decision"]),
    )


def table(sim) -> None:
    """Both tests across municipalities, before and after (nothing for a single one)."""
    rows = _rows(sim)
    if rows is None:
        return
    body = [
        [
            _(MOMENTS[r.moment]) if r.moment in MOMENTS else r.moment,
            METHODS.get(r.method, r.method),
            num(r.statistic, 3) if np.isfinite(r.statistic) else "—",
            num(r.n),
            str(r.decision),
        ]
        for r in rows.itertuples(index=False)
    ]
    st.markdown(
        _markdown_table(
            [_("Momento"), _("Prueba"), _("Coeficiente"), "n", _("Decisión")], body, "llrrl"
        )
    )


def districts_section(context) -> None:
    """Territorios: «¿Los distritos con más brecha reciben más?», every test across them."""
    st.subheader(_("¿Los distritos con más brecha reciben más?"))
    _measure, moment, test, coefficient, _t, _n, decision = alignment_columns()
    phone_tables.table(
        alignment_table(context),
        (moment, test, coefficient, decision),
        key="t_alineacion",
        hide_index=True,
        width="stretch",
    )
    st.caption(_(ACROSS_DISTRICTS_NOTE))
