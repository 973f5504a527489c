"""Warm a freshly started app process before people arrive (issue 12: a room's first page).

A Streamlit process imports the app's libraries, loads data/ and builds its caches on the
first script run, not at start-up: about two seconds of one core (scikit-learn alone ~0.8 s)
that the first visitor would pay, and everyone who arrives meanwhile waits behind. Streamlit
offers no start-up hook for ``streamlit run``, so this script stands in for a first
visitor: it opens the pages a room opens (the Simulador, the workshop page) over the same
websocket protocol a browser speaks, waits for each to finish, and closes them. It also
switches the process out of Streamlit's legacy ``pages/`` mode (see brechas_ui/frame.py), so
no visitor's first run is run twice. Every cache it fills is shared by all sessions.

Run it once the process answers ``/_stcore/health`` (deploy/Dockerfile's HEALTHCHECK does;
it is cheap to repeat)::

    python scripts/warm.py http://127.0.0.1:8501 [simulador taller ...]

It exits 0 when every page ran to the end, 1 otherwise. Only the address given is used.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import urllib.request

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

#: The pages a room opens first: a shared Simulador link and the workshop's participant page.
PAGES = ("simulador", "taller")
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


def healthy(url: str, timeout: float = 3.0) -> bool:
    """Whether the process answers its health check (``ok``)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as resp:
            return resp.read().strip() == b"ok"
    except OSError:
        return False


async def open_page(url: str, page: str, timeout: float = 120.0) -> float:
    """Run ``page`` once as a new session; seconds until its run finished."""
    ws_url = url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
    msg = BackMsg()
    msg.rerun_script.page_name = page
    start = time.perf_counter()
    async with websockets.connect(
        f"{ws_url}/_stcore/stream", subprotocols=["streamlit"], max_size=None
    ) as ws:
        await ws.send(msg.SerializeToString())

        async def finished() -> None:
            while True:
                fm = ForwardMsg()
                fm.ParseFromString(await ws.recv())
                if fm.WhichOneof("type") == "script_finished" and fm.script_finished != _EARLY:
                    if fm.script_finished != _OK:
                        raise RuntimeError(f"{page}: the run did not finish cleanly")
                    return

        await asyncio.wait_for(finished(), timeout)
    return time.perf_counter() - start


async def warm(url: str, pages: tuple[str, ...] = PAGES) -> dict[str, float]:
    """Open each page in turn (the first pays the imports); seconds per page."""
    return {page: await open_page(url, page) for page in pages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8501")
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait for health")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    deadline = time.monotonic() + args.wait
    while not healthy(url):
        if time.monotonic() > deadline:
            print(f"{url} is not healthy", file=sys.stderr)
            return 1
        time.sleep(0.5)
    try:
        seconds = asyncio.run(warm(url, tuple(args.pages)))
    except Exception as exc:  # reported, exit status 1
        print(f"warm-up failed: {exc!r}", file=sys.stderr)
        return 1
    print(" ".join(f"{page} {s:.2f} s" for page, s in seconds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
