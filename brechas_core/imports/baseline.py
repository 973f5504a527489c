"""An imported municipality as the Simulador's baseline: "sus datos" instead of "estimación".

The Simulador for one district reads one row of
:func:`brechas_core.territory.district_frame` (its census gaps, population, budget and the
department's estimated shares). Here that row keeps the census and population and takes the
budget (PIM, devengado, execution) from the user's file, and the shares of the executed
budget that attend water, sewage and electricity from
:func:`~brechas_core.imports.gaps.spending_by_gap` when the file allows it.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from brechas_core import simulation, territory
from brechas_core.fmt import pct, soles
from brechas_core.i18n import _
from brechas_core.imports.common import Imported, MunicipalBudget
from brechas_core.imports.gaps import GapSpending

__all__ = ["own_inputs", "own_note", "own_row"]

_STEMS = {gap_id: stem for gap_id, stem, _column in territory.SERVICES}


def own_row(frame: pd.DataFrame, mb: MunicipalBudget, spending: GapSpending) -> pd.DataFrame:
    """The district's row of a district frame with the file's budget and shares.

    Raises
    ------
    KeyError
        If the frame has no row for the municipality's ubigeo.
    """
    row = frame[frame["ubigeo"] == mb.ubigeo].copy()
    if row.empty:
        raise KeyError(mb.ubigeo)
    row["n_years"] = 1
    row["pim"] = float(mb.pim)
    row["devengado"] = float(mb.devengado)
    row["execution_pct"] = float(mb.execution_pct)
    if spending.method != "ninguno":
        shares = spending.shares()
        for gap, stem in _STEMS.items():
            row[f"est_share_{stem}_pct"] = float(shares.get(gap, 0.0))
        row["est_share_gaps_pct"] = row[[f"est_share_{s}_pct" for s in _STEMS.values()]].sum(axis=1)
    row.attrs.update(frame.attrs)
    return row.reset_index(drop=True)


def own_note(imported: Imported, mb: MunicipalBudget, spending: GapSpending) -> str:
    """What "sus datos" means for this baseline, in the run's language."""
    partial = (
        _(" (año parcial: {note})").format(note=imported.partial_note) if imported.partial else ""
    )
    return _(
        "**Sus datos**: {kind}, {year}{partial}. PIM {pim}, devengado {devengado}, ejecución "
        "{execution}, tomados de su archivo. {note} Las brechas y la población son las del "
        "Censo 2017. Estos datos viven solo en su sesión."
    ).format(
        kind=imported.kind_label,
        year=mb.year,
        partial=partial,
        pim=soles(mb.pim),
        devengado=soles(mb.devengado),
        execution=pct(mb.execution_pct, 1),
        note=_(spending.note),
    )


def own_inputs(
    study: simulation.Inputs,
    place: territory.Territory,
    frame: pd.DataFrame,
    imported: Imported,
    mb: MunicipalBudget,
    spending: GapSpending,
) -> simulation.Inputs:
    """The Simulador's inputs for a district, with the file's figures as the baseline.

    Parameters
    ----------
    study : Inputs
        :func:`brechas_core.simulation.load_inputs`.
    place : Territory
        The district (``kind == "distrito"``, ``code == mb.ubigeo``).
    frame : DataFrame
        :func:`brechas_core.territory.district_frame` of any year that has the district
        (its census gaps and population are used, its budget replaced).
    """
    row = own_row(frame, mb, spending)
    ti = territory.territory_inputs(place, row)
    ti = replace(ti, estimate_note=own_note(imported, mb, spending))
    return simulation.for_territory(study, ti, place.name)
