"""Validation of uploaded tables with pandera, and one Spanish message per problem.

Readers first put every cell of the table as text in a frame whose index is the row number
the user sees in a spreadsheet, then validate it with a schema built here: amounts must be
numbers, PIM must not be negative, codes must have the expected digits, and no text cell may
start like a spreadsheet formula (``=HYPERLINK(...)``, ``+``, ``@``: a CSV injection that would
run when someone opens an exported table). The first failure (in column order) becomes an
:class:`~brechas_core.imports.common.InvalidFile` with a message that says what to fix.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from brechas_core.fmt import num
from brechas_core.i18n import N_, _
from brechas_core.imports.common import InvalidFile

__all__ = [
    "AMOUNT_PLAIN",
    "AMOUNT_THOUSANDS",
    "FORMULA",
    "amount_column",
    "code_column",
    "quote",
    "text_column",
    "to_number",
    "validate",
]

#: MEF open data: plain decimals with a dot.
AMOUNT_PLAIN = r"-?\d+(\.\d+)?"
#: Consulta Amigable and the template: thousands separated by commas allowed.
AMOUNT_THOUSANDS = r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?"
#: A cell a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA = re.compile(r"^\s*([=+@\t\r]|-\s*[A-Za-z(])")


def quote(value: object, limit: int = 40) -> str:
    """User text quoted back in a message: shortened, on one line, inside a code span.

    Messages are shown as Markdown; inside a code span nothing is a link, an emphasis or
    HTML. Backticks, which could close the span, become a look-alike (U+02CB); line breaks
    become a visible ``⏎``.

    Examples
    --------
    >>> print(quote('=HYPERLINK("http://x.example","clic")'))
    `=HYPERLINK("http://x.example","clic")`
    >>> print(quote("a`b\\nc"))
    `aˋb⏎c`
    """
    text = str(value).replace("\r\n", "\n").replace("\n", "⏎").replace("\r", "⏎")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    text = text.replace("`", "\u02cb").strip() or "\u02cb\u02cb"
    return f"`{text}`"


def _fullmatch(pattern: str):
    rx = re.compile(pattern)
    return lambda s: s.map(lambda v: bool(rx.fullmatch(v)))


def amount_column(pattern: str = AMOUNT_PLAIN, *, non_negative: bool = False) -> pa.Column:
    """A text column of amounts; optionally never negative (PIM, PIA)."""
    checks = [pa.Check(_fullmatch(pattern), name="numero")]
    if non_negative:
        checks.append(pa.Check(lambda s: ~s.str.lstrip().str.startswith("-"), name="no_negativo"))
    return pa.Column(str, checks)


def code_column(pattern: str, expected: str, *, required: bool = True) -> pa.Column:
    """A text column of codes matching a pattern (``expected`` says it in Spanish)."""
    rx = pattern if required else f"({pattern})?"
    return pa.Column(str, pa.Check(_fullmatch(rx), name=f"codigo|{expected}"))


def text_column() -> pa.Column:
    """A free-text column (names): anything but a formula."""
    return pa.Column(
        str, pa.Check(lambda s: ~s.map(lambda v: bool(FORMULA.match(v))), name="formula")
    )


def to_number(series: pd.Series) -> pd.Series:
    """Validated amount text to floats (thousands commas dropped, empty is 0)."""
    text = series.str.replace(",", "", regex=False).str.strip()
    return pd.to_numeric(text.mask(text == "", "0"), errors="raise").astype(float)


def validate(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    *,
    labels: dict[str, str] | None = None,
    row_label: str = N_("fila"),
) -> None:
    """Validate a text frame; raise one Spanish :class:`InvalidFile` for the first problem.

    Parameters
    ----------
    frame : DataFrame
        Every cell as text; the index is the row number the user sees.
    schema : pandera.DataFrameSchema
        Built from :func:`amount_column`, :func:`code_column`, :func:`text_column`.
    labels : dict, optional
        Column name -> how to name it in the message (the file's own header).
    """
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        message = _message(err.failure_cases, frame, schema, labels or {}, row_label)
        raise InvalidFile(message) from None
    except pa.errors.SchemaError as err:  # pragma: no cover - lazy mode collects them all
        raise InvalidFile(
            _("El archivo no tiene el formato esperado: {error}.").format(error=quote(err))
        ) from None


_ORDER = ("formula", "numero", "no_negativo", "codigo")


def _message(cases: pd.DataFrame, frame, schema, labels, row_label) -> str:
    cases = cases[cases["check"].notna()].copy()
    if cases.empty:
        return _("El archivo no tiene el formato esperado: revise las columnas.")
    columns = list(schema.columns)
    cases["col_order"] = cases["column"].map({c: i for i, c in enumerate(columns)}).fillna(99)
    cases["check_kind"] = cases["check"].astype(str).str.split("|").str[0]
    cases["check_order"] = cases["check_kind"].map({c: i for i, c in enumerate(_ORDER)}).fillna(9)
    cases = cases.sort_values(["check_order", "col_order", "index"], kind="stable")
    first = cases.iloc[0]
    column = str(first["column"])
    name = quote(labels.get(column, column))
    kind = first["check_kind"]
    same = cases[(cases["check_kind"] == kind) & (cases["column"] == column)]
    where = (
        f"{_(row_label)} {num(int(first['index']))}" if pd.notna(first["index"]) else _("una fila")
    )
    value = quote(first["failure_case"])
    more = (
        _(" Hay {n} celdas así en esa columna; corríjalas todas.").format(n=num(len(same)))
        if len(same) > 1
        else ""
    )
    if kind == "formula":
        return (
            _(
                "La celda de la columna {name} en la {where} empieza como una fórmula de hoja de "
                "cálculo ({value}). Por seguridad no se aceptan fórmulas: escriba el nombre como "
                "texto, sin «=», «+», «-» o «@» al inicio, y vuelva a subir el archivo."
            ).format(name=name, where=where, value=value)
            + more
        )
    if kind == "numero":
        return (
            _(
                "La columna {name} tiene texto donde debe ir un monto ({where}: {value}). "
                "Escriba solo números en soles, con punto decimal (por ejemplo 1234567.50), sin "
                "«S/» ni letras, y vuelva a subir el archivo."
            ).format(name=name, where=where, value=value)
            + more
        )
    if kind == "no_negativo":
        return (
            _(
                "La columna {name} tiene un monto negativo en la {where} ({value}). El PIA y el "
                "PIM no pueden ser negativos: corrija ese monto (cero o positivo) y vuelva a "
                "subir el archivo."
            ).format(name=name, where=where, value=value)
            + more
        )
    if kind == "codigo":
        expected = str(first["check"]).split("|", 1)[1]
        return (
            _(
                "La columna {name} tiene un código no válido en la {where} ({value}): "
                "{expected}. Corríjalo y vuelva a subir el archivo."
            ).format(name=name, where=where, value=value, expected=_(expected))
            + more
        )
    return _("La columna {name} tiene un valor no válido en la {where} ({value}).").format(
        name=name, where=where, value=value
    )
