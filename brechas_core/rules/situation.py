"""What a single scenario's rule does, decided once, and the sentences that follow (Spanish,
or the run's language: brechas_core.i18n).

:func:`situation` is the one decision (nothing asked, already met, money moves, capped...);
:func:`notices` turns it into the explanations the interface shows, so no two contradict each
other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from brechas_core.fmt import pct, pp
from brechas_core.i18n import N_, _
from brechas_core.rules.floor import TOL, ZERO, Reallocation

__all__ = ["SITUATIONS", "decimals_for", "notices", "situation"]

#: What a single scenario's rule does, as decided by :func:`situation`.
SITUATIONS = {
    "sin_objetivo": "no column is protected: nothing can receive",
    "linea_base": "nothing asked (F = 0, no floor, no set share): nothing moves",
    "ya_cumple": "F is asked and feasible, and the targets already hold it: nothing moves",
    "mueve": "money moves and everything asked is met",
    "tope": "not everything asked fits: the largest feasible rule is applied, money moves",
    "sin_margen": "not everything asked fits and nothing can be freed: nothing moves",
}


def decimals_for(value: float, least: int = 2) -> int:
    """Decimals that show a non-zero move as non-zero: 2 for 0.05, 3 for 0.004.

    Examples
    --------
    >>> decimals_for(12.93), decimals_for(0.05), decimals_for(0.004), decimals_for(0.0)
    (2, 2, 3, 2)
    """
    v = abs(float(value))
    if v <= ZERO or not np.isfinite(v):
        return least
    return int(min(max(least, -np.floor(np.log10(v))), 9))


def situation(result: Reallocation) -> str:
    """The one decision of what a single scenario's rule does; every text derives from it.

    Returns one key of :data:`SITUATIONS`. Money "moves" when the top-up (the points that
    change hands) is above :data:`ZERO`.

    Examples
    --------
    >>> from brechas_core.rules import reallocate
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0,
    ...                      weights=[1.0, 1.0, 0.0]))
    'mueve'
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 50.0,
    ...                      weights=[1.0, 1.0, 0.0], capacity=[0.0, 0.0, 0.0]))
    'sin_margen'
    >>> situation(reallocate([10.0, 5.0, 85.0], [True, True, False], 10.0,
    ...                      weights=[1.0, 1.0, 0.0]))
    'ya_cumple'
    """
    if np.ndim(result.top_up) != 0:
        raise ValueError("situation() decide un solo escenario; seleccione una fila primero.")
    moves = float(result.top_up) > ZERO
    if not bool(np.any(result.is_target)):
        return "sin_objetivo"
    if not bool(result.feasible):
        return "tope" if moves else "sin_margen"
    if moves:
        return "mueve"
    return "ya_cumple" if float(result.requested_minimum) > 0 else "linea_base"


def notices(
    result: Reallocation,
    labels: Sequence[str],
    *,
    targets_name: str = N_("las columnas protegidas"),
    feasibility: bool = True,
) -> list[str]:
    """Spanish explanations of a single scenario's result, for the interface.

    Every sentence follows from :func:`situation`, so no two contradict each other.

    Parameters
    ----------
    result : Reallocation
        A single-scenario result (``shares`` of shape ``(k,)``).
    labels : sequence of str, length k
        Column names shown to the user.
    targets_name : str
        How to call the targets together, e.g. ``"las brechas priorizadas"``.
    feasibility : bool
        Say why the rule is not feasible (False when the caller says it better, e.g. a
        territory counting the municipalities where it is not).

    Examples
    --------
    >>> from brechas_core.rules import reallocate
    >>> res = reallocate([10.0, 5.0, 85.0], [True, True, False], 50.0,
    ...                  weights=[1.0, 1.0, 0.0], capacity=[0.0, 0.0, 20.0])
    >>> notices(res, ["Agua", "Desagüe", "Resto"])[0]
    'El mínimo pedido (50.0 %) no es factible: con lo que se puede liberar, el máximo es 35.0 %. Se aplicó 35.0 %.'
    """  # noqa: E501
    kind = situation(result)
    labels = list(labels)
    if len(labels) != result.shares.shape[-1]:
        raise ValueError("Hace falta una etiqueta por columna.")
    out: list[str] = []
    F = float(result.requested_minimum)
    targets_name = _(targets_name)
    if kind == "sin_objetivo":
        out.append(
            _(
                "No hay ninguna columna protegida: la regla del mínimo no mueve dinero. "
                "Incluya al menos una."
            )
        )
        return out
    if feasibility and not bool(result.floors_feasible):
        out.append(
            _(
                "Los pisos pedidos no caben en lo que se puede liberar ({free} del total): "
                "se aplicaron en proporción y ninguno se cumple por completo."
            ).format(free=pct(float(result.max_minimum - result.target_total_before), 1))
        )
    if feasibility and kind in ("tope", "sin_margen"):
        mx = pct(float(result.max_minimum), 1)
        if float(result.max_minimum) + TOL < F:
            if kind == "tope":
                applied = _("Se aplicó {maximum}.").format(maximum=mx)
            else:
                applied = _("No se mueve dinero.")
            out.append(
                _(
                    "El mínimo pedido ({minimum}) no es factible: con lo que se puede liberar, "
                    "el máximo es {maximum}."
                ).format(minimum=pct(F, 1), maximum=mx)
                + " "
                + applied
            )
        elif bool(result.floors_feasible):
            out.append(
                _(
                    "El mínimo y los pisos juntos no caben en lo que se puede liberar: "
                    "{targets} llegan a {share}."
                ).format(targets=targets_name, share=pct(float(result.target_total_after), 1))
            )
    if bool(result.equal_fallback) and kind in ("mueve", "tope"):
        out.append(
            _(
                "Los pesos del reparto de {targets} son todos cero: el aumento se repartió en "
                "partes iguales."
            ).format(targets=targets_name)
        )
    if kind == "ya_cumple":
        out.append(
            _capitalized(
                _(
                    "{targets} ya suman {share}, al menos el mínimo de {minimum}: no se mueve "
                    "dinero."
                ).format(
                    targets=targets_name,
                    share=pct(float(result.target_total_before), 1),
                    minimum=pct(F, 1),
                )
            )
        )
    if kind not in ("mueve", "tope"):
        return out
    d = decimals_for(float(result.top_up))

    def change(j: int) -> str:  # only the columns named below (a slider move words these)
        dj = max(d, decimals_for(float(result.moved[j])))
        was, now = pct(float(result.baseline[j]), dj), pct(float(result.shares[j]), dj)
        return f"{_(labels[j])} ({was} → {now})"

    payers = [change(j) for j in np.flatnonzero(result.moved < -TOL)]
    before, after = float(result.target_total_before), float(result.target_total_after)
    # What both sentences below fill in: the points moved and the targets' total before/after.
    moved = {
        "points": pp(float(result.top_up), d).lstrip("+"),
        "targets": targets_name,
        "before": pct(before, d),
        "after": pct(after, d),
        "payers": "; ".join(payers),
    }
    if abs(float(result.top_up) - (after - before)) <= TOL:
        out.append(
            _(
                "Se reasignan {points} del presupuesto a {targets} ({before} → {after}); "
                "ceden: {payers}."
            ).format(**moved)
        )
        return out
    # Set shares move money too (to or from columns outside the rule): say who receives.
    takers = [change(j) for j in np.flatnonzero(result.moved > TOL)]
    out.append(
        _(
            "Se reasignan {points} del presupuesto, con las participaciones fijadas: {targets} "
            "pasan de {before} a {after}; reciben: {takers}; ceden: {payers}."
        ).format(**moved, takers="; ".join(takers))
    )
    return out


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
