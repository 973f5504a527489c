"""The scenario (or a comparison) as an XLSX workbook, with openpyxl.

Sheets: Escenario (every parameter, headline figures, link, data version, date),
Participaciones, Dinero, Proyección, Alineación and Fuentes. Headers are Spanish (from
:mod:`brechas_core.measures`); numbers are stored as numbers with MEF formats
(``#,##0.00``), so a spreadsheet can compute with them. openpyxl is pure Python, writes
number formats and widths, and is the library pandas itself uses for XLSX.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from brechas_core.describe import parameter_rows
from brechas_core.export import frames
from brechas_core.export.frames import Entry
from brechas_core.i18n import N_, _
from brechas_core.measures import MEASURES, Measure

__all__ = ["SHEETS", "workbook"]

#: The sheets' names (in Spanish; a workbook names them in the run's language).
SHEETS = (
    N_("Escenario"),
    N_("Participaciones"),
    N_("Dinero"),
    N_("Proyección"),
    N_("Necesidad"),
    N_("Alineación"),
    N_("Fuentes"),
)
_BOLD = Font(bold=True)
_DATA_SOURCES = (
    (N_("Presupuesto (PIM, devengado)"), MEASURES["pim"].source),
    (N_("Brechas por distrito"), MEASURES["gap_mean_pct"].source),
    (N_("Brechas y participaciones del estudio"), MEASURES["gap_pct"].source),
    (N_("Costos por persona"), MEASURES["cost_central"].source),
    (N_("Fórmulas"), N_("Metodología de la aplicación Brechas (página Metodología)")),
)


def _cell_value(value):
    """A value for a cell: numbers stay numbers; NaN is blank, infinity is «nunca»."""
    if isinstance(value, bool):
        return _("sí") if value else _("no")
    if isinstance(value, float | int):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return _("nunca")
        return float(value)
    return value


def _write_table(ws, frame: pd.DataFrame, start_row: int, context: dict) -> int:
    """Write a frame with measure headers and formats; returns the next free row."""
    measures: list[Measure | None] = [MEASURES.get(c) for c in frame.columns]
    for j, (c, m) in enumerate(zip(frame.columns, measures, strict=True), start=1):
        cell = ws.cell(start_row, j, m.header(**context) if m else c)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, (value, m) in enumerate(zip(row, measures, strict=True), start=1):
            cell = ws.cell(i, j, _cell_value(value))
            if m is not None and isinstance(cell.value, float):
                cell.number_format = m.excel_format
    return start_row + len(frame) + 2


def _widths(ws, widths: dict[int, float] | None = None) -> None:
    for j in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(j, 18)


def _scenario_sheet(ws, entries: Sequence[Entry], link: str, data_version: str, today: date):
    names = [e.name for e in entries]
    ws.append([_("Parámetro"), *names])
    for cell in ws[1]:
        cell.font = _BOLD
    rows: dict[str, list] = {}
    for k, e in enumerate(entries):
        for name, value in parameter_rows(e.scenario, e.place):
            rows.setdefault(name, [None] * len(entries))[k] = value
    for name, values in rows.items():
        ws.append([name, *values])
        for cell in ws[ws.max_row][1:]:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.0"
    ws.append([])
    ws.append([_("Resultados"), *names])
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
    for k, (measure_id, _value) in enumerate(frames.headline_rows(entries[0])):
        m = MEASURES[measure_id]
        values = [frames.headline_rows(e)[k][1] for e in entries]
        ws.append([m.header(), *(_cell_value(v) for v in values)])
        for cell in ws[ws.max_row][1:]:
            if isinstance(cell.value, float):
                cell.number_format = m.excel_format
    ws.append([])
    for name, value in (
        (_("Enlace"), link),
        (_("Versión de los datos"), data_version),
        (_("Fecha"), today.isoformat()),
    ):
        ws.append([name, value])
        ws.cell(ws.max_row, 1).font = _BOLD
    _widths(ws, {1: 42, **{j: 30 for j in range(2, len(entries) + 2)}})


def workbook(entries: Sequence[Entry], *, link: str, data_version: str, today: date) -> bytes:
    """The workbook's bytes.

    Examples
    --------
    >>> from openpyxl import load_workbook
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import load_inputs, simulate
    >>> s = Scenario(minimum_pct=40)
    >>> data = workbook([Entry("Escenario", s, simulate(s, load_inputs()), "Estudio")],
    ...                 link="http://x/simulador?minimo=40", data_version="abcd1234",
    ...                 today=date(2026, 11, 27))
    >>> wb = load_workbook(io.BytesIO(data))
    >>> wb.sheetnames
    ['Escenario', 'Participaciones', 'Dinero', 'Proyección', 'Necesidad', 'Alineación', 'Fuentes']
    >>> round(wb["Participaciones"]["D2"].value, 2)  # water with the rule: a number
    7.01
    """
    context = {"horizon": entries[0].scenario.horizon_years}
    wb = Workbook()
    ws = wb.active
    ws.title = _(SHEETS[0])
    _scenario_sheet(ws, entries, link, data_version, today)

    for title, frame in (
        (SHEETS[1], frames.shares_frame(entries)),
        (SHEETS[2], frames.money_frame(entries)),
        (SHEETS[5], frames.alignment_frame(entries)),
    ):
        sheet = wb.create_sheet(_(title))
        _write_table(sheet, frame, 1, context)
        _widths(sheet, {1: 30} if "scenario_name" not in frame else {1: 12, 2: 30})
        sheet.freeze_panes = "A2"

    proj = wb.create_sheet(_(SHEETS[3]), index=3)
    years = frames.years_frame(entries)
    if years.empty:
        proj.append([_("La proyección se calcula en la vista «Brechas prioritarias».")])
    else:
        proj.append([_("Años para cerrar cada brecha (costo unitario central)")])
        proj.cell(1, 1).font = _BOLD
        nxt = _write_table(proj, years, 2, context)
        proj.cell(nxt, 1, _("Brecha proyectada por año (%), costo unitario bajo, central y alto"))
        proj.cell(nxt, 1).font = _BOLD
        _write_table(proj, frames.projection_frame(entries), nxt + 1, context)
    _widths(proj, {1: 24})

    needs = frames.need_frame(entries)
    if not needs.empty:
        sheet = wb.create_sheet(_(SHEETS[4]), index=4)
        _write_table(sheet, needs, 1, context)
        _widths(sheet, {1: 30} if "scenario_name" not in needs else {1: 12, 2: 30})
        sheet.freeze_panes = "A2"

    src = wb.create_sheet(_(SHEETS[6]))
    src.append([_("Dato"), _("Fuente")])
    for cell in src[1]:
        cell.font = _BOLD
    for name, source in _DATA_SOURCES:
        src.append([_(name), _(source)])
    src.append([])
    src.append([_("Medida"), _("Qué es"), _("Fuente")])
    for cell in src[src.max_row]:
        cell.font = _BOLD
    used = {
        c
        for f in (frames.shares_frame(entries), frames.money_frame(entries), years)
        for c in f.columns
    } | {k for k, _value in frames.headline_rows(entries[0])}
    for m in MEASURES.values():
        if m.id in used and not m.is_text:
            src.append([m.header(**context), m.help_for(), m.source_for()])
    src.append([])
    src.append([_("Versión de los datos"), data_version])
    _widths(src, {1: 44, 2: 60, 3: 60})

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
