"""District indicators beyond the three gaps: which map to a municipal function, and why.

The shipped district data (``data/districts.csv``) has more than the three Census 2017 gaps
the rule uses. ``data/district_indicators.csv`` states, for each indicator, the MEF function
through which a municipality can act on it (``used``), or why none applies (poverty, HDI,
geography). The used ones are shown in the territory tables beside the three gaps
(``brechas_core.territory.EXTRA_INDICATORS``); none of them enters the rule.
"""

from __future__ import annotations

import pandas as pd

from brechas_core.i18n import N_, _

__all__ = ["INDICATOR_NAMES", "note"]


def note(table: pd.DataFrame) -> str:
    """A note for the tables, in the run's language: the extra indicators shown and those
    left out (their names from the data, translated by ``INDICATOR_NAMES``).

    Examples
    --------
    >>> from brechas_core import data
    >>> text = note(data.load_district_indicators())
    >>> text.startswith("Además de las tres brechas:"), "pobreza monetaria" in text
    (True, True)
    """
    three = {"water_gap_pct", "sewage_gap_pct", "electricity_gap_pct"}
    used = table[table["used"] & ~table["column"].isin(three)]
    unused = table[~table["used"]]
    shown = "; ".join(
        _("{indicator} (función {code} {function})").format(
            indicator=_(r.label).lower(), code=r.function_code, function=_(r.function)
        )
        for r in used.itertuples(index=False)
    )
    left = ", ".join(_(r.label).lower() for r in unused.itertuples(index=False))
    return _(
        "Además de las tres brechas: {shown}. Se muestran porque una función municipal puede "
        "atenderlas; la regla no las usa. No se usan como brechas ({left}): no corresponden "
        "a un servicio municipal (ver data/district_indicators.csv)."
    ).format(shown=shown, left=left)


#: The names data/district_indicators.csv gives (labels and functions), for the catalogue.
INDICATOR_NAMES = (
    N_("Brecha de agua"),
    N_("Brecha de desagüe"),
    N_("Brecha de electricidad"),
    N_("Hogares sin internet"),
    N_("Vulnerabilidad alimentaria"),
    N_("Pobreza monetaria"),
    N_("Pobreza extrema"),
    N_("Índice de desarrollo humano"),
    N_("Altitud"),
    N_("Densidad"),
    N_("Saneamiento"),
    N_("Energía"),
    N_("Comunicaciones"),
    N_("Protección social"),
)
