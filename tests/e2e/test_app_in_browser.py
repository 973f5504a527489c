"""The app in a real browser: pages, the minimum slider, shareable links, tampered links.

Each test waits for Streamlit to finish the script run it caused (see ``wait_for_run``) and
for the content it expects; nothing sleeps a fixed time.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def _constant(node: ast.expr):
    """A literal, or the Spanish literal inside ``_("...")`` (brechas_core.i18n)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args:
        node = node.args[0]
    return node.value if isinstance(node, ast.Constant) else None


def _pages_in_navigation() -> dict[str, str]:
    """URL path -> title of every ``st.Page`` in app.py, so new pages are tested too."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    pages = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            kw = {k.arg: _constant(k.value) for k in node.keywords}
            stem = Path(node.args[0].value).stem
            pages["" if kw.get("default") else kw.get("url_path", stem)] = kw["title"]
    return pages


PAGES = _pages_in_navigation()
# The heading each page starts with, where it is not the page's title.
HEADINGS = {"": "Brechas"}
APP_TITLE = "Brechas · Simulador de presupuesto para cerrar brechas"
BASELINE_MEAN_GAP = "56.71 %"  # Diagnóstico, mean of Table 2's gaps
BASELINE_PRIORITY_TOTAL = "27.07 %"  # Simulador headline with no rule (Table 2, summed)

# --- waiting and reading -------------------------------------------------------------------


def wait_for_run(page: Page) -> None:
    """Wait until Streamlit reports no script run in progress and nothing failed.

    Callers also wait for the content they expect: right after an input, the run it causes
    may not have started yet, so an idle state alone proves nothing.
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # A page that fails is caught by the frame (frame.run_safely), which offers this button.
    expect(page.locator(".st-key-reiniciar_error")).to_have_count(0)
    # The app's stylesheets (brechas_ui: a11y, phones, printing) are applied: under load the
    # browser drew and accepted clicks before them, e.g. «Compartir» still at the page's foot.
    page.wait_for_function(_STYLES_APPLIED)


_STYLES_APPLIED = """() => {
  const sheets = [...document.querySelectorAll('[class*="st-key-estilos_"]')];
  return sheets.length > 0 && sheets.every(e => getComputedStyle(e).display === 'none');
}"""


def open_link(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.locator("h1").first).to_contain_text(heading)
    wait_for_run(page)


def metric_value(page: Page, key: str) -> Locator:
    return page.locator(f".st-key-{key} [data-testid='stMetricValue']")


# The Simulador's headline figures, in order in their row (brechas_ui.simulador_results)
PRIORITY_TOTAL = ".st-key-sim_cifras [data-testid='stMetricValue'] >> nth=0"


def priority_total(page: Page) -> Locator:
    """The Simulador's first headline figure: the protected gaps' share after the rule."""
    return page.locator(PRIORITY_TOTAL)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def shares_chart(page: Page) -> Locator:
    """The Simulador's shares chart (key ``sim_participaciones``), inside the keyed container
    that brechas_ui.render.live_chart draws around every live chart."""
    return page.locator(".st-key-grafico_sim_participaciones [data-testid='stVegaLiteChart']")


def chart_markup(chart: Locator) -> str:
    """What the chart drew: Vega renders SVG here, so its markup changes when it redraws."""
    expect(chart.locator("svg.marks, canvas").first).to_be_visible()
    return chart.evaluate("el => (el.querySelector('svg.marks') || el).innerHTML")


def minimum_slider(page: Page) -> Locator:
    """The guaranteed-minimum slider's thumb (a visually hidden range input in 1.67)."""
    return page.locator(".st-key-w_minimum_pct input[type='range']")


def move_minimum_slider(page: Page, *keys: str) -> None:
    thumb = minimum_slider(page)
    thumb.focus()
    for key in keys:
        thumb.press(key)


# --- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "inicio" for p in PAGES])
def test_every_page_opens_in_the_frame_without_an_error(app_server, page, path):
    open_link(page, f"{app_server.url}/{path}", HEADINGS.get(path, PAGES[path]))
    assert urlparse(page.url).path == f"/{path}"
    nav = page.get_by_test_id("stTopNavLink")
    expect(nav).to_have_count(len(PAGES))
    expect(page).to_have_title(APP_TITLE)
    # app.py wrote the scenario into the address bar (the workshop page's link holds a
    # workshop code instead, and starts without one; the comparison's holds its kept
    # scenarios, none yet, and the data version).
    if path == "taller":
        assert "minimo" not in query(page)
    elif path == "comparar":
        assert list(query(page)) == ["datos"]
    else:
        assert query(page)["minimo"] == ["0"]


def test_diagnostico_shows_the_study_baseline(app_server, page):
    open_link(page, f"{app_server.url}/diagnostico", "Diagnóstico")
    expect(metric_value(page, "m_brecha_promedio")).to_have_text(BASELINE_MEAN_GAP)
    expect(page.get_by_test_id("stVegaLiteChart").first.locator("svg.marks")).to_be_visible()


# --- tampered links ------------------------------------------------------------------------


