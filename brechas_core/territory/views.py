"""What the views show of a territory under the rule: rankings, spreads, one district.

Summaries of a :class:`~brechas_core.territory.apply.TerritoryResult` for the Territorios
page and the Simulador: who gains and who loses (:func:`ranking`), the spread of a measure
by province, department or size class (:func:`distribution`, :func:`group_values`), one
municipality's profile (:func:`district_profile`) and the alignment across districts as
a table and in words (:func:`alignment_table`, :func:`across_municipalities`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core.fmt import num, pct, soles, soles_millones, soles_whole
from brechas_core.i18n import N_, _
from brechas_core.territory.apply import TerritoryResult
from brechas_core.territory.panel import EXTRA_INDICATORS, SERVICES
from brechas_core.territory.places import Territory

__all__ = [
    "ADDITIVE",
    "ALIGNMENT_MEASURES",
    "NO_SIZE",
    "RANKING_ALIASES",
    "RANKING_MEASURES",
    "SIZE_CLASSES",
    "DistrictProfile",
    "across_municipalities",
    "alignment_columns",
    "alignment_table",
    "distribution",
    "district_profile",
    "group_level",
    "group_values",
    "ranking",
    "size_class",
]

#: Population size classes: (label, lower bound inclusive, upper bound exclusive).
SIZE_CLASSES = (
    (N_("Menos de 2,000"), 0, 2_000),
    (N_("2,000 a 5,000"), 2_000, 5_000),
    (N_("5,000 a 20,000"), 5_000, 20_000),
    (N_("20,000 a 100,000"), 20_000, 100_000),
    (N_("Más de 100,000"), 100_000, np.inf),
)
NO_SIZE = N_("Sin dato de población")

#: Measures that add up over districts (soles, people): only these get a total.
ADDITIVE = frozenset({"moved_soles", "pim", "devengado", "population"})

#: Ranking measures: column -> Spanish label (shown through ``_``).
RANKING_MEASURES = {
    "moved_soles": N_("Soles que recibe para las brechas al año (estimación)"),
    "moved_per_capita": N_("Soles por habitante al año (estimación)"),
    "moved_pct": N_("Puntos que cede el resto del presupuesto (estimación)"),
    "gap_mean_pct": N_("Brecha promedio, Censo 2017 (%)"),
}

#: Ranking columns read under another measure of the registry (brechas_core.measures):
#: a district's ``moved_pct`` is what the rest of its budget cedes to the gaps.
RANKING_ALIASES = {"moved_pct": "ceded_pct"}

#: What the ranking shows, in Spanish (under its heading on Territorios; shown through ``_``).
RANKING_NOTE = N_(
    "En cada distrito las brechas nunca pierden: reciben lo que cede el resto de su propio "
    "presupuesto. El orden muestra dónde la regla mueve más dinero (estimación)."
)


def ranking(result: TerritoryResult, by: str = "moved_soles", *, ascending: bool = False):
    """Who gains and who loses: one row per municipality, sorted by a measure.

    Under the rule the three gaps of a district never lose: they gain ``moved_soles`` per
    year, and the rest of that district's budget gives up exactly the same amount.

    Parameters
    ----------
    result : TerritoryResult
    by : str
        A column of ``result.districts`` (see ``RANKING_MEASURES``).
    ascending : bool

    Returns
    -------
    DataFrame
        ``rank, ubigeo, district, province, department, population, gap_mean_pct,
        internet_gap_pct, food_vulnerability`` (``EXTRA_INDICATORS``), ``pim,
        devengado, execution_pct, est_share_gaps_pct, scenario_share_gaps_pct, moved_pct,
        moved_soles, moved_per_capita, gap_end_mean_pct_base, gap_end_mean_pct,
        has_census, has_polygon``; missing values sort last.
    """
    d = result.districts
    if by not in d.columns:
        raise ValueError(f"Columna desconocida para ordenar: {by!r}.")
    cols = [
        "ubigeo",
        "district",
        "province",
        "department",
        "population",
        "gap_mean_pct",
        *EXTRA_INDICATORS,
        "pim",
        "devengado",
        "execution_pct",
        "est_share_gaps_pct",
        "scenario_share_gaps_pct",
        "moved_pct",
        "moved_soles",
        "moved_per_capita",
        "gap_end_mean_pct_base",
        "gap_end_mean_pct",
        "has_census",
        "has_polygon",
    ]
    out = d[cols].sort_values(
        [by, "ubigeo"], ascending=[ascending, True], na_position="last", kind="stable"
    )
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def size_classes_note() -> str:
    """The population classes in one sentence, in the run's language.

    Examples
    --------
    >>> size_classes_note()[:53]
    'Clases de población: menos de 2,000; 2,000 a 5,000; 5'
    """
    names = [_(label) for label, _lo, _hi in SIZE_CLASSES]
    classes = "; ".join(name[0].lower() + name[1:] for name in names)
    return _(
        "Clases de población: {classes} habitantes (cada clase incluye su límite inferior)."
    ).format(classes=classes)


def size_class(population: pd.Series) -> pd.Series:
    """The size class of each population (``SIZE_CLASSES``), as an ordered categorical
    named in the run's language.

    Examples
    --------
    >>> size_class(pd.Series([500.0, 2000.0, 150000.0, float("nan")])).tolist()
    ['Menos de 2,000', '2,000 a 5,000', 'Más de 100,000', 'Sin dato de población']
    """
    labels = [_(label) for label, _lo, _hi in SIZE_CLASSES]
    edges = [lo for _label, lo, _hi in SIZE_CLASSES] + [np.inf]
    cls = pd.cut(population, bins=edges, labels=labels, right=False)
    cls = cls.cat.add_categories([_(NO_SIZE)]).fillna(_(NO_SIZE))
    return cls


def distribution(result: TerritoryResult, by: str, value: str) -> pd.DataFrame:
    """Per group (province, department or size class): the spread of a measure.

    Parameters
    ----------
    result : TerritoryResult
    by : {"province", "department", "size_class"}
    value : str
        A numeric column of ``result.districts``.

    Returns
    -------
    DataFrame
        One row per group: ``group, n, median, q1, q3, min, max``, and ``total`` (the
        sum) only for a measure that adds up (``ADDITIVE``: soles, people), never for a
        rate or a percentage. Size classes keep their order (empty ones dropped);
        provinces and departments are sorted by name.
    """
    d = result.districts
    if by == "size_class":
        key = size_class(d["population"])
    elif by in ("province", "department"):
        key = d[by]
    else:
        raise ValueError(f"Agrupación desconocida: {by!r}.")
    g = d[value].groupby(key, observed=True)
    out = pd.DataFrame(
        {
            "n": g.size(),
            "median": g.median(),
            "q1": g.quantile(0.25),
            "q3": g.quantile(0.75),
            "min": g.min(),
            "max": g.max(),
            "total": g.sum(),
        }
    )
    if value not in ADDITIVE:  # a sum of rates or percentages means nothing
        out = out.drop(columns="total")
    out.index.name = "group"
    out = out.reset_index()
    out["group"] = out["group"].astype(str)
    return out


def group_values(result: TerritoryResult, by: str, value: str) -> pd.DataFrame:
    """One row per municipality with its group and a measure, for box and strip plots.

    Returns
    -------
    DataFrame
        ``group, district, value``; ``frame.attrs["order"]`` is the group order (size
        classes in size order, other groups by name).
    """
    d = result.districts
    if by == "size_class":
        key = size_class(d["population"])
        order = [c for c in key.cat.categories if (key == c).any()]
    elif by in ("province", "department"):
        key = d[by]
        order = sorted(key.unique())
    else:
        raise ValueError(f"Agrupación desconocida: {by!r}.")
    out = pd.DataFrame(
        {"group": key.astype(str), "district": d["district"], "value": d[value].astype(float)}
    )
    out = out[out["value"].notna()].reset_index(drop=True)
    out.attrs["order"] = [str(c) for c in order]
    return out


def group_level(territory: Territory) -> str:
    """The level one step below a territory, for distributions: department or province."""
    return "department" if territory.kind in ("pais", "estudio") else "province"


@dataclass(frozen=True)
class DistrictProfile:
    """One municipality under the rule.

    Attributes
    ----------
    row : Series
        Its row of ``TerritoryResult.districts``.
    services : DataFrame
        One row per service: ``gap_id, label, gap_pct, est_share_pct, scenario_share_pct,
        moved_soles, covered_per_year_base, covered_per_year, gap_end_pct_base,
        gap_end_pct``.
    reading : str
        What the rule does to it, in the run's language.
    """

    row: pd.Series
    services: pd.DataFrame
    reading: str


def district_profile(result: TerritoryResult, ubigeo: str) -> DistrictProfile:
    """The profile of one municipality in a result.

    Raises
    ------
    KeyError
        If the ubigeo is not in the result.
    """
    d = result.districts
    hit = d.index[d["ubigeo"] == ubigeo]
    if hit.empty:
        raise KeyError(ubigeo)
    row = d.loc[hit[0]]
    dev = float(row["devengado"])
    services = pd.DataFrame(
        [
            dict(
                gap_id=gid,
                label=label,
                gap_pct=row[f"{s}_gap_pct"],
                est_share_pct=row[f"est_share_{s}_pct"],
                scenario_share_pct=row[f"scenario_share_{s}_pct"],
                moved_soles=(row[f"scenario_share_{s}_pct"] - row[f"est_share_{s}_pct"])
                / 100.0
                * dev,
                covered_per_year_base=row[f"covered_per_year_{s}_base"],
                covered_per_year=row[f"covered_per_year_{s}"],
                gap_end_pct_base=row[f"gap_end_{s}_pct_base"],
                gap_end_pct=row[f"gap_end_{s}_pct"],
            )
            for gid, s, label in ((g, s, _(name)) for g, s, name in SERVICES)
        ]
    )
    name = str(row["district"])
    text = _(
        "{name} ejecutó {executed} de un PIM de {pim} ({execution}). Se estima que {share} de "
        "lo ejecutado atiende agua, desagüe y electricidad"
    ).format(
        name=name,
        executed=soles_millones(dev),
        pim=soles_millones(float(row["pim"])),
        execution=pct(float(row["execution_pct"]), 1),
        share=pct(row["est_share_gaps_pct"]),
    )
    if float(row["moved_soles"]) > 0:
        per_head = (
            " "
            + _("({soles} por habitante)").format(soles=soles_whole(float(row["moved_per_capita"])))
            if np.isfinite(row["moved_per_capita"])
            else ""
        )
        text += _(
            "; con la regla pasa a {share}: {soles} al año más para las brechas{per_head}, que "
            "cede el resto del presupuesto ({before} → {after})."
        ).format(
            share=pct(row["scenario_share_gaps_pct"]),
            soles=soles(float(row["moved_soles"])),
            per_head=per_head,
            before=pct(row["resto_before_pct"]),
            after=pct(row["resto_after_pct"]),
        )
    else:
        text += _(": la regla actual no le mueve dinero.")
    if not bool(row["feasible"]):
        text += " " + _(
            "El mínimo pedido no es factible aquí: el máximo posible es {maximum}."
        ).format(maximum=pct(float(row["max_minimum_pct"]), 1))
    if not bool(row["has_census"]):
        text += " " + _("No tiene datos del Censo 2017: no se proyecta su cobertura.")
    return DistrictProfile(row=row, services=services, reading=text)


ALIGNMENT_MEASURES = {
    "share_pct": N_("Participación del presupuesto en las brechas (estimación)"),
    "per_capita": N_("Soles por habitante para las brechas (estimación)"),
}

#: How the alignment across districts is measured, in Spanish (under alignment_table; shown
#: through ``_``).
ACROSS_DISTRICTS_NOTE = N_(
    "Cada distrito es un punto: su brecha promedio de agua, desagüe y electricidad (Censo "
    "2017, en % de su población) frente a lo que recibe. Se usa la brecha en % y no el número "
    "de personas sin servicio, que mediría sobre todo el tamaño del distrito. Como la "
    "participación se estima por departamento, dentro de un departamento todos los distritos "
    "tienen la misma y la prueba con ella no se puede calcular: los soles por habitante sí "
    "varían con el presupuesto de cada municipalidad. Los distritos sin datos del censo quedan "
    "fuera."
)


def alignment_table(result: TerritoryResult) -> pd.DataFrame:
    """The alignment across districts as the page shows it: text in the run's language
    (columns too: :func:`alignment_columns`), ``—`` where a
    test cannot be computed (never ``None``), and a note where a measure is identical
    before and after the rule.

    Returns
    -------
    DataFrame
        ``Medida, Momento, Prueba, Coeficiente, t, Distritos, Decisión`` (strings, and
        ``Distritos`` an int).
    """
    al = result.alignment
    out = []
    for r in al.itertuples(index=False):
        decision = str(r.decision)
        if r.moment == "escenario" and np.isfinite(r.statistic):
            base = al[
                (al["measure"] == r.measure) & (al["method"] == r.method) & (al["moment"] == "base")
            ]["statistic"]
            if len(base) and abs(float(base.iloc[0]) - float(r.statistic)) <= 1e-12:
                decision = (
                    _(
                        "Igual que hoy: la regla escala a todos los distritos por igual (la "
                        "participación se estima por departamento)."
                    )
                    + " "
                    + decision
                )
        t = float(r.t)
        out.append(
            [
                _(ALIGNMENT_MEASURES[r.measure]) if r.measure in ALIGNMENT_MEASURES else r.measure,
                {"base": _("Hoy"), "escenario": _("Con la regla")}.get(r.moment, r.moment),
                {"spearman": "Spearman ρ", "pearson": "Pearson r"}.get(r.method, r.method),
                num(float(r.statistic), 3),
                "∞" if np.isinf(t) else num(t, 2),
                int(r.n),
                decision,
            ]
        )
    return pd.DataFrame(out, columns=alignment_columns())


def alignment_columns() -> list[str]:
    """The columns of :func:`alignment_table`, in the run's language."""
    return [
        _("Medida"),
        _("Momento"),
        _("Prueba"),
        _("Coeficiente"),
        "t",
        _("Distritos"),
        _("Decisión"),
    ]


