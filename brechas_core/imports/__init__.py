"""Bring your own budget file: the MEF open-data CSV, a Consulta Amigable export, the template.

:func:`read_upload` takes the uploaded bytes (never a path: nothing is read from or written to
disk), recognises the format, validates it with pandera, and returns an
:class:`~brechas_core.imports.common.Imported`, or raises
:class:`~brechas_core.imports.common.InvalidFile` with one Spanish message that says what to fix.
"""

from __future__ import annotations

import datetime

import pandas as pd

from brechas_core.i18n import _
from brechas_core.imports import consulta_amigable, mef_csv, rawfile, template
from brechas_core.imports.common import (
    FUNCTION_NAMES,
    MAX_BYTES,
    Imported,
    InvalidFile,
    LeftOut,
    MunicipalBudget,
    digest,
    plain,
)

__all__ = [
    "FUNCTION_NAMES",
    "MAX_BYTES",
    "Imported",
    "InvalidFile",
    "LeftOut",
    "MunicipalBudget",
    "digest",
    "read_upload",
]


def read_upload(
    file_name: str,
    content: bytes,
    *,
    year: int | None = None,
    districts: pd.DataFrame | None = None,
    current_year: int | None = None,
) -> Imported:
    """Read an uploaded budget file of any supported format.

    Parameters
    ----------
    file_name : str
        As uploaded (only shown back, and used to tell a portal ``.xls`` from a CSV).
    content : bytes
    year : int, optional
        The year to read when the file has several (the latest by default).
    districts : DataFrame, optional
        :func:`brechas_core.data.load_districts`, to identify a municipality by its name.
    current_year : int, optional
        Today's year (Consulta Amigable: that year is partial). Defaults to the clock.

    Raises
    ------
    InvalidFile
        With a Spanish message for the user.
    """
    kind = rawfile.sniff(file_name, content)
    key = digest(content)
    current_year = current_year or datetime.date.today().year
    if kind == "xlsx":
        rows, how = rawfile.xlsx_rows(content), "XLSX"
    elif kind == "html":
        rows, how = rawfile.html_rows(content), _(".xls del portal (HTML)")
    else:
        rows, how = rawfile.split_csv(rawfile.decode(content)), "CSV"
    first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if first is None:
        raise InvalidFile(
            _(
                "El archivo no tiene ninguna fila con datos. Descargue de nuevo el archivo del "
                "portal o llene la plantilla, y súbalo otra vez."
            )
        )
    rows = rows[first:]
    header = [plain(c).lstrip("\ufeff") for c in rows[0]]
    if "ANO_EJE" in header and "MES_EJE" in header:
        return mef_csv.read(rows, file_name=file_name, content_digest=key, year=year)
    if template.is_template(rows[0]):
        return template.read(rows, file_name=file_name, content_digest=key, year=year, how=how)
    if consulta_amigable.find_header(rows) is not None:
        return consulta_amigable.read(
            rows,
            file_name=file_name,
            content_digest=key,
            year=year,
            districts=districts,
            current_year=current_year,
            how=how,
        )
    if len(rows[0]) == 1 and kind == "text":
        raise InvalidFile(
            _(
                "El archivo tiene una sola columna: no se reconoce como tabla separada por "
                "comas. Guárdelo como «CSV (delimitado por comas)» o suba el libro .xlsx."
            )
            + " "
            + _(rawfile.SUPPORTED)
        )
    shown = ", ".join(rawfile_quote(c) for c in rows[0][:6] if c.strip())
    raise InvalidFile(
        _("No se reconocen las columnas del archivo")
        + (f" ({shown})" if shown else "")
        + _(
            ". Faltan las columnas del MEF (ANO_EJE, MES_EJE, MONTO_PIM...), las de Consulta "
            "Amigable (PIA, PIM, Devengado) o las de la plantilla (ubigeo, anio, pim, devengado). "
        )
        + _(rawfile.SUPPORTED)
    )


def rawfile_quote(text: str) -> str:
    from brechas_core.imports.validation import quote

    return quote(text, 24)
