"""What a slider move reruns on the Simulador, over Streamlit's own websocket.

A move reruns only the page's fragment (brechas_ui.frame.live); what the page draws of the
scenario on full runs only («Compartir»'s link, «Descargar»'s buttons, the table of moves)
is drawn while open, and then a move must rerun the whole page, or it would show an
earlier rule. AppTest runs whole scripts only, so only a real server shows the difference.
They need no browser but start a server, so they sit with the e2e tests.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from brechas_harness.client import Session, elements

pytestmark = pytest.mark.e2e

SLIDER = "w_minimum_pct"


def _in_thread(coro):
    # Playwright's sync API (other e2e tests) keeps an event loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _opened(session: Session, key: str) -> WidgetState:
    """A popover or expander opened (``on_change="rerun"``), as the browser reports it."""
    return WidgetState(id=session.widget_ids[key], bool_value=True)


def _fragment_run(session: Session) -> bool:
    deltas = [m for m in session.messages if m.WhichOneof("type") == "delta"]
    return bool(deltas) and all(m.delta.fragment_id for m in deltas)


def _links(session: Session) -> list[str]:
    return [c.code_text for c in elements(session.messages, "code") if "/simulador" in c.code_text]


async def _moves(url: str, opened: str | None) -> tuple[bool, list[str], str, list[str]]:
    session = await Session.open(url, "simulador", "minimo=40")
    errors = (await session.rerun(timeout=120)).errors
    states = []
    if opened:
        states = [_opened(session, opened)]
        errors += (await session.send(states=states, timeout=60)).errors  # the click: a full run
    run = await session.send(doubles={SLIDER: 41.0}, states=states, fragment=SLIDER, timeout=60)
    fragment, links, shown = _fragment_run(session), _links(session), session.metrics
    await session.close()
    return fragment, links, shown["Brechas prioritarias (juntas)"], errors + run.errors


def test_a_move_reruns_only_the_fragment_and_resends_no_closed_popover(app_server):
    fragment, links, shown, errors = _in_thread(_moves(app_server.ws_url, None))
    assert not errors
    assert fragment  # nothing outside the fragment was re-sent
    assert not links  # «Compartir» closed: its link is not drawn
    assert shown == "41.00 %"


@pytest.mark.parametrize("opened", ["compartir", "llevar", "sim_movimientos"])
def test_a_move_while_a_popover_drawn_on_full_runs_is_open_reruns_the_page(app_server, opened):
    fragment, links, shown, errors = _in_thread(_moves(app_server.ws_url, opened))
    assert not errors
    assert not fragment  # the whole page ran again: what is open shows the new rule
    assert shown == "41.00 %"
    if opened == "compartir":
        (link,) = links
        assert "minimo=41" in link and "minimo=40" not in link


async def _save_then_move(url: str) -> tuple[list[str], bool, list[str], list[str]]:
    session = await Session.open(url, "simulador", "minimo=40")
    errors = (await session.rerun(timeout=120)).errors
    errors += (await session.send(triggers=("comparar_guardar",), timeout=60)).errors
    saved = [p.label for p in elements(session.messages, "page_link") if "Guardado" in p.label]
    run = await session.send(doubles={SLIDER: 41.0}, fragment=SLIDER, timeout=60)
    buttons = [b.label for b in elements(session.messages, "button") if "Guardar" in b.label]
    fragment = _fragment_run(session)
    await session.close()
    return saved, fragment, buttons, errors + run.errors


def test_a_move_after_saving_for_comparar_offers_to_save_the_new_rule(app_server):
    # «Guardar para comparar» is drawn on full runs; once it says the rule is saved, a move
    # must redraw it, or it would call the new rule saved.
    saved, fragment, buttons, errors = _in_thread(_save_then_move(app_server.ws_url))
    assert not errors
    assert saved == ["Guardado como A: ver la comparación"]
    assert not fragment
    assert buttons == ["Guardar para comparar (1 de 4)"]


async def _controls_on_a_later_full_run(
    url: str, reported: dict[str, float]
) -> tuple[list, list, list[str]]:
    """A full run (a popover opened) whose request carries ``reported`` slider values, as a
    browser's does for the controls it has mounted."""
    session = await Session.open(url, "simulador", "minimo=40")
    errors = (await session.rerun(timeout=120)).errors
    run = await session.send(doubles=reported, states=[_opened(session, "llevar")], timeout=60)
    minimum = session.widget_ids[SLIDER]
    slider_elements = [s for s in elements(session.messages, "slider") if s.id == minimum]
    sliders = [(s.set_value, list(s.value)) for s in slider_elements]
    gaps = [(m.set_value, len(m.raw_values)) for m in elements(session.messages, "multiselect")]
    await session.close()
    return sliders, gaps, errors + run.errors


def test_a_later_full_run_sends_the_scenario_s_values_of_controls_not_reported(app_server):
    # A control whose component first mounts in the browser after a later run starts from
    # what that run's element says. Without set_value it said the widget's default (a 0 %
    # minimum, no gaps), and the next click sent that back as the user's choice: opening a
    # popover right after the page opened lost the minimum (brechas_ui.state.bound).
    sliders, gaps, errors = _in_thread(_controls_on_a_later_full_run(app_server.ws_url, {}))
    assert not errors
    assert sliders == [(True, [40.0])]  # the guaranteed minimum
    assert gaps == [(True, 10)]  # the ten priority gaps, all included


def test_a_later_full_run_does_not_send_back_a_value_the_browser_reported(app_server):
    # The browser sent the slider's value with the request: it is the user's latest. Sent
    # back with set_value, it could reach the browser after a newer move and undo it (a tab
    # or popover clicked, then the slider moved before that full run's reply arrived: the
    # headline showed the move, the next request sent the older value back).
    sliders, gaps, errors = _in_thread(
        _controls_on_a_later_full_run(app_server.ws_url, {SLIDER: 40.0})
    )
    assert not errors
    assert sliders == [(False, [])]  # the browser's value stands: none is sent back
    assert gaps == [(True, 10)]  # the gaps were not reported: still sent with the value
