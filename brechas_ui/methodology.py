"""Metodología's sections, in the page's order. The prose and formulas that explain each
method live with the method in ``brechas_core`` (``METHOD``, ``FORMULA``, ``SYMBOLS``); here
they are put on the page, with the tables of defaults, unit costs and link parameters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import (
    alignment,
    costs,
    need,
    optimal,
    projection,
    reverse,
    scenario,
    simulation,
    sources,
    stats,
    study,
    territory,
)
from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import N_, _
from brechas_core.rules import floor


def data_sources() -> None:
    st.header(_("1. Datos"))
    st.markdown(_(sources.METHOD_TEXT).format(citation=sources.CITATION))


def reproduction(rep: study.Reproduction) -> None:
    st.header(_("2. Reproducción del estudio"))
    st.markdown(_("Correlación de Spearman (fórmula (1) del estudio, válida sin empates):"))
    st.latex(stats.SPEARMAN_NO_TIES_FORMULA)
    st.markdown(study.ties_explained(rep))
    st.latex(stats.PEARSON_T_FORMULA)
    st.markdown(study.significance_explained(rep))


def rule() -> None:
    st.header(_("3. La regla del mínimo garantizado"))
    st.markdown(_(floor.SYMBOLS))
    st.latex(floor.FORMULA)
    st.markdown(_(floor.METHOD))


def coverage(inputs: simulation.Inputs) -> None:
    """The projection, its defaults and unit costs, the need, «¿Qué mínimo necesito?» and
    optimal sharing."""
    st.header(_("4. Cobertura proyectada"))
    st.markdown(_(projection.SYMBOLS))
    st.latex(projection.formula())
    st.markdown(_(projection.METHOD))
    st.markdown(_(simulation.DEFAULTS_NOTE))
    _typical_district(inputs)
    st.markdown(costs.method())
    _unit_costs(inputs)
    st.markdown(_(need.METHOD))
    st.markdown(_(reverse.METHOD))
    st.markdown(_(optimal.METHOD))


def alignment_after() -> None:
    st.header(_("5. Alineación después de la regla"))
    st.markdown(_(alignment.METHOD))
    st.latex(stats.CRITICAL_R_FORMULA)


def territories() -> None:
    st.header(_("6. Territorios"))
    st.markdown(
        _(TERRITORIES).format(
            estimate_note=_(territory.ESTIMATE_NOTE),
            size_classes="; ".join(_(label) for label, _low, _high in territory.SIZE_CLASSES),
        )
    )


#: Section 6's list (``{estimate_note}`` and ``{size_classes}`` are drawn in the run's language).
TERRITORIES = N_(
    """
- **Presupuesto**: PIM, devengado y tasa de ejecución de cada municipalidad (MEF); para
  «promedio», el promedio de cada municipalidad en los años 2021-2023 en que tiene datos.
- **Brechas**: agua, desagüe y electricidad del Censo 2017 (INEI), brecha = 100 − cobertura.
  Para un territorio en conjunto, cada brecha se pondera por la población.
- **{estimate_note}**
- **La regla** se aplica a la vez a cada municipalidad con sus propias cifras, en una sola
  evaluación vectorizada; la misma municipalidad da el mismo resultado sola o dentro del Perú.
- **Alineación entre distritos**: Spearman y Pearson entre la brecha promedio de cada
  distrito (promedio simple de las tres, en % de su población) y lo que recibe. Como la
  participación se estima por departamento, dentro de un departamento se mide con los soles
  por habitante, que sí varían.
- **Tamaño de la población**: {size_classes}
  habitantes (cada clase incluye su límite inferior).
"""
)


def link(inputs: simulation.Inputs) -> None:
    """The link's parameters, and the ids that name gaps and functions in it."""
    st.header(_("7. El enlace"))
    st.markdown(_(scenario.LINK_METHOD))
    st.dataframe(
        pd.DataFrame(
            [(name, _(meaning), _(values)) for name, meaning, values in scenario.PARAMETERS],
            columns=[_("Parámetro"), _("Significado"), _("Valores")],
        ),
        hide_index=True,
        width="stretch",
    )
    label = _gap_labels(inputs)
    st.markdown(
        _(
            "Identificadores de las brechas: {gaps}. Las funciones se identifican por su código "
            "del MEF (por ejemplo `18` Saneamiento)."
        ).format(gaps=", ".join(f"`{g}` ({label[g]})" for g in inputs.priority["gap_id"]))
    )


def limits() -> None:
    st.header(_("8. Límites"))
    st.markdown(_(sources.LIMITS))


def _gap_labels(inputs: simulation.Inputs) -> dict:
    return dict(zip(inputs.priority["gap_id"], inputs.priority["label"].map(_), strict=True))


def _typical_district(inputs: simulation.Inputs) -> None:
    """The Simulador's defaults: PIM, execution, population and the executed budget."""
    typical = simulation.defaults_used(inputs)
    st.dataframe(
        pd.DataFrame(
            {
                _("Dato"): typical["key"].map(
                    {
                        "pim": _("PIM anual"),
                        "execution_pct": _("Tasa de ejecución"),
                        "population": _("Población"),
                        "executed": _("Presupuesto ejecutado"),
                    }
                ),
                _("Valor"): [
                    soles(v) if u == "S/" else pct(v) if u == "%" else num(v)
                    for v, u in zip(typical["value"], typical["unit"], strict=True)
                ],
                _("Estadístico"): typical["statistic"].map(_),
                _("Fuente"): typical["source"].map(_),
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _unit_costs(inputs: simulation.Inputs) -> None:
    """Each gap's cost per person: the band, the urban and rural ends, kind and source."""
    table = inputs.unit_costs
    st.dataframe(
        pd.DataFrame(
            {
                _("Brecha"): table["gap_id"].map(_gap_labels(inputs)),
                _("Se proyecta"): table["projectable"].map({True: _("sí"), False: _("no")}),
                _("Unidad"): table["unit"].map(_),
                _("Costo bajo / central / alto"): [
                    "—" if pd.isna(c) else f"{soles(lo)} / {soles(c)} / {soles(hi)}"
                    for lo, c, hi in zip(
                        table["cost_low"], table["cost_central"], table["cost_high"], strict=True
                    )
                ],
                _("Central urbano / rural"): [
                    "—" if pd.isna(u) else f"{soles(u)} / {soles(r)}"
                    for u, r in zip(table["cost_urban"], table["cost_rural"], strict=True)
                ],
                _("Tipo"): table["kind"].map(_),
                _("Nota"): table["note"].map(_),
                _("Fuente"): table["source"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
