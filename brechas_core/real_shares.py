"""Real shares by gap where the MEF full-year files were processed; the estimate elsewhere.

:func:`brechas_core.territory.district_frame` estimates each district's share of its
executed budget that attends water, sewage and electricity from its department's spending by
function. When ``scripts/build_data.py --gasto`` has been run on MEF's year files,
``data/gap_spending_by_municipality.csv`` holds each municipality's real spending by gap
(its projects classified by name). :func:`apply` replaces the estimate with those shares
wherever they exist for the year shown, and marks each row's ``share_source``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from brechas_core.i18n import DEFAULT, N_, _, using

__all__ = ["ESTIMATE", "REAL", "REAL_NOTE", "apply", "note"]

ESTIMATE = "estimación"
REAL = "MEF (proyectos)"

REAL_NOTE = N_(
    "Gasto real por brecha: los proyectos de la municipalidad en el archivo anual del MEF "
    "(Presupuesto y Ejecución de Gasto), clasificados por su nombre; un proyecto de agua y "
    "desagüe cuenta mitad y mitad. Las actividades no se asignan a brechas, como en el estudio."
)

_STEMS = {"agua": "water", "desague": "sewage", "electricidad": "electricity"}


def apply(frame: pd.DataFrame, year: str, real: pd.DataFrame) -> pd.DataFrame:
    """A district frame with real shares where ``real`` has the municipality's year(s).

    Parameters
    ----------
    frame : DataFrame
        :func:`brechas_core.territory.district_frame` for ``year``.
    year : str
        ``"promedio"`` or a year. For ``"promedio"`` a municipality gets real shares only
        when ``real`` has every year its average uses (pooled, devengado-weighted).
    real : DataFrame
        :func:`brechas_core.data.load_gap_spending_by_municipality`.

    Returns
    -------
    DataFrame
        A copy with ``share_source`` (``"MEF (proyectos)"`` or ``"estimación"``) and the
        ``est_share_*`` columns replaced where real; ``attrs["estimate_note"]`` says how many.

    Examples
    --------
    >>> f = pd.DataFrame({"ubigeo": ["210101", "210102"], "n_years": [1, 1],
    ...     "est_share_water_pct": [3.0, 3.0], "est_share_sewage_pct": [3.0, 3.0],
    ...     "est_share_electricity_pct": [1.0, 1.0], "est_share_gaps_pct": [7.0, 7.0]})
    >>> r = pd.DataFrame({"year": [2023, 2023], "ubigeo": ["210101"] * 2,
    ...     "gap_id": ["agua", "otros"], "devengado": [10.0, 40.0], "share_pct": [10.0, 40.0]})
    >>> out = apply(f, "2023", r)
    >>> out["share_source"].tolist(), out["est_share_water_pct"].tolist()
    (['MEF (proyectos)', 'estimación'], [10.0, 3.0])
    >>> out["est_share_gaps_pct"].tolist()
    [10.0, 7.0]
    """
    out = frame.copy()
    out["share_source"] = ESTIMATE
    out.attrs["estimate_only_note"] = frame.attrs.get("estimate_note", "")
    if real.empty:
        return out
    if year == "promedio":
        # pooled over years: devengado per gap / total devengado (total from share_pct)
        positive = real["share_pct"] > 0
        total = np.where(
            positive, real["devengado"] * 100.0 / real["share_pct"].where(positive), np.nan
        )
        r = real.assign(total=total)
        years = r.groupby("ubigeo")["year"].nunique()
        money = r.groupby(["ubigeo", "gap_id"])["devengado"].sum().unstack(fill_value=0.0)
        totals = r.groupby(["ubigeo", "year"])["total"].max().groupby("ubigeo").sum()
        shares = money.div(totals, axis=0).mul(100.0)
        n_years = out.set_index("ubigeo")["n_years"]
        covered = years.reindex(n_years.index).fillna(0).to_numpy() >= n_years.to_numpy()
        shares = shares.reindex(n_years.index[covered])
    else:
        one = real[real["year"] == int(year)]
        shares = one.pivot_table(
            index="ubigeo", columns="gap_id", values="share_pct", aggfunc="sum", fill_value=0.0
        )
    if shares.empty:
        return out
    hit = out["ubigeo"].isin(shares.index).to_numpy()
    rows = shares.reindex(out.loc[hit, "ubigeo"])
    for gap, stem in _STEMS.items():
        values = rows[gap].to_numpy(float) if gap in rows else np.zeros(int(hit.sum()))
        out.loc[hit, f"est_share_{stem}_pct"] = values
    out.loc[hit, "est_share_gaps_pct"] = out.loc[
        hit, [f"est_share_{s}_pct" for s in _STEMS.values()]
    ].sum(axis=1)
    out.loc[hit, "share_source"] = REAL
    with using(DEFAULT):  # the frame is cached and shared: its note stays in Spanish
        out.attrs["estimate_note"] = note(out)
    return out


def note(frame: pd.DataFrame) -> str:
    """The note for a frame (or a territory's rows), in the run's language: real, estimate,
    or both."""
    if "estimate_years" in frame.attrs:  # a district frame: its estimate in this language
        from brechas_core.territory.panel import estimate_note as panel_note

        estimate_note = panel_note(frame.attrs["estimate_years"])
    else:
        estimate_note = frame.attrs.get("estimate_only_note", frame.attrs.get("estimate_note", ""))
    if "share_source" not in frame:
        return estimate_note
    real = int((frame["share_source"] == REAL).sum())
    if real == 0:
        return estimate_note
    if real == len(frame):
        return _(REAL_NOTE)
    return (
        _("{real} de {n} municipalidades tienen su gasto real por brecha.").format(
            real=f"{real:,}", n=f"{len(frame):,}"
        )
        + " "
        + _("{real_note} En las demás, {estimate_note}").format(
            real_note=_(REAL_NOTE), estimate_note=estimate_note
        )
    )
