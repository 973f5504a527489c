"""The Simulador's results in front: the rule in words, the headline figures, the statistics
one click away, and the new shares. The Taller draws the same figures (``correlation_metric``,
``shares_chart``)."""

from __future__ import annotations

import streamlit as st

from brechas_core import charts, glossary
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.i18n import _
from brechas_ui import across as across_alignment
from brechas_ui import render


def reading(sim) -> None:
    """The rule in one sentence, «¿El dinero sigue a la necesidad?», and the rule's notices."""
    st.markdown(f"#### {glossary.spell_out_pp(sim.reading)}")
    with st.container(key="sim_sigue_necesidad"):  # issue 14: the question in plain words
        st.markdown(glossary.money_follows_need(sim).headline)
    for text in sim.notices:
        if not sim.feasible and "no es factible" in text:
            st.warning(text, icon=":material/warning:")
        else:
            st.info(text, icon=":material/info:")


def headline(sim, *, priority: bool) -> None:
    """The protected gaps' share after the rule, and the soles it moves a year."""
    target_name = _("Brechas prioritarias (juntas)") if priority else _("Funciones con brecha alta")
    c1, c2 = st.columns(2)
    with c1, st.container(key="m_total_prioritarias"):
        st.metric(
            target_name,
            pct(sim.target_after),
            pp(sim.target_after - sim.target_before),
            border=True,
            help=_("Línea base: {share} del presupuesto ejecutado.").format(
                share=pct(sim.target_before)
            ),
        )
    with c2, st.container(key="m_soles_movidos"):
        st.metric(
            _("Reasignado al año"),
            soles(sim.top_up_soles),
            border=True,
            help=_(
                "{points} de un presupuesto ejecutado de {executed} (PIM × tasa de ejecución)."
            ).format(
                points=pp(sim.top_up_pct).lstrip("+"),
                executed=soles(sim.assumptions.executed_soles),
            ),
        )


def statistics(sim) -> None:
    """Spearman and Pearson after the rule, in an expander with a short explanation (issue
    14: the statistics one click away)."""
    with st.container(key="sim_estadisticas"):  # an explainer: not printed (brechas_ui.printing)
        stats = st.expander(_(glossary.STATS_TITLE), icon=":material/functions:")
    stats.markdown(_(glossary.STATS_EXPLAINED))
    stats.page_link("pages/glosario.py", label=_("Glosario"), icon=":material/dictionary:")
    c3, c4 = stats.columns(2)
    if sim.tested:
        with c3, st.container(key="m_spearman"):
            correlation_metric("Spearman ρ", sim.after.spearman, sim.before.spearman)
        with c4, st.container(key="m_pearson"):
            correlation_metric("Pearson r", sim.after.pearson, sim.before.pearson)
        return
    # Too few gaps for a test (a real territory has three): no statistic on three points.
    across = across_alignment.metric(sim)
    with c3, st.container(key="m_spearman"):
        if across is None:
            st.metric(
                _("Spearman ρ"),
                "—",
                border=True,
                help=_("Sin prueba: {why}").format(why=sim.alignment_words),
            )
        else:
            value, delta, why = across
            st.metric(_("ρ entre municipalidades"), value, delta, border=True, help=why)
    with c4, st.container(key="m_pearson"):
        st.metric(
            _("Prueba de correlación"),
            _("no aplica"),
            border=True,
            help=sim.alignment_words,
        )


def correlation_metric(label: str, after, before) -> None:
    """A correlation after the rule, its change from the baseline, and the test's decision."""
    st.metric(
        label,
        num(after.statistic, 3),
        f"{after.statistic - before.statistic:+.3f}",
        border=True,
        help=after.decision,
    )


def shares(sim, *, priority: bool) -> None:
    """Each gap's (or function's) share, baseline and scenario, and the money each moves."""
    st.subheader(_("Participación en el presupuesto: línea base y escenario"))
    shares_chart(sim, key="sim_participaciones", item=_("Brecha") if priority else _("Función"))
    render.moves_table(sim)


def shares_chart(sim, *, key: str, item: str = "Brecha") -> None:
    """The shares chart, baseline and scenario, of a simulation (Simulador and Taller)."""
    render.live_chart(
        charts.shares_template,
        (len(sim.items), item),
        charts.shares_data(sim.items),
        key=key,
    )
