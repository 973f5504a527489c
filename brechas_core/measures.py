"""The registry of measures: every quantity the app shows or exports, declared once.

Each :class:`Measure` carries its Spanish label, unit, number of decimals, a help text and
its source, so that a table header, a chart axis, a CSV column and a spreadsheet cell say
the same thing in the same format (PolicyEngine's variables carry their metadata the same
way). Labels may hold ``{horizon}`` (the projection horizon in years), filled in by
:meth:`Measure.label_for`.

The texts are written in Spanish and marked for the catalogue (``N_``); callers ask for
them through :meth:`Measure.label_for`, :meth:`Measure.header`, :meth:`Measure.help_for`
and :meth:`Measure.source_for`, which give them in the run's language (brechas_core.i18n).

Examples
--------
>>> MEASURES["moved_soles"].header()
'Reciben las brechas (S/ al año, estimación)'
>>> MEASURES["gap_end_mean_pct"].header(horizon=10)
'Brecha en 10 años con la regla (%, estimación)'
>>> MEASURES["top_up_pct"].format(12.934)
'+12.93 p.p.'
>>> MEASURES["scenario_pct"].excel_format
'#,##0.00" %"'
>>> from brechas_core.i18n import using
>>> with using("en"):
...     MEASURES["moved_soles"].header(), MEASURES["top_up_pct"].format(12.934)
('Moved to the gaps (S/ a year, estimate)', '+12.93 pp')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brechas_core.fmt import num, pct, pp, soles
from brechas_core.i18n import N_, _

__all__ = ["MEASURES", "Measure", "export_frame", "headers"]

_SOURCES = {
    "mef": N_(
        "MEF, Presupuesto y Ejecución de Gasto (datos abiertos), municipalidades distritales"
    ),
    "censo": N_("INEI, Censo Nacional 2017"),
    "estudio": N_("Apaza et al. (2025), Tablas 2 y 3"),
    "regla": N_("Calculado por Brechas a partir de la regla del escenario"),
    "estimacion": N_("Estimación de Brechas: gasto por función del departamento (MEF)"),
    "costos": (
        N_(
            "Costos por persona: cifras públicas de MVCS y MINEM divididas por sus beneficiarios "
            "(supuestos; ver Metodología)"
        )
    ),
}


#: Units written in words in a header (the others, ``%`` and ``S/``, read the same in
#: every language).
_UNIT_WORDS = {
    "S/ al año": N_("S/ al año"),
    "personas": N_("personas"),
    "años": N_("años"),
    "p.p.": N_("p.p."),
}


@dataclass(frozen=True)
class Measure:
    """One quantity: what it is called, in what unit, and how it is written.

    Attributes
    ----------
    id : str
        The column name the core uses for it.
    label : str
        Spanish label, without the unit (``{horizon}`` is filled in by ``label_for``).
    unit : str
        ``"%"``, ``"p.p."``, ``"S/"``, ``"S/ al año"``, ``"personas"``, ``"años"``, ``""``
        (a count or a coefficient) or ``"texto"``.
    decimals : int
        Decimals shown and exported (values are rounded to them in CSV files).
    help : str
        One sentence that explains it.
    source : str
        Where it comes from (a data set or the formula).
    estimate : bool
        True when it is an estimate (said in the header).
    """

    id: str
    label: str
    unit: str = ""
    decimals: int = 2
    help: str = ""
    source: str = ""
    estimate: bool = False

    @property
    def is_text(self) -> bool:
        return self.unit in ("texto", "sí/no")

    def label_for(self, **context) -> str:
        """The label in the run's language, with placeholders such as ``{horizon}`` filled in."""
        label = _(self.label)
        return label.format(**context) if context else label

    def help_for(self) -> str:
        """The help sentence in the run's language (``""`` when there is none)."""
        return _(self.help) if self.help else ""

    def source_for(self) -> str:
        """The source in the run's language (``""`` when there is none)."""
        return _(self.source) if self.source else ""

    def header(self, **context) -> str:
        """Label with unit (and "estimación"): a column header, e.g. ``Ejecución (%)``."""
        unit = "" if self.is_text else self.unit
        parts = [_(_UNIT_WORDS[unit]) if unit in _UNIT_WORDS else unit] if unit else []
        if self.estimate:
            parts.append(_("estimación"))
        label = self.label_for(**context)
        return f"{label} ({', '.join(parts)})" if parts else label

    def format(self, value) -> str:
        """The value as the interface writes it (MEF formats: ``S/ 1,234``, ``7.01 %``)."""
        if self.is_text:
            return "" if value is None else str(value)
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return "—"
        if self.unit == "%":
            return pct(value, self.decimals)
        if self.unit == "p.p.":
            return pp(value, self.decimals)
        if self.unit.startswith("S/"):
            return soles(value, self.decimals)
        return num(value, self.decimals)

    @property
    def excel_format(self) -> str:
        """Number format for a spreadsheet cell: comma thousands, dot decimals (MEF)."""
        if self.is_text:
            return "@"
        base = "#,##0" + ("." + "0" * self.decimals if self.decimals else "")
        if self.unit.startswith("S/"):
            return f'"S/ "{base};-"S/ "{base}'
        if self.unit == "%":
            return f'{base}" %"'
        if self.unit == "p.p.":
            return f'+{base}" p.p.";-{base}" p.p.";{base}" p.p."'
        return base

    @property
    def printf(self) -> str:
        """printf-style format for ``st.column_config.NumberColumn``."""
        if self.decimals == 0 and self.id not in ("year", "rank", "n", "registration_year"):
            return "accounting"  # thousands separators
        return f"%.{self.decimals}f"


