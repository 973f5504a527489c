"""Budget files in each supported format, good and bad, built in memory for the tests.

The MEF files come from the project's own generator (``scripts/generate_gasto.py``, the exact
official format); the Consulta Amigable files copy the portal's layout ("NN: NAME" labels,
amounts as text with thousands separators) as XLSX, CSV and the HTML the portal saves as .xls.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"
CONSULTA_REAL = RAW / "consulta-amigable" / "municipalidades-2024-2025.xlsx"


def generator():
    """``scripts/generate_gasto.py`` as a module."""
    spec = importlib.util.spec_from_file_location(
        "generate_gasto", ROOT / "scripts" / "generate_gasto.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mef_csv(rows: int = 2_000, *, year: int = 2024, seed: int = 1, ubigeos=("210101", "210102")):
    """A MEF open-data CSV filtered to a few municipalities (plus other levels' rows)."""
    return generator().to_bytes(rows, year=year, seed=seed, ubigeos=ubigeos)


HEADER = [
    "Año",
    "Departamento",
    "Provincia",
    "Municipalidad",
    "PIA",
    "PIM",
    "Certificación",
    "Compromiso Anual",
    "Atención de Compromiso Mensual",
    "Devengado",
    "Girado",
    "Avance %",
]
#: Two municipalities of Puno in 2024 and one in 2023, in the portal's layout.
ROWS = [
    [
        "2024",
        "21: PUNO",
        "2101: PUNO",
        "210101-301593: MUNICIPALIDAD PROVINCIAL DE PUNO",
        "100,632,362",
        "136,718,073",
        "130,000,000",
        "125,000,000",
        "120,000,000",
        "118,894,591",
        "118,000,000",
        "87.0",
    ],
    [
        "2024",
        "21: PUNO",
        "2101: PUNO",
        "210102-301594: MUNICIPALIDAD DISTRITAL DE ACORA",
        "12,000,000",
        "20,000,000",
        "18,000,000",
        "17,000,000",
        "16,500,000",
        "15,000,000",
        "14,900,000",
        "75.0",
    ],
    [
        "2023",
        "21: PUNO",
        "2101: PUNO",
        "210101-301593: MUNICIPALIDAD PROVINCIAL DE PUNO",
        "90,000,000",
        "120,000,000",
        "110,000,000",
        "105,000,000",
        "100,000,000",
        "99,000,000",
        "98,000,000",
        "82.5",
    ],
]


def consulta_csv(rows=None, header=None, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header or HEADER)
    writer.writerows(ROWS if rows is None else rows)
    return out.getvalue().encode("utf-8")


def consulta_xlsx(rows=None, header=None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or HEADER)
    for row in ROWS if rows is None else rows:
        sheet.append([int(row[0]) if row[0].isdigit() else row[0], *row[1:]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: What the portal saves as "Excel": an HTML page with a breadcrumb and the table of one
#: municipality's functions.
PORTAL_HTML = """<html><head><meta charset="utf-8"></head><body>
<table>
<tr><td>Año de Ejecución:</td><td>2024</td></tr>
<tr><td>Nivel de Gobierno</td><td>M: GOBIERNOS LOCALES</td></tr>
<tr><td>Departamento</td><td>21: PUNO</td></tr>
<tr><td>Municipalidad</td><td>210101-301593: MUNICIPALIDAD PROVINCIAL DE PUNO</td></tr>
</table>
<table>
<tr><th>Función</th><th>PIA</th><th>PIM</th><th>Certificación</th><th>Compromiso Anual</th>
<th>Atención de Compromiso Mensual</th><th>Devengado</th><th>Girado</th><th>Avance %</th></tr>
<tr><td>03: PLANEAMIENTO, GESTION Y RESERVA DE CONTINGENCIA</td><td>40,000,000</td>
<td>50,000,000</td><td>0</td><td>0</td><td>0</td><td>45,000,000</td><td>0</td><td>90.0</td></tr>
<tr><td>12: ENERGIA</td><td>1,000,000</td><td>4,000,000</td><td>0</td><td>0</td><td>0</td>
<td>2,000,000</td><td>0</td><td>50.0</td></tr>
<tr><td>18: SANEAMIENTO</td><td>9,632,362</td><td>32,718,073</td><td>0</td><td>0</td><td>0</td>
<td>21,894,591</td><td>0</td><td>66.9</td></tr>
<tr><td>15: TRANSPORTE</td><td>50,000,000</td><td>50,000,000</td><td>0</td><td>0</td><td>0</td>
<td>50,000,000</td><td>0</td><td>100.0</td></tr>
<tr><td>TOTAL</td><td>100,632,362</td><td>136,718,073</td><td>0</td><td>0</td><td>0</td>
<td>118,894,591</td><td>0</td><td>87.0</td></tr>
</table>
<p>Fuente: Consulta Amigable</p></body></html>"""


def portal_xls() -> bytes:
    return PORTAL_HTML.encode("utf-8")
