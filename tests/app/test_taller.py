"""The workshop page (/taller): facilitator, participants and board, on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from brechas_core import workshop as wk
from brechas_store import open_store
from brechas_store import workshops as ws
from brechas_ui import taller

from .conftest import ENTRYPOINT, TIMEOUT, assert_ok


@pytest.fixture(autouse=True)
def database(database_url, monkeypatch):
    """Every test here runs once on SQLite and once on PostgreSQL."""
    monkeypatch.setenv("BRECHAS_DB_URL", database_url)
    monkeypatch.delenv("BRECHAS_TALLER_ENVIOS_POR_MINUTO", raising=False)
    return database_url


def open_taller(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(ENTRYPOINT, default_timeout=TIMEOUT)
    at.run()  # register the pages first: switch_page then finds /taller by its url_path
    at.switch_page("pages/taller.py")
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert_ok(at)
    return at


def create_workshop(title="Taller de alcaldes", controls=None) -> tuple[AppTest, str, str]:
    at = open_taller()
    at.text_input(key="tc_titulo").input(title)
    if controls is not None:
        at.multiselect(key="tc_controles").set_value(controls)
    at.button[1].click().run()
    assert_ok(at)
    return at, at.query_params["codigo"], at.query_params["clave"]


def join_and_submit(code: str, name: str, minimum: float, district: str = "") -> AppTest:
    at = open_taller({"codigo": code})
    at.text_input(key="taller_nombre").input(name)
    at.text_input(key="taller_distrito").input(district)
    at.button[0].click().run()
    assert_ok(at)
    at.slider(key="tw_minimo").set_value(minimum).run()
    at.button(key="taller_enviar").click().run()
    assert_ok(at)
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_facilitator_creates_a_workshop_and_gets_a_code_a_qr_and_a_private_link():
    at, code, token = create_workshop()
    assert ws.normalize_code(code) == code
    assert len(token) >= 32
    assert any("Taller creado" in s.value for s in at.success)
    assert at.get("image"), "the QR code is drawn"
    links = [c.value for c in at.code]
    assert any(link.endswith(f"/taller?codigo={code}") for link in links)
    assert any(f"clave={token}" in link for link in links)
    assert metrics(at)["Participantes"] == "0"


def test_three_participants_submit_and_the_board_shows_three_proposals_and_their_median():
    board, code, _ = create_workshop()
    for name, minimum in [("Ana", 30.0), ("Beto", 40.0), ("Carla", 50.0)]:
        at = join_and_submit(code, name, minimum, district="Ilave")
        assert "Propuesta enviada" in at.success[0].value
    board.run()
    assert_ok(board)
    m = metrics(board)
    assert m["Participantes"] == "3" and m["Propuestas"] == "3"
    assert m["Mediana del mínimo"] == "40.0 %"
    table = board.dataframe[0].value
    assert list(table["Nombre"]) == ["Ana", "Beto", "Carla"]
    assert list(table["Mínimo (%)"]) == [30.0, 40.0, 50.0]
    # The room's rule is the median, and its figures are the Simulador's for 40 %.
    assert m["Brechas prioritarias"] == "40.00 %"
    assert any("mínimo garantizado de 40.0 %" in md.value for md in board.markdown)


def test_a_participant_revises_their_proposal_instead_of_adding_one():
    board, code, _ = create_workshop()
    at = join_and_submit(code, "Ana", 30.0)
    at.slider(key="tw_minimo").set_value(45.0).run()
    at.button(key="taller_enviar").click().run()
    assert "versión 2" in at.success[0].value
    board.run()
    assert metrics(board)["Propuestas"] == "1"
    assert metrics(board)["Mediana del mínimo"] == "45.0 %"


def test_closing_the_workshop_stops_submissions_and_reopening_allows_them():
    board, code, _ = create_workshop()
    at = join_and_submit(code, "Ana", 30.0)
    board.button(key="taller_abrir_cerrar").click().run()
    assert any("cerrada" in w.value for w in board.warning)
    at.slider(key="tw_minimo").set_value(60.0).run()
    assert at.button(key="taller_enviar").disabled
    assert any("cerró la recepción" in w.value for w in at.warning)
    board.button(key="taller_abrir_cerrar").click().run()
    at.run()
    assert not at.button(key="taller_enviar").disabled


def test_a_submission_racing_the_close_gets_a_spanish_message():
    board, code, _ = create_workshop()
    at = join_and_submit(code, "Ana", 30.0)
    board.button(key="taller_abrir_cerrar").click().run()
    # The participant's screen still shows the button enabled from before the close.
    at.button(key="taller_enviar").click().run()
    assert any("cerró la recepción" in e.value for e in [*at.error, *at.warning])


@pytest.mark.parametrize(
    ("code", "message"),
    [("ZZZZZZ", "No hay ningún taller con el código ZZZZZZ"), ("hola!", "no es un código")],
)
def test_a_bad_code_in_the_link_gets_a_spanish_message(code, message):
    at = open_taller({"codigo": code})
    assert any(message in e.value for e in at.error)
    assert not at.get("image")


def test_a_badly_typed_code_gets_a_spanish_message():
    at = open_taller()
    at.text_input(key="taller_codigo_escrito").input("12")
    at.button[0].click().run()
    assert any("no es un código de taller" in e.value for e in at.error)


def test_a_wrong_facilitator_token_shows_a_message_and_no_board():
    _, code, token = create_workshop()
    at = open_taller({"codigo": code, "clave": token[::-1]})
    assert any("enlace de facilitador no es válido" in e.value for e in at.error)
    assert not at.metric


def _stylesheets(at: AppTest, needle: str) -> tuple[int, int]:
    """How many Markdown stylesheets, and how many st.html elements, hold ``needle``."""
    sheets = [
        m for m in at.markdown if m.value.lstrip().startswith("<style>") and needle in m.value
    ]
    htmls = [h for h in at.get("html") if needle in h.proto.body]
    return len(sheets), len(htmls)


def test_each_taller_stylesheet_is_written_once_per_run_as_hidden_markdown():
    # st.html with only a <style> goes to Streamlit's lazy event container (why in
    # brechas_ui.a11y.page_accessibility), and plain() used to send its CSS once per text.
    _, code, token = create_workshop()
    board = open_taller({"codigo": code, "clave": token, "proyector": "1"})
    assert _stylesheets(board, "white-space: pre-wrap") == (1, 0)
    assert _stylesheets(board, ".st-key-estilos_proyector") == (1, 0)
    plain_board = open_taller({"codigo": code, "clave": token})
    assert _stylesheets(plain_board, ".st-key-estilos_proyector") == (0, 0)
    participant = open_taller({"codigo": code})
    assert _stylesheets(participant, "white-space: pre-wrap") == (1, 0)


def test_the_workshop_link_is_not_read_as_a_scenario_link():
    _, code, token = create_workshop()
    at = open_taller({"codigo": code, "clave": token})
    assert not at.get("warning") or all("enlace tenía valores" not in w.value for w in at.warning)
    assert at.query_params["codigo"] == code


def test_names_are_shown_as_plain_text():
    board, code, _ = create_workshop()
    name = "**Ana** [x](https://e.org) <b>y</b>"
    join_and_submit(code, name, 30.0)
    board.run()
    assert list(board.dataframe[0].value["Nombre"]) == [name]
    assert all("https://e.org" not in md.value for md in board.markdown)


def test_a_hidden_proposal_leaves_the_median_and_the_table():
    board, code, _ = create_workshop()
    join_and_submit(code, "Ana", 30.0)
    join_and_submit(code, "Spam", 100.0)
    board.run()
    assert metrics(board)["Mediana del mínimo"] == "65.0 %"
    spam = next(
        i
        for i, label in enumerate(board.multiselect(key="taller_ocultas").options)
        if "Spam" in label
    )
    pid = [r["id"] for r in ws.proposal_rows(open_store(), ws.find(open_store(), code))][spam]
    board.multiselect(key="taller_ocultas").select(pid).run()
    m = metrics(board)
    assert m["Mediana del mínimo"] == "30.0 %" and m["Propuestas"] == "1"
    assert list(board.dataframe[0].value["Nombre"]) == ["Ana"]


def test_the_export_holds_every_proposal_in_csv_with_bom_and_in_xlsx():
    board, code, _ = create_workshop()
    join_and_submit(code, "Ana", 30.0, district="Juli")
    join_and_submit(code, "Beto", 40.0)
    board.run()
    assert board.get("download_button"), "both export buttons are drawn"
    store = open_store()
    rows = ws.proposal_rows(store, ws.find(store, code))
    table = wk.export_table(rows)
    csv = table.to_csv(index=False).encode("utf-8-sig")
    assert csv.startswith(b"\xef\xbb\xbf")
    text = csv.decode("utf-8-sig")
    assert "Ana,Juli,30.0" in text and "Beto,,40.0" in text
    sheet = openpyxl.load_workbook(io.BytesIO(taller._xlsx(table))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Nombre"
    assert [v[0] for v in values[1:]] == ["Ana", "Beto"]
    assert [v[2] for v in values[1:]] == [30, 40]


def test_participants_only_see_the_controls_the_facilitator_allowed():
    _, code, _ = create_workshop(controls=["minimo", "protegido"])
    at = open_taller({"codigo": code})
    at.text_input(key="taller_nombre").input("Ana")
    at.button[0].click().run()
    keys = {s.key for s in at.slider}
    assert keys == {"tw_minimo", "tw_protegido"}
    assert not at.radio


def test_a_workshop_without_a_title_is_not_created():
    at = open_taller()
    at.button[1].click().run()
    assert any("Escriba un título" in e.value for e in at.error)
    assert "codigo" not in at.query_params
