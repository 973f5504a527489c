"""Number formats that Peruvian officials read, in the interface's language.

MEF's Consulta Amigable and the study write amounts with comma thousands and a dot decimal
(``S/ 1,707,983,421``, ``56.71%``); the interface follows that, with ``S/`` for soles and a
space before ``%`` as Spanish style asks. The same conventions in d3-format (Vega-Lite) are
``",.2f"``, so charts and text agree.

In English (brechas_core.i18n) the digits are the same: comma thousands and a dot decimal
are also English usage, and soles keep ``S/`` (the symbol Peru's central bank uses in its
English publications), so a number reads the same in both languages and a figure quoted
from one matches the other. Only the words around it change, as English style writes them:
no space before ``%`` (``77.4%``), percentage points as ``pp`` (``+12.93 pp``, as the IMF
and the World Bank write them) and ``million`` for ``millones``.
"""

from __future__ import annotations

import math

from brechas_core.i18n import _, language

__all__ = [
    "MILLONES",
    "num",
    "pct",
    "pct_printf",
    "pp",
    "soles",
    "soles_millones",
    "soles_whole",
    "years_to_close",
]

MILLONES = 1_000_000

#: What each language writes after a number: percent, percentage points, millions.
_SUFFIX = {
    "es": {"%": " %", "p.p.": " p.p.", "millones": " millones"},
    "en": {"%": "%", "p.p.": " pp", "millones": " million"},
}


def _suffix(kind: str) -> str:
    return _SUFFIX.get(language(), _SUFFIX["es"])[kind]


def num(value: float, decimals: int = 0) -> str:
    """A number with comma thousands and a dot decimal; ``—`` when missing.

    Examples
    --------
    >>> num(1234567.891, 2)
    '1,234,567.89'
    >>> num(float("nan"))
    '—'
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if round(value, decimals) == 0:
        value = 0.0  # never print "-0.00"
    return f"{value:,.{decimals}f}"


def pct(value: float, decimals: int = 2) -> str:
    """A percentage: ``56.71 %``.

    Examples
    --------
    >>> pct(56.7123)
    '56.71 %'
    >>> pct(12.5, 1)
    '12.5 %'
    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     pct(77.4, 1)
    '77.4%'
    """
    text = num(value, decimals)
    return text if text == "—" else f"{text}{_suffix('%')}"


def pct_printf(decimals: int = 1) -> str:
    """A percentage as a printf format (Streamlit's sliders): ``%.1f %%`` in Spanish.

    >>> pct_printf(1)
    '%.1f %%'
    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     pct_printf(2)
    '%.2f%%'
    """
    return f"%.{decimals}f{_suffix('%').replace('%', '%%')}"


def pp(value: float, decimals: int = 2) -> str:
    """A change in percentage points, always signed: ``+12.93 p.p.``.

    Examples
    --------
    >>> pp(12.93)
    '+12.93 p.p.'
    >>> pp(-3.5, 1)
    '-3.5 p.p.'
    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     pp(12.93)
    '+12.93 pp'
    """
    text = num(value, decimals)
    if text == "—":
        return text
    return f"{'' if text.startswith('-') else '+'}{text}{_suffix('p.p.')}"


def soles(value: float, decimals: int = 0) -> str:
    """An amount in soles: ``S/ 1,234,567``.

    Examples
    --------
    >>> soles(1234567.4)
    'S/ 1,234,567'
    >>> soles(-2500.5, 2)
    '-S/ 2,500.50'
    """
    text = num(abs(value) if value is not None else value, decimals)
    if text == "—":
        return text
    return f"{'-' if round(value, decimals) < 0 else ''}S/ {text}"


def soles_millones(value: float, decimals: int = 2) -> str:
    """An amount in millions of soles: ``S/ 1,707.98 millones``.

    Examples
    --------
    >>> soles_millones(1_707_983_421)
    'S/ 1,707.98 millones'
    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     soles_millones(1_707_983_421), soles(1_707_983_421)
    ('S/ 1,707.98 million', 'S/ 1,707,983,421')
    """
    text = soles(value / MILLONES, decimals) if value is not None else "—"
    return text if text == "—" else f"{text}{_suffix('millones')}"


def years_to_close(value: float) -> str:
    """Years to close a gap: «ya cerrada» at 0, «nunca» when nothing is spent (infinite).

    Examples
    --------
    >>> [years_to_close(v) for v in (0.0, 6.25, float("inf"), float("nan"))]
    ['ya cerrada', '6.2', 'nunca', '—']
    """
    if value == 0:
        return _("ya cerrada")
    if value == math.inf:
        return _("nunca")
    return num(value, 1)


# -- Headlines (issue 14, item 2): the sentences and cards at the top of a page ------------
# A headline writes soles without centavos (soles_whole), shares of a budget and gaps with
# two decimals (pct), the rates a person sets or a ratio (minimum, execution) with one, and
# correlation coefficients with three; amounts in millions keep two decimals.


def soles_whole(value: float) -> str:
    """Soles without centavos, as a headline writes them; a positive amount that rounds to
    zero reads «menos de S/ 1».

    Examples
    --------
    >>> soles_whole(53.468)
    'S/ 53'
    >>> soles_whole(0.4)
    'menos de S/ 1'
    >>> soles_whole(0.0)
    'S/ 0'
    """
    if value is not None and math.isfinite(value) and value > 0 and round(value) == 0:
        return _("menos de {amount}").format(amount=soles(1))
    return soles(value)