def _m(*args, **kwargs) -> tuple[str, Measure]:
    m = Measure(*args, **kwargs)
    return m.id, m


#: Every measure, by id.
MEASURES: dict[str, Measure] = dict(
    [
        # -- places --------------------------------------------------------------------
        _m("rank", N_("Puesto"), "", 0, N_("Lugar en el orden elegido.")),
        _m("ubigeo", N_("Ubigeo"), "texto", 0, N_("Código INEI del distrito."), _SOURCES["censo"]),
        _m("district", N_("Distrito"), "texto", 0, source=_SOURCES["censo"]),
        _m("province", N_("Provincia"), "texto", 0, source=_SOURCES["censo"]),
        _m("department", N_("Departamento"), "texto", 0, source=_SOURCES["censo"]),
        _m("territory", N_("Territorio"), "texto", 0),
        _m("population", N_("Población"), "", 0, N_("Habitantes (Censo 2017)."), _SOURCES["censo"]),
        _m("has_census", N_("Con datos del censo"), "sí/no", 0),
        # -- budget --------------------------------------------------------------------
        _m("pim", N_("PIM"), "S/", 0, N_("Presupuesto institucional modificado."), _SOURCES["mef"]),
        _m("devengado", N_("Devengado"), "S/", 0, N_("Gasto ejecutado."), _SOURCES["mef"]),
        _m("execution_pct", N_("Ejecución"), "%", 1, N_("Devengado / PIM."), _SOURCES["mef"]),
        _m("budget_soles", N_("Presupuesto anual (PIM)"), "S/", 0, source=_SOURCES["mef"]),
        _m(
            "executed_soles",
            N_("Presupuesto ejecutado al año"),
            "S/",
            0,
            N_("PIM × tasa de ejecución: lo que dividen las participaciones."),
            _SOURCES["regla"],
        ),
        # -- gaps and shares -----------------------------------------------------------
        _m("label", N_("Rubro"), "texto", 0),
        _m("gap_pct", N_("Brecha"), "%", 2, N_("Población sin el servicio."), _SOURCES["estudio"]),
        _m(
            "gap_mean_pct",
            N_("Brecha promedio, Censo 2017"),
            "%",
            2,
            N_("Promedio de las brechas de agua, desagüe y electricidad."),
            _SOURCES["censo"],
        ),
        _m(
            "baseline_pct",
            N_("Participación, línea base"),
            "%",
            2,
            N_("Parte del presupuesto ejecutado que recibe hoy."),
            _SOURCES["estudio"],
        ),
        _m(
            "scenario_pct",
            N_("Participación con la regla"),
            "%",
            2,
            N_("Parte del presupuesto ejecutado con la regla del escenario."),
            _SOURCES["regla"],
        ),
        _m(
            "moved_pct",
            N_("Cambio"),
            "p.p.",
            2,
            N_("Escenario menos línea base."),
            _SOURCES["regla"],
        ),
        _m(
            "moved_soles",
            N_("Reciben las brechas"),
            "S/ al año",
            0,
            N_("Soles al año que la regla mueve (negativo: cede)."),
            _SOURCES["regla"],
            estimate=True,
        ),
        _m(
            "item_moved_soles",
            N_("Cambio en soles"),
            "S/ al año",
            0,
            N_("Soles al año que recibe (o cede, si es negativo) con la regla."),
            _SOURCES["regla"],
        ),
        _m("baseline_soles", N_("Soles al año, línea base"), "S/", 0, source=_SOURCES["regla"]),
        _m("scenario_soles", N_("Soles al año con la regla"), "S/", 0, source=_SOURCES["regla"]),
        _m("is_target", N_("Entra en la regla"), "sí/no", 0),
        _m("scenario_name", N_("Escenario"), "texto", 0),
        _m("moment", N_("Momento"), "texto", 0),
        _m("method", N_("Prueba"), "texto", 0),
        _m("significant", N_("Significativa (α = 0.05)"), "sí/no", 0),
        _m(
            "est_share_gaps_pct",
            N_("A las brechas hoy"),
            "%",
            2,
            source=_SOURCES["estimacion"],
            estimate=True,
        ),
        _m(
            "scenario_share_gaps_pct",
            N_("A las brechas con la regla"),
            "%",
            2,
            source=_SOURCES["regla"],
            estimate=True,
        ),
        _m(
            "ceded_pct",
            N_("Cede el resto"),
            "p.p.",
            2,
            N_("Puntos del presupuesto que el resto cede a las brechas."),
            _SOURCES["regla"],
            estimate=True,
        ),
        _m(
            "moved_per_capita",
            N_("Por habitante"),
            "S/ al año",
            2,
            source=_SOURCES["regla"],
            estimate=True,
        ),
        # -- the rule's headline figures -------------------------------------------------
        _m("target_before", N_("Brechas juntas, línea base"), "%", 2, source=_SOURCES["estudio"]),
        _m("target_after", N_("Brechas juntas con la regla"), "%", 2, source=_SOURCES["regla"]),
        _m(
            "top_up_pct",
            N_("Aumento para las brechas"),
            "p.p.",
            2,
            N_("Puntos del presupuesto ejecutado que pasan a las brechas."),
            _SOURCES["regla"],
        ),
        _m(
            "top_up_soles",
            N_("Reasignado al año"),
            "S/",
            0,
            N_("Aumento en soles: puntos × presupuesto ejecutado."),
            _SOURCES["regla"],
        ),
        _m("requested_minimum", N_("Mínimo pedido"), "%", 1),
        _m("effective_minimum", N_("Mínimo aplicado"), "%", 1),
        _m("max_minimum", N_("Mínimo máximo factible"), "%", 2),
        _m("feasible", N_("Factible"), "sí/no", 0),
        # -- alignment ---------------------------------------------------------------------
        _m("spearman", N_("Spearman ρ"), "", 3, N_("Correlación de rangos brecha-participación.")),
        _m("pearson", N_("Pearson r"), "", 3, N_("Correlación lineal brecha-participación.")),
        _m("spearman_before", N_("Spearman ρ, línea base"), "", 3, source=_SOURCES["estudio"]),
        _m("spearman_after", N_("Spearman ρ con la regla"), "", 3, source=_SOURCES["regla"]),
        _m("pearson_before", N_("Pearson r, línea base"), "", 3, source=_SOURCES["estudio"]),
        _m("pearson_after", N_("Pearson r con la regla"), "", 3, source=_SOURCES["regla"]),
        _m("statistic", N_("Coeficiente"), "", 3),
        _m("t", N_("t"), "", 2, N_("Estadístico t del coeficiente.")),
        _m("t_critical", N_("t crítico"), "", 3, N_("t de Student a dos colas, α = 0.05.")),
        _m("n", N_("Observaciones"), "", 0),
        _m("decision", N_("Decisión"), "texto", 0),
        _m(
            "slope",
            N_("Pendiente (MCO)"),
            "",
            4,
            N_("Puntos de participación por punto de brecha."),
        ),
        _m("intercept", N_("Intercepto (MCO)"), "", 3),
        _m("r2", N_("R²"), "", 3),
        # -- projection ----------------------------------------------------------------------
        _m("year", N_("Años desde hoy"), "", 0),
        _m("unit", N_("Unidad"), "texto", 0),
        _m("serie", N_("Serie"), "texto", 0),
        _m("bajo", N_("Brecha, costo bajo"), "%", 2, source=_SOURCES["costos"]),
        _m("central", N_("Brecha, costo central"), "%", 2, source=_SOURCES["costos"]),
        _m("alto", N_("Brecha, costo alto"), "%", 2, source=_SOURCES["costos"]),
        _m("people_in_need", N_("Personas sin el servicio hoy"), "personas", 0),
        _m("covered_per_year_base", N_("Nuevas personas por año, línea base"), "personas", 0),
        _m("covered_per_year_scenario", N_("Nuevas personas por año con la regla"), "personas", 0),
        _m("years_base", N_("Años para cerrar, línea base"), "años", 1),
        _m("years_scenario", N_("Años para cerrar con la regla"), "años", 1),
        _m("source", N_("Fuente"), "texto", 0),
        _m(
            "cost_central",
            N_("Costo por persona, caso central"),
            "S/",
            0,
            source=_SOURCES["costos"],
        ),
        _m("cost_low", N_("Costo por persona, caso bajo"), "S/", 0, source=_SOURCES["costos"]),
        _m("cost_high", N_("Costo por persona, caso alto"), "S/", 0, source=_SOURCES["costos"]),
        _m(
            "gap_end_mean_pct_base",
            N_("Brecha en {horizon} años sin regla"),
            "%",
            2,
            source=_SOURCES["costos"],
            estimate=True,
        ),
        _m(
            "gap_end_mean_pct",
            N_("Brecha en {horizon} años con la regla"),
            "%",
            2,
            source=_SOURCES["costos"],
            estimate=True,
        ),
    ]
)

