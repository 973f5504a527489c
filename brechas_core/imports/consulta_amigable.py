"""A table exported from MEF's Consulta Amigable (XLSX, CSV, or the HTML the portal saves).

The portal's tables label each row ``"CODE: NAME"`` (``18: SANEAMIENTO``, ``M: GOBIERNOS
LOCALES``, ``210101-301593: MUNICIPALIDAD PROVINCIAL DE PUNO``) and write amounts as text with
thousands separators (``1,234,567``). The columns are PIA, PIM, Certificación, Compromiso
Anual, Atención de Compromiso Mensual, Devengado, Girado, Avance %.

What the reader looks for:

* the header row: the first row with PIA, PIM and Devengado (any case, accents optional);
* label columns before the amounts, by their header: ``Año``, ``Nivel de Gobierno``,
  ``Municipalidad`` (or ``Ejecutora``), ``Función``, ``Producto/Proyecto``; other label
  columns (Departamento, Provincia...) are kept only to find a district by name;
* the portal's breadcrumb above the header ("Año de Ejecución: 2024", "Municipalidad
  210101-301593: ...", "Función 18: SANEAMIENTO"), which says what a drilled-down table is
  about when its rows are functions or projects.

Amounts are summed per municipality. A municipality label with the ubigeo
(``210101-301593: ...``) gives the district; a label with only the executing unit
(``301593: MUNICIPALIDAD DISTRITAL DE ...``) is matched by name against the districts table
(in its department and province when the file says them).
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from brechas_core.i18n import N_, _
from brechas_core.imports import validation as v
from brechas_core.imports.common import LINE_COLUMNS, InvalidFile, plain, summarize

__all__ = ["find_header", "read"]

_AMOUNTS = {"PIA": "pia", "PIM": "pim", "DEVENGADO": "devengado"}
_LABELS = {
    "ANO": "year",
    "AÑO": "year",
    "ANO DE EJECUCION": "year",
    "NIVEL DE GOBIERNO": "level",
    "NIVEL": "level",
    "MUNICIPALIDAD": "entity",
    "EJECUTORA": "entity",
    "UNIDAD EJECUTORA": "entity",
    "GOB.LOC./MANCOM.": "entity",
    "FUNCION": "function",
    "PRODUCTO/PROYECTO": "project",
    "PRODUCTO / PROYECTO": "project",
    "PROYECTO": "project",
    "DEPARTAMENTO": "department",
    "PROVINCIA": "province",
}
_CODE_LABEL = re.compile(r"^\s*([0-9A-Z][0-9A-Z-]*)\s*:\s*(.*\S)\s*$", re.S)
_ENTITY_UBIGEO = re.compile(r"^(\d{6})-(\d{4,6})$")
_SEP = r"[\s:|]*"
_YEAR = re.compile(r"A[NÑ]O(?: DE EJECUCION)?" + _SEP + r"((?:19|20)\d{2})\b")
_CTX_ENTITY = re.compile(
    r"(?:(\d{6})-)?(\d{4,6})\s*:\s*(MUNICIPALIDAD [A-Z0-9 .,'()/-]+?)\s*(?:\||$)"
)
_CTX_LEVEL = re.compile(r"NIVEL DE GOBIERNO" + _SEP + r"([EMR])\s*:")
_CTX_FUNCTION = re.compile(r"FUNCION" + _SEP + r"(\d{2})\s*:")
_CTX_DEPARTMENT = re.compile(r"DEPARTAMENTO" + _SEP + r"(\d{2})\s*:")
_CTX_PROVINCE = re.compile(r"PROVINCIA" + _SEP + r"(\d{4})\s*:")


def find_header(rows: list[list[str]], limit: int = 40) -> int | None:
    """Index of the first row with PIA, PIM and Devengado among its cells, or ``None``.

    Examples
    --------
    >>> find_header([["Año de Ejecución: 2024"], ["Función", "PIA", "PIM", "Devengado"]])
    1
    """
    for i, row in enumerate(rows[:limit]):
        cells = {plain(c) for c in row}
        if {"PIA", "PIM", "DEVENGADO"} <= cells:
            return i
    return None


def _split(label: str) -> tuple[str, str]:
    """``"18: SANEAMIENTO"`` -> ``("18", "SANEAMIENTO")``; a plain name -> ``("", name)``."""
    m = _CODE_LABEL.match(label)
    return (m.group(1), m.group(2)) if m else ("", label.strip())


def _context(rows: list[list[str]]) -> dict[str, str]:
    text = " | ".join(plain(c) for row in rows for c in row if str(c).strip())
    ctx: dict[str, str] = {}
    if m := _YEAR.search(text):
        ctx["year"] = m.group(1)
    if m := _CTX_ENTITY.search(text):
        ctx["ubigeo"], ctx["sec_ejec"], ctx["entity"] = m.group(1) or "", m.group(2), m.group(3)
    if m := _CTX_LEVEL.search(text):
        ctx["level"] = m.group(1)
    if m := _CTX_FUNCTION.search(text):
        ctx["function"] = m.group(1)
    if m := _CTX_DEPARTMENT.search(text):
        ctx["department"] = m.group(1)
    if m := _CTX_PROVINCE.search(text):
        ctx["province"] = m.group(1)
    return ctx


def _schema(columns: list[str]) -> pa.DataFrameSchema:
    spec: dict[str, pa.Column] = {}
    for c in columns:
        if c in ("pia", "pim"):
            spec[c] = v.amount_column(v.AMOUNT_THOUSANDS + "|", non_negative=True)
        elif c == "devengado":
            spec[c] = v.amount_column(v.AMOUNT_THOUSANDS + "|")
        elif c == "year":
            spec[c] = v.code_column(r"(19|20)\d{2}", N_("debe ser un año de cuatro dígitos"))
        else:
            spec[c] = v.text_column()
    return pa.DataFrameSchema(spec, strict=False)


def read(
    rows: list[list[str]],
    *,
    file_name: str,
    content_digest: str,
    year: int | None = None,
    districts: pd.DataFrame | None = None,
    current_year: int | None = None,
    how: str = "XLSX",
) -> object:
    """Read a Consulta Amigable table (rows of text cells) into an :class:`~.common.Imported`.

    Parameters
    ----------
    rows : list of list of str
    districts : DataFrame, optional
        :func:`brechas_core.data.load_districts`, to find a district by its municipality's
        name when the file gives only the executing unit.
    current_year : int, optional
        The calendar year: that year and later are labelled partial (the portal shows the
        execution up to the day of the query).
    how : str
        How the table came (``"XLSX"``, ``"CSV"``, ``".xls del portal (HTML)"``), for the label.
    """
    h = find_header(rows)
    if h is None:
        raise InvalidFile(
            _(
                "No se encontró la fila de encabezados con las columnas «PIA», «PIM» y "
                "«Devengado». Exporte la consulta del portal sin cambiar los títulos de las "
                "columnas, o use la plantilla de esta página."
            )
        )
    header = [plain(c) for c in rows[h]]
    ctx = _context(rows[:h])
    roles: dict[str, int] = {}
    for i, name in enumerate(header):
        role = _AMOUNTS.get(name) or _LABELS.get(name)
        if role and role not in roles:
            roles[role] = i
    first_amount = min(roles[a] for a in _AMOUNTS.values())
    # The portal's own tables put the row labels in the first column, whatever its title.
    if not any(r in roles for r in ("entity", "function", "project")) and first_amount > 0:
        sample = next((r[0] for r in rows[h + 1 : h + 20] if r and r[0].strip()), "")
        code = _split(sample)[0]
        if re.fullmatch(r"\d{2}", code):
            roles["function"] = 0
        elif re.fullmatch(r"\d{6}-\d{4,6}|30\d{4}", code):
            roles["entity"] = 0
        elif re.fullmatch(r"\d{7}", code):
            roles["project"] = 0

    body = []
    for offset, row in enumerate(rows[h + 1 :], start=h + 2):
        cells = {role: (row[i] if i < len(row) else "").strip() for role, i in roles.items()}
        if not any(cells.get(a, "") for a in _AMOUNTS.values()):
            continue  # blank rows, notes under the table
        labels = [cells.get(r, "") for r in ("entity", "function", "project", "level")]
        if any(plain(x).startswith("TOTAL") for x in labels) or (
            not any(labels) and "year" not in roles
        ):
            continue  # the portal's total row
        body.append((offset, cells))
    if not body:
        raise InvalidFile(
            _(
                "La tabla tiene encabezados pero ninguna fila con montos. Descargue de nuevo la "
                "consulta del portal después de elegir su municipalidad."
            )
        )
    columns = sorted({k for _offset, cells in body for k in cells})
    frame = pd.DataFrame([cells for _offset, cells in body], columns=columns, dtype=str).fillna("")
    frame.index = pd.Index([o for o, _cells in body])
    labels = {role: rows[h][i] for role, i in roles.items()}
    v.validate(frame, _schema(columns), labels=labels)

    n = len(frame)
    # year
    if "year" in frame:
        years = frame["year"].astype(int)
    elif "year" in ctx:
        years = pd.Series(int(ctx["year"]), index=frame.index)
    else:
        raise InvalidFile(
            _(
                "No se encontró el año de la consulta. Agregue una columna «Año» (por ejemplo "
                "2024) o descargue la consulta con su encabezado «Año de Ejecución»."
            )
        )
    # level
    if "level" in frame:
        level = frame["level"].map(lambda s: _split(s)[0][:1] if _split(s)[0] else "")
    else:
        level = pd.Series(ctx.get("level", ""), index=frame.index)
    # municipality
    if "entity" in frame:
        parts = frame["entity"].map(_split)
        codes = parts.map(lambda p: p[0])
        names = parts.map(lambda p: p[1])
    elif "entity" in ctx:
        codes = pd.Series(
            f"{ctx['ubigeo']}-{ctx['sec_ejec']}" if ctx["ubigeo"] else ctx["sec_ejec"],
            index=frame.index,
        )
        names = pd.Series(ctx["entity"], index=frame.index)
    else:
        raise InvalidFile(
            _(
                "No se encontró la municipalidad: el archivo debe tener una columna "
                "«Municipalidad» con etiquetas como «210101-301593: MUNICIPALIDAD PROVINCIAL DE "
                "PUNO», o el encabezado que pone el portal. Elija su municipalidad en la consulta "
                "y descárguela de nuevo."
            )
        )
    ubigeo = codes.map(lambda c: m.group(1) if (m := _ENTITY_UBIGEO.match(c)) else "")
    sec = codes.map(lambda c: m.group(2) if (m := _ENTITY_UBIGEO.match(c)) else c)
    notes = []
    unresolved = ubigeo == ""
    if unresolved.any() and districts is not None:
        dep = frame["department"].map(lambda s: _split(s)[0]) if "department" in frame else None
        prov = frame["province"].map(lambda s: _split(s)[0]) if "province" in frame else None
        for i in frame.index[unresolved]:
            found = _by_name(
                names[i],
                districts,
                department=(dep[i] if dep is not None else ctx.get("department", "")),
                province=(prov[i] if prov is not None else ctx.get("province", "")),
            )
            if found:
                ubigeo[i] = found
        still = int((ubigeo == "").sum())
        found_n = int(unresolved.sum()) - still
        if found_n:
            notes.append(
                _(
                    "{n} municipalidad(es) sin ubigeo en el archivo se identificaron por su "
                    "nombre (en su departamento y provincia)."
                ).format(n=found_n)
            )
    # function and project
    if "function" in frame:
        function = frame["function"].map(lambda s: _split(s)[0])
        function = function.where(function.str.fullmatch(r"\d{2}"), "")
    else:
        function = pd.Series(ctx.get("function", ""), index=frame.index)
    if "project" in frame:
        proj = frame["project"].map(_split)
        cui = proj.map(lambda p: p[0] if p[0].isdigit() else "")
        project = proj.map(lambda p: p[1]).where(cui != "", "")
    else:
        cui = project = pd.Series("", index=frame.index)

    lines = pd.DataFrame(
        {
            "year": years.to_numpy(int),
            "level": level.to_numpy(str),
            "ubigeo": ubigeo.to_numpy(str),
            "sec_ejec": sec.to_numpy(str),
            "entity": names.to_numpy(str),
            "function_code": function.to_numpy(str),
            "cui": cui.to_numpy(str),
            "project": project.to_numpy(str),
            "pia": v.to_number(frame["pia"]).to_numpy(float),
            "pim": v.to_number(frame["pim"]).to_numpy(float),
            "devengado": v.to_number(frame["devengado"]).to_numpy(float),
        },
        columns=list(LINE_COLUMNS),
    )
    partial = {}
    if current_year is not None:
        for y in lines["year"].unique():
            if int(y) >= current_year:
                partial[int(y)] = _("ejecución a la fecha de la consulta (año en curso)")
    notes.insert(0, _("{n} filas con montos leídas de la tabla de Consulta Amigable.").format(n=n))
    return summarize(
        lines,
        kind="consulta",
        kind_label=_("Consulta Amigable del MEF ({how})").format(how=how),
        file_name=file_name,
        content_digest=content_digest,
        year=year,
        partial_years=partial,
        notes=tuple(notes),
    )


_NAME = re.compile(r"^MUNICIPALIDAD (PROVINCIAL|DISTRITAL|DEL CENTRO POBLADO) (?:DE |DEL )?(.+)$")


def _by_name(name: str, districts: pd.DataFrame, *, department: str, province: str) -> str:
    """The ubigeo of a municipality named as MEF names it, or ``""`` if not unique."""
    m = _NAME.match(plain(name))
    if not m:
        return ""
    kind, place = m.group(1), plain(m.group(2))
    d = districts
    if department:
        d = d[d["department_code"] == department]
    if province:
        d = d[d["province_code"] == province]
    if kind == "PROVINCIAL":
        hit = d[(d["province_upper"].map(plain) == place) & d["ubigeo"].str.endswith("01")]
    elif kind == "DISTRITAL":
        hit = d[d["district_upper"].map(plain) == place]
    else:
        return ""
    return str(hit["ubigeo"].iloc[0]) if len(hit) == 1 else ""