def test_tampered_link_shows_a_notice_and_loads_the_baseline(app_server, page):
    open_link(page, f"{app_server.url}/diagnostico?minimo=abc&reparto=hack&zzz=1", "Diagnóstico")
    notice = page.locator(".st-key-avisos_enlace")
    expect(notice).to_contain_text("abc")
    expect(notice).to_contain_text("reparto=hack")
    expect(notice).to_contain_text("zzz")
    expect(metric_value(page, "m_brecha_promedio")).to_have_text(BASELINE_MEAN_GAP)
    # The link is rewritten to the scenario actually in use: nothing unknown survives.
    params = query(page)
    assert params["minimo"] == ["0"]
    assert params["reparto"] == ["brecha"]
    assert "zzz" not in params
    # Dismissing the notice is a normal rerun.
    page.locator(".st-key-cerrar_avisos button").click()
    expect(notice).to_have_count(0)
    wait_for_run(page)


def test_html_in_a_link_is_shown_as_text(app_server, page):
    payload = "<img src=x onerror=alert(1)><b>x</b>"
    page.goto(f"{app_server.url}/diagnostico?reparto={payload}")
    notice = page.locator(".st-key-avisos_enlace")
    expect(notice).to_contain_text("<img src=x onerror=alert(1)>")
    wait_for_run(page)
    expect(notice.locator("img, b, script")).to_have_count(0)


@pytest.mark.parametrize(
    "payload",
    ["[Descargar](https://example.org)", "https://example.org", "www.example.org"],
    ids=["markdown-link", "bare-url", "www"],
)
def test_a_url_in_a_link_is_shown_as_text_not_as_a_link(app_server, page, payload):
    page.goto(f"{app_server.url}/diagnostico?reparto={payload}")
    notice = page.locator(".st-key-avisos_enlace")
    expect(notice).to_contain_text("example")
    wait_for_run(page)
    # The run has finished: whatever the notice shows is there now, no need to wait long.
    expect(notice.locator("a[href*='example.org']")).to_have_count(0, timeout=1000)


def test_tampered_link_on_the_simulador_shows_the_baseline(app_server, page):
    open_link(page, f"{app_server.url}/simulador?minimo=abc&reparto=hack&zzz=1", "Simulador")
    expect(page.locator(".st-key-avisos_enlace")).to_contain_text("abc")
    expect(priority_total(page)).to_have_text(BASELINE_PRIORITY_TOTAL)


# --- the minimum slider and shareable links ------------------------------------------------


def test_moving_the_minimum_slider_redraws_the_metric_the_chart_and_the_link(app_server, page):
    open_link(page, f"{app_server.url}/simulador", "Simulador")
    metric = priority_total(page)
    expect(metric).to_have_text(BASELINE_PRIORITY_TOTAL)
    before = chart_markup(shares_chart(page))

    move_minimum_slider(page, "End")

    expect(metric).to_have_text("100.00 %")
    wait_for_run(page)
    chart = shares_chart(page)
    expect(chart.locator("svg.marks")).to_be_visible()
    page.wait_for_function(
        "([el, old]) => (el.querySelector('svg.marks') || el).innerHTML !== old",
        arg=[chart.element_handle(), before],
    )
    expect(page).to_have_url(re.compile(r"[?&]minimo=100(&|$)"))


def test_a_shared_link_shows_the_same_numbers_in_a_fresh_browser(app_server, new_context):
    page = new_context().new_page()
    open_link(page, f"{app_server.url}/simulador", "Simulador")
    thumb = minimum_slider(page)
    move_minimum_slider(page, "PageUp", "PageUp", "PageUp")
    # Several key presses can mean several runs: wait for the one that wrote the final value.
    slider_value = thumb.input_value()
    assert float(slider_value) > 0
    link_value = f"{float(slider_value):.6f}".rstrip("0").rstrip(".")
    expect(page).to_have_url(re.compile(rf"[?&]minimo={re.escape(link_value)}(&|$)"))
    wait_for_run(page)
    metric = priority_total(page)
    expect(metric).not_to_have_text(BASELINE_PRIORITY_TOTAL)
    shown = metric.inner_text()
    link = page.url

    other = new_context().new_page()
    open_link(other, link, "Simulador")
    expect(priority_total(other)).to_have_text(shown)
    other_thumb = minimum_slider(other)
    expect(other_thumb).to_have_value(slider_value)
    assert query(other)["minimo"] == query(page)["minimo"]

    # Away through the top navigation and back: the scenario is kept.
    other.get_by_test_id("stTopNavLink").filter(has_text="Diagnóstico").click()
    expect(other.locator("h1").first).to_contain_text("Diagnóstico")
    wait_for_run(other)
    assert query(other)["minimo"] == query(page)["minimo"]
    other.get_by_test_id("stTopNavLink").filter(has_text="Simulador").click()
    expect(other.locator("h1").first).to_contain_text("Simulador")
    expect(priority_total(other)).to_have_text(shown)
    wait_for_run(other)
    expect(other_thumb).to_have_value(slider_value)


# --- a fresh server's first request --------------------------------------------------------


def test_first_request_of_a_fresh_server_to_a_page_link_runs_inside_the_frame(fresh_server, page):
    open_link(page, f"{fresh_server.url}/simulador?minimo=40", "Simulador")
    expect(page).to_have_title(APP_TITLE)
    expect(page.get_by_test_id("stTopNavLink")).to_have_count(len(PAGES))
    params = query(page)
    assert params["minimo"] == ["40"]
    assert len(params["datos"][0]) == 8
    assert urlparse(page.url).path == "/simulador"


def test_first_request_of_a_fresh_server_shows_the_linked_scenario(fresh_server, page):
    open_link(page, f"{fresh_server.url}/simulador?minimo=40", "Simulador")
    expect(priority_total(page)).to_have_text("40.00 %")
    expect(minimum_slider(page)).to_have_value("40")
