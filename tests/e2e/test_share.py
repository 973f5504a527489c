"""«Compartir»: the full link, its QR code and a short link that a room can type."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RUN_TIMEOUT_MS
from tests.e2e.test_app_in_browser import metric_value
from tests.e2e.test_takeaway import open_link

pytestmark = pytest.mark.e2e


def test_a_short_link_opened_in_a_fresh_browser_shows_the_same_scenario(app_server, new_context):
    page = new_context().new_page()
    open_link(page, f"{app_server.url}/simulador?minimo=40&reparto=igual", "Simulador")
    page.get_by_role("button", name=re.compile("Compartir")).click()
    popover = page.get_by_test_id("stPopoverBody")
    # the full link (st.code: a lazily loaded chunk, slow on a loaded machine)
    expect(popover).to_contain_text("minimo=40", timeout=RUN_TIMEOUT_MS)
    popover.get_by_role("button", name="Crear un enlace corto").click()
    expect(popover).to_contain_text("Código:")
    popover.get_by_role("button", name="Mostrar el código QR").click()
    expect(popover.get_by_role("img")).to_be_visible()  # the QR code
    text = popover.inner_text()
    code = re.search(r"Código:\s*([A-Z0-9]{6})", text).group(1)
    assert f"/simulador?c={code}" in text

    other = new_context().new_page()
    open_link(other, f"{app_server.url}/simulador?c={code.lower()}", "Simulador")
    expect(metric_value(other, "m_total_prioritarias")).to_have_text("40.00 %")
    expect(other).to_have_url(re.compile(r"[?&]minimo=40(&|$)"))
    expect(other).to_have_url(re.compile(r"[?&]reparto=igual(&|$)"))


def test_an_unknown_short_code_opens_the_baseline_with_a_notice(app_server, page):
    open_link(page, f"{app_server.url}/simulador?c=ZZZZZZ", "Simulador")
    expect(page.locator(".st-key-avisos_enlace")).to_contain_text("ZZZZZZ")
    expect(metric_value(page, "m_total_prioritarias")).to_have_text("27.07 %")
