"""The minimum-share rule: move the least money so that protected columns reach a minimum.

The study recommends a guaranteed minimum share of the annual budget for the priority gaps.
This package turns that recommendation into a pure, vectorised rule over *shares*:
percentages of the total executed budget, each vector summing to 100 and never negative.
Every function works over leading axes: the same call evaluates one scenario, 101 values of
the minimum, or 1,891 districts (shape ``(..., k)`` with ``k`` columns).

One concept per module, everything re-exported here (``from brechas_core import rules``):

=====================  ====================================================================
``floor``              the floor rule itself: :func:`reallocate` (minimum, per-column floors,
                       capacity, who pays), :func:`reparto_weights`, :class:`Reallocation`
``priority``           :func:`priority_view`: the priority gaps (Table 2) plus "resto"
``sectors``            :func:`sector_view` and :func:`set_shares`: the budget functions
                       (Table 3), shares set by hand, locked functions
``situation``          :func:`situation` (the one decision of what a scenario's rule does)
                       and :func:`notices` (the Spanish sentences that follow from it)
``scenario_rule``      :func:`from_scenario`: the only scenario→rule adapter
                       (:class:`RuleArgs`), and :func:`protected_exceeds`
``pooling``            :func:`pool`: many municipalities read as one territory
=====================  ====================================================================
"""

from brechas_core.rules.floor import (
    SUM_TOL,
    TOL,
    ZERO,
    Reallocation,
    exact_zero,
    reallocate,
    reparto_weights,
)
from brechas_core.rules.pooling import pool
from brechas_core.rules.priority import priority_view
from brechas_core.rules.scenario_rule import RuleArgs, from_scenario, protected_exceeds
from brechas_core.rules.sectors import SectorView, SetSharesResult, sector_view, set_shares
from brechas_core.rules.situation import SITUATIONS, decimals_for, notices, situation
from brechas_core.vocabulary import REPARTOS

__all__ = [
    "REPARTOS",
    "SITUATIONS",
    "SUM_TOL",
    "TOL",
    "ZERO",
    "Reallocation",
    "RuleArgs",
    "SectorView",
    "SetSharesResult",
    "decimals_for",
    "exact_zero",
    "from_scenario",
    "notices",
    "pool",
    "priority_view",
    "protected_exceeds",
    "reallocate",
    "reparto_weights",
    "sector_view",
    "set_shares",
    "situation",
]
