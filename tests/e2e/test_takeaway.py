"""Taking a scenario away: the downloads open as real files with the scenario's figures.

The XLSX is read back with openpyxl (numbers stored as numbers); the PDF with poppler's
``pdfinfo``/``pdftotext`` (one A4 page whose text holds the figures and the link) and
rendered to PNG with ``pdftoppm``. Printing the Simulador from Chromium gives at most two
A4 pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RUN_TIMEOUT_MS
from tests.e2e.test_app_in_browser import wait_for_run

pytestmark = pytest.mark.e2e

LINK = "/simulador?vista=prioritarias&minimo=40&reparto=brecha"


def open_link(page: Page, url: str, heading: str) -> None:
    """Open a link and wait for its page (a server's first run may take a while)."""
    page.goto(url)
    expect(page.locator("h1").first).to_contain_text(heading, timeout=RUN_TIMEOUT_MS)
    wait_for_run(page)


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils (scripts/test.sh does)")
    return path


def _download(page: Page, label: str, folder: Path) -> Path:
    """Open «Descargar» (its buttons are drawn only while it is open) and download one."""
    button = page.get_by_test_id("stPopoverBody").get_by_role("button", name=label)
    if not button.is_visible():
        page.get_by_role("button", name=re.compile("Descargar|Download")).click()
    expect(button).to_be_visible(timeout=RUN_TIMEOUT_MS)
    with page.expect_download() as info:
        button.click()
    download = info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def _rows(sheet) -> dict:
    return {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}


def test_the_xlsx_holds_the_scenarios_figures_as_numbers(app_server, page, tmp_path):
    open_link(page, app_server.url + LINK, "Simulador")
    path = _download(page, "Planilla (XLSX)", tmp_path)
    assert path.name == "brechas_escenario_estudio_promedio_prioritarias-min40-brecha.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Escenario", "Participaciones", "Dinero", "Proyección", "Necesidad", "Alineación",
        "Fuentes",
    ]  # fmt: skip
    scenario = _rows(wb["Escenario"])
    top_up = scenario["Aumento para las brechas (p.p.)"][0]
    assert isinstance(top_up, float) and round(top_up, 2) == 12.93
    assert scenario["Mínimo garantizado (%)"][0] == 40.0
    link = scenario["Enlace"][0]
    assert parse_qs(urlparse(link).query)["minimo"] == ["40"]
    shares = wb["Participaciones"]
    header = [c.value for c in shares[1]]
    water = _rows(shares)["Agua"]
    share = water[header.index("Participación con la regla (%)") - 1]
    assert isinstance(share, float) and round(share, 2) == 7.01
    assert shares.cell(2, header.index("Participación con la regla (%)") + 1).number_format == (
        '#,##0.00" %"'
    )


def test_the_pdf_is_one_a4_page_whose_text_holds_the_figures_and_the_link(
    app_server, page, tmp_path
):
    open_link(page, app_server.url + LINK, "Simulador")
    path = _download(page, "Ficha de una página (PDF)", tmp_path)
    info = subprocess.run(
        [_poppler("pdfinfo"), path], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert "A4" in info
    text = subprocess.run(
        [_poppler("pdftotext"), "-raw", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "+12.93 p.p." in text
    assert "7.01 %" in text  # water with the rule, in the key table
    assert "minimo=40" in text.replace("\n", "")
    assert "Mínimo garantizado de 40.0 %" in text
    subprocess.run(
        [_poppler("pdftoppm"), "-png", "-r", "60", "-singlefile", path, tmp_path / "ficha"],
        check=True,
    )
    png = (tmp_path / "ficha.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # A4 at 60 dpi: about 496 x 702 pixels.
    assert int.from_bytes(png[16:20], "big") in (496, 497)


def test_in_english_the_xlsx_and_the_pdf_are_english_with_the_same_figures(
    app_server, page, tmp_path
):
    # Streamlit builds a download's bytes when it is clicked, after the run: the files must
    # still be in the language of the session (issue 14, item 5).
    open_link(page, app_server.url + LINK + "&lang=en", "Simulator")
    wb = load_workbook(_download(page, "Spreadsheet (XLSX)", tmp_path))
    assert wb.sheetnames == [
        "Scenario", "Shares", "Money", "Projection", "Need", "Alignment", "Sources",
    ]  # fmt: skip
    scenario = _rows(wb["Scenario"])
    assert scenario["Guaranteed minimum (%)"][0] == 40.0
    assert "Water" in _rows(wb["Shares"])
    path = _download(page, "One-page summary (PDF)", tmp_path)
    text = subprocess.run(
        [_poppler("pdftotext"), "-raw", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Brechas · Scenario sheet" in text
    assert "Guaranteed minimum of 40.0%" in text
    assert "+12.93 pp" in text
    assert "7.01%" in text  # water with the rule, in the key table
    assert "Mínimo" not in text and "Línea base" not in text


def test_printing_the_simulador_gives_at_most_two_a4_pages(app_server, page, tmp_path):
    open_link(page, app_server.url + LINK, "Simulador")
    # The longest tab on paper: the projection (four charts, the years, the need table).
    page.get_by_role("tab", name="Cobertura proyectada").click()
    expect(page.locator(".st-key-grafico_sim_proyeccion svg.marks").first).to_be_visible()
    page.emulate_media(media="print")
    wait_for_run(page)
    # Every chart drawn again (no loading placeholder) before printing.
    charts = page.locator("[data-testid='stVegaLiteChart']")
    expect(page.locator("[data-testid='stVegaLiteChart'] svg.marks")).to_have_count(
        charts.count(), timeout=RUN_TIMEOUT_MS
    )
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    # Printed text a mayor can read: every visible paragraph and table cell at 9 pt or more
    # once CSS zoom is applied (the print used to shrink the page to 0.55, body text 5 pt).
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
              '[data-testid="stMain"] p, [data-testid="stMain"] td, [data-testid="stMain"] th')]
            .filter(e => e.getClientRects().length && e.textContent.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize) * e.currentCSSZoom * 0.75)"""
    )
    assert len(sizes) > 30  # the headline, the open tab's tables and captions, the footer
    assert min(sizes) >= 8.9, sorted(sizes)[:5]
    pdf = Path(os.environ.get("BRECHAS_PRINT_PDF", tmp_path / "impreso.pdf"))
    page.pdf(path=pdf, format="A4", print_background=True)
    info = subprocess.run(
        [_poppler("pdfinfo"), pdf], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert pages <= 2
    text = subprocess.run(
        [_poppler("pdftotext"), "-raw", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    # The paper names the rule, the date and the link; the sidebar is not printed.
    assert "Mínimo garantizado de 40.0 %" in text
    assert "impreso el" in text
    assert "minimo=40" in text.replace("\n", "")
    assert "Cómo se reparte el aumento" not in text  # a sidebar control
