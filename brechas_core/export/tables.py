"""CSV files and the names of every exported file.

A CSV opens in Excel as Peruvian users expect only with a byte-order mark (otherwise Excel
reads UTF-8 as Latin-1 and shows "San RomÃ¡n"); headers and rounding come from
:mod:`brechas_core.measures`.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from brechas_core.scenario import Scenario

__all__ = ["csv_bytes", "file_name", "rule_slug", "slug"]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with a byte-order mark, comma-separated, dot decimals.

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"Distrito": ["San Román"], "Ejecución (%)": [30.0]}))[:3]
    b'\\xef\\xbb\\xbf'
    """
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def slug(text: str) -> str:
    """ASCII, lower case, dashes: a safe piece of a file name.

    Examples
    --------
    >>> slug("San Román (Puno)")
    'san-roman-puno'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "x"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def rule_slug(scenario: Scenario) -> str:
    """The rule in a few characters: view, minimum, how the top-up is shared, extras.

    Examples
    --------
    >>> rule_slug(Scenario(minimum_pct=40))
    'prioritarias-min40-brecha'
    >>> rule_slug(Scenario(minimum_pct=12.5, reparto="igual", floors=(("agua", 5.0),)))
    'prioritarias-min12.5-igual-pisos'
    """
    s = scenario
    parts = [s.view, f"min{_num(s.minimum_pct)}", s.reparto]
    if s.floors:
        parts.append("pisos")
    if s.protected_pct:
        parts.append(f"prot{_num(s.protected_pct)}")
    if s.excluded:
        parts.append(f"sin{len(s.excluded)}")
    if s.view == "sectores" and s.threshold_pct != Scenario.threshold_pct:
        parts.append(f"umbral{_num(s.threshold_pct)}")
    if s.overrides or s.locked:
        parts.append("fijadas")
    return "-".join(parts)


def file_name(scenario: Scenario, what: str, ext: str, *, place: str | None = None) -> str:
    """``brechas_<what>_<territory>_<year>_<rule>.<ext>``: the name records where, when and
    which rule.

    Examples
    --------
    >>> file_name(Scenario(minimum_pct=40), "escenario", "xlsx")
    'brechas_escenario_estudio_promedio_prioritarias-min40-brecha.xlsx'
    >>> file_name(Scenario(territory="21", year="2023"), "distritos", "csv", place="Puno")
    'brechas_distritos_puno-21_2023_prioritarias-min0-brecha.csv'
    """
    where = scenario.territory
    if place is not None and where != "estudio":
        where = f"{slug(place)}-{where}"
    return f"brechas_{slug(what)}_{where}_{scenario.year}_{rule_slug(scenario)}.{ext}"
