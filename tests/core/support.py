"""Helpers the core tests share (not tests themselves).

- ``case_id``: the id of a parametrized case, safe for mutation testing.
- ``estimated_district_frame``: every municipality of a year from ``data/`` with the
  department estimate of spending by gap everywhere (no real shares applied).
- ``optimal_inputs_of``: ``optimal.optimal_inputs`` for a generated table of gaps.
- ``T2``, ``T3``: the study's Table 2 (priority gaps) and Table 3 (functions) from ``data/``.
"""

from __future__ import annotations

import re

import pandas as pd

from brechas_core import data, optimal, territory

#: The study's Table 2 (the ten priority gaps) and Table 3 (the 16 functions), from ``data/``.
T2 = data.load_study_priority_gaps()
T3 = data.load_study_functions()


def case_id(value) -> str:
    """A test id of letters, digits, dots and hyphens only (mutmut passes ids back to pytest).

    >>> case_id({"minimo": 40, "reparto": "igual"})
    'minimo-40-reparto-igual'
    >>> case_id("")
    'empty'
    """
    if isinstance(value, dict):
        value = "-".join(f"{k}-{x}" for k, x in value.items())
    return re.sub(r"[^A-Za-z0-9.]+", "-", str(value)).strip("-") or "empty"


def estimated_district_frame(year: str, districts: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`brechas_core.territory.district_frame` for ``year`` from ``data/``."""
    return territory.district_frame(
        year,
        municipalities=data.load_municipalities(),
        districts=data.load_districts() if districts is None else districts,
        functions=data.load_functions_by_department(),
    )


def optimal_inputs_of(table: dict) -> dict:
    """The optimal-sharing inputs of a table with ``gap``, ``cost``, ``base``, ``pop``,
    ``executed`` and ``horizon`` (as the hypothesis strategies of the core tests draw it)."""
    return optimal.optimal_inputs(
        table["gap"],
        unit_cost=table["cost"],
        base_share=table["base"],
        population=table["pop"],
        executed_soles=table["executed"],
        horizon_years=table["horizon"],
    )
