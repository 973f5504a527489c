"""The landing page's quick starts, for a workshop: one click to a ready scenario."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.test_app_in_browser import PRIORITY_TOTAL

pytestmark = pytest.mark.e2e


def _open_home(page, url):
    page.goto(url)
    expect(page.locator("h1").first).to_contain_text("Brechas")
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def test_quick_start_opens_the_simulator_with_a_40_percent_minimum(app_server, page):
    _open_home(page, app_server.url)
    page.locator(".st-key-probar_estudio button").click()
    metric = page.locator(PRIORITY_TOTAL)
    expect(metric).to_have_text("40.00 %")
    expect(page).to_have_url(re.compile(r"/simulador\?.*\bminimo=40\b"))


def test_quick_start_for_puno_opens_territorios_for_2023(app_server, page):
    _open_home(page, app_server.url)
    page.locator(".st-key-probar_puno button").click()
    expect(page.locator("h1").first).to_contain_text("Territorios")
    expect(page.locator(".st-key-t_m_municipalidades [data-testid='stMetricValue']")).to_have_text(
        "110"
    )
    query = parse_qs(urlparse(page.url).query)
    assert (query["territorio"], query["anio"], query["minimo"]) == (["21"], ["2023"], ["20"])
