"""A client of Streamlit's own websocket protocol, as the browser speaks it.

The client speaks on ``ws://127.0.0.1:<port>/_stcore/stream``: it sends a ``rerun_script``
BackMsg with a ``ClientState`` (query string, page name, widget states, the fragment to
rerun) and reads ForwardMsgs until ``script_finished``. A slider change is a rerun whose
widget states carry the slider's new value (a ``double_array_value``) under the widget id
the server sent with the slider element; a button is a ``trigger_value``, a text input a
``string_value``. Used by the e2e tests that need no browser (test_guard, test_memory) and
by the benchmarks. Only loopback addresses are used.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import DoubleArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

#: What brechas_ui.frame shows when a page fails (the error is caught, never a traceback).
PAGE_FAILED = "No se pudo mostrar esta página"
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


def slider_state(widget_id: str, value: float) -> WidgetState:
    """A slider (or number input) set to ``value``."""
    state = WidgetState(id=widget_id)
    state.double_array_value.CopyFrom(DoubleArray(data=[value]))
    return state


def rerun_request(
    page_name: str,
    query_string: str,
    widgets: list[WidgetState] = (),
    fragment_id: str = "",
    page_script_hash: str = "",
) -> bytes:
    """A serialized ``rerun_script`` BackMsg, as a browser sends it: the page by name on the
    first run, then also by the hash the server gave it (what ``st.rerun`` reruns)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.page_script_hash = page_script_hash
    state.widget_states.widgets.extend(widgets)
    if fragment_id:
        state.fragment_id = fragment_id
    return msg.SerializeToString()


def flag_request(kind: str) -> bytes:
    """A BackMsg whose only field is the bool ``kind`` (``clear_cache``, ``load_git_info``)."""
    msg = BackMsg()
    setattr(msg, kind, True)
    return msg.SerializeToString()


def elements(messages: list[ForwardMsg], kind: str) -> list:
    """The elements of type ``kind`` (``alert``, ``exception``, ``metric``...) drawn by
    ``messages``, in order."""
    return [
        getattr(m.delta.new_element, kind)
        for m in messages
        if m.WhichOneof("type") == "delta" and m.delta.new_element.WhichOneof("type") == kind
    ]


