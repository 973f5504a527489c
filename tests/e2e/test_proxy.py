"""deploy/nginx.conf, run as written with Debian's nginx in front of the app on loopback.

The deployment's limits and headers only count if the shipped file works: this test loads
it into nginx (only the upstream address, the listen port and the file paths change) and
checks what a browser or a client gets through it. No browser needed; it starts a server
and nginx, so it sits with the e2e tests (scripts/test.sh installs nginx).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "benchmarks"))
from harness import server  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

WRAPPER = """
worker_processes 1;
{user}
error_log {tmp}/error.log warn;
pid {tmp}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{site}
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def proxy(app_port: int, tmp: Path):
    """deploy/nginx.conf in front of 127.0.0.1:app_port; yields the proxy's base URL."""
    if not Path(NGINX).exists():
        if os.environ.get("BRECHAS_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is missing (apt-get install nginx)", pytrace=False)
        pytest.skip("nginx is missing (apt-get install nginx)")
    port = _free_port()
    shutil.copytree(DEPLOY / "errores", tmp / "www" / "errores")
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for old, new in {
        "server app:8501;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/etc/nginx/brechas-headers.conf": str(DEPLOY / "brechas-headers.conf"),
        "/usr/share/nginx/brechas": str(tmp / "www"),
    }.items():
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    conf = tmp / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(WRAPPER.format(user=user, tmp=tmp, site=site))
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert proc.poll() is None, (tmp / "error.log").read_text()
            health = f"{base}/_stcore/health"
            with contextlib.suppress(OSError), urllib.request.urlopen(health) as r:
                if r.read().strip() == b"ok":
                    break
            time.sleep(0.2)  # polling nginx's start-up, not waiting for app behaviour
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(url: str, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture(scope="module")
def through_proxy(tmp_path_factory):
    with server() as app, proxy(app.port, tmp_path_factory.mktemp("nginx")) as base:
        yield base, app


def test_every_answer_carries_the_security_headers(through_proxy):
    base, _ = through_proxy
    for path in ("/", "/simulador?minimo=40", "/_stcore/health"):
        status, headers, _ = _get(base + path)
        assert status == 200, path
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self'", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path


def test_metrics_are_not_public_through_the_proxy(through_proxy):
    base, app = through_proxy
    assert _get(f"{app.http_url}/_stcore/metrics")[0] == 200  # the app still serves them
    assert _get(f"{base}/_stcore/metrics")[0] == 404


def test_an_upload_over_the_cap_is_refused_by_the_proxy(through_proxy):
    base, _ = through_proxy
    body = b"x" * (11 * 2**20)
    status, _, _ = _get(f"{base}/_stcore/upload_file/sesion/archivo", "PUT", body)
    assert status == 413


def test_a_body_anywhere_else_is_capped_at_one_megabyte(through_proxy):
    base, _ = through_proxy
    assert _get(f"{base}/simulador", "POST", b"x" * (2 * 2**20))[0] == 413


def test_a_link_too_long_gets_a_spanish_page(through_proxy):
    base, _ = through_proxy
    status, headers, body = _get(f"{base}/simulador?pisos={'agua:1,' * 4000}")
    assert status == 414
    text = body.decode("utf-8")
    assert "El enlace es demasiado largo" in text
    assert headers["Content-Type"].startswith("text/html")
