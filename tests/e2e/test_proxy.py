"""deploy/nginx.conf, run as written with Debian's nginx in front of the app on loopback.

The deployment's limits and headers only count if the shipped file works: this test loads
it into nginx (only the upstream address, the listen port and the file paths change) and
checks what a browser or a client gets through it. No browser needed; it starts a server
and nginx, so it sits with the e2e tests (scripts/test.sh installs nginx).
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from brechas_harness.servers import nginx, nginx_executable, server

from .conftest import require

pytestmark = pytest.mark.e2e


def _get(url: str, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture(scope="module")
def through_proxy(tmp_path_factory):
    require(nginx_executable() is not None, "nginx", "apt-get install nginx")
    with server() as app, nginx([app.port], work_dir=tmp_path_factory.mktemp("nginx")) as base:
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
    assert _get(f"{app.url}/_stcore/metrics")[0] == 200  # the app still serves them
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