async def connect(url: str, cookie: str = "", open_timeout: float = 30):
    """Streamlit's websocket at ``url`` (with a proxy's affinity ``cookie``, if any)."""
    return await websockets.connect(
        url,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=open_timeout,
        ping_interval=None,
        additional_headers={"Cookie": cookie} if cookie else None,
    )


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
        self.fragments: dict[str, str] = {}  # user key -> id of the fragment it was drawn in
        self.metrics: dict[str, str] = {}  # label -> value, as last drawn
        self.texts: list[str] = []  # the alerts (st.info, st.success...) of the last run
        self.messages: list[ForwardMsg] = []  # what the last run sent
        self.page_script_hash = ""  # the page's, from the server's navigation message
        self.upstream = "direct"  # the app process a proxy chose (nginx(show_upstream=True))

    @classmethod
    async def open(
        cls, url: str, page_name: str = "", query_string: str = "", open_timeout: float = 30
    ) -> Session:
        """A session on the websocket ``url`` (a server's ``ws_url``)."""
        return cls(await connect(url, open_timeout=open_timeout), page_name, query_string)

    @classmethod
    async def open_page(
        cls, http: str, page_name: str = "", query_string: str = "", open_timeout: float = 60
    ) -> Session:
        """As a browser opens a link: the page first (through a proxy, that answer sets the
        affinity cookie and names the process), then the websocket with that cookie."""
        with urllib.request.urlopen(f"{http}/{page_name}?{query_string}", timeout=30) as resp:
            cookie = resp.headers.get("Set-Cookie", "").split(";")[0]
            upstream = resp.headers.get("X-Brechas-Upstream", "direct")
        ws_url = http.replace("http://", "ws://", 1) + "/_stcore/stream"
        session = cls(await connect(ws_url, cookie, open_timeout), page_name, query_string)
        session.upstream = upstream
        return session

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, widgets: Mapping[str, float] | None = None, timeout: float = 60) -> Run:
        """Rerun the page, optionally with sliders (by key) set to new values."""
        return await self.send(doubles=widgets, timeout=timeout)

    async def send(
        self,
        *,
        strings: Mapping[str, str] | None = None,
        doubles: Mapping[str, float] | None = None,
        triggers: tuple[str, ...] = (),
        states: Sequence[WidgetState] = (),
        fragment: str | None = None,
        timeout: float = 60,
    ) -> Run:
        """A rerun with text inputs, sliders and buttons (by key) set, and any other widget
        ``states`` as given; only ``fragment``'s fragment (the key of a widget drawn in it)
        when given. Waits for the run to finish; ``texts`` then holds its alerts."""
        ids = self.widget_ids
        widgets = [WidgetState(id=ids[k], string_value=v) for k, v in (strings or {}).items()]
        widgets += [slider_state(ids[k], v) for k, v in (doubles or {}).items()]
        widgets += [WidgetState(id=ids[k], trigger_value=True) for k in triggers]
        widgets += states
        request = rerun_request(
            self.page_name,
            self.query_string,
            widgets,
            self.fragments[fragment] if fragment else "",
            self.page_script_hash,
        )
        self.texts, self.messages = [], []
        start = time.perf_counter()
        await self.ws.send(request)
        errors: list[str] = []
        try:
            await asyncio.wait_for(self._read_until_finished(errors), timeout)
        except TimeoutError:
            errors.append(f"timeout after {timeout} s")
        return Run(time.perf_counter() - start, errors)

    async def read_for(self, seconds: float) -> list[ForwardMsg]:
        """Every message the server sends in the next ``seconds`` (metrics noted)."""
        messages, end = [], time.monotonic() + seconds
        with contextlib.suppress(TimeoutError):
            while (left := end - time.monotonic()) > 0:
                fm = ForwardMsg()
                fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), left))
                messages.append(fm)
                self._note(fm, [])
        return messages

    async def _read_until_finished(self, errors: list[str]) -> None:
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            self._note(fm, errors)
            kind = fm.WhichOneof("type")
            if kind == "page_not_found":
                errors.append("page not found")
            elif kind == "script_finished":
                if fm.script_finished == _COMPILE_ERROR:
                    errors.append("compile error")
                if fm.script_finished != _EARLY:
                    # The queue of this run is drained; a rerun requested during the run
                    # (st.rerun in frame.require) ends the first one early.
                    return

    def _note(self, fm: ForwardMsg, errors: list[str]) -> None:
        """Remember the message, widget ids (a popover's or expander's too), fragments,
        metrics and alerts; an exception is an error."""
        self.messages.append(fm)
        if fm.WhichOneof("type") == "navigation":  # the page st.navigation chose
            self.page_script_hash = fm.navigation.page_script_hash
        if fm.WhichOneof("type") != "delta":
            return
        if fm.delta.WhichOneof("type") == "add_block" and fm.delta.add_block.id:
            self._remember(fm.delta.add_block.id, fm.delta.fragment_id)
        if fm.delta.WhichOneof("type") != "new_element":
            return
        element = fm.delta.new_element
        etype = element.WhichOneof("type")
        if etype is None:
            return
        widget = getattr(element, etype)
        if hasattr(widget, "id") and isinstance(widget.id, str) and widget.id:
            self._remember(widget.id, fm.delta.fragment_id)
        if etype == "metric":
            self.metrics[element.metric.label] = element.metric.body
        elif etype == "alert":
            self.texts.append(element.alert.body)
            if PAGE_FAILED in element.alert.body:
                errors.append("page failed (frame.run_safely)")
        elif etype == "exception":
            errors.append(f"exception: {element.exception.message[:200]}")

    def _remember(self, widget_id: str, fragment_id: str) -> None:
        parts = widget_id.split("-", 2)  # $$ID-<hash>-<user key>
        if len(parts) == 3:
            self.widget_ids[parts[2]] = widget_id
            if fragment_id:
                self.fragments[parts[2]] = fragment_id
