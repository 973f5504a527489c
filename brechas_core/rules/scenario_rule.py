"""From a scenario to the rule's arguments: one place for the Simulador and Territorios.

:func:`from_scenario` is the only scenario→rule adapter: the Simulador (one table),
Territorios (every municipality at once), the reverse question and the sharing table all call
it, so one scenario means one rule everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from brechas_core.rules.floor import Reallocation, _f
from brechas_core.rules.priority import priority_view
from brechas_core.rules.sectors import SectorView, sector_view
from brechas_core.vocabulary import PRIORITY, SECTORS, View

__all__ = ["RuleArgs", "from_scenario", "protected_exceeds"]


@dataclass(frozen=True)
class RuleArgs:
    """The rule a scenario asks for, as the arguments of :func:`priority_view` or
    :func:`sector_view`.

    Attributes
    ----------
    view : {"prioritarias", "sectores"}
        :data:`brechas_core.vocabulary.View`, as in the scenario and its link.
    minimum : float
        ``F`` in %.
    kwargs : dict
        The view's other keyword arguments (``included, reparto, manual_weights, floors,
        protected_pct`` or ``threshold, reparto, manual_weights, overrides, locked``), in
        the column order of the ``ids`` given to :func:`from_scenario`.
    is_target : ndarray of bool, shape (k,)
        Priority view: the included gaps. Sector view: the functions at or above the
        threshold (needs ``gap_pct``; all False otherwise).
    """

    view: View
    minimum: float
    kwargs: dict = field(repr=False)
    is_target: np.ndarray = field(repr=False)

    def apply(
        self, gap_pct: ArrayLike, attention_pct: ArrayLike, minimum: ArrayLike | None = None
    ) -> Reallocation:
        """The rule on a table (or a stack of tables, shape ``(..., k)``), at the scenario's
        minimum or at ``minimum`` (any shape that broadcasts, e.g. a grid ``(m, 1)``
        against ``(n, k)`` municipalities).

        For the sector view the result is ``SectorView.reallocation``.
        """
        F = self.minimum if minimum is None else minimum
        if self.view == SECTORS:
            return sector_view(gap_pct, attention_pct, minimum=F, **self.kwargs).reallocation
        return priority_view(gap_pct, attention_pct, minimum=F, **self.kwargs)

    def sector(self, gap_pct: ArrayLike, attention_pct: ArrayLike) -> SectorView:
        """The whole :class:`SectorView` (settings and rule) at the scenario's minimum."""
        if self.view != SECTORS:
            raise ValueError("sector() es solo para la vista por sectores.")
        return sector_view(gap_pct, attention_pct, minimum=self.minimum, **self.kwargs)


def _by_id(pairs: Sequence[tuple[str, float]], ids: Sequence[str], default: float) -> np.ndarray:
    mapping = dict(pairs)
    return np.array([float(mapping.get(i, default)) for i in ids])


def from_scenario(
    scenario,
    ids: Sequence[str],
    gap_pct: ArrayLike | None = None,
    optimal: Mapping[str, np.ndarray] | None = None,
    *,
    view: View | None = None,
) -> RuleArgs:
    """The rule's arguments for a scenario, over the columns ``ids``.

    The one place where a :class:`~brechas_core.scenario.Scenario` becomes the rule: the
    Simulador (one table) and Territorios (every municipality at once) both call it, so
    one scenario means one rule everywhere.

    Parameters
    ----------
    scenario : Scenario
    ids : sequence of str
        Priority view: the gap ids of the table's columns (without "resto"). Sector view:
        the function codes.
    gap_pct : array_like, shape (k,), optional
        Sector view: the functions' gaps, to report which ones the threshold protects.
    optimal : mapping, optional
        Priority view with ``reparto="optimo"``: ``need_share_pct`` and ``people_per_point``
        from :func:`brechas_core.optimal.optimal_inputs`. The sector view has no cost per
        person, so there ``"optimo"`` shares by gap.
    view : {"prioritarias", "sectores"}, optional
        The view whose rule to build; default the scenario's. Code that only knows the
        priority gaps (Territorios: every municipality's three census gaps) asks for
        ``"prioritarias"`` whatever view the user is looking at.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> args = from_scenario(Scenario(minimum_pct=30, excluded=("b",)), ["a", "b"])
    >>> args.view, args.minimum, args.kwargs["included"].tolist()
    ('prioritarias', 30.0, [True, False])
    >>> args.apply([60.0, 20.0], [5.0, 3.0]).shares.round(6).tolist()
    [30.0, 3.0, 67.0]
    """
    ids = [str(i) for i in ids]
    weights = _by_id(scenario.weights, ids, 1.0) if scenario.reparto == "manual" else None
    if (view or scenario.view) == SECTORS:
        overrides = {ids.index(c): float(v) for c, v in scenario.overrides if c in ids}
        kwargs = {
            "threshold": float(scenario.threshold_pct),
            "reparto": "brecha" if scenario.reparto == "optimo" else scenario.reparto,
            "manual_weights": weights,
            "overrides": overrides or None,
            "locked": np.isin(ids, scenario.locked),
        }
        target = (
            np.zeros(len(ids), dtype=bool)
            if gap_pct is None
            else _f(gap_pct) >= float(scenario.threshold_pct)
        )
        return RuleArgs(SECTORS, float(scenario.minimum_pct), kwargs, target)
    included = ~np.isin(ids, scenario.excluded)
    kwargs = {
        "included": included,
        "reparto": scenario.reparto,
        "manual_weights": weights,
        "floors": np.where(included, _by_id(scenario.floors, ids, 0.0), 0.0),
        # priority_view caps it at each table's resto (protected_exceeds says where)
        "protected_pct": float(scenario.protected_pct),
    }
    if scenario.reparto == "optimo":
        if optimal is None:
            raise ValueError(
                "El reparto óptimo necesita el costo por persona y la población de cada brecha."
            )
        kwargs.update(optimal)
    return RuleArgs(PRIORITY, float(scenario.minimum_pct), kwargs, included)


def protected_exceeds(scenario, attention_pct: ArrayLike) -> np.ndarray:
    """Where the protected part asked for is larger than the resto it protects (it is then
    the whole resto): bool, shape ``(...)`` of ``attention_pct`` ``(..., g)``."""
    resto = np.maximum(100.0 - _f(attention_pct).sum(axis=-1), 0.0)
    return float(scenario.protected_pct) > resto
