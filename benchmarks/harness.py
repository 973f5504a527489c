"""Shared benchmark plumbing: a Streamlit server on loopback, and a websocket client.

The client speaks Streamlit's own protocol on ``ws://127.0.0.1:<port>/_stcore/stream``, as
the browser does: it sends a ``rerun_script`` BackMsg with a ``ClientState`` (query string,
page name, widget states) and reads ForwardMsgs until ``script_finished``. A slider change
is a rerun whose widget states carry the slider's new value (a ``double_array_value``), under
the widget id the server sent with the slider element. Only loopback addresses are used.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import DoubleArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PAGE_FAILED = "No se pudo mostrar esta página"
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


# --- server --------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mib(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / 2**20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(script: str = "app.py", *options: str, timeout_s: float = 60) -> Iterator[Server]:
    """``streamlit run <script>`` on a free loopback port, healthy on entry, stopped on exit."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="brechas-bench-") as tmp:
        log_path = Path(tmp) / "server.log"
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
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            srv = Server(process, port, log_path)
            try:
                _wait_healthy(srv, timeout_s)
                yield srv
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _wait_healthy(srv: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if srv.process.poll() is not None:
            break
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{srv.http_url}/_stcore/health", timeout=2) as resp,
        ):
            if resp.read().strip() == b"ok":
                return
        time.sleep(0.2)
    raise RuntimeError(f"server not healthy on {srv.port}:\n{srv.log_path.read_text()}")


# --- client --------------------------------------------------------------------------------


@dataclass
class Run:
    """One script run as the client saw it: wall time from request to ``script_finished``."""

    seconds: float
    errors: list[str] = field(default_factory=list)


class Session:
    """One browser tab's worth of Streamlit session, over the websocket."""

    def __init__(self, ws, page_name: str, query_string: str):
        self.ws = ws
        self.page_name = page_name
        self.query_string = query_string
        self.widget_ids: dict[str, str] = {}  # user key -> widget id
        self.metrics: dict[str, str] = {}  # label -> value, as last drawn

    @classmethod
    async def open(cls, url: str, page_name: str = "", query_string: str = "") -> Session:
        ws = await websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=30, ping_interval=None
        )
        return cls(ws, page_name, query_string)

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, widgets: dict[str, float] | None = None, timeout: float = 60) -> Run:
        """Rerun the page, optionally with sliders (by key) set to new values."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        for key, value in (widgets or {}).items():
            ws_state = WidgetState(id=self.widget_ids[key])
            ws_state.double_array_value.CopyFrom(DoubleArray(data=[value]))
            state.widget_states.widgets.append(ws_state)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        errors: list[str] = []
        try:
            await asyncio.wait_for(self._read_until_finished(errors), timeout)
        except TimeoutError:
            errors.append(f"timeout after {timeout} s")
        return Run(time.perf_counter() - start, errors)

    async def _read_until_finished(self, errors: list[str]) -> None:
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                element = fm.delta.new_element
                etype = element.WhichOneof("type")
                widget = getattr(element, etype)
                if hasattr(widget, "id") and isinstance(widget.id, str) and widget.id:
                    parts = widget.id.split("-", 2)
                    if len(parts) == 3:
                        self.widget_ids[parts[2]] = widget.id
                if etype == "metric":
                    self.metrics[element.metric.label] = element.metric.body
                elif etype == "exception":
                    errors.append(f"exception: {element.exception.message[:200]}")
                elif etype == "alert" and PAGE_FAILED in element.alert.body:
                    errors.append("page failed (frame.run_safely)")
            elif kind == "page_not_found":
                errors.append("page not found")
            elif kind == "script_finished":
                if fm.script_finished == _COMPILE_ERROR:
                    errors.append("compile error")
                if fm.script_finished != _EARLY:
                    # The queue of this run is drained; a rerun requested during the run
                    # (st.rerun in frame.require) ends the first one early.
                    return


# --- figures -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "max_ms": round(max(ms), 1),
    }


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    mem = psutil.virtual_memory()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": str(psutil.cpu_count()),
        "memory_gib": f"{mem.total / 2**30:.1f}",
        "python": sys.version.split()[0],
    }


def table(rows: list[dict], columns: list[str]) -> str:
    """A Markdown table, so the output pastes into benchmarks/README.md as is."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)
