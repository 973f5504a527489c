"""A comparison link opened in a fresh browser shows the same scenarios."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_app_in_browser import move_minimum_slider, wait_for_run
from tests.e2e.test_takeaway import open_link

pytestmark = pytest.mark.e2e


def test_a_comparison_link_opened_in_a_fresh_browser_shows_the_same_scenarios(
    app_server, new_context
):
    # Build the comparison in one session: a rule saved from the Simulador, then the
    # minimum moved to zero (no rule), then the Comparar page from the navigation.
    page = new_context().new_page()
    open_link(page, f"{app_server.url}/simulador?minimo=50&reparto=igual", "Simulador")
    save = page.get_by_role("button", name=re.compile("Guardar para comparar"))
    save.first.click()
    expect(page.get_by_text("Guardado como A")).to_be_visible()
    move_minimum_slider(page, "Home")
    expect(save.first).to_be_visible()
    save.first.click()
    expect(page.get_by_text("Guardado como B")).to_be_visible()
    page.get_by_role("link", name="Comparar").first.click()
    expect(page.locator(".st-key-comparar_tabla")).to_contain_text("50.00 %")
    wait_for_run(page)
    link = page.url
    assert "a.minimo=50" in link and "a.reparto=igual" in link and "b.minimo=0&" in link

    # The link, opened where nothing is remembered, shows the same two scenarios.
    other = new_context().new_page()
    open_link(other, link, "Comparar")
    slots = other.locator(".st-key-comparar_escenarios")
    expect(slots).to_contain_text("A · Mínimo garantizado de 50.0 %")
    expect(slots).to_contain_text("partes iguales")
    expect(slots).to_contain_text("B · Línea base (sin regla)")
    expect(other.locator(".st-key-comparar_tabla")).to_contain_text("50.00 %")
