"""The Simulador's «Alineación entre necesidad y dinero»: the scatter with its least-squares
line, and from which minimum money follows need (or, with too few gaps for a test, the
alignment in words and across municipalities)."""

from __future__ import annotations

import streamlit as st

from brechas_core import charts
from brechas_core.fmt import num, pct
from brechas_core.i18n import N_, _
from brechas_ui import across as across_alignment
from brechas_ui import render

#: Why a territory's figures are a sum, and where each district is.
PER_MUNICIPALITY = N_(
    "En un territorio la regla se aplica al presupuesto de cada municipalidad por separado; "
    "las cifras de arriba son la suma. Vea cada distrito en la página Territorios."
)


def alignment(scenario, sim) -> None:
    st.subheader(_("Alineación entre necesidad y dinero"))
    if not sim.tested:
        _in_words(sim)
        return
    left, right = st.columns(2)
    with left:
        st.markdown(_("**Brecha y participación, con la recta de mínimos cuadrados**"))
        render.alignment_scatter(sim, key="sim_dispersion")
        st.caption(
            _("Línea base: {before} Escenario: {after}").format(
                before=sim.before.spearman.decision, after=sim.after.spearman.decision
            )
        )
    with right:
        if sim.curve is None:
            st.markdown(_("**La regla en cada municipalidad**"))
            st.caption(_(PER_MUNICIPALITY))
        else:
            _minimum_curve(scenario, sim)


def _in_words(sim) -> None:
    """Too few gaps for a test: the alignment in words, and across municipalities."""
    with st.container(key="sim_alineacion_en_palabras"):
        st.markdown(sim.alignment_words)
        across_alignment.table(sim)
        st.caption(
            _(PER_MUNICIPALITY)
            if sim.territory is not None and sim.territory.summary.n_municipalities > 1
            else _(
                "Para ver si el dinero sigue a la necesidad hacen falta más puntos: compare "
                "distritos en la página Territorios."
            )
        )


def _minimum_curve(scenario, sim) -> None:
    """«¿Desde qué mínimo el dinero sigue a la necesidad?»: rho and r for every minimum."""
    st.markdown(_("**¿Desde qué mínimo el dinero sigue a la necesidad?**"))
    render.live_chart(
        charts.minimum_curve_template,
        (),
        charts.minimum_curve_data(
            sim.curve,
            current=scenario.minimum_pct,
            r_critical=sim.r_critical,
            smallest=sim.smallest_rho,
        ),
        key="sim_curva",
    )

    def since(value):
        return _("nunca") if value is None else _("desde {minimum}").format(minimum=pct(value, 2))

    st.caption(
        _(
            "Con las demás opciones como están, la correlación es positiva y significativa "
            "(α = 0.05, umbral {threshold}): por Spearman {first_rho}, por Pearson {first_r} "
            "de mínimo garantizado. La línea discontinua marca mínimos no factibles."
        ).format(
            threshold=num(sim.r_critical, 3),
            first_rho=since(sim.smallest_rho),
            first_r=since(sim.smallest_r),
        )
    )