#: A column of a table can use a measure under another name (``moved_pct`` of the
#: Territorios ranking is what the rest cedes, not one item's change).
Columns = Mapping[str, str]


def headers(columns: Iterable[str], aliases: Columns | None = None, **context) -> dict[str, str]:
    """Column -> header (in the run's language) for the columns that have a measure.

    Examples
    --------
    >>> headers(["pim", "execution_pct", "other"])
    {'pim': 'PIM (S/)', 'execution_pct': 'Ejecución (%)'}
    """
    aliases = aliases or {}
    out = {}
    for c in columns:
        m = MEASURES.get(aliases.get(c, c))
        if m is not None:
            out[c] = m.header(**context)
    return out


def export_frame(
    frame: pd.DataFrame,
    columns: Iterable[str] | None = None,
    aliases: Columns | None = None,
    **context,
) -> pd.DataFrame:
    """A table ready for a CSV: chosen columns, values rounded to each measure's decimals,
    yes/no and headers in the run's language, infinite years as blanks.

    Examples
    --------
    >>> df = pd.DataFrame({"execution_pct": [29.999999999999996], "has_census": [True]})
    >>> export_frame(df).to_dict("records")
    [{'Ejecución (%)': 30.0, 'Con datos del censo': 'sí'}]
    """
    aliases = aliases or {}
    columns = list(frame.columns if columns is None else columns)
    out = {}
    for c in columns:
        m = MEASURES.get(aliases.get(c, c))
        values = frame[c]
        if m is None:
            out[c] = values
        elif m.unit == "sí/no":
            out[m.header(**context)] = values.map({True: _("sí"), False: _("no")})
        elif m.is_text:
            out[m.header(**context)] = values
        else:
            v = pd.to_numeric(values, errors="coerce").astype(float)
            v = v.where(np.isfinite(v)).round(m.decimals)
            out[m.header(**context)] = v.astype("Int64") if m.decimals == 0 else v
    return pd.DataFrame(out)


