"""Cached loading: the shipped tables are read once per process and shared read-only.

Only data files (tables and map polygons) and genuinely expensive derived tables are cached
here, each computed by :mod:`brechas_core`; session state holds the scenario. One exception
(issue 12): :func:`simulated`, the Simulador's results for a scenario on the app's own
data, shared read-only by every session, because a room of people moving the same slider
asks for the same few scenarios again and again.

What a rerun asks for every time (:func:`meta`, :func:`simulator_inputs`,
:func:`simulated`) sits in a :class:`brechas_core.memo.Memo` rather than
``st.cache_resource``, whose per-call hashing cost more than the lookup itself (issue 12);
tests clear both kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from brechas_core import data, geometry, i18n, simulation, study, territory
from brechas_core.memo import Memo
from brechas_core.scenario import Scenario, to_query


@dataclass(frozen=True)
class Meta:
    gap_ids: tuple[str, ...]
    function_codes: tuple[str, ...]
    data_version: str


def meta() -> Meta:
    """The study's gap ids, function codes and the data's version (read once; a slider
    move asks for them twice: a Memo, see the module's docstring)."""
    return _META.get(
        "meta",
        lambda: Meta(
            gap_ids=tuple(data.load_study_priority_gaps()["gap_id"]),
            function_codes=tuple(data.load_study_functions()["function_code"]),
            data_version=data.data_version(),
        ),
    )


_META: Memo[Meta] = Memo(1)


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


def comparison() -> pd.DataFrame:
    """The study's reported vs recomputed figures, in the run's language (read-only)."""
    return _comparison(i18n.language())


@st.cache_resource(show_spinner=False)
def _comparison(lang: str) -> pd.DataFrame:
    del lang  # the cache key: the table's words are in the run's language
    return study.comparison_table(reproduction())


@st.cache_resource(show_spinner=False)
def sim_inputs() -> simulation.Inputs:
    return simulation.load_inputs()


def territory_options() -> territory.TerritoryOptions:
    """What the territory selector offers, named in the run's language (read-only)."""
    return _territory_options(i18n.language())


@st.cache_resource(show_spinner=False)
def _territory_options(lang: str) -> territory.TerritoryOptions:
    del lang  # the cache key: options() names places in the run's language
    return territory.options(districts())


@st.cache_resource(show_spinner=False, max_entries=8)
def district_frame(year: str) -> pd.DataFrame:
    """Every municipality of Peru for a year, with gaps and shares (read-only)."""
    return territory.load_district_frame(year, districts=districts())


@st.cache_resource(show_spinner=False)
def districts() -> pd.DataFrame:
    return data.load_districts()


def place(code: str) -> tuple[territory.Territory, tuple[str, ...]]:
    """The territory for a code (with the Spanish notices for an unknown one), resolved once
    per code and language (its name: «Provincia de …», «Perú») rather than by filtering the
    districts table on every rerun. Read-only."""
    return _place(code, i18n.language())


@st.cache_resource(show_spinner=False, max_entries=512)
def _place(code: str, lang: str) -> tuple[territory.Territory, tuple[str, ...]]:
    del lang  # the cache key
    found, notices = territory.resolve(code, districts())
    return found, tuple(notices)


def simulator_inputs(code: str, year: str) -> tuple[simulation.Inputs, territory.Territory]:
    """The Simulador's inputs for a territory: the study's, or a real territory's (one copy
    per language: their estimate note is a sentence)."""
    return _INPUTS.get((code, year, i18n.language()), lambda: _simulator_inputs(code, year))


_INPUTS: Memo[tuple[simulation.Inputs, territory.Territory]] = Memo(256)


def _simulator_inputs(code: str, year: str) -> tuple[simulation.Inputs, territory.Territory]:
    found, _notices = place(code)
    frame = None if found.is_study else district_frame(year)
    return simulation.place_inputs(sim_inputs(), found, frame), found


@st.cache_resource(show_spinner=False)
def district_geo(department_code: str | None) -> dict:
    """Polygons of a department (two digits) or of all Peru (None, coarsened). Read-only."""
    geo = data.load_district_geo(department_code)
    return geometry.coarsen(geo, 3) if department_code is None else geo


@st.cache_resource(show_spinner=False)
def district_features(department_code: str | None, province_code: str | None = None) -> list:
    """The map's polygons (GeoJSON features) for Peru, a department or a province. Read-only."""
    features = district_geo(department_code)["features"]
    if province_code:
        features = [f for f in features if f["properties"]["ubigeo"][:4] == province_code]
    return features


_SIMULATED: Memo[simulation.Simulation] = Memo(128)


def simulated(scenario: Scenario) -> simulation.Simulation:
    """``simulate`` for a scenario on the app's data (not a user's own file), computed once
    per process and shared read-only; its link parameters, which describe it completely,
    and the language of its sentences are the key."""

    def compute() -> simulation.Simulation:
        inputs, _ = simulator_inputs(scenario.territory, scenario.year)
        return simulation.simulate(scenario, inputs)

    return _SIMULATED.get((i18n.language(), *sorted(to_query(scenario).items())), compute)
