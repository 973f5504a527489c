"""Exports in the session's language (issue 14, item 5): the workbook, the CSV and the PDF
ficha built in English have English sheet names, headings and sentences and the same numbers
as the Spanish files (Spanish stays what tests/core/test_export.py asserts)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from brechas_core.export import csv_bytes
from brechas_core.export.ficha import ficha
from brechas_core.export.frames import Entry, shares_frame
from brechas_core.export.workbook import workbook
from brechas_core.i18n import _, using
from brechas_core.measures import export_frame
from brechas_core.scenario import Scenario
from brechas_core.simulation import load_inputs, simulate
from tests.language import NUMBER, SPANISH

LINK = "http://localhost:8501/simulador?vista=prioritarias&minimo=40&reparto=brecha&lang=en"
TODAY = date(2026, 11, 27)

#: What may stay Spanish: the app's name, «devengado» next to its English, links.
ALLOWED = re.compile(r"\bBrechas\b|devengado|https?://\S+")


@pytest.fixture(scope="module")
def inputs():
    return load_inputs()


def _entries(inputs, lang: str, scenarios) -> list[Entry]:
    """The entries as the Simulador builds them, in ``lang`` (the simulation too: its reading
    sentence and decisions are written in the run's language)."""
    with using(lang):
        if len(scenarios) == 1:
            s = scenarios[0]
            return [
                Entry(_("Escenario"), s, simulate(s, inputs), _("Estudio: 13 distritos de Puno"))
            ]
        return [
            Entry(name, s, simulate(s, inputs), _("Estudio: 13 distritos de Puno"))
            for name, s in zip("ABCD", scenarios, strict=False)
        ]


def _workbook(inputs, lang: str, scenarios):
    entries = _entries(inputs, lang, scenarios)
    with using(lang):
        data = workbook(entries, link=LINK, data_version="abcd1234", today=TODAY)
    return load_workbook(io.BytesIO(data))


def _data_sources(inputs) -> set[str]:
    """Citations read from data/ (the unit costs' sources): quoted as written, in Spanish."""
    return set(inputs.unit_costs["source"].dropna())


def _spanish_cells(wb, allowed: set[str]) -> list[str]:
    return [
        f"{ws.title}: {v}"
        for ws in wb
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str) and v not in allowed and SPANISH.search(ALLOWED.sub("", v))
    ]


PRIORITY = (Scenario(minimum_pct=40),)
SECTORS = (Scenario(view="sectores", minimum_pct=30, reparto="igual"),)
WITH_EXTRAS = (
    Scenario(minimum_pct=20, floors=(("agua", 5.0),), targets=(("agua", 0.0),), fund_soles=5e6),
)
COMPARISON = (Scenario(minimum_pct=40), Scenario(minimum_pct=20, reparto="igual"))


def test_an_english_workbook_names_its_sheets_and_headings_in_english(inputs):
    wb = _workbook(inputs, "en", PRIORITY)
    assert wb.sheetnames == [
        "Scenario",
        "Shares",
        "Money",
        "Projection",
        "Need",
        "Alignment",
        "Sources",
    ]
    first = [r[0] for r in wb["Scenario"].iter_rows(values_only=True) if r and r[0]]
    assert first[:6] == [
        "Parameter",
        "Territory",
        "Budget year",
        "What is compared",
        "Rule",
        "Guaranteed minimum (%)",
    ]
    assert {"Results", "Link", "Data version", "Date"} <= set(first)
    assert wb["Projection"]["A1"].value == "Years to close each gap (central unit cost)"
    labels = [r[0] for r in wb["Shares"].iter_rows(min_row=2, values_only=True)]
    assert "Water" in labels and labels[-1] == "Rest of the budget"


@pytest.mark.parametrize(
    "scenarios",
    [PRIORITY, SECTORS, WITH_EXTRAS, COMPARISON],
    ids=["priority", "sectors", "floors-targets-fund", "comparison"],
)
def test_an_english_workbook_has_no_spanish_text_and_the_spanish_numbers(inputs, scenarios):
    en = _workbook(inputs, "en", scenarios)
    es = _workbook(inputs, "es", scenarios)
    assert _spanish_cells(en, _data_sources(inputs)) == []
    assert len(en.sheetnames) == len(es.sheetnames)
    for ws_en, ws_es in zip(en, es, strict=True):
        numbers_en = [
            (c.coordinate, c.value, c.number_format)
            for row in ws_en.iter_rows()
            for c in row
            if isinstance(c.value, float | int)
        ]
        numbers_es = [
            (c.coordinate, c.value, c.number_format)
            for row in ws_es.iter_rows()
            for c in row
            if isinstance(c.value, float | int)
        ]
        assert numbers_en == numbers_es, ws_en.title