# -- investment projects (brechas_core.portfolio) ------------------------------------------
_INV = _SOURCES["invierte"] = N_(
    "MEF, Invierte.pe (proyectos de gobiernos locales), clasificados por Brechas con "
    "reglas de palabras (data/project_rules.csv)"
)
MEASURES.update(
    dict(
        [
            _m(
                "cui", N_("CUI"), "texto", 0, N_("Código único de inversión."), _SOURCES["invierte"]
            ),
            _m("name", N_("Proyecto"), "texto", 0, source=_INV),
            _m(
                "n_projects",
                N_("Proyectos"),
                "",
                0,
                N_("Proyectos distintos."),
                _SOURCES["invierte"],
            ),
            _m(
                "total",
                N_("Inversión en proyectos"),
                "S/",
                0,
                N_("Costo actualizado de los proyectos registrados en el periodo."),
                _SOURCES["invierte"],
            ),
            _m("amount", N_("Inversión"), "S/", 0, source=_INV),
            _m("costo_actualizado", N_("Costo actualizado"), "S/", 0, source=_INV),
            _m(
                "share_pct",
                N_("Participación en la inversión"),
                "%",
                2,
                N_("Parte del costo de todos los proyectos del periodo."),
                _SOURCES["invierte"],
            ),
            _m(
                "otros_pct",
                N_("Inversión en otros"),
                "%",
                2,
                N_(
                    "Proyectos que no atienden ninguna de las diez brechas (losas, parques, "
                    "locales comunales, vías...)."
                ),
                _SOURCES["invierte"],
            ),
            _m("priority_pct", N_("Inversión en las diez brechas"), "%", 2, source=_INV),
            _m("agua_pct", N_("Inversión en agua"), "%", 2, source=_INV),
            _m("desague_pct", N_("Inversión en desagüe"), "%", 2, source=_INV),
            _m("electricidad_pct", N_("Inversión en electricidad"), "%", 2, source=_INV),
            _m("locales_pct", N_("Inversión en locales escolares"), "%", 2, source=_INV),
            _m("water_gap_pct", N_("Brecha de agua, Censo 2017"), "%", 2, source=_SOURCES["censo"]),
            _m(
                "sewage_gap_pct",
                N_("Brecha de desagüe, Censo 2017"),
                "%",
                2,
                source=_SOURCES["censo"],
            ),
            _m(
                "electricity_gap_pct",
                N_("Brecha de electricidad, Censo 2017"),
                "%",
                2,
                source=_SOURCES["censo"],
            ),
            _m("gap_label", N_("Clase"), "texto", 0, source=_INV),
            _m("rule_id", N_("Regla"), "texto", 0, source=_INV),
            _m("reason", N_("Por qué"), "texto", 0, source=_INV),
        ]
    )
)


