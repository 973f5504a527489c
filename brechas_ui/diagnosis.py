"""Diagnóstico's sections: the study's sample, its headline figures, each table as a chart,
a scatter with its fitted line and a table, the reported vs recomputed figures, and how to
read them. Every number comes from brechas_core.study."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import charts, i18n, study
from brechas_core.fmt import num, pct
from brechas_core.i18n import N_, _
from brechas_core.memo import Memo
from brechas_ui import cache, open_tab, render
from brechas_ui.figures import Figure, figure_row


def sample_caption(reported: pd.Series) -> None:
    """Who the study covers, and its source."""
    st.caption(
        _(
            "{districts} municipalidades distritales de Puno · {projects} proyectos analizados "
            "({in_2021} en 2021, {in_2022} en 2022, {in_2023} en 2023, de los {population} "
            "proyectos ejecutados ese año, la población base de la muestra) · Fuente: Apaza "
            "et al. (2025), Tablas 2 y 3."
        ).format(
            districts=num(reported["n_districts"]),
            projects=num(reported["n_projects_total"]),
            in_2021=num(reported["n_projects_2021"]),
            in_2022=num(reported["n_projects_2022"]),
            in_2023=num(reported["n_projects_2023"]),
            population=num(reported["n_projects_population_2023"]),
        )
    )


def headline_figures(rep, reported: pd.Series) -> None:
    """The mean gap, the ten gaps' budget, and both correlations, recomputed."""
    figure_row(
        [
            Figure(
                _("Brecha prioritaria promedio"), pct(rep.mean_gap_pct), key="m_brecha_promedio"
            ),
            Figure(
                _("Presupuesto a las 10 brechas (juntas)"),
                pct(rep.priority_total_pct),
                _(
                    "El estudio informa {reported}: es el promedio por brecha ({mean}), no el "
                    "total."
                ).format(
                    reported=pct(reported["priority_budget_pct"]), mean=pct(rep.priority_mean_pct)
                ),
                "m_presupuesto_prioritario",
            ),
            Figure(
                _("Spearman ρ (Tabla 2)"), num(rep.spearman.statistic, 3), rep.spearman.decision
            ),
            Figure(
                _("Pearson r (Tabla 3)"),
                num(rep.pearson.statistic, 3),
                _("El estudio informa r = {r}.").format(r=num(reported["pearson_r"], 3))
                + " "
                + rep.pearson.decision,
            ),
        ]
    )


def table_tab(table, points, ols, decision: str, *, item: str, text: tuple, keys: tuple, **bar):
    """One of the study's tables: its bars (the study's figure), the scatter of ``points``
    with the fitted line, and the table. ``item`` names a row ("Brecha", "Función"),
    ``text`` heads the bars and the scatter, ``keys`` are the two charts' (texts marked with
    N_, shown in the run's language)."""
    item = _(item)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(_(text[0]))
        render.static_chart(
            keys[0], lambda: charts.gap_attention_bars(table, item_title=item, **bar), key=keys[0]
        )
    with right:
        st.markdown(_(text[1]))
        render.static_chart(keys[1], lambda: charts.gap_share_scatter(points, ols), key=keys[1])
        st.caption(
            _("Recta: participación = {a} + {b} × brecha (R² = {r2}).").format(
                a=num(ols.intercept, 2), b=num(ols.slope, 4), r2=num(ols.r2, 3)
            )
            + " "
            + decision
        )
    render.share_table(table, item)


#: How each of the study's tables is drawn: what a row is, the headings over its bars and
#: its scatter, the two charts' keys (brechas_ui.a11y describes them by these).
TABLES = (
    dict(
        item=N_("Brecha"),
        text=(
            N_("**Brecha y presupuesto que la atendió** (Figura 1 del estudio)"),
            N_("**¿Las brechas más grandes reciben más?**"),
        ),
        keys=("fig1", "disp_t2"),
    ),
    dict(
        item=N_("Función"),
        text=(
            N_("**Brecha por sector y presupuesto por función** (Figura 2 del estudio)"),
            N_("**¿Los sectores con más brecha reciben más?**"),
        ),
        keys=("fig2", "disp_t3"),
        share_title=N_("Presupuesto ejecutado en la función (%)"),
    ),
)


_NAMED: Memo[tuple] = Memo(8)


def _named(t2: pd.DataFrame, t3: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """Tables 2 and 3 with their rows' names (the data's, in Spanish:
    brechas_core.data_labels) in the run's language, and Table 3 numbered as in the study.

    Built once per table and language, not on every rerun; the same objects each time, so
    the drawn tables are converted once too (brechas_ui.render.share_table).
    """

    def build() -> tuple:
        named2 = t2.assign(label=[_(label) for label in t2["label"]])
        named3 = t3.assign(label=[_(label) for label in t3["label"]])
        numbered = named3.assign(label=named3["function_code"] + ". " + named3["label"])
        return named2, named3, numbered

    return _NAMED.get_for((t2, t3), i18n.language(), build)


#: The Diagnóstico's tabs: Table 2, Table 3, and the study's figures beside ours.
SECTIONS = (
    N_("Brechas prioritarias (Tabla 2)"),
    N_("Brechas por función (Tabla 3)"),
    N_("Reportado y recalculado"),
)
SECTIONS_KEY = "diag_detalle"


def tabs(t2, t3, rep) -> None:
    """Table 2, Table 3 (functions numbered as in the study) and reported vs recomputed;
    only the open tab is drawn (brechas_ui.open_tab: two charts and a table each, every
    one of them was sent on every rerun)."""
    opened, tab = open_tab.one_open(SECTIONS, key=SECTIONS_KEY)
    with tab:
        if opened == 2:
            reported_vs_recomputed()
            return
        t2, t3, numbered = _named(t2, t3)
        args = (
            (t2, t2, rep.ols_priority, rep.spearman.decision),
            (numbered, t3, rep.ols_functions, rep.pearson.decision),
        )[opened]
        table_tab(*args, **TABLES[opened])


def reported_vs_recomputed() -> None:
    """Every figure of the study beside the one its own tables give, and why they differ."""
    st.markdown(
        _(
            "Recalculamos cada cifra del estudio con sus propias tablas publicadas. Donde no "
            "coinciden, mostramos ambas y explicamos por qué."
        )
    )
    render.comparison(cache.comparison())


def how_to_read(rep) -> None:
    """What the figures say and what they do not."""
    with st.container(border=True, key="lectura"):
        st.markdown(_("#### Cómo leer estas cifras"))
        st.markdown(study.how_to_read(rep))
