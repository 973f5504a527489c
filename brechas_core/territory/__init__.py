"""Territories: one district, a province, a department or all of Peru, under the same rule.

The study averaged 13 unidentified Puno districts. Here the rule runs on real
municipalities, one concept per module:

* :mod:`~brechas_core.territory.places`: which place (:class:`Territory`, :func:`resolve`)
  and what the selector offers (:func:`options`).
* :mod:`~brechas_core.territory.panel`: one row per municipality with its budget, its
  three Census 2017 gaps and its ESTIMATED shares (:func:`district_frame`; why and how
  they are estimated is said there); :func:`load_district_frame` reads it from ``data/``
  with real spending by gap where it exists.
* :mod:`~brechas_core.territory.apply`: the rule on every district at once
  (:func:`apply_rule`, :class:`TerritoryResult`).
* :mod:`~brechas_core.territory.inputs`: a territory as the Simulador's inputs
  (:func:`territory_inputs`) and the :class:`Defaults` a projection starts from.
* :mod:`~brechas_core.territory.views`: what the views show (:func:`ranking`,
  :func:`distribution`, :func:`district_profile`, :func:`alignment_table`...).

Callers import the package: ``from brechas_core import territory; territory.resolve(...)``.
"""

from brechas_core.territory.apply import TerritoryResult, TerritorySummary, apply_rule
from brechas_core.territory.inputs import Defaults, TerritoryInputs, territory_inputs
from brechas_core.territory.panel import (
    ESTIMATE_NOTE,
    EXTRA_INDICATORS,
    SERVICES,
    STUDY_YEARS,
    district_frame,
    load_district_frame,
)
from brechas_core.territory.places import (
    KINDS,
    STUDY,
    Territory,
    TerritoryOptions,
    options,
    resolve,
)
from brechas_core.territory.views import (
    ADDITIVE,
    ALIGNMENT_MEASURES,
    NO_SIZE,
    RANKING_ALIASES,
    RANKING_MEASURES,
    SIZE_CLASSES,
    DistrictProfile,
    across_municipalities,
    alignment_table,
    distribution,
    district_profile,
    group_level,
    group_values,
    ranking,
    size_class,
)

__all__ = [
    "ADDITIVE",
    "ALIGNMENT_MEASURES",
    "ESTIMATE_NOTE",
    "EXTRA_INDICATORS",
    "KINDS",
    "NO_SIZE",
    "RANKING_ALIASES",
    "RANKING_MEASURES",
    "SERVICES",
    "SIZE_CLASSES",
    "STUDY",
    "STUDY_YEARS",
    "Defaults",
    "DistrictProfile",
    "Territory",
    "TerritoryInputs",
    "TerritoryOptions",
    "TerritoryResult",
    "TerritorySummary",
    "across_municipalities",
    "alignment_table",
    "apply_rule",
    "distribution",
    "district_frame",
    "district_profile",
    "group_level",
    "group_values",
    "load_district_frame",
    "options",
    "ranking",
    "resolve",
    "size_class",
    "territory_inputs",
]