# -- district indicators beyond the three gaps (data/district_indicators.csv) --------------
MEASURES.update(
    dict(
        [
            _m(
                "internet_gap_pct",
                N_("Hogares sin internet, Censo 2017"),
                "%",
                2,
                N_("Función municipal 16 Comunicaciones; se muestra, la regla no la usa."),
                _SOURCES["censo"],
            ),
            _m(
                "food_vulnerability",
                N_("Vulnerabilidad alimentaria (índice 0-100)"),
                "",
                0,
                N_(
                    "Función municipal 23 Protección social (programas alimentarios); un índice, "
                    "no un % de personas: se muestra, la regla no lo usa."
                ),
                N_("MIDIS, vulnerabilidad a la inseguridad alimentaria (vía qhaway-dashboard)"),
            ),
        ]
    )
)


# -- what closing each gap within the horizon costs (brechas_core.need) -------------------
_NEED = N_("Personas sin el servicio × costo por persona ÷ años del horizonte (brechas_core.need)")
MEASURES.update(
    dict(
        [
            _m(
                "need_low",
                N_("Para cerrar en {horizon} años, S/ al año (costo bajo)"),
                "S/",
                0,
                _NEED,
                _SOURCES["costos"],
            ),
            _m(
                "need_central",
                N_("Para cerrar en {horizon} años, S/ al año (costo central)"),
                "S/",
                0,
                _NEED,
                _SOURCES["costos"],
            ),
            _m(
                "need_high",
                N_("Para cerrar en {horizon} años, S/ al año (costo alto)"),
                "S/",
                0,
                _NEED,
                _SOURCES["costos"],
            ),
            _m(
                "need_share_pct",
                N_("Para cerrar en {horizon} años, % del ejecutado (central)"),
                "%",
                2,
                _NEED,
                _SOURCES["costos"],
            ),
            _m(
                "spending_soles",
                N_("Gasto del escenario, S/ al año"),
                "S/",
                0,
                N_("Participación con la regla × presupuesto ejecutado."),
            ),
            _m(
                "excess_central",
                N_("Gasto más allá de lo necesario (costo central)"),
                "S/ al año",
                0,
                N_("Lo que se gasta por encima de lo que cierra la brecha a tiempo."),
            ),
            _m(
                "overshoot_central",
                N_("Aumento de la regla más allá de lo necesario (central)"),
                "S/",
                0,
                N_("La parte del aumento de la regla que va más allá de lo necesario."),
            ),
            _m(
                "shortfall_central",
                N_("Falta para cerrar a tiempo (costo central)"),
                "S/",
                0,
                _NEED,
                _SOURCES["costos"],
            ),
        ]
    )
)


