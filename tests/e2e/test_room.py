"""A whole room opens one link at once, on a server that has just started.

A facilitator restarts the app, projects a link, and everyone opens it in the same second:
every tab must show the linked scenario, inside the app's frame, whatever arrives first.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.test_app_in_browser import PRIORITY_TOTAL

pytestmark = pytest.mark.e2e

TABS = 8
# Eight first runs share two cores: allow each the browser tests' full run timeout.
RUN_TIMEOUT_MS = 60_000
APP_TITLE = "Brechas · Simulador de presupuesto para cerrar brechas"


def _open_all_at_the_same_instant(pages, url: str) -> None:
    """Each tab navigates at one shared wall-clock instant (a timer inside each page)."""
    at_ms = int((time.time() + 0.5) * 1000)
    for page in pages:
        page.goto("about:blank")
    for page in pages:
        page.evaluate(
            "([url, at]) => setTimeout(() => { location.href = url; }, at - Date.now())",
            [url, at_ms],
        )


def test_eight_tabs_opening_a_simulador_link_at_once_on_a_fresh_server_all_show_it(
    fresh_server, new_context
):
    pages = [new_context().new_page() for _ in range(TABS)]
    _open_all_at_the_same_instant(pages, f"{fresh_server.url}/simulador?minimo=40")

    for number, page in enumerate(pages, start=1):
        try:
            expect(page.locator("h1").first).to_contain_text("Simulador", timeout=RUN_TIMEOUT_MS)
            expect(page.locator(PRIORITY_TOTAL)).to_have_text("40.00 %", timeout=RUN_TIMEOUT_MS)
            expect(page.get_by_test_id("stApp")).to_have_attribute(
                "data-test-script-state", "notRunning", timeout=RUN_TIMEOUT_MS
            )
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.locator(".st-key-reiniciar_error")).to_have_count(0)
            # Inside the frame: app.py set the title, drew the navigation, wrote the link.
            expect(page).to_have_title(APP_TITLE)
            expect(page.get_by_test_id("stTopNavLink").first).to_be_visible()
            assert urlparse(page.url).path == "/simulador"
            assert parse_qs(urlparse(page.url).query)["minimo"] == ["40"]
        except AssertionError as exc:
            raise AssertionError(
                f"tab {number} of {TABS}: {exc}\n--- page text ---\n"
                f"{page.locator('body').inner_text()[:1500]}"
            ) from exc


# --- Markdown injection through line breaks in a link ---------------------------------------

INJECTIONS = {
    "link": ("/simulador?reparto=x%0A%0A%5BPague%20aqu%C3%AD%5D(https://evil.example/p)", "Pague"),
    "image": ("/?minimo=1%0A%0A!%5Bt%5D(https://evil.example/t.png)", "evil.example"),
    "heading": ("/diagnostico?reparto=x%0A%23%20Atenci%C3%B3n", "Atención"),
    "crlf": ("/diagnostico?reparto=x%0D%0A%0D%0A%5BP%5D(https://evil.example)", "[P]"),
}


@pytest.mark.parametrize("path, text", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_a_line_break_in_a_link_value_renders_no_link_image_or_heading(
    app_server, page, path, text
):
    outside = []
    page.on(
        "request",
        lambda req: (
            outside.append(req.url) if urlparse(req.url).hostname == "evil.example" else None
        ),
    )
    page.goto(app_server.url + path)
    notice = page.locator(".st-key-avisos_enlace")
    expect(notice).to_contain_text(text, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(notice.locator("a, img, h1, h2, h3, h4, h5, h6")).to_have_count(0, timeout=1000)
    assert outside == [], f"the browser fetched {outside}"


# --- nothing from outside the server ---------------------------------------------------------


def test_a_page_load_fetches_nothing_from_outside_the_server(app_server, page):
    hosts = set()
    page.on("request", lambda req: hosts.add(urlparse(req.url).hostname))
    page.goto(f"{app_server.url}/simulador?minimo=40")
    expect(page.locator(PRIORITY_TOTAL)).to_have_text("40.00 %", timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    icon = page.locator("link[rel*='icon']").first.get_attribute("href")
    assert urlparse(icon).hostname in (None, "127.0.0.1"), icon
    assert hosts <= {"127.0.0.1", None}, hosts
