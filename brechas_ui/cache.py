"""Cached loading: the shipped tables are read once per process and shared read-only.

Only data files and genuinely expensive derived tables are cached here; user scenarios
never are (session state holds them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from brechas_core import data, real_shares, simulation, study, territory


@dataclass(frozen=True)
class Meta:
    gap_ids: tuple[str, ...]
    function_codes: tuple[str, ...]
    data_version: str


@st.cache_resource(show_spinner=False)
def meta() -> Meta:
    return Meta(
        gap_ids=tuple(data.load_study_priority_gaps()["gap_id"]),
        function_codes=tuple(data.load_study_functions()["function_code"]),
        data_version=data.data_version(),
    )


@st.cache_resource(show_spinner=False)
def study_priority_gaps() -> pd.DataFrame:
    return data.load_study_priority_gaps()


@st.cache_resource(show_spinner=False)
def study_functions() -> pd.DataFrame:
    return data.load_study_functions()


@st.cache_resource(show_spinner=False)
def study_reported() -> pd.Series:
    return data.load_study_reported()


@st.cache_resource(show_spinner=False)
def reproduction() -> study.Reproduction:
    return study.reproduce(study_priority_gaps(), study_functions(), study_reported())


@st.cache_resource(show_spinner=False)
def comparison() -> pd.DataFrame:
    return study.comparison_table(reproduction())


@st.cache_resource(show_spinner=False)
def sim_inputs() -> simulation.Inputs:
    return simulation.load_inputs()


@dataclass(frozen=True)
class TerritoryOptions:
    """What the territory selector offers: areas (study, Peru, departments, provinces) and
    the districts of each department and province, with Spanish labels."""

    areas: tuple[str, ...]
    districts: dict[str, tuple[str, ...]]
    labels: dict[str, str]


@st.cache_resource(show_spinner=False)
def territory_options() -> TerritoryOptions:
    d = districts().sort_values("ubigeo")
    labels = {"estudio": "Estudio: 13 distritos de Puno (2021-2023)", "PE": "Perú (todas)"}
    deps = d.drop_duplicates("department_code")
    provs = d.drop_duplicates("province_code")
    labels.update(
        {
            c: f"{n} (departamento)"
            for c, n in zip(deps.department_code, deps.department, strict=True)
        }
    )
    labels.update(
        {
            c: f"{n} (provincia, {dep})"
            for c, n, dep in zip(provs.province_code, provs.province, provs.department, strict=True)
        }
    )
    labels.update(
        {
            u: f"{n} ({prov}, {dep})"
            for u, n, prov, dep in zip(d.ubigeo, d.district, d.province, d.department, strict=True)
        }
    )
    areas = ("estudio", "PE")
    for dep in deps.department_code:
        areas += (dep, *provs.loc[provs.department_code == dep, "province_code"])
    by_area = {
        **{k: tuple(g.ubigeo) for k, g in d.groupby("department_code")},
        **{k: tuple(g.ubigeo) for k, g in d.groupby("province_code")},
    }
    return TerritoryOptions(areas=areas, districts=by_area, labels=labels)


@st.cache_resource(show_spinner=False, max_entries=8)
def district_frame(year: str) -> pd.DataFrame:
    """Every municipality of Peru for a year, with gaps and estimated shares (read-only)."""
    frame = territory.district_frame(
        year,
        municipalities=data.load_municipalities(),
        districts=districts(),
        functions=data.load_functions_by_department(),
    )
    # real spending by gap where scripts/build_data.py --gasto wrote it (else the estimate)
    return real_shares.apply(frame, year, data.load_gap_spending_by_municipality())


@st.cache_resource(show_spinner=False)
def districts() -> pd.DataFrame:
    return data.load_districts()


@st.cache_resource(show_spinner=False, max_entries=512)
def place(code: str) -> tuple[territory.Territory, tuple[str, ...]]:
    """The territory for a code (with the Spanish notices for an unknown one), resolved once
    per code rather than by filtering the districts table on every rerun. Read-only."""
    found, notices = territory.resolve(code, districts())
    return found, tuple(notices)


@st.cache_resource(show_spinner=False, max_entries=256)
def simulator_inputs(code: str, year: str) -> tuple[simulation.Inputs, territory.Territory]:
    """The Simulador's inputs for a territory: the study's, or a real territory's."""
    study_inputs = sim_inputs()
    place_, _ = place(code)
    if place_.is_study:
        return study_inputs, place_
    ti = territory.territory_inputs(place_, district_frame(year))
    return simulation.for_territory(study_inputs, ti, place_.name), place_
