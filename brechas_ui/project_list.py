"""Proyectos, «Los proyectos de un distrito»: its Table 2, every project with the class and
the rule that decided, and how the rules read a project's name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import portfolio as PF
from brechas_core.fmt import num
from brechas_core.i18n import _
from brechas_core.projects import EVALUATION_NOTE, HOW_NAMES_ARE_READ
from brechas_ui import portfolio_cache
from brechas_ui.columns import column_config
from brechas_ui.project_table2 import table2_section

#: The project list's columns, by the measure each shows.
COLUMNS = {
    "year": "registration_year",
    "name": "name",
    "gap_label": "gap_label",
    "costo_actualizado": "costo_actualizado",
    "reason": "reason",
    "rule_id": "rule_id",
    "cui": "cui",
}
#: The rules table's columns, by the measure each shows.
RULE_COLUMNS = {
    "rule_id": "rule_id",
    "clase": "gap_label",
    "tambien": "also_gap_label",
    "reason": "reason",
}


def projects_section(place, area, per_district: pd.DataFrame, period) -> bool:
    """A district to choose (the link's own district, or any of ``area``), its Table 2 and
    its projects; False when there is no district to show."""
    st.subheader(_("Los proyectos de un distrito"))
    options = sorted(per_district["ubigeo"]) if not per_district.empty else []
    names = dict(
        zip(
            per_district["ubigeo"],
            per_district["district"] + " (" + per_district["province"] + ")",
            strict=True,
        )
    )
    if place.kind == "distrito":
        options = [place.code]
        names.setdefault(place.code, place.name)
    if not options:
        return False
    chosen = st.selectbox(
        _("Distrito"),
        options,
        format_func=lambda u: names.get(u, u),
        key=f"p_distrito_{area.code}",
        disabled=place.kind == "distrito",
    )
    if place.kind != "distrito":
        one = portfolio_cache.table2((chosen,), period.years, period.who)
        with st.expander(_("Tabla 2 de {place}").format(place=names[chosen]), expanded=True):
            table2_section(one, names[chosen], period, "p_t2_distrito")
    listed = PF.district_projects(
        portfolio_cache.projects(), chosen, period.years, portfolio_cache.rule_reasons(), period.who
    )
    labels = portfolio_cache.class_labels()
    listed["gap_label"] = listed["gap_id"].map(labels)
    listed["reason"] = listed["reason"].map(_)
    split = listed["also_gap_id"] != ""
    listed.loc[split, "gap_label"] = (
        listed.loc[split, "gap_label"]
        + _(" y ")
        + listed.loc[split, "also_gap_id"].map(labels).str.lower()
    )
    with st.container(key="p_proyectos"):
        st.dataframe(
            listed,
            hide_index=True,
            width="stretch",
            column_order=list(COLUMNS),
            column_config=column_config(COLUMNS, COLUMNS),
        )
    st.caption(
        _(
            "{n} proyectos de {place} registrados en {period}, del más grande al más "
            "pequeño. Si la clase de un proyecto no le parece correcta, la regla que decidió "
            "está al lado: las reglas se revisan en data/project_rules.csv."
        ).format(n=num(len(listed)), place=names.get(chosen, chosen), period=period.text)
    )
    return True


def classification_explainer() -> None:
    """How a project's name is classified, and every rule in its order."""
    with st.expander(_("Cómo se clasifican los proyectos")):
        st.markdown(_(HOW_NAMES_ARE_READ))
        rules = portfolio_cache.rules_table()
        labels = portfolio_cache.class_labels()
        st.dataframe(
            rules.assign(
                clase=rules["gap_id"].map(labels),
                tambien=rules["also_gap_id"].map(labels).fillna(""),
                reason=rules["reason"].map(_),
            ),
            hide_index=True,
            width="stretch",
            column_order=list(RULE_COLUMNS),
            column_config=column_config(RULE_COLUMNS, RULE_COLUMNS),
        )
        st.caption(_(EVALUATION_NOTE))
