"""Real-browser harness: one Streamlit server per session, Debian's Chromium via Playwright.

The server is started the way a user starts it (``streamlit run app.py``), its health
endpoint is polled until it answers ``ok``, and it is stopped at the end. Tests wait for
each script run to finish (Streamlit's own run-state attribute and status widget, then the
expected content through Playwright's auto-waiting ``expect``), never with a fixed sleep.

Without ``/usr/bin/chromium`` the browser tests are skipped with a reason, unless
``BRECHAS_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT_S = 60
# Generous: the first run of a page loads data and builds charts on a 2-core CI machine.
RUN_TIMEOUT_MS = 30_000


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing (install it with: apt-get install chromium)"
    if os.environ.get("BRECHAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"BRECHAS_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(f"browser tests need Debian's Chromium: {message}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run app.py`` on a loopback port."""

    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(log_dir: Path) -> Server:
    """Start the app on a free port and wait until ``/_stcore/health`` answers ``ok``."""
    port = _free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    log_file = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    server = Server(process, port, log_path)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {process.returncode} before it was healthy.\n"
                f"--- server log ---\n{server.log()}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = repr(exc)
        # Polling interval of the health check, not a wait for the app's behaviour.
        time.sleep(0.2)
    server.stop()
    pytest.fail(
        f"streamlit was not healthy on port {port} after {STARTUP_TIMEOUT_S} s "
        f"(last error: {last_error}).\n--- server log ---\n{server.log()}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def log_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="brechas-e2e-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
def app_server(log_dir) -> Iterator[Server]:
    """The app, shared by every browser test of the session."""
    _require_browser()
    server = start_server(log_dir)
    yield server
    server.stop()


@pytest.fixture
def fresh_server(log_dir) -> Iterator[Server]:
    """A server of its own, for a test that needs the very first request of a process."""
    _require_browser()
    server = start_server(log_dir)
    yield server
    server.stop()


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
