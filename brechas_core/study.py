"""An honest reproduction of the study's statistics from its own published tables.

Recomputed from Tables 2 and 3, not every figure is the one the paper reports. This module
recomputes each figure, sets it beside the reported one, and says in Spanish why they differ,
so that the interface can show both. Nothing here is hard-coded: recomputed values come from
``data/study_*.csv`` and the formulas in :mod:`brechas_core.stats`; reported values come from
``data/study_reported.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core import data, stats
from brechas_core.fmt import num, pct
from brechas_core.i18n import _

__all__ = [
    "Reproduction",
    "comparison_table",
    "how_to_read",
    "reproduce",
    "significance_explained",
    "ties_explained",
]


@dataclass(frozen=True)
class Reproduction:
    """Recomputed figures of the study, with the reported ones alongside.

    Attributes
    ----------
    spearman : CorrelationResult
        Table 2, gap vs attention, average ranks for ties (the exact rho).
    spearman_formula_rho, spearman_formula_t : float
        The study's formula (1), which assumes no ties, applied to the same ranks.
    pearson : CorrelationResult
        Table 3, sector gap vs share of the executed budget by function.
    ols_priority, ols_functions : OLSResult
        Least-squares line of budget share on gap size for each table.
    mean_gap_pct : float
        Mean of the ten priority gaps (Table 2).
    priority_total_pct, priority_mean_pct : float
        Sum and mean of the ten per-gap budget shares (Table 2).
    function_gap_mean_pct, function_share_mean_pct, function_share_sum_pct : float
        x̄ and ȳ of Table 3, and the sum of its share column.
    water_plus_sewage_pct, sanitation_function_pct : float
        Agua + Desagüe in Table 2, and function 18 Saneamiento in Table 3.
    reported : pandas.Series
        The study's reported figures by key.
    """

    spearman: stats.CorrelationResult
    spearman_formula_rho: float
    spearman_formula_t: float
    pearson: stats.CorrelationResult
    ols_priority: stats.OLSResult
    ols_functions: stats.OLSResult
    mean_gap_pct: float
    priority_total_pct: float
    priority_mean_pct: float
    function_gap_mean_pct: float
    function_share_mean_pct: float
    function_share_sum_pct: float
    water_plus_sewage_pct: float
    sanitation_function_pct: float
    n_tied_zero_shares: int
    reported: pd.Series


def reproduce(
    priority: pd.DataFrame | None = None,
    functions: pd.DataFrame | None = None,
    reported: pd.Series | None = None,
) -> Reproduction:
    """Recompute the study's statistics from its Tables 2 and 3.

    Parameters
    ----------
    priority, functions, reported : optional
        The study's tables; loaded from ``data/`` when omitted.

    Examples
    --------
    >>> rep = reproduce()
    >>> round(rep.spearman.statistic, 3), round(rep.spearman.t, 2)
    (0.265, 0.78)
    >>> round(rep.spearman_formula_rho, 3), round(rep.spearman_formula_t, 2)
    (0.309, 0.92)
    >>> round(rep.pearson.statistic, 3), round(rep.pearson.pvalue, 2)
    (-0.234, 0.38)
    """
    t2 = data.load_study_priority_gaps() if priority is None else priority
    t3 = data.load_study_functions() if functions is None else functions
    rep = data.load_study_reported() if reported is None else reported
    alpha = float(rep.get("alpha", 0.05))

    gap2 = t2["gap_pct"].to_numpy(float)
    share2 = t2["attention_pct"].to_numpy(float)
    gap3 = t3["gap_pct"].to_numpy(float)
    share3 = t3["attention_pct"].to_numpy(float)

    rho_formula = stats.spearman_no_ties_formula(gap2, share2)
    by_code = t3.set_index("function_code")["attention_pct"]
    by_gap = t2.set_index("gap_id")["attention_pct"]
    return Reproduction(
        spearman=stats.spearman(gap2, share2, alpha),
        spearman_formula_rho=rho_formula,
        spearman_formula_t=float(stats.t_from_r(rho_formula, len(gap2))),
        pearson=stats.pearson(gap3, share3, alpha),
        ols_priority=stats.ols(gap2, share2),
        ols_functions=stats.ols(gap3, share3),
        mean_gap_pct=float(gap2.mean()),
        priority_total_pct=float(share2.sum()),
        priority_mean_pct=float(share2.mean()),
        function_gap_mean_pct=float(gap3.mean()),
        function_share_mean_pct=float(share3.mean()),
        function_share_sum_pct=float(share3.sum()),
        water_plus_sewage_pct=float(by_gap.get("agua", np.nan) + by_gap.get("desague", np.nan)),
        sanitation_function_pct=float(by_code.get("18", np.nan)),
        n_tied_zero_shares=int(np.sum(share2 == 0)),
        reported=rep,
    )


def how_to_read(rep: Reproduction) -> str:
    """What the study's figures say and what they do not, in the run's language (Markdown
    list).

    Examples
    --------
    >>> how_to_read(reproduce()).splitlines()[0][:44]
    '- **Lo que dicen.** En los distritos estudia'
    """
    return _(
        "- **Lo que dicen.** En los distritos estudiados, las brechas prioritarias son\n"
        "  grandes (en promedio {mean_gap}) y reciben poco: las diez juntas, el\n"
        "  {total} del presupuesto ejecutado. Varias no recibieron nada.\n"
        "- **La alineación.** Si el dinero siguiera a la necesidad, las brechas más grandes\n"
        "  recibirían más y la correlación sería positiva y significativa. No lo es: ρ =\n"
        "  {rho} entre brechas prioritarias y r =\n"
        "  {r} entre sectores, ambas lejos de la significancia.\n"
        "- **Lo que no dicen.** Son promedios de 13 distritos no identificados: no describen a un\n"
        "  distrito en particular. Una correlación baja muestra desalineación, no su causa.\n"
        "  Y una brecha no se cierra solo con dinero: también importan el costo por persona y la\n"
        "  capacidad de ejecutar el gasto (vea el simulador).\n"
    ).format(
        mean_gap=pct(rep.mean_gap_pct),
        total=pct(rep.priority_total_pct),
        rho=num(rep.spearman.statistic, 3),
        r=num(rep.pearson.statistic, 3),
    )


def _agrees(reported: float, recomputed: float, decimals: int) -> bool:
    return bool(round(abs(reported - recomputed), decimals) <= 0.5 * 10**-decimals)


def comparison_table(rep: Reproduction | None = None) -> pd.DataFrame:
    """The study's figures beside the ones its own tables give, with the reason, in the run's
    language.

    Returns
    -------
    DataFrame
        ``cifra, reportado, recalculado, coincide, explicacion``, one row per figure; the
        value columns are already formatted text for display.

    Examples
    --------
    >>> table = comparison_table()
    >>> agrees = table.set_index("cifra")["coincide"]
    >>> bool(agrees["Brecha prioritaria promedio"]), bool(agrees["Pearson r (Tabla 3)"])
    (True, False)
    """
    rep = rep or reproduce()
    r = rep.reported
    sp, pe = rep.spearman, rep.pearson
    rows = [
        (
            _("Brecha prioritaria promedio"),
            pct(r["mean_priority_gap_pct"]),
            pct(rep.mean_gap_pct),
            _agrees(r["mean_priority_gap_pct"], rep.mean_gap_pct, 2),
            _("Es el promedio simple de las diez brechas de la Tabla 2."),
        ),
        (
            _("Presupuesto destinado a las brechas prioritarias"),
            pct(r["priority_budget_pct"]),
            _("{mean} (promedio por brecha); {total} (las diez juntas)").format(
                mean=pct(rep.priority_mean_pct), total=pct(rep.priority_total_pct)
            ),
            _agrees(r["priority_budget_pct"], rep.priority_mean_pct, 2),
            _(
                "El {reported} es el promedio de las diez participaciones de la Tabla 2. Juntas, "
                "las diez brechas recibieron el {total} del presupuesto: agua + desagüe suman "
                "{water_sewage}, casi el {sanitation} de la función Saneamiento en la Tabla 3, lo "
                "que indica que cada valor es una parte del presupuesto total."
            ).format(
                reported=pct(r["priority_budget_pct"]),
                total=pct(rep.priority_total_pct),
                water_sewage=pct(rep.water_plus_sewage_pct),
                sanitation=pct(rep.sanitation_function_pct),
            ),
        ),
        (
            _("Spearman t (Tabla 2)"),
            num(r["spearman_t"], 2),
            _("{t} (ρ = {rho}, rangos promedio)").format(t=num(sp.t, 2), rho=num(sp.statistic, 3)),
            _agrees(r["spearman_t"], sp.t, 2),
            _(
                "Con rangos promedio para los {ties} ceros empatados, ρ = {rho} y t = {t}. La "
                "fórmula (1) del estudio, que supone que no hay empates, da ρ = {formula_rho} y "
                "t = {formula_t}. Ninguna da el t = {reported} reportado, ni su signo negativo. "
                "La conclusión no cambia: |t| < {critical}, no hay correlación significativa al "
                "{alpha}."
            ).format(
                ties=rep.n_tied_zero_shares,
                rho=num(sp.statistic, 3),
                t=num(sp.t, 2),
                formula_rho=num(rep.spearman_formula_rho, 3),
                formula_t=num(rep.spearman_formula_t, 2),
                reported=num(r["spearman_t"], 2),
                critical=num(sp.t_critical, 3),
                alpha=pct(100 * sp.alpha, 0),
            ),
        ),
        (
            _("Valor crítico de t (gl = 8, α = 0.05)"),
            num(r["spearman_t_critical"], 3),
            num(sp.t_critical, 3),
            _agrees(r["spearman_t_critical"], sp.t_critical, 3),
            _("Cuantil bilateral de la t de Student con n − 2 = 8 grados de libertad."),
        ),
        (
            _("Pearson r (Tabla 3)"),
            num(r["pearson_r"], 3),
            _("{r} (p = {p})").format(r=num(pe.statistic, 3), p=num(pe.pvalue, 2)),
            _agrees(r["pearson_r"], pe.statistic, 3),
            _(
                "Con los 16 pares publicados en la Tabla 3, r = {r}, una correlación negativa "
                "débil y no significativa. El r reportado no se puede obtener de la tabla "
                "publicada; probablemente se calculó con datos por distrito que no se publicaron."
            ).format(r=num(pe.statistic, 3)),
        ),
        (
            _("Promedio de brecha por sector (x̄)"),
            pct(r["pearson_x_mean_pct"]),
            pct(rep.function_gap_mean_pct),
            _agrees(r["pearson_x_mean_pct"], rep.function_gap_mean_pct, 2),
            _("Promedio simple de la columna de brechas de la Tabla 3."),
        ),
        (
            _("Promedio de atención por función (ȳ)"),
            pct(r["pearson_y_mean_pct"]),
            pct(rep.function_share_mean_pct),
            _agrees(r["pearson_y_mean_pct"], rep.function_share_mean_pct, 2),
            _(
                "La columna de atención suma {sum}, así que su promedio es {sum} / 16 = {mean}."
            ).format(sum=pct(rep.function_share_sum_pct), mean=pct(rep.function_share_mean_pct)),
        ),
    ]
    return pd.DataFrame(
        rows, columns=["cifra", "reportado", "recalculado", "coincide", "explicacion"]
    )


# -- how the reproduction is computed, in Spanish (Metodología) --------------------------------


def ties_explained(rep: Reproduction) -> str:
    """Why the exact rho is Pearson's r of average ranks (Table 2 has tied zeros)."""
    return _(
        "Con empates (la Tabla 2 tiene {n} participaciones en cero), la definición exacta es el "
        "coeficiente de Pearson de los rangos promedio; es la que usamos. Pearson (fórmula (2)) "
        "y la prueba t, con n − 2 grados de libertad:"
    ).format(n=rep.n_tied_zero_shares)


def significance_explained(rep: Reproduction) -> str:
    """When the null hypothesis is rejected, and how the least-squares line is fitted."""
    return _(
        "Se rechaza la hipótesis nula de no correlación cuando |t| supera el valor crítico "
        "bilateral de la t de Student (para gl = 8 y α = 0.05, {t})."
        " La recta de mínimos cuadrados (participación = a + b × brecha) se ajusta con "
        "scikit-learn (LinearRegression); R² es la proporción de la varianza explicada."
    ).format(t=num(rep.spearman.t_critical, 3))