# -- Territorios' and Proyectos' own tables: distribution, a district's profile, the fund,
# -- the classification rules (issue 10, item 2: their headers came from the pages) --------
MEASURES.update(
    dict(
        [
            _m("service", "Servicio", "texto", 0),
            _m("gap", "Brecha", "texto", 0),
            _m(
                "census_gap_pct",
                "Brecha, Censo 2017",
                "%",
                2,
                "Población sin el servicio. Solo agua, desagüe y electricidad tienen cifra por "
                "distrito en los datos (—).",
                _SOURCES["censo"],
            ),
            _m(
                "est_share_pct",
                "Presupuesto hoy",
                "%",
                2,
                source=_SOURCES["estimacion"],
                estimate=True,
            ),
            _m(
                "scenario_share_pct",
                "Presupuesto con la regla",
                "%",
                2,
                source=_SOURCES["regla"],
                estimate=True,
            ),
            _m(
                "service_moved_soles",
                "Recibe",
                "S/ al año",
                0,
                source=_SOURCES["regla"],
                estimate=True,
            ),
            _m("n_districts", "Distritos", "", 0),
            _m("median", "Mediana", "", 0),
            _m("q1", "Cuartil 1", "", 0),
            _m("q3", "Cuartil 3", "", 0),
            _m("minimum", "Mínimo", "", 0),
            _m("maximum", "Máximo", "", 0),
            _m("sum", "Suma", "", 0),
            _m(
                "fund_received_soles",
                "Recibe del fondo",
                "S/ al año",
                0,
                "Parte del fondo que va a la municipalidad.",
                _SOURCES["regla"],
            ),
            _m(
                "fund_people",
                "Personas cubiertas por el fondo",
                "personas",
                0,
                source=_SOURCES["costos"],
            ),
            _m("fund_gaps_closed", "Brechas que cierra", "", 0),
            _m("registration_year", "Año de registro", "", 0, source=_INV),
            _m("also_gap_label", "Y también (mitad)", "texto", 0, source=_INV),
        ]
    )
)
