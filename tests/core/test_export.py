"""Exports: the workbook and the ficha for one scenario and for a comparison."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from brechas_core.export.ficha import ficha
from brechas_core.export.frames import Entry, shares_frame
from brechas_core.export.images import chart_names, render, scenario_chart
from brechas_core.export.workbook import SHEETS, workbook
from brechas_core.scenario import Scenario
from brechas_core.simulation import load_inputs, simulate

LINK = "http://localhost:8501/simulador?vista=prioritarias&minimo=40&reparto=brecha"
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def inputs():
    return load_inputs()


def _entry(inputs, name="Escenario", **fields) -> Entry:
    s = Scenario(**fields)
    return Entry(name, s, simulate(s, inputs), "Estudio")


def _rows(sheet) -> dict:
    return {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}


def test_the_workbook_holds_the_40_percent_rule_as_numbers(inputs):
    # F = 40 % on Table 2: the ten gaps go from 27.07 % to 40 %, a top-up of 12.93 points;
    # water (5.65 % of the budget, gap 59.83 %) ends at 7.01 %.
    data = workbook([_entry(inputs, minimum_pct=40)], link=LINK, data_version="x", today=TODAY)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == list(SHEETS)
    top_up = _rows(wb["Escenario"])["Aumento para las brechas (p.p.)"][0]
    assert round(top_up, 2) == 12.93
    shares = wb["Participaciones"]
    header = [c.value for c in shares[1]]
    water = _rows(shares)["Agua"]
    assert round(water[header.index("Participación con la regla (%)") - 1], 2) == 7.01
    assert _rows(wb["Escenario"])["Enlace"][0] == LINK


def test_a_comparison_workbook_has_a_column_per_scenario_and_a_scenario_column(inputs):
    entries = [_entry(inputs, "A", minimum_pct=30), _entry(inputs, "B", minimum_pct=50)]
    wb = load_workbook(io.BytesIO(workbook(entries, link=LINK, data_version="x", today=TODAY)))
    assert [c.value for c in wb["Escenario"][1]] == ["Parámetro", "A", "B"]
    assert _rows(wb["Escenario"])["Mínimo garantizado (%)"] == (30.0, 50.0)
    assert wb["Participaciones"]["A1"].value == "Escenario"
    assert {r[0] for r in wb["Participaciones"].iter_rows(min_row=2, values_only=True)} == {
        "A",
        "B",
    }


def test_the_shares_table_ends_with_the_rest_of_the_budget_that_pays(inputs):
    frame = shares_frame([_entry(inputs, minimum_pct=40)])
    rest = frame.iloc[-1]
    assert rest["label"] == "Resto del presupuesto"
    assert round(rest["moved_pct"], 2) == -12.93
    assert abs(frame["moved_pct"].sum()) < 1e-9  # what the gaps get, the rest gives


@pytest.mark.parametrize("names", [("Escenario",), ("A", "B", "C")])
def test_the_ficha_is_one_a4_page(inputs, names):
    entries = [_entry(inputs, n, minimum_pct=20 + 10 * i) for i, n in enumerate(names)]
    pdf = ficha(entries, [], link=LINK, data_version="x", today=TODAY)
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in pdf


def test_every_chart_of_a_scenario_renders_as_svg_titled_with_the_scenario(inputs):
    entry = _entry(inputs, minimum_pct=40)
    assert chart_names(entry.sim) == ["participaciones", "proyeccion", "alineacion"]
    for name in chart_names(entry.sim):
        chart = scenario_chart(entry.sim, name)
        svg = render(chart.spec, "svg", title=chart.title, subtitle=entry.label)
        assert svg.startswith(b"<svg")
        assert "Mínimo garantizado de 40.0 %".encode() in svg


def test_the_sector_view_has_no_projection_chart(inputs):
    entry = _entry(inputs, view="sectores", minimum_pct=40)
    assert "proyeccion" not in chart_names(entry.sim)
