"""From uploaded bytes to rows of text cells: size, emptiness, binary files, CSV, XLSX, HTML.

Every check here answers with one Spanish :class:`~.common.InvalidFile` message that says
what to fix. Nothing is written to disk; workbooks are read in memory with openpyxl (which
uses defusedxml when installed, as here) after checking the archive's uncompressed size, and
HTML with lxml's parser (no network, no entities resolved from outside).
"""

from __future__ import annotations

import csv
import io
import zipfile

from brechas_core.fmt import num
from brechas_core.i18n import N_, _
from brechas_core.imports.common import MAX_BYTES, MAX_ROWS, InvalidFile

__all__ = ["decode", "html_rows", "sniff", "split_csv", "xlsx_rows"]

#: A workbook may unpack to at most this much XML (a "zip bomb" is refused before reading).
MAX_UNPACKED = 120 * 1024 * 1024

_BINARY_SIGNATURES = {
    b"%PDF": N_("un PDF"),
    b"\x89PNG": N_("una imagen PNG"),
    b"\xff\xd8\xff": N_("una imagen JPEG"),
    b"GIF8": N_("una imagen GIF"),
    b"Rar!": N_("un archivo RAR"),
    b"\x1f\x8b": N_("un archivo comprimido (gzip)"),
    b"7z\xbc\xaf": N_("un archivo comprimido 7z"),
    b"MZ": N_("un programa de Windows"),
    b"\x7fELF": N_("un programa"),
}

SUPPORTED = N_(
    "Se aceptan: el CSV de datos abiertos del MEF («Presupuesto y Ejecución de Gasto»), una "
    "exportación de Consulta Amigable (XLSX, CSV o el .xls que guarda el portal) o la "
    "plantilla de esta página (CSV o XLSX)."
)


