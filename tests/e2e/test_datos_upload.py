"""Mis datos in a real browser: upload through the page's file input, then use it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import samples

pytestmark = pytest.mark.e2e
# The first run of a page on a fresh server loads the data tables: wait as long as a run.


def _open_datos(page, url):
    page.goto(f"{url}/datos")
    expect(page.locator("h1").first).to_contain_text("Mis datos")
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def test_a_portal_xls_uploaded_through_the_file_input_shows_its_figures_and_feeds_the_simulator(
    app_server, page, tmp_path
):
    path = tmp_path / "consulta-amigable.xls"
    path.write_bytes(samples.portal_xls())
    _open_datos(page, app_server.url)
    page.locator("input[type='file']").first.set_input_files(str(path))
    read = page.locator(".st-key-datos_leido")
    expect(read).to_contain_text("Consulta Amigable del MEF")
    expect(read).to_contain_text("S/ 136,718,073")
    expect(read).to_contain_text("Saneamiento")
    page.get_by_role("button", name="Usar en el simulador").click()
    expect(page.locator("h1").first).to_contain_text("Simulador")
    expect(page).to_have_url(re.compile(r"/simulador\?.*\barchivo=[0-9a-f]{12}%3A2024"))
    expect(page.get_by_text("sus datos", exact=False).first).to_be_visible()


def test_a_bad_file_uploaded_through_the_file_input_gets_the_spanish_message(
    app_server, page, tmp_path
):
    path = tmp_path / "datos.csv"
    path.write_bytes(samples.consulta_csv(delimiter=";"))
    _open_datos(page, app_server.url)
    page.locator("input[type='file']").first.set_input_files(str(path))
    problem = page.locator(".st-key-datos_problema")
    expect(problem).to_contain_text("punto y coma")
    expect(problem).to_contain_text("Su escenario")
