"""The project's own template: one row per function or project of one municipality.

For a planner who has her figures in another form (the municipality's SIAF reports, a
spreadsheet of her own): she downloads the template (CSV or XLSX, with one example row),
writes one row per function (activities) or per project, and uploads it.

Columns: ``ubigeo`` (INEI, 6 digits), ``municipalidad`` (name), ``anio``, ``funcion`` (MEF
function code, 2 digits, optional), ``cui`` (the project's investment code, empty for
activities), ``proyecto`` (the project's name), ``pia``, ``pim``, ``devengado`` (soles; a dot
for decimals; thousands commas are accepted).
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pandera.pandas as pa

from brechas_core.i18n import N_, _
from brechas_core.imports import validation as v
from brechas_core.imports.common import LINE_COLUMNS, InvalidFile, plain, summarize

__all__ = ["COLUMNS", "EXAMPLE", "HELP", "csv_bytes", "is_template", "read", "xlsx_bytes"]

COLUMNS = (
    "ubigeo",
    "municipalidad",
    "anio",
    "funcion",
    "cui",
    "proyecto",
    "pia",
    "pim",
    "devengado",
)

#: The example row of the downloadable template (ignored if uploaded unchanged).
EXAMPLE = (
    "210101",
    "MUNICIPALIDAD PROVINCIAL DE PUNO",
    "2024",
    "18",
    "2345678",
    "MEJORAMIENTO Y AMPLIACION DEL SERVICIO DE AGUA POTABLE EN EL BARRIO EJEMPLO",
    "0",
    "1500000",
    "1200000",
)

#: What each column means, in Spanish (the XLSX's second sheet and the page).
HELP = (
    ("ubigeo", N_("Código INEI del distrito, 6 dígitos (Puno: 210101).")),
    ("municipalidad", N_("Nombre de la municipalidad.")),
    ("anio", N_("Año del presupuesto, por ejemplo 2024.")),
    ("funcion", N_("Código de la función del MEF, 2 dígitos (18 Saneamiento, 12 Energía...).")),
    ("cui", N_("Código único de inversión del proyecto; vacío si es una actividad.")),
    ("proyecto", N_("Nombre del proyecto tal como figura en el MEF; vacío si es una actividad.")),
    ("pia", N_("Presupuesto institucional de apertura, en soles.")),
    ("pim", N_("Presupuesto institucional modificado, en soles.")),
    ("devengado", N_("Monto devengado (ejecutado) en el año, en soles.")),
)


def csv_bytes() -> bytes:
    """The template as CSV (UTF-8 with BOM, so that Excel shows the accents)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes() -> bytes:
    """The template as an Excel workbook: the table, and a sheet that explains each column.

    Codes are written as text, so Excel keeps their leading zeros.
    """
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "datos"
    sheet.append(list(COLUMNS))
    typed = [
        int(x) if c in ("pia", "pim", "devengado") else x
        for c, x in zip(COLUMNS, EXAMPLE, strict=True)
    ]
    sheet.append(typed)
    for cell in sheet[2][:6]:
        cell.number_format = "@"
    for letter, width in zip("ABCDEFGHI", (9, 36, 7, 8, 10, 70, 12, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    info = book.create_sheet("instrucciones")
    info.append(["columna", "qué va"])
    for row in HELP:
        info.append(list(row))
    info.append([])
    info.append(
        ["", "Una fila por función (actividades) o por proyecto. Borre la fila de ejemplo."]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def is_template(header: list[str]) -> bool:
    """Whether a header row is the template's (at least ubigeo, anio and the amounts)."""
    names = {plain(c).lower() for c in header}
    return {"ubigeo", "anio", "pim", "devengado"} <= names


_SCHEMA = pa.DataFrameSchema(
    {
        "ubigeo": v.code_column(
            r"\d{5,6}", N_("debe ser el ubigeo del INEI, 6 dígitos (Puno: 210101)")
        ),
        "municipalidad": v.text_column(),
        "anio": v.code_column(r"(19|20)\d{2}", N_("debe ser un año de cuatro dígitos, como 2024")),
        "funcion": v.code_column(
            r"\d{1,2}", N_("debe ser el código de función del MEF, 2 dígitos"), required=False
        ),
        "cui": v.code_column(
            r"\d{1,10}", N_("debe ser el código único de inversión (solo dígitos)"), required=False
        ),
        "proyecto": v.text_column(),
        "pia": v.amount_column(v.AMOUNT_THOUSANDS + "|", non_negative=True),
        "pim": v.amount_column(v.AMOUNT_THOUSANDS + "|", non_negative=True),
        "devengado": v.amount_column(v.AMOUNT_THOUSANDS + "|"),
    },
    strict=False,
)


def read(
    rows: list[list[str]],
    *,
    file_name: str,
    content_digest: str,
    year: int | None = None,
    how: str = "CSV",
) -> object:
    """Read a filled template (rows of text cells, header first)."""
    header = [plain(c).lower() for c in rows[0]]
    missing = [
        c
        for c in COLUMNS
        if c not in header and c not in ("funcion", "cui", "proyecto", "pia", "municipalidad")
    ]
    if missing:
        raise InvalidFile(
            _("A la plantilla le faltan columnas: {columns}.").format(
                columns=", ".join(v.quote(c) for c in missing)
            )
            + " "
            + _(
                "Descargue la plantilla de esta página y copie sus datos en ella sin cambiar "
                "los encabezados."
            )
        )
    index = {c: header.index(c) for c in COLUMNS if c in header}
    body, example_skipped = [], False
    for offset, row in enumerate(rows[1:], start=2):
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        if not any(cells.values()):
            continue
        if tuple(cells.get(c, "") for c in COLUMNS) == EXAMPLE:
            example_skipped = True
            continue
        body.append((offset, cells))
    if not body:
        raise InvalidFile(
            _("La plantilla no tiene filas de datos")
            + (_(" (solo la fila de ejemplo, que se ignora)") if example_skipped else "")
            + _(
                ". Escriba una fila por función o por proyecto de su municipalidad y vuelva a "
                "subirla."
            )
        )
    frame = pd.DataFrame([c for _offset, c in body], dtype=str).reindex(
        columns=list(COLUMNS), fill_value=""
    )
    frame.index = pd.Index([o for o, _cells in body])
    v.validate(frame, _SCHEMA)
    function = frame["funcion"].where(frame["funcion"] == "", frame["funcion"].str.zfill(2))
    has_cui = frame["cui"] != ""
    lines = pd.DataFrame(
        {
            "year": frame["anio"].astype(int).to_numpy(),
            "level": "",
            "ubigeo": frame["ubigeo"].str.zfill(6).to_numpy(),
            "sec_ejec": "",
            "entity": frame["municipalidad"].to_numpy(),
            "function_code": function.to_numpy(),
            "cui": frame["cui"].to_numpy(),
            "project": frame["proyecto"].where(has_cui, "").to_numpy(),
            "pia": v.to_number(frame["pia"]).to_numpy(),
            "pim": v.to_number(frame["pim"]).to_numpy(),
            "devengado": v.to_number(frame["devengado"]).to_numpy(),
        },
        columns=list(LINE_COLUMNS),
    )
    notes = [_("{n} filas leídas de la plantilla.").format(n=len(frame))]
    if example_skipped:
        notes.append(_("Se ignoró la fila de ejemplo de la plantilla."))
    return summarize(
        lines,
        kind="plantilla",
        kind_label=_("Plantilla de Brechas ({how})").format(how=how),
        file_name=file_name,
        content_digest=content_digest,
        year=year,
        notes=tuple(notes),
    )
