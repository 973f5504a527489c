"""The words a scenario is made of, defined once: which view, which reparto.

These are also the values of the link's ``vista`` and ``reparto`` parameters
(:mod:`brechas_core.scenario`), so they never change: a link already shared must open the
same scenario. The rule (:mod:`brechas_core.rules`), the alignment curve
(:mod:`brechas_core.alignment`) and the simulation all take a :data:`View` spelled as here.

Examples
--------
>>> VIEWS
('prioritarias', 'sectores')
>>> REPARTOS
('brecha', 'igual', 'manual', 'optimo')
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["PRIORITY", "REPARTOS", "SECTORS", "VIEWS", "Reparto", "View"]

#: What is compared: the study's priority gaps plus the rest of the budget (Table 2), or the
#: budget functions (Table 3).
View = Literal["prioritarias", "sectores"]
#: Every view, in the order the interface offers them.
VIEWS: tuple[View, ...] = get_args(View)
#: The priority-gaps view (Table 2 plus "resto").
PRIORITY: View = "prioritarias"
#: The budget-functions view (Table 3).
SECTORS: View = "sectores"

#: How a top-up is shared among the protected columns: in proportion to the gap size, in
#: equal parts, in proportion to weights the user types, or where it covers the most people
#: (:mod:`brechas_core.optimal`).
Reparto = Literal["brecha", "igual", "manual", "optimo"]
#: Every reparto, in the order the interface offers them.
REPARTOS: tuple[Reparto, ...] = get_args(Reparto)
