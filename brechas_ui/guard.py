"""Per-session limits on what one browser may ask of the server, so it cannot freeze others.

Streamlit runs every websocket message (a ``BackMsg``) on the server's single event loop.
Measured on Streamlit 1.67 (``benchmarks/abuse.py``), any client could:

- send ``load_git_info``: each one runs several ``git`` subprocesses *on the event loop*
  (streamlit/runtime/app_session.py, ``_handle_git_information_request``); 1,000 of them
  froze every session for seconds. It only feeds the developer toolbar's deploy button;
- send ``clear_cache``: it clears the caches of *every* user (the developer menu's "Clear
  cache"), so each session rebuilds its data;
- ask for reruns as fast as it can send them, or stop reading and let the server queue
  whole pages for it (up to 500 messages per client).

:func:`install` wraps ``AppSession.handle_backmsg`` (private API of Streamlit 1.67; checked
by tests/e2e/test_guard.py and measured by benchmarks/abuse.py) so that, per session:

- ``load_git_info`` and ``clear_cache`` are ignored (this app shows no developer menu);
- a rerun waits while the session's previous run is still going (instead of interrupting
  it and starting over), then as long again as that run took (``SHARE``: one session gets
  at most half a core, however heavy its page), and reruns pass at up to ``RERUN_RATE`` a
  second; a request that must wait replaces any older one still waiting. A rerun carries
  the whole state of the widgets, so nothing the user did is lost, and a person (a
  Simulador run takes ~30 ms, a click a few hundred) does not notice;
- a rerun also waits while the client has more than ``MAX_BACKLOG`` messages not yet sent
  (a client that does not read gets no new pages until it does);
- requests for upload URLs pass at up to ``UPLOAD_RATE`` a second (bursts of
  ``UPLOAD_BURST``; the proxy caps their size and rate too, deploy/nginx.conf), every other
  message type at up to ``OTHER_RATE`` a second; the rest is dropped.

Set ``BRECHAS_UNGUARDED=1`` in the environment to leave Streamlit as it is (the abuse
benchmark measures both ways in one run).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH,
)

_log = logging.getLogger(__name__)

IGNORED = frozenset({"load_git_info", "clear_cache"})
RERUN_RATE, RERUN_BURST = 20.0, 40.0
# After a run of d seconds, that session's next run starts no sooner than d * SHARE later:
# one session gets at most 1 / (1 + SHARE) of a core, however heavy its page.
SHARE = 1.0
OTHER_RATE, OTHER_BURST = 20.0, 40.0
# Upload URLs ("Mis datos"): a person picks a file now and then, not dozens a second.
UPLOAD_RATE, UPLOAD_BURST = 1.0, 5.0
MAX_BACKLOG = 20  # messages queued for a client that is not reading
_RETRY_S = 0.05


class _Bucket:
    """Token bucket: ``rate`` tokens a second, at most ``burst`` saved up."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = burst, time.monotonic()

    def wait(self) -> float:
        """Seconds until a token is available (0: take it now)."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class _SessionGuard:
    def __init__(self) -> None:
        self.reruns = _Bucket(RERUN_RATE, RERUN_BURST)
        self.other = _Bucket(OTHER_RATE, OTHER_BURST)
        self.uploads = _Bucket(UPLOAD_RATE, UPLOAD_BURST)
        self.pending = None  # the latest rerun request still waiting
        self.timer: asyncio.TimerHandle | None = None


# session id -> (end, duration) of its last run, written by record_run from script threads
_runs: dict[str, tuple[float, float]] = {}


def record_run(session_id: str, started: float) -> None:
    """Called by the frame at the end of each run (time.monotonic() at its start)."""
    if len(_runs) > 10_000:  # ids of sessions long gone; a dict entry each, bounded
        _runs.clear()
    now = time.monotonic()
    _runs[session_id] = (now, now - started)


def _cooldown(session_id: str) -> float:
    """Seconds this session must still wait after its last run (0: may run now)."""
    end, duration = _runs.get(session_id, (0.0, 0.0))
    return max(0.0, end + duration * SHARE - time.monotonic())


# session id -> why Streamlit dropped the query string of its link (it does so silently):
# ("kib" or "fields", what the link had, the maximum), worded by brechas_ui.state in the
# session's language (this hook runs outside any script run)
_dropped_links: dict[str, tuple[str, float, float]] = {}


def _note_dropped_link(session_id: str, query: str) -> None:
    """Streamlit ignores a whole query string over its limits; remember it to say so."""
    if not query:
        return
    fields = query.count("&") + 1
    if len(query) > CLIENT_STATE_QUERY_STRING_MAX_LENGTH:
        why = ("kib", len(query) / 1024, CLIENT_STATE_QUERY_STRING_MAX_LENGTH / 1024)
    elif fields > CLIENT_STATE_QUERY_STRING_MAX_FIELDS:
        why = ("fields", fields, CLIENT_STATE_QUERY_STRING_MAX_FIELDS)
    else:
        return
    if len(_dropped_links) > 10_000:
        _dropped_links.clear()
    _dropped_links[session_id] = why


def dropped_link(session_id: str) -> tuple[str, float, float] | None:
    """Why this session's link was ignored as a whole, once (None if it was not): ``kib`` or
    ``fields``, what the link had, and the maximum."""
    return _dropped_links.pop(session_id, None)


def _client(session: AppSession):
    """The session's connected client, or None when it has gone (or is unknown)."""
    try:
        from streamlit.runtime import Runtime

        info = Runtime.instance()._session_mgr.get_active_session_info(session.id)
        return info.client if info else None
    except Exception:
        return None


