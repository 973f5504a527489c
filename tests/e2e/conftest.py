"""Real-browser harness: one Streamlit server per session, Debian's Chromium via Playwright.

The server is started the way a user starts it (``streamlit run app.py``), its health
endpoint is polled until it answers ``ok``, and it is stopped at the end. Tests wait for
each script run to finish (Streamlit's own run-state attribute and status widget, then the
expected content through Playwright's auto-waiting ``expect``), never with a fixed sleep.

Without ``/usr/bin/chromium`` the browser tests are skipped with a reason, unless
``BRECHAS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from brechas_harness.chromium import CHROMIUM, CHROMIUM_ARGS
from brechas_harness.servers import Server, ServerError, server

# Generous: the first run of a page loads data and builds charts on a 2-core CI machine.
RUN_TIMEOUT_MS = 30_000
# For every ``expect`` of every browser test (set here once: set per module, the default
# depended on which modules a run happened to collect).
expect.set_options(timeout=RUN_TIMEOUT_MS)


def require(present: bool, what: str, install: str) -> None:
    """Skip the test when ``what`` is missing, or fail it under ``BRECHAS_REQUIRE_BROWSER=1``
    (set by ``.ci/run``: in CI nothing the browser tests need may be missing)."""
    if present:
        return
    message = f"{what} is missing (install it with: {install})"
    if os.environ.get("BRECHAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"BRECHAS_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


def _require_browser() -> None:
    require(Path(CHROMIUM).exists(), f"Debian's Chromium, {CHROMIUM},", "apt-get install chromium")


@pytest.fixture(scope="session")
def log_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="brechas-e2e-") as tmp:
        yield Path(tmp)


@pytest.fixture
def start_app(log_dir):
    """``start_app(**env)`` starts a server of the test's own (``env`` added to its
    environment), healthy when returned; every one is stopped after the test."""
    _require_browser()
    with contextlib.ExitStack() as stack:

        def _start(**env: str) -> Server:
            try:
                return stack.enter_context(server(env=env, log_dir=log_dir))
            except ServerError as exc:
                pytest.fail(str(exc), pytrace=False)

        yield _start


@pytest.fixture(scope="session")
def app_server(log_dir) -> Iterator[Server]:
    """The app, shared by every browser test of the session."""
    _require_browser()
    with contextlib.ExitStack() as stack:
        try:
            app = stack.enter_context(server(log_dir=log_dir))
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield app


@pytest.fixture
def fresh_server(start_app) -> Server:
    """A server of its own, for a test that needs the very first request of a process."""
    return start_app()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Fresh browser contexts (no cookies, no storage), closed after the test."""
    contexts = []

    def _new():
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="es-PE")
        context.set_default_timeout(RUN_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
