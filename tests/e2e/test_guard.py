"""Per-session limits (brechas_ui/guard.py) on a real server, over Streamlit's websocket.

The guard wraps a private method of Streamlit 1.67 (AppSession.handle_backmsg): these tests
fail if a Streamlit upgrade moves it. They need no browser but start a server, so they sit
with the e2e tests. benchmarks/abuse.py measures what the limits buy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from brechas_harness.client import (
    Session,
    elements,
    flag_request,
    rerun_request,
    slider_state,
)
from brechas_harness.servers import server

pytestmark = pytest.mark.e2e

SLIDER = "w_minimum_pct"
METRIC = "Brechas prioritarias (juntas)"


def _in_thread(coro):
    # Playwright's sync API (other e2e tests) keeps an event loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _slider_move(session: Session, value: float) -> bytes:
    state = slider_state(session.widget_ids[SLIDER], value)
    return rerun_request(session.page_name, session.query_string, [state])


@contextlib.contextmanager
def _fake_git(tmp_path: Path):
    """A ``git`` first on the server's PATH that only notes each call in a file."""
    calls = tmp_path / "git-calls"
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 1\n')
    fake.chmod(0o755)
    old = os.environ["PATH"]
    os.environ["PATH"] = f"{fake.parent}:{old}"
    try:
        yield calls
    finally:
        os.environ["PATH"] = old


async def _developer_requests(srv) -> tuple[str, list[str]]:
    session = await Session.open(srv.ws_url, "simulador", "minimo=40")
    errors = (await session.rerun(timeout=120)).errors
    # The user moves the slider to 55 % (the scenario lives in session state).
    await session.rerun({SLIDER: 55.0}, timeout=60)
    for kind in ("load_git_info", "clear_cache"):
        for _ in range(20):
            await session.ws.send(flag_request(kind))
    await session.read_for(2.0)
    errors += (await session.rerun(timeout=60)).errors
    shown = session.metrics[METRIC]
    await session.close()
    return shown, errors


def test_git_info_and_clear_cache_requests_from_a_browser_are_ignored(tmp_path):
    with _fake_git(tmp_path) as calls, server() as srv:
        shown, errors = _in_thread(_developer_requests(srv))
    assert not errors
    # Unguarded, each load_git_info runs git on the server's event loop...
    assert not calls.exists(), calls.read_text()[:300]
    # ...and clear_cache empties session state: the scenario would fall back to the link's.
    assert shown == "55.00 %", shown


async def _flood_of_slider_moves() -> tuple[str, int, int, list[str]]:
    with server() as srv:
        session = await Session.open(srv.ws_url, "simulador")
        errors = (await session.rerun(timeout=120)).errors
        reader = asyncio.create_task(session.read_for(10.0))
        for i in range(200):  # 100 moves a second for two seconds, the last one to 60 %
            await session.ws.send(_slider_move(session, 60.0 if i == 199 else float(i % 90)))
            await asyncio.sleep(0.01)
        messages = await reader
        kinds = [m.WhichOneof("type") for m in messages]
        shown = session.metrics[METRIC]
        await session.close()
    return shown, kinds.count("new_session"), kinds.count("script_finished"), errors


def test_a_flood_of_slider_moves_runs_each_started_run_to_the_end_and_keeps_the_last():
    shown, started, finished, errors = _in_thread(_flood_of_slider_moves())
    assert shown == "60.00 %", shown  # the last move wins: nothing the user did is lost
    # Unguarded, every request interrupts the run in progress: ~190 started, 1 finished.
    assert started == finished, (started, finished)
    assert started < 100, started
    assert not errors


# --- tampered widget values ------------------------------------------------------------------


def _tampered(session: Session, key: str | None, fill) -> WidgetState:
    state = WidgetState(id=session.widget_ids[key] if key else "$$ID-0123456789abcdef-w_nada")
    fill(state)
    return state


TAMPERED = {
    "year-not-offered": ("w_year", lambda w: setattr(w, "string_value", "2099")),
    "year-wrong-type": ("w_year", lambda w: setattr(w, "double_value", 1e308)),
    "slider-wrong-type": ("w_minimum_pct", lambda w: setattr(w, "string_value", "abc")),
    "unknown-widget": (None, lambda w: setattr(w, "int_value", 3)),
}


async def _send_tampered(cases) -> dict[str, tuple[list[str], list[str], str]]:
    out = {}
    with server() as srv:
        session = await Session.open(srv.ws_url, "simulador", "territorio=21&anio=2023&minimo=40")
        await session.rerun(timeout=120)
        for name, (key, fill) in cases.items():
            # The tampered run, read to its end (exceptions are among its errors).
            tampered = await session.send(states=[_tampered(session, key, fill)], timeout=120)
            alerts = list(session.texts)
            run = await session.rerun(timeout=60)  # the next ordinary run works
            out[name] = (alerts, tampered.errors + run.errors, session.metrics[METRIC])
        await session.close()
    return out


def test_tampered_widget_values_are_ignored_with_a_spanish_notice_and_the_page_keeps_working():
    results = _in_thread(_send_tampered(TAMPERED))
    for name, (alerts, errors, _) in results.items():
        assert not errors, (name, errors)
        assert not any("No se pudo mostrar" in a for a in alerts), (name, alerts)
    # A year no control offers is refused and said so; the scenario stays as linked.
    alerts, _, shown = results["year-not-offered"]
    assert any("no es válido" in a and "anio" in a for a in alerts), alerts
    assert shown == "40.00 %", shown
    # (A wrong type reaches the page as the widget's own default, a valid value.)


async def _open_link_with_too_many_parameters() -> list[str]:
    with server() as srv:
        # The guard is installed by the first run of the process (an ordinary first visit).
        first = await Session.open(srv.ws_url, "simulador")
        await first.rerun(timeout=120)
        await first.close()
        query = "minimo=40&" + "&".join(f"x{i}=1" for i in range(1_000))
        session = await Session.open(srv.ws_url, "simulador", query)
        await session.ws.send(rerun_request("simulador", query))
        messages = await session.read_for(20.0)
        await session.close()
    return [alert.body for alert in elements(messages, "alert")]


def test_a_link_streamlit_ignores_for_its_size_is_explained_in_spanish():
    alerts = _in_thread(_open_link_with_too_many_parameters())
    assert any("1,001 parámetros" in a and "se ignoró entero" in a for a in alerts), alerts
