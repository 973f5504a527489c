"""Accessibility in a real browser (issue 14, item 4): axe-core on every page, the page's
language, Streamlit's chrome in Spanish, and the Simulador's slider from the keyboard.

axe-core is the npm package pinned in package.json, installed by ``scripts/test.sh``
(``npm ci``) into ./node_modules and injected from that file: no network. One server (the
session's ``app_server``) and one browser page visit every page in turn.

The language is a parameter (``LANGS``): English (issue 14, item 5) adds ``"en"`` and its
link parameter.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from brechas_core.i18n import _, using
from brechas_ui.a11y import GENERIC_DESCRIPTION
from tests.e2e.conftest import RUN_TIMEOUT_MS
from tests.e2e.test_app_in_browser import PAGES, minimum_slider, wait_for_run

pytestmark = pytest.mark.e2e
# A page's first run loads data and builds charts on a 2-core machine.

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Interface languages and the link parameter that selects each ("" is the default).
LANGS = {"es": "", "en": "lang=en"}
#: Extra link parameters per page, so that the charts and tables a rule draws are checked too.
SCENARIO = {
    "simulador": "minimo=30",
    "territorios": "territorio=21&minimo=30",
    "proyectos": "territorio=21",
    "comparar": "a.minimo=30&b.minimo=50",
}
BLOCKING = ("serious", "critical")
#: How a chart's own text alternative starts, per language (brechas_ui.a11y).
DESCRIBED = {
    "es": re.compile(r"^(Gráfico|Histograma|Mapa)"),
    "en": re.compile(
        r"^(Bar chart|Line chart|Scatter chart|Box and dot chart|Dot chart|Histogram|Map)"
    ),
}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: run `npm ci` (scripts/test.sh does)"
        if os.environ.get("BRECHAS_REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def _url(base: str, path: str, lang: str) -> str:
    params = "&".join(p for p in (SCENARIO.get(path, ""), LANGS[lang]) if p)
    return f"{base}/{path}" + (f"?{params}" if params else "")


def axe_violations(page: Page, axe_source: str) -> list[dict]:
    """axe-core's violations on the page as drawn (WCAG 2.x A/AA rules and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for node in v["nodes"][:3]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {node['target']}: {summary[:240]}")
    return "\n".join(lines)


def _audit_every_page(page: Page, base: str, axe_source: str, lang: str) -> str:
    """Visit every page and return what axe-core and the charts' descriptions object to
    (nothing: an empty string)."""
    found = {}
    for path, title in PAGES.items():
        page.goto(_url(base, path, lang))
        expect(page.locator("h1").first).to_be_visible()
        wait_for_run(page)
        # Streamlit's chrome is in the page's language once the app's script has run.
        expect(page.locator("html")).to_have_attribute("lang", lang)
        blocking = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING]
        if blocking:
            found[title] = _describe(blocking)
        # Every chart has its own text alternative (brechas_ui.a11y.CHART_DESCRIPTIONS).
        for chart in page.get_by_test_id("stVegaLiteChart").all():
            if not chart.is_visible():  # in a closed tab or expander: not drawn yet
                continue
            expect(chart).to_have_attribute("aria-label", DESCRIBED[lang])
            label = chart.get_attribute("aria-label")
            with using(lang):
                generic = _(GENERIC_DESCRIPTION)
            if label == generic:
                found.setdefault(title, "")
                found[title] += "\na chart has only the generic description"
    return "\n".join(f"{title}:\n{text}" for title, text in found.items())


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_page_has_a_serious_or_critical_axe_violation(app_server, page, axe_source, lang):
    found = _audit_every_page(page, app_server.url, axe_source, lang)
    assert not found, found


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_page_has_a_serious_or_critical_axe_violation_on_a_phone(
    app_server, browser, axe_source, lang
):
    """The same at 390 x 844 px, where tables scroll sideways and columns stack."""
    phone = browser.new_context(viewport=PHONE, locale="es-PE", is_mobile=True)
    phone.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        found = _audit_every_page(phone.new_page(), app_server.url, axe_source, lang)
    finally:
        phone.close()
    assert not found, found


def test_the_map_s_values_are_also_a_table(app_server, page):
    page.goto(f"{app_server.url}/territorios?territorio=21&minimo=30")
    expect(page.locator(".st-key-grafico_t_mapa [data-testid='stVegaLiteChart']")).to_be_visible()
    wait_for_run(page)
    page.get_by_text("Valores del mapa").click()
    table = page.locator(".st-key-t_mapa_tabla")
    expect(table).to_be_visible()
    expect(table.get_by_test_id("stDataFrame")).to_be_visible()


def test_streamlits_chrome_speaks_spanish(app_server, page):
    page.goto(f"{app_server.url}/simulador")
    expect(minimum_slider(page)).to_be_attached()
    wait_for_run(page)
    expect(page.get_by_test_id("stSkipToContent")).to_have_text("Saltar al contenido principal")
    help_button = page.locator(".st-key-w_minimum_pct button[aria-label^='Ayuda: ']")
    expect(help_button).to_have_count(1)
    expect(page.locator("[aria-label^='Help for ']")).to_have_count(0)
    expect(page.locator("input[placeholder^='Choose']")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Páginas")).to_be_visible()


def test_the_minimum_slider_is_reached_in_three_tab_presses(app_server, page):
    page.goto(f"{app_server.url}/simulador")
    wait_for_run(page)
    thumb = minimum_slider(page)
    expect(thumb).to_be_attached()
    expect(page.get_by_test_id("stSkipToContent")).to_have_text("Saltar al contenido principal")
    wait_for_run(page)
    # Tab reaches «Saltar al contenido principal», Enter follows it, two more Tabs pass the
    # slider's help button and land on its thumb.
    presses = 0
    page.keyboard.press("Tab")
    presses += 1
    expect(page.get_by_test_id("stSkipToContent")).to_be_focused()
    page.keyboard.press("Enter")
    while presses < 3:
        page.keyboard.press("Tab")
        presses += 1
        if thumb.evaluate("el => el === document.activeElement"):
            break
    expect(thumb).to_be_focused()
    # The thumb answers the keyboard: one arrow press moves the minimum into the link.
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]minimo=(?!0(&|$))"))


def test_a_focused_control_shows_a_visible_ring(app_server, page):
    page.goto(f"{app_server.url}/simulador")
    wait_for_run(page)
    skip = page.get_by_test_id("stSkipToContent")
    expect(skip).to_have_text("Saltar al contenido principal")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    outline = skip.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline
