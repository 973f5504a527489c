"""A municipality's own spending by gap, from its projects (as the study did) or its functions.

Three cases, from the best to the least the file allows:

``proyectos``
    The file lists projects (MEF open data, or the template with CUI and name). Each project
    is classified into one of the study's ten gaps or ``otros`` from its name
    (:func:`brechas_core.projects.classify`, reviewable: any class can be overridden), and
    its devengado counts for that gap (a water-and-sewage project half and half,
    :func:`brechas_core.projects.attribute`). Activities (operation, administration) are
    not projects and are not assigned to a gap, as in the study.
``funciones``
    Only spending by function (a Consulta Amigable table by function, the template without
    projects): function 18 Saneamiento counts half for water and half for sewage, function
    12 Energía for electricity; the same rule as the app's department estimate, applied to
    the municipality's own money.
``ninguno``
    Only totals (a Consulta Amigable table by municipality): no spending by gap; the app
    keeps its department estimate for the shares and uses the file's budget.

Shares are % of the municipality's whole devengado, like the study's Table 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brechas_core import projects as proj
from brechas_core.i18n import N_
from brechas_core.imports.common import MunicipalBudget

__all__ = ["GapSpending", "spending_by_gap"]

#: Function -> (gap, weight) for the ``funciones`` case.
FUNCTION_GAPS = {"18": (("agua", 0.5), ("desague", 0.5)), "12": (("electricidad", 1.0),)}

METHOD_NOTES = {
    "proyectos": N_(
        "Por brecha: cada proyecto de su archivo se clasificó por su nombre en una de las diez "
        "brechas del estudio o en «otros» (puede revisar y cambiar cada clase); un proyecto de "
        "agua y desagüe cuenta mitad y mitad. Las actividades (operación, gestión) no son "
        "proyectos y no se asignan a brechas, como en el estudio."
    ),
    "funciones": N_(
        "Por brecha: su archivo trae el gasto por función, no por proyecto. La función 18 "
        "Saneamiento cuenta mitad para agua y mitad para desagüe, y la 12 Energía para "
        "electricidad."
    ),
    "ninguno": N_(
        "Su archivo trae solo los totales de la municipalidad (PIA, PIM, devengado), no el "
        "gasto por función ni por proyecto: la parte que va a cada brecha sigue siendo la "
        "estimación de su departamento."
    ),
}


@dataclass(frozen=True)
class GapSpending:
    """Where a municipality's devengado went, by gap.

    Attributes
    ----------
    method : {"proyectos", "funciones", "ninguno"}
    note : str
        How it was computed, in Spanish.
    table : DataFrame
        ``gap_id, label, devengado, share_pct`` for the ten gaps and ``otros`` (and, in the
        ``proyectos`` case, ``sin_proyecto``: activities); empty for ``ninguno``.
    projects : DataFrame
        ``cui, project, function_code, pim, devengado, gap_id, also_gap_id, rule_id,
        reason, overridden`` (``proyectos`` case; else empty).
    """

    method: str
    note: str
    table: pd.DataFrame = field(repr=False)
    projects: pd.DataFrame = field(repr=False)

    def shares(self) -> dict[str, float]:
        """``gap_id -> % of the devengado`` (empty for ``ninguno``)."""
        return dict(zip(self.table["gap_id"], self.table["share_pct"], strict=True))


def spending_by_gap(
    mb: MunicipalBudget,
    gaps: pd.DataFrame,
    *,
    overrides: Mapping[str, str] | None = None,
) -> GapSpending:
    """Spending by gap of one municipality of an imported file.

    Parameters
    ----------
    mb : MunicipalBudget
    gaps : DataFrame
        ``gap_id, label`` of the study's ten gaps (``data.load_study_priority_gaps``).
    overrides : mapping, optional
        ``cui -> gap_id`` chosen by the user (a gap id or ``otros``); unknown classes are
        ignored.

    Examples
    --------
    >>> import pandas as pd
    >>> from brechas_core import data
    >>> from brechas_core.imports.common import MunicipalBudget
    >>> p = pd.DataFrame({"cui": ["1", "2"], "project": [
    ...     "MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN X",
    ...     "CREACION DE LOSA DEPORTIVA EN Y"], "function_code": ["18", "21"],
    ...     "pim": [0.0, 0.0], "devengado": [30.0, 20.0]})
    >>> mb = MunicipalBudget("210101", "210101", None, "M", 2024, 0, 100, 100, 100,
    ...                      functions=pd.DataFrame(), projects=p)
    >>> s = spending_by_gap(mb, data.load_study_priority_gaps())
    >>> s.method, s.shares()["agua"], s.shares()["otros"], s.shares()["sin_proyecto"]
    ('proyectos', 30.0, 20.0, 50.0)
    >>> s = spending_by_gap(mb, data.load_study_priority_gaps(), overrides={"2": "agua"})
    >>> s.shares()["agua"], bool(s.projects["overridden"].iloc[1])
    (50.0, True)
    """
    labels = dict(zip(gaps["gap_id"], gaps["label"], strict=True))
    labels[proj.OTROS] = N_("Otros (no cierran una brecha prioritaria)")
    order = [*gaps["gap_id"], proj.OTROS]
    total = float(mb.devengado)

    def share(values: np.ndarray) -> np.ndarray:
        return 100.0 * values / total if total > 0 else np.zeros_like(values)

    if mb.has_projects:
        p = mb.projects.copy()
        c = proj.classify(p["project"].tolist())
        p["gap_id"] = c.gap_id
        p["also_gap_id"] = c.also_gap_id
        p["rule_id"] = c.rule_id
        p["reason"] = c.reason
        p["overridden"] = False
        valid = set(order)
        for cui, gap in (overrides or {}).items():
            hit = (p["cui"] == cui).to_numpy()
            if gap in valid and hit.any():
                changed = hit & (p["gap_id"].to_numpy() != gap) | hit & (p["also_gap_id"] != "")
                p.loc[hit, "gap_id"] = gap
                p.loc[hit, "also_gap_id"] = ""
                p.loc[changed, "overridden"] = True
                p.loc[changed, "reason"] = N_("Clase elegida por usted al revisar.")
        money = proj.attribute(p, ["devengado"]).groupby("gap_id")["devengado"].sum()
        values = money.reindex(order, fill_value=0.0).to_numpy(float)
        rest = total - float(p["devengado"].sum())
        table = pd.DataFrame(
            {
                "gap_id": [*order, "sin_proyecto"],
                "label": [*(labels[g] for g in order), N_("Actividades (no son proyectos)")],
                "devengado": [*values, rest],
            }
        )
        table["share_pct"] = share(table["devengado"].to_numpy(float))
        return GapSpending("proyectos", METHOD_NOTES["proyectos"], table, p)

    empty = pd.DataFrame(
        columns=["cui", "project", "function_code", "pim", "devengado", "gap_id", "also_gap_id"]
    )
    if mb.has_functions:
        by_function = mb.functions.set_index("function_code")["devengado"]
        values = dict.fromkeys(order, 0.0)
        for code, parts in FUNCTION_GAPS.items():
            for gap, weight in parts:
                values[gap] += float(by_function.get(code, 0.0)) * weight
        values[proj.OTROS] = total - sum(values.values())
        labels[proj.OTROS] = N_("Resto del gasto (otras funciones)")
        table = pd.DataFrame(
            {
                "gap_id": order,
                "label": [labels[g] for g in order],
                "devengado": [values[g] for g in order],
            }
        )
        table["share_pct"] = share(table["devengado"].to_numpy(float))
        return GapSpending("funciones", METHOD_NOTES["funciones"], table, empty)
    table = pd.DataFrame(columns=["gap_id", "label", "devengado", "share_pct"])
    return GapSpending("ninguno", METHOD_NOTES["ninguno"], table, empty)
