"""District indicators beyond the three gaps: which map to a municipal function, and why.

The shipped district data (``data/districts.csv``) has more than the three Census 2017 gaps
the rule uses. ``data/district_indicators.csv`` states, for each indicator, the MEF function
through which a municipality can act on it (``used``), or why none applies (poverty, HDI,
geography). The used ones are shown in the territory tables beside the three gaps
(``brechas_core.territory.EXTRA_INDICATORS``); none of them enters the rule.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["note"]


def note(table: pd.DataFrame) -> str:
    """A Spanish note for the tables: the extra indicators shown and those left out.

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
        f"{r.label.lower()} (función {r.function_code} {r.function})"
        for r in used.itertuples(index=False)
    )
    left = ", ".join(r.label.lower() for r in unused.itertuples(index=False))
    return (
        f"Además de las tres brechas: {shown}. Se muestran porque una función municipal puede "
        f"atenderlas; la regla no las usa. No se usan como brechas ({left}): no corresponden "
        "a un servicio municipal (ver data/district_indicators.csv)."
    )
