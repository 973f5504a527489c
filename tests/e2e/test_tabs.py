"""The Simulador's detail tabs in a browser: only the open tab is drawn (issue 12, scale),
so what only a browser shows is that a click draws the other tab's charts, and that a value
typed right after that click keeps the scenario (the click reruns the page: the tabs are
drawn once per full run and the fragment fills the open one, brechas_ui.frame.live)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_app_in_browser import priority_total, wait_for_run
from tests.e2e.test_takeaway import open_link

pytestmark = pytest.mark.e2e


def test_a_tab_click_draws_its_charts_and_a_value_typed_at_once_keeps_the_scenario(
    app_server, page
):
    open_link(page, f"{app_server.url}/simulador?minimo=40&reparto=igual", "Simulador")
    shares = page.locator(".st-key-grafico_sim_participaciones [data-testid='stVegaLiteChart']")
    expect(shares.locator("svg.marks, canvas").first).to_be_visible()
    expect(page.locator(".st-key-grafico_sim_dispersion")).to_have_count(0)  # not drawn yet
    # tab names a room reads from a projector (brechas_ui.a11y): Streamlit's own are 14.9 px
    label = page.locator(".st-key-sim_detalle [data-testid='stTab'] p").first
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 18

    page.get_by_role("tab", name="Cobertura proyectada").click()
    target = page.locator(".st-key-sim_que_minimo_vacio input").first
    target.fill("0")  # at once: the tab's own run may still be finishing
    target.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]meta=agua(%3A|:)0(&|$)"))
    expect(page.get_by_test_id("stAlert").filter(has_text="cerrar agua")).not_to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]minimo=40(&|$)"))  # the rest is kept
    expect(page).to_have_url(re.compile(r"[?&]reparto=igual(&|$)"))

    page.get_by_role("tab", name="Alineación").click()
    scatter = page.locator(".st-key-grafico_sim_dispersion [data-testid='stVegaLiteChart']")
    expect(scatter.locator("svg.marks, canvas").first).to_be_visible()
    wait_for_run(page)
    expect(priority_total(page)).to_have_text("40.00 %")
