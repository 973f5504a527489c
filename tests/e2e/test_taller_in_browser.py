"""A workshop in real browsers: a facilitator and three participants, each in a context of
their own (separate cookies and sessions), on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# The board refreshes itself; a few seconds is what "live" means on a projector.
BOARD_WAIT_MS = 8_000


@pytest.fixture
def taller_server(database_url, start_app):
    """An app server of its own on this test's database, the board refreshing every second."""
    return start_app(BRECHAS_DB_URL=database_url, BRECHAS_TALLER_REFRESCO="1")


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def metric(page: Page, key: str):
    return page.locator(f".st-key-{key} [data-testid='stMetricValue']")


def participate(page: Page, url: str, code: str, name: str, presses: int) -> None:
    """Join with a name and submit a minimum of ``presses`` × 10 points (PageUp)."""
    page.goto(f"{url}/taller?codigo={code}")
    page.get_by_label("Su nombre (así aparecerá en la pantalla)").fill(name)
    page.get_by_role("button", name="Participar").click()
    thumb = page.locator(".st-key-tw_minimo input[type='range']")
    thumb.focus()
    for _ in range(presses):
        thumb.press("PageUp")
    expect(thumb).to_have_value(str(presses * 10))
    settled(page)
    page.get_by_role("button", name="Enviar mi propuesta").click()
    expect(page.get_by_text("Propuesta enviada")).to_be_visible()


def test_a_room_submits_and_the_board_follows_live(taller_server, new_context):
    url = taller_server.url
    facilitator = new_context().new_page()
    facilitator.goto(f"{url}/taller")
    facilitator.get_by_label("Título", exact=True).fill("Taller de alcaldes de Puno")
    facilitator.get_by_role("button", name="Crear el taller").click()
    expect(facilitator.get_by_text("Taller creado")).to_be_visible()
    query = parse_qs(urlparse(facilitator.url).query)
    code, token = query["codigo"][0], query["clave"][0]
    expect(facilitator.get_by_role("img")).not_to_have_count(0)  # the QR code
    expect(metric(facilitator, "t_propuestas")).to_have_text("0")

    participants = []
    for name, presses in [("Ana", 3), ("Beto", 4), ("Carla", 5)]:
        page = new_context().new_page()
        participate(page, url, code, name, presses)
        participants.append(page)

    # The board was not touched: its fragment refreshes on its own.
    expect(metric(facilitator, "t_propuestas")).to_have_text("3", timeout=BOARD_WAIT_MS)
    expect(metric(facilitator, "t_participantes")).to_have_text("3")
    expect(metric(facilitator, "t_mediana")).to_have_text("40.0 %")
    table = facilitator.locator(".st-key-t_tabla [data-testid='stDataFrame']")
    expect(table).to_be_visible()

    # The export holds the three proposals (CSV with a BOM).
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name="Descargar CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Nombre"], r["Mínimo propuesto (%)"]) for r in rows] == [
        ("Ana", "30.0"),
        ("Beto", "40.0"),
        ("Carla", "50.0"),
    ]

    # Closing stops submissions: the participant's button is disabled at their next run,
    # and a submission from a screen drawn before the close is refused in Spanish.
    facilitator.get_by_role("button", name="Cerrar la recepción").click()
    expect(facilitator.get_by_text("Recepción de propuestas cerrada")).to_be_visible()
    ana = participants[0]
    ana.get_by_role("button", name="Enviar mi propuesta").click()
    expect(ana.get_by_text("cerró la recepción").first).to_be_visible()
    expect(ana.get_by_role("button", name="Enviar mi propuesta")).to_be_disabled()
    expect(metric(facilitator, "t_mediana")).to_have_text("40.0 %")

    # The private link opens the board in another browser; a wrong token does not.
    other = new_context().new_page()
    other.goto(f"{url}/taller?codigo={code}&clave={token}x")
    expect(other.get_by_text("enlace de facilitador no es válido")).to_be_visible()


def test_a_bad_code_gets_a_spanish_message_in_the_browser(taller_server, page):
    page.goto(f"{taller_server.url}/taller?codigo=ZZZZZZ")
    expect(page.get_by_text("No hay ningún taller con el código ZZZZZZ")).to_be_visible(
        timeout=30_000
    )
    page.get_by_role("button", name="Escribir otro código").click()
    page.get_by_role("textbox", name="Código del taller").fill("xx")
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_text("no es un código de taller")).to_be_visible()


_TYPE = """() => {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const size = (kind) => {  // in rem, as the stylesheets say it
    const el = document.querySelector(`.st-key-taller_${kind} [data-testid="stText"]`);
    return el && Math.round(100 * parseFloat(getComputedStyle(el).fontSize) / rem) / 100;
  };
  const code = document.querySelector('.st-key-taller_codigo [data-testid="stText"]');
  const sheets = [...document.querySelectorAll(
    '.st-key-estilos_taller, .st-key-estilos_proyector')];
  return {
    title: size("titulo"), code: size("codigo"),
    mono: code && getComputedStyle(code).fontFamily.includes("monospace"),
    hidden: sheets.map(e => getComputedStyle(e).display),
  };
}"""


def test_the_board_shows_title_and_code_in_large_type_and_larger_on_the_projector(
    taller_server, page
):
    # brechas_ui.taller_common.text_styles and taller_board._projector_styles (Markdown
    # stylesheets in hidden containers): 2rem and 4rem monospace, 2.4rem and 6rem projected.
    page.goto(f"{taller_server.url}/taller")
    page.get_by_label("Título", exact=True).fill("Taller de alcaldes")
    page.get_by_role("button", name="Crear el taller").click()
    expect(page.get_by_text("Taller creado")).to_be_visible()
    settled(page)
    assert page.evaluate(_TYPE) == {
        "title": 2,
        "code": 4,
        "mono": True,
        "hidden": ["none"],
    }
    page.goto(f"{page.url}&proyector=1")
    expect(page.locator(".st-key-estilos_proyector")).to_have_count(1)
    settled(page)
    assert page.evaluate(_TYPE) == {
        "title": 2.4,
        "code": 6,
        "mono": True,
        "hidden": ["none", "none"],
    }
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
