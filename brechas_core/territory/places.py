"""Places: the study, Peru, a department, a province or a district, and how to name them.

A :class:`Territory` is what the link's ``territorio`` parameter and the sidebar's selector
choose; :func:`resolve` turns a code into one without ever raising for user input, and
:func:`options` is the hierarchy the selector offers, with a Spanish label for each code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from brechas_core.i18n import _

__all__ = ["KINDS", "STUDY", "Territory", "TerritoryOptions", "options", "resolve"]

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
        Name for the interface, in the language of the run that resolved it: ``"Puno"``,
        ``"Provincia de El Collao (Puno)"``, ``"Ilave (El Collao, Puno)"``, ``"Perú"``.
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
        return Territory("pais", "PE", _("Perú"), tuple(districts["ubigeo"])), []
    shown = text if len(text) <= 12 else text[:11] + "…"
    if not (text.isascii() and text.isdigit() and len(text) in (2, 4, 6)):
        return STUDY, [
            _(
                "El territorio «{shown}» no es válido (use PE o un ubigeo de 2, 4 o 6 dígitos); "
                "se muestran los distritos del estudio."
            ).format(shown=shown)
        ]
    column = {2: "department_code", 4: "province_code", 6: "ubigeo"}[len(text)]
    rows = districts[districts[column] == text]
    if rows.empty:
        missing = {
            2: _(
                "No existe un departamento con el código {shown} en los datos del INEI; "
                "se muestran los distritos del estudio."
            ),
            4: _(
                "No existe una provincia con el código {shown} en los datos del INEI; "
                "se muestran los distritos del estudio."
            ),
            6: _(
                "No existe un distrito con el código {shown} en los datos del INEI; "
                "se muestran los distritos del estudio."
            ),
        }[len(text)]
        return STUDY, [missing.format(shown=shown)]
    first = rows.iloc[0]
    if len(text) == 2:
        kind, name = "departamento", str(first["department"])
    elif len(text) == 4:
        kind = "provincia"
        name = _("Provincia de {province} ({department})").format(
            province=first["province"], department=first["department"]
        )
    else:
        kind = "distrito"
        name = f"{first['district']} ({first['province']}, {first['department']})"
    return Territory(kind, text, name, tuple(rows["ubigeo"])), []


@dataclass(frozen=True)
class TerritoryOptions:
    """What the territory selector offers, in order, with Spanish labels.

    Attributes
    ----------
    areas : tuple of str
        ``"estudio"``, ``"PE"``, then each department's code followed by its provinces'.
    districts : dict
        Department or province code -> the ubigeos of its districts.
    labels : dict
        Every code (areas and districts) -> its Spanish label.
    """

    areas: tuple[str, ...]
    districts: dict[str, tuple[str, ...]]
    labels: dict[str, str]


def options(districts: pd.DataFrame) -> TerritoryOptions:
    """The territories a user can choose: the study, Peru, departments, provinces, districts.

    Parameters
    ----------
    districts : DataFrame
        :func:`brechas_core.data.load_districts`.

    Returns
    -------
    TerritoryOptions

    Examples
    --------
    >>> from brechas_core.data import load_districts
    >>> o = options(load_districts())
    >>> o.areas[:3], o.labels["21"], o.labels["2105"]
    (('estudio', 'PE', '01'), 'Puno (departamento)', 'El Collao (provincia, Puno)')
    >>> o.labels["210501"]
    'Ilave (El Collao, Puno)'
    >>> o.districts["2105"][:2]
    ('210501', '210502')
    """
    d = districts.sort_values("ubigeo")
    # in the run's language (brechas_ui.cache keeps one copy per language)
    labels = {"estudio": _("Estudio: 13 distritos de Puno (2021-2023)"), "PE": _("Perú (todas)")}
    department, province = _("{name} (departamento)"), _("{name} (provincia, {department})")
    deps = d.drop_duplicates("department_code")
    provs = d.drop_duplicates("province_code")
    labels.update(
        {
            c: department.format(name=n)
            for c, n in zip(deps.department_code, deps.department, strict=True)
        }
    )
    labels.update(
        {
            c: province.format(name=n, department=dep)
            for c, n, dep in zip(provs.province_code, provs.province, provs.department, strict=True)
        }
    )
    labels.update(
        {
            u: f"{n} ({prov}, {dep})"
            for u, n, prov, dep in zip(d.ubigeo, d.district, d.province, d.department, strict=True)
        }
    )
    areas = ("estudio", "PE")
    for dep in deps.department_code:
        areas += (dep, *provs.loc[provs.department_code == dep, "province_code"])
    by_area = {
        **{k: tuple(g.ubigeo) for k, g in d.groupby("department_code")},
        **{k: tuple(g.ubigeo) for k, g in d.groupby("province_code")},
    }
    return TerritoryOptions(areas=areas, districts=by_area, labels=labels)
