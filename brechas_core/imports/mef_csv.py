"""The MEF open-data "Presupuesto y Ejecución de Gasto" CSV, filtered to a few municipalities.

Format (the team's MEF notes, peru-budget-data.md): 63 columns, comma separated, UTF-8 with a
BOM, codes as text. Rows with ``MES_EJE = 0`` carry PIA and PIM; rows with ``MES_EJE`` 1 to
12 carry that month's devengado as a flow: the annual figure is the sum over every row.
Municipalities are ``NIVEL_GOBIERNO = 'M'``; the district is ``DEPARTAMENTO_EJECUTORA +
PROVINCIA_EJECUTORA + DISTRITO_EJECUTORA`` (two digits each); projects are ``TIPO_ACT_PROY =
'2'`` with their CUI in ``PRODUCTO_PROYECTO`` and their name in ``PRODUCTO_PROYECTO_NOMBRE``.

This reader is for what a planner downloads from the portal (up to 10 MB, in memory). The
full-year files (7-10 GB) are read by ``scripts/build_data.py --gasto`` with DuckDB, which
streams them; both apply the same rules, and the tests check that they agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from brechas_core.fmt import num
from brechas_core.i18n import N_, _
from brechas_core.imports import validation as v
from brechas_core.imports.common import LINE_COLUMNS, InvalidFile, summarize

__all__ = ["COLUMNS", "MONTHS", "NEEDED", "lines_from_frame", "read"]

#: The 63 columns of the official file, in order.
COLUMNS = [
    "ANO_EJE",
    "MES_EJE",
    "NIVEL_GOBIERNO",
    "NIVEL_GOBIERNO_NOMBRE",
    "SECTOR",
    "SECTOR_NOMBRE",
    "PLIEGO",
    "PLIEGO_NOMBRE",
    "SEC_EJEC",
    "EJECUTORA",
    "EJECUTORA_NOMBRE",
    "DEPARTAMENTO_EJECUTORA",
    "DEPARTAMENTO_EJECUTORA_NOMBRE",
    "PROVINCIA_EJECUTORA",
    "PROVINCIA_EJECUTORA_NOMBRE",
    "DISTRITO_EJECUTORA",
    "DISTRITO_EJECUTORA_NOMBRE",
    "SEC_FUNC",
    "PROGRAMA_PPTO",
    "PROGRAMA_PPTO_NOMBRE",
    "TIPO_ACT_PROY",
    "TIPO_ACT_PROY_NOMBRE",
    "PRODUCTO_PROYECTO",
    "PRODUCTO_PROYECTO_NOMBRE",
    "ACTIVIDAD_ACCION_OBRA",
    "ACTIVIDAD_ACCION_OBRA_NOMBRE",
    "FUNCION",
    "FUNCION_NOMBRE",
    "DIVISION_FUNCIONAL",
    "DIVISION_FUNCIONAL_NOMBRE",
    "GRUPO_FUNCIONAL",
    "GRUPO_FUNCIONAL_NOMBRE",
    "META",
    "FINALIDAD",
    "META_NOMBRE",
    "DEPARTAMENTO_META",
    "DEPARTAMENTO_META_NOMBRE",
    "FUENTE_FINANCIAMIENTO",
    "FUENTE_FINANCIAMIENTO_NOMBRE",
    "RUBRO",
    "RUBRO_NOMBRE",
    "TIPO_RECURSO",
    "TIPO_RECURSO_NOMBRE",
    "CATEGORIA_GASTO",
    "CATEGORIA_GASTO_NOMBRE",
    "TIPO_TRANSACCION",
    "GENERICA",
    "GENERICA_NOMBRE",
    "SUBGENERICA",
    "SUBGENERICA_NOMBRE",
    "SUBGENERICA_DET",
    "SUBGENERICA_DET_NOMBRE",
    "ESPECIFICA",
    "ESPECIFICA_NOMBRE",
    "ESPECIFICA_DET",
    "ESPECIFICA_DET_NOMBRE",
    "MONTO_PIA",
    "MONTO_PIM",
    "MONTO_CERTIFICADO",
    "MONTO_COMPROMETIDO_ANUAL",
    "MONTO_COMPROMETIDO",
    "MONTO_DEVENGADO",
    "MONTO_GIRADO",
]

#: The columns this reader uses (a filtered download must keep them).
NEEDED = (
    "ANO_EJE",
    "MES_EJE",
    "NIVEL_GOBIERNO",
    "SEC_EJEC",
    "EJECUTORA_NOMBRE",
    "DEPARTAMENTO_EJECUTORA",
    "PROVINCIA_EJECUTORA",
    "DISTRITO_EJECUTORA",
    "TIPO_ACT_PROY",
    "PRODUCTO_PROYECTO",
    "PRODUCTO_PROYECTO_NOMBRE",
    "FUNCION",
    "MONTO_PIA",
    "MONTO_PIM",
    "MONTO_DEVENGADO",
)

MONTHS = [
    N_("enero"),
    N_("febrero"),
    N_("marzo"),
    N_("abril"),
    N_("mayo"),
    N_("junio"),
    N_("julio"),
    N_("agosto"),
    N_("septiembre"),
    N_("octubre"),
    N_("noviembre"),
    N_("diciembre"),
]

_DIGITS2 = r"\d{1,2}"


def _schema(columns: list[str]) -> pa.DataFrameSchema:
    spec = {
        "ANO_EJE": v.code_column(r"\d{4}", N_("debe ser un año de cuatro dígitos, como 2024")),
        "MES_EJE": v.code_column(r"(0?\d|1[0-2])", N_("debe ser un mes de 0 a 12")),
        "NIVEL_GOBIERNO": v.code_column(r"[A-Z]", N_("debe ser una letra (M, R o E)")),
        "DEPARTAMENTO_EJECUTORA": v.code_column(
            _DIGITS2, N_("debe tener 2 dígitos"), required=False
        ),
        "PROVINCIA_EJECUTORA": v.code_column(_DIGITS2, N_("debe tener 2 dígitos"), required=False),
        "DISTRITO_EJECUTORA": v.code_column(_DIGITS2, N_("debe tener 2 dígitos"), required=False),
        "TIPO_ACT_PROY": v.code_column(
            r"\d", N_("debe ser 2 (proyecto) o 3 (actividad)"), required=False
        ),
        "PRODUCTO_PROYECTO": v.code_column(
            r"\d{1,10}", N_("debe ser un código numérico"), required=False
        ),
        "FUNCION": v.code_column(_DIGITS2, N_("debe ser una función de 2 dígitos"), required=False),
        "MONTO_PIA": v.amount_column(v.AMOUNT_PLAIN, non_negative=True),
        "MONTO_PIM": v.amount_column(v.AMOUNT_PLAIN, non_negative=True),
        "MONTO_DEVENGADO": v.amount_column(v.AMOUNT_PLAIN),
    }
    for name in columns:
        if name.endswith("_NOMBRE"):
            spec[name] = v.text_column()
    return pa.DataFrameSchema(spec, strict=False)


def lines_from_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Validated MEF rows (text) to the importers' lines, and the last month with data."""
    m = frame
    dep, prov, dist = (
        m[c].str.strip().str.zfill(2)
        for c in ("DEPARTAMENTO_EJECUTORA", "PROVINCIA_EJECUTORA", "DISTRITO_EJECUTORA")
    )
    has_place = (m["DEPARTAMENTO_EJECUTORA"].str.strip() != "") & (
        m["DISTRITO_EJECUTORA"].str.strip() != ""
    )
    is_project = m["TIPO_ACT_PROY"].str.strip() == "2"
    function = m["FUNCION"].str.strip()
    out = pd.DataFrame(
        {
            "year": m["ANO_EJE"].astype(int),
            "level": m["NIVEL_GOBIERNO"].str.strip(),
            "ubigeo": np.where(has_place, dep + prov + dist, ""),
            "sec_ejec": m["SEC_EJEC"].str.strip(),
            "entity": m["EJECUTORA_NOMBRE"].str.strip(),
            "function_code": np.where(function != "", function.str.zfill(2), ""),
            "cui": np.where(is_project, m["PRODUCTO_PROYECTO"].str.strip(), ""),
            "project": np.where(is_project, m["PRODUCTO_PROYECTO_NOMBRE"].str.strip(), ""),
            "pia": v.to_number(m["MONTO_PIA"]),
            "pim": v.to_number(m["MONTO_PIM"]),
            "devengado": v.to_number(m["MONTO_DEVENGADO"]),
        }
    )
    month = m["MES_EJE"].astype(int)
    executed = out["devengado"] != 0
    last_month = int(month[executed].max()) if executed.any() else 0
    keys = [c for c in LINE_COLUMNS if c not in ("pia", "pim", "devengado")]
    out["n_rows"] = 1
    lines = out.groupby(keys, sort=True, as_index=False)[
        ["pia", "pim", "devengado", "n_rows"]
    ].sum()
    return lines, last_month