def across_municipalities(result: TerritoryResult) -> str | None:
    """The alignment across municipalities in words: estimated soles per inhabitant for the
    three gaps against the mean gap, Spearman, before and after, with ``n``.

    ``None`` for a single municipality. Inside one department every district starts from
    the same estimated share, so a rule that lifts each to the same minimum scales them
    all alike: the measure is then the same before and after, and the text says so.
    """
    al = result.alignment
    if result.summary.n_municipalities < 2 or al.empty:
        return None
    rows = al[(al["measure"] == "per_capita") & (al["method"] == "spearman")]
    base = rows[rows["moment"] == "base"].iloc[0]
    after = rows[rows["moment"] == "escenario"].iloc[0]
    n = int(base["n"])
    if not np.isfinite(base["statistic"]) or not np.isfinite(after["statistic"]):
        return _("Entre municipalidades: {decision}").format(decision=base["decision"])
    head = _(
        "Entre sus {n} municipalidades con datos del censo, ¿reciben más soles por "
        "habitante para las brechas las que tienen más brecha?"
    ).format(n=num(n))
    head += " "

    def verdict(significant) -> str:
        return _("significativa") if bool(significant) else _("no significativa")

    if abs(float(after["statistic"]) - float(base["statistic"])) <= 1e-12:
        return head + _(
            "ρ = {rho} ({verdict}, n = {n}), igual antes y después de la regla: la "
            "participación se estima por departamento, así que la regla escala a todos sus "
            "distritos por igual y no cambia este orden."
        ).format(
            rho=num(float(base["statistic"]), 3), verdict=verdict(after["significant"]), n=num(n)
        )
    return head + _("ρ pasa de {before} ({was}) a {after} ({verdict}), n = {n}.").format(
        before=num(float(base["statistic"]), 3),
        was=verdict(base["significant"]),
        after=num(float(after["statistic"]), 3),
        verdict=verdict(after["significant"]),
        n=num(n),
    )