def test_the_spanish_workbook_keeps_its_spanish_sheets(inputs):
    wb = _workbook(inputs, "es", PRIORITY)
    assert wb.sheetnames[:3] == ["Escenario", "Participaciones", "Dinero"]
    assert wb["Escenario"]["A1"].value == "Parámetro"


def test_an_english_csv_has_english_headers_and_labels_and_the_spanish_numbers(inputs):
    def table(lang):
        entries = _entries(inputs, lang, PRIORITY)
        with using(lang):
            return csv_bytes(export_frame(shares_frame(entries), horizon=10)).decode("utf-8-sig")

    en, es = table("en"), table("es")
    assert en.splitlines()[0].startswith("Item,Gap (%),")
    assert "Rest of the budget" in en and "Resto del presupuesto" in es
    assert SPANISH.search(ALLOWED.sub("", en)) is None
    assert NUMBER.findall(en) == NUMBER.findall(es)


def _pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (scripts/test.sh does)")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _ficha_text(inputs, lang, scenarios, tmp_path) -> str:
    entries = _entries(inputs, lang, scenarios)
    with using(lang):
        pdf = ficha(entries, [], link=LINK, data_version="abcd1234", today=TODAY)
    return _pdf_text(pdf, tmp_path, lang)


def test_an_english_ficha_has_english_headings_and_sentences(inputs, tmp_path):
    text = _ficha_text(inputs, "en", PRIORITY, tmp_path)
    for heading in (
        "Brechas · Scenario sheet",
        "Rule: Guaranteed minimum of",
        "Priority gaps (together)",
        "Reallocated a year",
        "Rest of the budget",
        "Years to close",
        "Link to the scenario (open it or scan the code):",
        "Date: 2026-11-27 · data version: abcd1234",
        "Sources: Apaza et al. (2025)",
    ):
        assert heading in text, heading


@pytest.mark.parametrize(
    "scenarios",
    [PRIORITY, SECTORS, COMPARISON],
    ids=["priority", "sectors", "comparison"],
)
def test_an_english_ficha_has_no_spanish_words_and_the_spanish_numbers(inputs, scenarios, tmp_path):
    en = _ficha_text(inputs, "en", scenarios, tmp_path)
    es = _ficha_text(inputs, "es", scenarios, tmp_path)
    lines = [line for line in en.splitlines() if SPANISH.search(ALLOWED.sub("", line))]
    assert lines == []
    assert sorted(NUMBER.findall(ALLOWED.sub("", en))) == sorted(
        NUMBER.findall(ALLOWED.sub("", es))
    )


def test_an_english_comparison_ficha_names_its_rows_in_english(inputs, tmp_path):
    text = _ficha_text(inputs, "en", COMPARISON, tmp_path)
    assert "Brechas · Scenario comparison" in text
    assert "Gaps together with the rule" in text
    assert "Water (share)" in text


def test_an_english_chart_file_is_titled_and_labelled_in_english(inputs):
    from brechas_core.export.images import chart_names, render, scenario_chart

    (entry,) = _entries(inputs, "en", PRIORITY)
    with using("en"):
        texts = {}
        for name in chart_names(entry.sim):
            chart = scenario_chart(entry.sim, name)
            svg = render(chart.spec, "svg", title=chart.title, subtitle=entry.label)
            texts[name] = " ".join(re.findall(r">([^<>]+)</text>", svg.decode()))
    assert "Share of the budget: baseline and scenario" in texts["participaciones"]
    assert "Projected coverage" in texts["proyeccion"]
    assert "Scenario · Guaranteed minimum of 40.0%" in texts["alineacion"]
    for name, text in texts.items():
        assert SPANISH.search(ALLOWED.sub("", text)) is None, (name, SPANISH.findall(text))
