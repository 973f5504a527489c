"""Cached loading: the shipped tables are read once per process and shared read-only.

Only data files and genuinely expensive derived tables are cached here; user scenarios
never are (session state holds them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from brechas_core import data, simulation, study


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
