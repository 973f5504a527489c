"""Places: the study, Peru, a department, a province or a district, and how to name them.

A :class:`Territory` is what the link's ``territorio`` parameter and the sidebar's selector
choose; :func:`resolve` turns a code into one without ever raising for user input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["KINDS", "STUDY", "Territory", "resolve"]

KINDS = ("estudio", "pais", "departamento", "provincia", "distrito")


@dataclass(frozen=True)
class Territory:
    """A place the rule can be applied to.

    Attributes
    ----------
    kind : {"estudio", "pais", "departamento", "provincia", "distrito"}
    code : str
        ``"estudio"``, ``"PE"`` or the 2-, 4- or 6-digit INEI ubigeo prefix.
    name : str
        Spanish name for the interface: ``"Puno"``, ``"Provincia de El Collao (Puno)"``,
        ``"Ilave (El Collao, Puno)"``, ``"Perú"``.
    ubigeos : tuple of str
        Every INEI district in it (empty for the study, whose districts are not
        identified). Some may have no budget data.
    """

    kind: str
    code: str
    name: str
    ubigeos: tuple[str, ...] = field(default=(), repr=False)

    @property
    def is_study(self) -> bool:
        return self.kind == "estudio"

    @property
    def department_code(self) -> str | None:
        """The department to draw on a map (``None`` for Peru and the study)."""
        return self.code[:2] if self.kind in ("departamento", "provincia", "distrito") else None

    def select(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of a frame with a ``ubigeo`` column that lie in this territory."""
        if self.kind == "pais":
            return frame
        return frame[frame["ubigeo"].isin(self.ubigeos)]


STUDY = Territory("estudio", "estudio", "Distritos del estudio (Puno, no identificados)")


def resolve(code: str, districts: pd.DataFrame) -> tuple[Territory, list[str]]:
    """The territory for a code from a link or a selector; never raises for user input.

    Parameters
    ----------
    code : str
        ``"estudio"``, ``"PE"``, or a 2-digit department, 4-digit province or 6-digit
        district ubigeo.
    districts : DataFrame
        :func:`brechas_core.data.load_districts`.

    Returns
    -------
    territory : Territory
        The study's districts when the code is not known.
    notices : list of str
        Spanish explanations of what was done with an unknown code.

    Examples
    --------
    >>> from brechas_core.data import load_districts
    >>> d = load_districts()
    >>> resolve("2105", d)[0].name
    'Provincia de El Collao (Puno)'
    >>> t, notes = resolve("210501", d)
    >>> t.kind, t.name, notes
    ('distrito', 'Ilave (El Collao, Puno)', [])
    >>> t, notes = resolve("99", d)
    >>> t.kind, len(notes)
    ('estudio', 1)
    """
    text = str(code).strip() if code is not None else ""
    if text in ("", "estudio"):
        return STUDY, []
    if text == "PE":
        return Territory("pais", "PE", "Perú", tuple(districts["ubigeo"])), []
    shown = text if len(text) <= 12 else text[:11] + "…"
    if not (text.isascii() and text.isdigit() and len(text) in (2, 4, 6)):
        return STUDY, [
            f"El territorio «{shown}» no es válido (use PE o un ubigeo de 2, 4 o 6 dígitos); "
            "se muestran los distritos del estudio."
        ]
    column = {2: "department_code", 4: "province_code", 6: "ubigeo"}[len(text)]
    rows = districts[districts[column] == text]
    if rows.empty:
        what = {2: "departamento", 4: "provincia", 6: "distrito"}[len(text)]
        return STUDY, [
            f"No existe un {what} con el código {shown} en los datos del INEI; "
            "se muestran los distritos del estudio."
        ]
    first = rows.iloc[0]
    if len(text) == 2:
        kind, name = "departamento", str(first["department"])
    elif len(text) == 4:
        kind, name = "provincia", f"Provincia de {first['province']} ({first['department']})"
    else:
        kind = "distrito"
        name = f"{first['district']} ({first['province']}, {first['department']})"
    return Territory(kind, text, name, tuple(rows["ubigeo"])), []