def read(
    rows: list[list[str]],
    *,
    file_name: str,
    content_digest: str,
    year: int | None = None,
) -> object:
    """Read the MEF CSV's rows (header first) into an :class:`~.common.Imported`."""
    header = [c.strip().lstrip("\ufeff").strip('"').upper() for c in rows[0]]
    missing = [c for c in NEEDED if c not in header]
    if missing:
        raise InvalidFile(
            _(
                "Al archivo del MEF le faltan columnas: {missing}. Descargue de nuevo "
                "«Presupuesto y Ejecución de Gasto» con todas sus columnas ({n}), sin quitar "
                "ninguna."
            ).format(missing=", ".join(v.quote(c) for c in missing), n=len(COLUMNS))
        )
    body = rows[1:]
    if not body or all(not any(cell.strip() for cell in r) for r in body):
        raise InvalidFile(
            _(
                "El archivo del MEF tiene encabezados pero ninguna fila de datos. Revise los "
                "filtros del portal (año, nivel de gobierno, municipalidad) y descárguelo de nuevo."
            )
        )
    width = len(header)
    bad = next(
        (i for i, r in enumerate(body) if len(r) != width and any(c.strip() for c in r)), None
    )
    if bad is not None:
        raise InvalidFile(
            _(
                "La fila {row} del archivo del MEF tiene {n} columnas y el encabezado tiene "
                "{width}. Puede que un nombre tenga una coma sin comillas: descargue el archivo "
                "de nuevo sin editarlo."
            ).format(row=num(bad + 2), n=len(body[bad]), width=width)
        )
    frame = pd.DataFrame([r for r in body if any(c.strip() for c in r)], columns=header, dtype=str)
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    v.validate(frame, _schema(header))
    lines, last_month = lines_from_frame(frame)
    partial = {}
    if 0 < last_month < 12:
        for y in lines["year"].unique():
            partial[int(y)] = _("ejecución hasta {month}").format(month=_(MONTHS[last_month - 1]))
    return summarize(
        lines,
        kind="mef",
        kind_label=_("Datos abiertos del MEF (Presupuesto y Ejecución de Gasto)"),
        file_name=file_name,
        content_digest=content_digest,
        year=year,
        partial_years=partial,
        notes=(
            _(
                "{n} filas leídas: PIA y PIM de las filas del mes 0, devengado como la suma de "
                "los meses 1 a 12."
            ).format(n=num(len(frame))),
        ),
    )
