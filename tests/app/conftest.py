"""AppTest fixtures: start the app from its entrypoint with clean Streamlit caches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "app.py")
TIMEOUT = 30


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    """Each test starts from cold caches, so no test depends on another's loading."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


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
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open
