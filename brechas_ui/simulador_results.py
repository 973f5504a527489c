"""The Simulador's results in front: the rule in words, the headline figures, the statistics
one click away, and the details in tabs (the new shares, the projection, the alignment). The
Taller draws the same figures (``correlation_metric``, ``shares_chart``)."""

from __future__ import annotations

import streamlit as st

from brechas_core import charts, glossary, i18n
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.i18n import N_, _
from brechas_ui import across as across_alignment
from brechas_ui import open_tab, render

#: Before each of a rule's notices in the reading (what it moved, who paid).
NOTICE = ":blue[:material/info:]"


def reading(sim, *, printed: str = "") -> None:
    """The rule in one sentence, «¿El dinero sigue a la necesidad?», what the rule did (its
    notices) and, when it cannot be met, a warning; ``printed``, the lines only paper shows
    (brechas_ui.printing.print_text), goes with them."""
    infeasible = [t for t in sim.notices if not sim.feasible and "no es factible" in t]
    said = [t for t in sim.notices if t not in infeasible]
    # One element for all but the warning (issue 12: every element is re-sent on each
    # slider move, and a rule's notice is shown on nearly every one)
    st.markdown(
        "\n\n".join(
            [
                f"#### {glossary.spell_out_pp(sim.reading)}",
                # issue 14: the question in plain words
                glossary.money_follows_need(sim).headline,
                *(f"{NOTICE} {text}" for text in said),
                *([printed] if printed else []),
            ]
        )
    )
    for text in infeasible:
        st.warning(text, icon=":material/warning:")


def headline(sim, *, priority: bool) -> None:
    """The protected gaps' share after the rule, and the soles it moves a year."""
    target_name = _("Brechas prioritarias (juntas)") if priority else _("Funciones con brecha alta")
    # One row that wraps (brechas_ui.a11y gives each figure a least width): the layout of two
    # columns, phones included, in three elements where columns and a keyed container per
    # figure took seven; each is re-sent on every slider move (issue 12). Tests find the
    # figures in order in the keyed row: the protected gaps' share first.
    with st.container(horizontal=True, key="sim_cifras"):
        st.metric(
            target_name,
            pct(sim.target_after),
            pp(sim.target_after - sim.target_before),
            border=True,
            help=_("Línea base: {share} del presupuesto ejecutado.").format(
                share=pct(sim.target_before)
            ),
        )
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


def statistics_place():
    """The expander of :func:`statistics`, empty (issue 14: the statistics one click away).

    An explainer: not printed (brechas_ui.printing hides .st-key-sim_estadisticas). Its
    contents are drawn only while it is open (on_change="rerun"): a slider move pays for
    them only when someone reads them (issue 12, scale).
    """
    return st.expander(
        _(glossary.STATS_TITLE),
        icon=":material/functions:",
        key="sim_estadisticas",
        on_change="rerun",
    )


def statistics(stats, sim) -> None:
    """Spearman and Pearson after the rule, with a short explanation, in ``stats`` (from
    :func:`statistics_place`) while it is open."""
    if not stats.open:
        return
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


#: The key of the place :func:`shares` fills: its chart's, as :func:`render.live_chart`
#: would key it (tests find the chart there).
SHARES_PLACE = "grafico_sim_participaciones"


def shares_place(sim):
    """The heading of :func:`shares`, the keyed place for its chart and the table of the
    money moved, which the page draws on full runs (issue 12: no control changes the
    heading, and the table, drawn while open, makes a move rerun the page); returns the
    place the page's fragment fills."""
    st.subheader(_("Participación en el presupuesto: línea base y escenario"))
    place = st.container(key=SHARES_PLACE)
    render.moves_table(sim)
    return place


def shares(sim, *, priority: bool) -> None:
    """Each gap's (or function's) share, baseline and scenario (in :func:`shares_place`)."""
    item = _("Brecha") if priority else _("Función")
    shares_chart(sim, key="sim_participaciones", item=item, keyed=False)


def shares_chart(sim, *, key: str, item: str = "Brecha", keyed: bool = True) -> None:
    """The shares chart, baseline and scenario, of a simulation (Simulador and Taller); in
    a container keyed ``grafico_<key>`` unless the caller's place is keyed."""
    render.live_chart(
        charts.shares_template,
        (len(sim.columns["label"]), item),
        # Arrow bytes once per result and language (a value seen before costs nothing),
        # the result's shares written into the table's stream (charts.shares_ipc)
        sim.derived(("shares", i18n.language()), lambda: charts.shares_ipc(sim.columns)),
        key=key,
        keyed=keyed,
    )


# -- the details, one tab open at a time (issue 12, scale) ---------------------------------
# Only the open tab's section runs: a slider move redraws the headline and one section, not
# the three (the projection alone was half of a rerun's work, with its four charts, the need
# table and the reverse and sharing tools). On a phone or a projector the tabs also keep the
# headline and the open section on one screen. The headline above the tabs always shows the
# rule's main effect; the statistics are one click away.
DETAILS = (N_("Participaciones"), N_("Cobertura proyectada"), N_("Alineación"))
DETAILS_KEY = "sim_detalle"


def details_place(*, first: int = 0) -> tuple[int, object]:
    """The tabs of :data:`DETAILS`, empty; returns the open one's position and the tab,
    for the page to draw that one section in it (only the open one runs:
    brechas_ui.open_tab). Switching tabs reruns the page.

    ``first`` is the tab a session opens on until its user picks one (a link that asks
    «¿Qué mínimo necesito?» opens on the projection, where the answer is).
    """
    return open_tab.one_open(DETAILS, key=DETAILS_KEY, first=first)