def _backlog(session: AppSession) -> int:
    """Messages queued for this session's client and not yet sent (0 when unknown)."""
    queue = getattr(_client(session), "_send_queue", None)
    try:
        return queue.qsize() if queue is not None else 0
    except Exception:
        return 0


def install() -> bool:
    """Wrap ``AppSession.handle_backmsg`` once per process. Returns whether it is active."""
    if os.environ.get("BRECHAS_UNGUARDED") == "1":
        return False
    if getattr(AppSession.handle_backmsg, "_brechas_guard", False):
        return True
    original = AppSession.handle_backmsg

    def _guard(session: AppSession) -> _SessionGuard:
        guard = session.__dict__.get("_brechas_guard")
        if guard is None:
            guard = session.__dict__["_brechas_guard"] = _SessionGuard()
        return guard

    def _flush(session: AppSession) -> None:
        guard = _guard(session)
        guard.timer = None
        msg, guard.pending = guard.pending, None
        if msg is not None and _client(session) is not None:
            _rerun(session, msg)

    def _rerun(session: AppSession, msg) -> None:
        guard = _guard(session)
        if guard.pending is not None:
            # A request already waits for its timer: the newest replaces it. Running this one
            # now would let the timer run the older one after it, losing the user's last move.
            guard.pending = msg
            return
        busy = (
            getattr(session, "_state", None) is AppSessionState.APP_IS_RUNNING
            or _backlog(session) > MAX_BACKLOG
        )
        wait = _RETRY_S if busy else _cooldown(session.id)
        if not wait:
            wait = guard.reruns.wait()
        if not wait:
            original(session, msg)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (AppTest runs scripts directly): no limit
            original(session, msg)
            return
        guard.pending = msg  # latest wins: it carries every widget's current value
        if guard.timer is None:
            guard.timer = loop.call_later(max(wait, _RETRY_S), _flush, session)

    def handle_backmsg(self: AppSession, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind in IGNORED:
            _log.debug("ignored %s from session %s", kind, self.id)
            return
        if kind == "rerun_script":
            _note_dropped_link(self.id, msg.rerun_script.query_string)
            _rerun(self, msg)
        elif kind == "file_urls_request" and _guard(self).uploads.wait() > 0.0:
            _log.debug("dropped upload URL request from session %s (rate)", self.id)
        elif _guard(self).other.wait() == 0.0:
            original(self, msg)
        else:
            _log.debug("dropped %s from session %s (rate)", kind, self.id)

    handle_backmsg._brechas_guard = True
    AppSession.handle_backmsg = handle_backmsg
    return True