def sniff(name: str, content: bytes) -> str:
    """Refuse what cannot be a table; say which reader to use.

    Examples
    --------
    >>> sniff("a.csv", b"x,y\\n1,2\\n")
    'text'
    >>> sniff("a.xls", b"<html><table><tr><td>1</td></tr></table></html>")
    'html'
    >>> try:
    ...     sniff("a.csv", b"")
    ... except InvalidFile as e:
    ...     print(e.message[:24])
    El archivo está vacío (0
    """
    size = len(content)
    if size > MAX_BYTES:
        raise InvalidFile(
            _(
                "El archivo pesa {size} MB y el máximo es {most} MB. Filtre en el portal solo su "
                "municipalidad (y el año) antes de descargar, o guarde solo las columnas "
                "necesarias."
            ).format(size=num(size / 1024 / 1024, 1), most=num(MAX_BYTES / 1024 / 1024, 0))
        )
    if size == 0 or not content.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InvalidFile(
            _(
                "El archivo está vacío (0 filas). Descargue de nuevo el archivo del portal o "
                "llene la plantilla, y súbalo otra vez."
            )
        )
    head = content[:8]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidFile(
            _(
                "Es un libro de Excel en el formato antiguo (.xls binario), que no se puede leer "
                "aquí. Ábralo en Excel o LibreOffice y guárdelo como «Libro de Excel (.xlsx)» o "
                "como «CSV (delimitado por comas)»."
            )
        )
    for signature, what in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise InvalidFile(
                _("El archivo es {what}, no una tabla.").format(what=_(what)) + " " + _(SUPPORTED)
            )
    sample = content[:65536]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise InvalidFile(
            _(
                "El archivo es binario (no es texto ni un libro de Excel): no se puede leer "
                "como tabla."
            )
            + " "
            + _(SUPPORTED)
        )
    text_head = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<", b"<!doctype")) and b"<table" in content[:MAX_BYTES].lower():
        return "html"
    return "text"


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def decode(content: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV")."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def split_csv(text: str) -> list[list[str]]:
    """Rows of a comma-separated text; refuse another delimiter with a message.

    Examples
    --------
    >>> split_csv('a,b\\n"1,234",x\\n')
    [['a', 'b'], ['1,234', 'x']]
    >>> try:
    ...     split_csv("a;b;c\\n1;2;3\\n")
    ... except InvalidFile as e:
    ...     print(e.message[:45])
    El archivo usa «;» (punto y coma) para separa
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    commas = _count_outside_quotes(first, ",")
    for sep, name in ((";", _("«;» (punto y coma)")), ("\t", _("tabulaciones")), ("|", "«|»")):
        if _count_outside_quotes(first, sep) > commas:
            raise InvalidFile(
                _(
                    "El archivo usa {name} para separar las columnas, y aquí se leen con comas. "
                    "En Excel, use «Guardar como» → «CSV (delimitado por comas)»; o suba el "
                    "libro como .xlsx."
                ).format(name=name)
            )
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise InvalidFile(
            _(
                "No se pudo leer el CSV ({err}). Revise que las comillas estén cerradas y "
                "guárdelo de nuevo como «CSV (delimitado por comas)»."
            ).format(err=err)
        ) from None
    if len(rows) > MAX_ROWS + 50:
        raise InvalidFile(_too_many(len(rows)))
    return rows


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count


def _too_many(n: int) -> str:
    return _(
        "El archivo tiene {n} filas y el máximo es {most}. Filtre en el portal solo su "
        "municipalidad antes de descargar; para el archivo anual completo del MEF use "
        "scripts/build_data.py --gasto (vea el README)."
    ).format(n=num(n), most=num(MAX_ROWS))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def xlsx_rows(content: bytes) -> list[list[str]]:
    """The first sheet of a workbook, every cell as text (numbers without ``.0``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise InvalidFile(
            _(
                "El archivo parece un libro de Excel (.xlsx) pero está dañado o incompleto. "
                "Ábralo en Excel y guárdelo de nuevo, o descárguelo otra vez del portal."
            )
        ) from None
    if unpacked > MAX_UNPACKED:
        raise InvalidFile(
            _(
                "El libro de Excel se expande a más de {most} MB al abrirlo. Deje en él solo la "
                "tabla de su municipalidad y súbalo de nuevo."
            ).format(most=num(MAX_UNPACKED / 1024 / 1024, 0))
        )
    if "xl/workbook.xml" not in names:
        raise InvalidFile(
            _(
                "El archivo es un .zip, no un libro de Excel (.xlsx). Suba el CSV o el libro que "
                "descargó del portal, o la plantilla."
            )
        )
    import openpyxl  # imported here: only uploads of workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise InvalidFile(
            _(
                "No se pudo abrir el libro de Excel (.xlsx). Ábralo en Excel, guárdelo de nuevo "
                "como «Libro de Excel (.xlsx)» y vuelva a subirlo."
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 50:
                raise InvalidFile(_too_many(len(rows)))
    finally:
        book.close()
    return _trim(rows)


def html_rows(content: bytes) -> list[list[str]]:
    """The rows of the HTML tables in a page (the portal's "Excel" download is HTML)."""
    from lxml import etree, html  # imported here: only HTML uploads need it

    parser = html.HTMLParser(no_network=True, remove_comments=True, recover=True)
    try:
        root = html.document_fromstring(content, parser=parser)
    except (etree.ParserError, ValueError):
        raise InvalidFile(
            _(
                "No se pudo leer la tabla de la página guardada (.xls del portal). Ábrala en "
                "Excel y guárdela como «Libro de Excel (.xlsx)»."
            )
        ) from None
    rows = []
    for tr in root.iter("tr"):
        cells = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            text = " ".join(cell.text_content().split())
            cells.append(text)
            span = cell.get("colspan")
            if span and span.isdigit() and 1 < int(span) <= 50:
                cells.extend([""] * (int(span) - 1))
        rows.append(cells)
        if len(rows) > MAX_ROWS + 50:
            raise InvalidFile(_too_many(len(rows)))
    return _trim(rows)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop trailing empty cells and fully empty rows at the end."""
    out = []
    for row in rows:
        while row and row[-1] == "":
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out
