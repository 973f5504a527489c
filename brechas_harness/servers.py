"""The app on loopback, as a user or a deployment starts it: Streamlit processes and nginx.

``server()`` runs ``streamlit run app.py`` on a free ``127.0.0.1`` port, returns once
``/_stcore/health`` answers ``ok`` and stops the process on exit. ``nginx()`` runs the
shipped ``deploy/nginx.conf`` (sticky sessions by cookie, websocket upgrade, the public
limits and headers) in front of one or more of them: only the upstream addresses, the
listen port and the file paths change. ``deployment()`` is both at once. The e2e tests
(``tests/e2e/conftest.py``, ``test_proxy.py``, ``test_guard.py``...) and the benchmarks
(``benchmarks/*.py``) all start the app through this module.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
#: Generous: the first start imports pandas, Altair and the data on a loaded 2-core machine.
STARTUP_TIMEOUT_S = 60
# Polling interval of a health check, not a wait for the app's behaviour.
_POLL_S = 0.2


class ServerError(RuntimeError):
    """A process did not become healthy; the message carries its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run <script>`` on a loopback port."""

    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        """Streamlit's websocket (see ``brechas_harness.client``)."""
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def rss_mib(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def stop(self) -> None:
        _stop(self.process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _healthy(url: str) -> bool:
    with (
        contextlib.suppress(OSError),
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp,
    ):
        return resp.read().strip() == b"ok"
    return False


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float, log) -> None:
    """Poll ``url``'s health endpoint; ServerError with ``log()`` if it never answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _stop(process)
            raise ServerError(
                f"{process.args[0]} exited with code {process.returncode} before it was "
                f"healthy.\n--- log ---\n{log()}"
            )
        if _healthy(url):
            return
        time.sleep(_POLL_S)
    _stop(process)
    raise ServerError(f"{url} was not healthy after {timeout_s} s.\n--- log ---\n{log()}")


@contextlib.contextmanager
def _directory(path: Path | None, prefix: str) -> Iterator[Path]:
    """``path`` as given (kept), or a temporary directory removed on exit."""
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


def _environment(changes: Mapping[str, str | None]) -> dict[str, str]:
    """This process's environment with ``changes`` (None removes a variable)."""
    environ = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    return environ


@contextlib.contextmanager
def server(
    script: str = "app.py",
    *options: str,
    env: Mapping[str, str | None] | None = None,
    log_dir: Path | None = None,
    timeout_s: float = STARTUP_TIMEOUT_S,
) -> Iterator[Server]:
    """``streamlit run <script>`` on a free loopback port, healthy on entry, stopped on exit.

    ``options`` are extra ``--section.option=value`` flags; ``env`` changes this process's
    environment for the server (a value None removes the variable); its log goes to
    ``log_dir`` (kept) or to a temporary directory. Raises ServerError, with the log, if it
    is not healthy in time.
    """
    port = free_port()
    with _directory(log_dir, "brechas-server-") as logs:
        log_path = logs / f"streamlit-{port}.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    script,
                    "--server.headless=true",
                    "--server.address=127.0.0.1",
                    f"--server.port={port}",
                    "--server.fileWatcherType=none",
                    "--browser.gatherUsageStats=false",
                    *options,
                ],
                cwd=ROOT,
                env=_environment(env or {}),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        srv = Server(process, port, log_path)
        try:
            _wait_healthy(srv.url, process, timeout_s, srv.log)
            yield srv
        finally:
            srv.stop()


# --- nginx in front ----------------------------------------------------------------------------

# deploy/nginx.conf holds http-level directives and one server block, as nginx's conf.d
# files do; this is the rest of a main file around it, everything under a work directory.
_NGINX_MAIN = """
worker_processes 1;
{user}
error_log {tmp}/error.log warn;
pid {tmp}/nginx.pid;
events {{ worker_connections {worker_connections}; }}
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
#: With ``show_upstream``: which app process answered (benchmarks count sessions per process).
UPSTREAM_HEADER = "X-Brechas-Upstream"


def nginx_executable() -> str | None:
    """Debian's nginx, or None where it is not installed (``apt-get install nginx``)."""
    exe = shutil.which("nginx") or "/usr/sbin/nginx"
    return exe if Path(exe).exists() else None


def nginx_site(app_ports: list[int], port: int, work: Path, show_upstream: bool = False) -> str:
    """deploy/nginx.conf with loopback upstreams, listen port and paths under ``work``."""
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    headers = DEPLOY / "brechas-headers.conf"
    if show_upstream:
        extra = work / "brechas-headers.conf"
        extra.write_text(
            headers.read_text(encoding="utf-8")
            + f"add_header {UPSTREAM_HEADER} $upstream_addr always;\n"
        )
        headers = extra
    servers = "\n".join(f"    server 127.0.0.1:{p};" for p in app_ports)
    for old, new in {
        "    server app:8501;": servers,
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/etc/nginx/brechas-headers.conf": str(headers),
        "/usr/share/nginx/brechas": str(work / "www"),
    }.items():
        if old not in site:
            raise ServerError(f"deploy/nginx.conf no longer has {old!r}")
        site = site.replace(old, new)
    return site


@contextlib.contextmanager
def nginx(
    app_ports: list[int],
    *,
    show_upstream: bool = False,
    worker_connections: int = 1024,
    work_dir: Path | None = None,
    timeout_s: float = 20,
) -> Iterator[str]:
    """deploy/nginx.conf in front of the given app ports; yields the proxy's base URL.

    Raises FileNotFoundError without nginx, ServerError (with nginx's error log) if the
    proxy does not answer the app's health check in time.
    """
    exe = nginx_executable()
    if exe is None:
        raise FileNotFoundError("nginx is missing (apt-get install nginx)")
    port = free_port()
    with _directory(work_dir, "brechas-nginx-") as work:
        shutil.copytree(DEPLOY / "errores", work / "www" / "errores", dirs_exist_ok=True)
        conf = work / "nginx.conf"
        conf.write_text(
            _NGINX_MAIN.format(
                user="user root;" if os.geteuid() == 0 else "",
                tmp=work,
                worker_connections=worker_connections,
                site=nginx_site(app_ports, port, work, show_upstream),
            )
        )
        process = subprocess.Popen([exe, "-p", str(work), "-c", str(conf), "-g", "daemon off;"])
        base = f"http://127.0.0.1:{port}"
        error_log = work / "error.log"
        try:
            _wait_healthy(
                base,
                process,
                timeout_s,
                lambda: error_log.read_text() if error_log.exists() else "",
            )
            yield base
        finally:
            _stop(process)


@dataclass
class Deployment:
    """``servers`` app processes and the address a browser opens (nginx's, or the one)."""

    servers: list[Server]
    url: str

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1) + "/_stcore/stream"


@contextlib.contextmanager
def deployment(
    processes: int = 1,
    *options: str,
    proxy: bool | None = None,
    env: Mapping[str, str | None] | None = None,
    log_dir: Path | None = None,
    **nginx_options,
) -> Iterator[Deployment]:
    """``processes`` app servers, behind deploy/nginx.conf when ``proxy`` (default: when
    there are several, as in production); all stopped on exit."""
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(server("app.py", *options, env=env, log_dir=log_dir))
            for _ in range(processes)
        ]
        url = servers[0].url
        if proxy or (proxy is None and processes > 1):
            url = stack.enter_context(nginx([s.port for s in servers], **nginx_options))
        yield Deployment(servers, url)
