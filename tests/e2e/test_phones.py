"""Phones (issue 14): every page at 390 x 844 px, and finding a district by name."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import RUN_TIMEOUT_MS
from tests.e2e.test_app_in_browser import HEADINGS, PAGES, PRIORITY_TOTAL, open_link, wait_for_run

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# A territory for the pages that show one (Territorios shows nothing per district in the study).
QUERY = {"territorios": "?territorio=21&minimo=20"}

# Widths that scroll: the page itself and Streamlit's scrolling containers. A table that
# scrolls inside its own box is allowed; the page may not.
OVERFLOW = """() => {
  const boxes = [document.documentElement, document.body,
    ...document.querySelectorAll('[data-testid=stAppViewContainer], [data-testid=stMain],'
      + ' [data-testid=stMainBlockContainer]')];
  return boxes.filter(b => b.scrollWidth > b.clientWidth + 1)
    .map(b => (b.getAttribute('data-testid') || b.tagName) + ' ' + b.scrollWidth + ' > '
      + b.clientWidth);
}"""
SIDEBAR_SHOWN = """() => {
  const s = document.querySelector('[data-testid=stSidebar]');
  if (!s) return 0;
  const r = s.getBoundingClientRect();
  return Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0));
}"""


@pytest.fixture
def phone(browser):
    phone = browser.new_context(viewport=PHONE, locale="es-PE", is_mobile=True)
    phone.set_default_timeout(RUN_TIMEOUT_MS)
    yield phone.new_page()
    phone.close()


@pytest.mark.parametrize("path", sorted(PAGES), ids=lambda p: p or "inicio")
def test_every_page_fits_a_390_px_phone_with_the_sidebar_closed(app_server, phone, path):
    open_link(phone, f"{app_server.url}/{path}{QUERY.get(path, '')}", HEADINGS.get(path, ""))
    expect(phone.locator("h1").first).to_be_visible()
    # Vega sizes a chart to its container after it first draws: wait for the layout to
    # settle (a page that really overflows never does, and fails with what overflows)
    with contextlib.suppress(PlaywrightTimeout):
        phone.wait_for_function(f"({OVERFLOW})().length === 0", timeout=RUN_TIMEOUT_MS)
    assert phone.evaluate(OVERFLOW) == []
    assert phone.evaluate(SIDEBAR_SHOWN) == 0


def test_the_rule_controls_are_on_the_phone_screen_without_opening_the_sidebar(app_server, phone):
    open_link(phone, f"{app_server.url}/simulador?minimo=40", "Simulador")
    slider = phone.locator(".st-key-regla_en_pagina [data-testid='stSlider']").first
    expect(slider).to_be_visible()
    expect(phone.locator(PRIORITY_TOTAL)).to_have_text("40.00 %")


def test_the_simulador_s_three_detail_tabs_fit_a_phone_without_scrolling(app_server, phone):
    open_link(phone, f"{app_server.url}/simulador?minimo=40", "Simulador")
    tabs = phone.locator(".st-key-sim_detalle [role='tablist']")
    expect(tabs.get_by_role("tab")).to_have_count(3)
    edges = tabs.evaluate(
        """el => [el.getBoundingClientRect().right, ...[...el.querySelectorAll('[role=tab]')]
                   .map(t => t.getBoundingClientRect().right)]"""
    )
    assert max(edges[1:]) <= edges[0] + 0.5, edges  # the last tab is not cut off


def test_typing_juliaca_and_enter_opens_san_romans_juliaca(app_server, phone):
    open_link(phone, app_server.url, "Brechas")
    box = phone.locator(".st-key-buscar_territorio input")
    box.fill("juliaca")  # action 1
    box.press("Enter")  # action 2
    expect(phone.locator("h1").first).to_contain_text("Territorios")
    expect(phone).to_have_url(re.compile(r"/territorios\?.*\bterritorio=211101\b"))
    wait_for_run(phone)
    expect(phone.locator(".st-key-t_perfil")).to_contain_text("Juliaca (San Román)")


# A table's grid: the header cells it draws (Glide's accessible table lists only the columns
# in view) and whether its content is wider than its box (a sideways scroll inside it).
GRID = """(box) => {
  const grid = box.querySelector('[data-testid=stDataFrame]');
  const scroller = grid.querySelector('.dvn-scroller');
  const content = grid.querySelector('.dvn-stack > div');
  return {
    headers: [...grid.querySelectorAll('th[role=columnheader]')].map(h => h.textContent),
    scrolls: content.getBoundingClientRect().width > scroller.clientWidth + 1,
  };
}"""


def test_territorios_tables_show_the_columns_that_matter_on_a_phone(app_server, phone):
    open_link(phone, f"{app_server.url}/territorios?territorio=21&minimo=20", "Territorios")
    whole = phone.locator(".st-key-t_ranking__tabla_completa")
    copy = phone.locator(".st-key-t_ranking__tabla_telefono")
    expect(copy.locator("th[role=columnheader]").first).to_be_attached()
    expect(whole).to_be_hidden()
    assert copy.evaluate(GRID) == {
        "headers": [
            "Distrito",
            "Reciben las brechas (S/ al año, estimación)",
            "Brecha promedio, Censo 2017 (%)",
        ],
        "scrolls": False,
    }
    profile = phone.locator(".st-key-t_perfil_servicios__tabla_telefono")
    profile.scroll_into_view_if_needed()
    expect(profile.locator("th[role=columnheader]").first).to_be_attached()
    grid = profile.evaluate(GRID)
    assert grid["headers"][0] == "Servicio" and len(grid["headers"]) == 4
    assert not grid["scrolls"]
    # on a wider screen the whole table is back and the copy is gone
    phone.set_viewport_size({"width": 1280, "height": 900})
    expect(whole).to_be_visible()
    expect(copy).to_be_hidden()
