"""AppTest fixtures: start the app from its entrypoint with clean Streamlit caches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from brechas_core import memo

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "app.py")
TIMEOUT = 30


def page_text(at: AppTest) -> list:
    """The page's Markdown elements, without the app's stylesheets (brechas_ui.a11y, phones
    and printing draw them as Markdown in hidden containers, before the page)."""
    return [m for m in at.markdown if not m.value.lstrip().startswith("<style>")]


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    """Each test starts from cold caches, so no test depends on another's loading."""
    for clear in (st.cache_data.clear, st.cache_resource.clear, memo.clear_all):
        clear()
    yield
    for clear in (st.cache_data.clear, st.cache_resource.clear, memo.clear_all):
        clear()


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Open a page (by its file under pages/) through app.py, optionally from a link."""

    def _open(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
        at = AppTest.from_file(ENTRYPOINT, default_timeout=TIMEOUT)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        if page:
            at.switch_page(f"pages/{page}.py")
        at.run()
        assert_ok(at)
        return at

    return _open


@pytest.fixture
def ok() -> Callable[[AppTest], None]:
    """``ok(at)`` asserts the last run had no exception and no caught page failure."""
    return assert_ok


def assert_ok(at: AppTest) -> None:
    """No exception, and no page failure caught by the frame's safety net."""
    assert not at.exception, [e.value for e in at.exception]
    failures = [e.value for e in at.error if "No se pudo mostrar" in e.value]
    assert not failures, failures


# -- what a click opens (drawn only while open: on_change="rerun", issue 12) ---------------


def open_statistics(at: AppTest) -> AppTest:
    """Open the Simulador's «statistics» expander (drawn only while open)."""
    at.session_state["sim_estadisticas"] = True
    return at.run()


def open_share(at: AppTest) -> AppTest:
    """Open «Compartir» (drawn only while open), as a click on it does."""
    at.session_state["compartir"] = True
    return at.run()


def open_tab(at: AppTest, position: int, key: str = "sim_detalle") -> AppTest:
    """Open a tab of a page's tabs keyed ``key`` (the Simulador's details by default: 0
    shares, 1 projection, 2 alignment; the Diagnóstico's ``diag_detalle``), by its label in
    the page's language, as a click does."""
    tabs = [t for t in at.tabs if t.label]
    at.session_state[key] = tabs[position].label
    return at.run()
