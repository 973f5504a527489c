"""Abuse benchmark: can one client freeze everyone else? Before and after brechas_ui.guard.

Run: ``.venv/bin/python benchmarks/abuse.py [--seconds 6] [--json]``

Each attack runs twice on a fresh server: ``unguarded`` (``BRECHAS_UNGUARDED=1``, Streamlit
as it is) and ``guarded`` (the app's per-session limits, brechas_ui/guard.py). Meanwhile a
victim session moves the Simulador's slider every 200 ms and a probe asks
``/_stcore/health`` every 100 ms; both are timed. Attacks (all from loopback):

- ``git-flood``: 1,000 ``load_git_info`` messages sent at once (each runs ``git`` on the
  server's event loop in Streamlit 1.67);
- ``clear-cache``: ``clear_cache`` 10 times a second (it empties every user's caches);
- ``rerun-flood``: 4 sessions on the heaviest link (``/territorios?territorio=PE&anio=2021``)
  each sending 50 rerun requests a second without waiting for the answers;
- ``heavy-loops``: 8 sessions rerunning that link back to back (each waits for its run);
- ``slow-readers``: 10 sessions on that link that ask for reruns and never read; server
  RSS before and after.

Also the first page of a fresh server: one session alone, then 8 at the same instant.
Figures are printed (and written to benchmarks/out/abuse.json with ``--json``), never
asserted. The attackers, the victim and the server share this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
import urllib.request

from harness import OUT, Session, machine, percentile, server, table

from brechas_harness.client import connect, flag_request, rerun_request

SLIDER = "w_minimum_pct"
HEAVY = ("territorios", "territorio=PE&anio=2021")


async def _victim(
    url: str, ready: asyncio.Event, stop: asyncio.Event, times: list[float], errors: list[str]
) -> None:
    session = await Session.open(url, "simulador", "")
    first = await session.rerun(timeout=120)
    errors += first.errors
    value = 10.0
    try:
        while not stop.is_set():
            if len(times) >= 5:
                ready.set()
            value = 50.0 if value == 10.0 else 10.0
            run = await session.rerun({SLIDER: value}, timeout=60)
            times.append(run.seconds)
            errors += run.errors
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.2)
    finally:
        await session.close()


async def _health(http: str, stop: asyncio.Event, times: list[float]) -> None:
    loop = asyncio.get_running_loop()

    def probe() -> float:
        start = time.perf_counter()
        with urllib.request.urlopen(f"{http}/_stcore/health", timeout=60) as resp:
            resp.read()
        return time.perf_counter() - start

    while not stop.is_set():
        times.append(await loop.run_in_executor(None, probe))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.1)


@contextlib.asynccontextmanager
async def _reading(url: str):
    """A raw websocket whose answers are read and dropped (a client that keeps up)."""
    ws = await connect(url)

    async def drain() -> None:
        with contextlib.suppress(Exception):
            async for _ in ws:
                pass

    reader = asyncio.create_task(drain())
    try:
        yield ws
    finally:
        reader.cancel()
        await ws.close()


async def _send_for(ws, payload: bytes, seconds: float, every: float) -> None:
    """``payload`` every ``every`` seconds for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        await ws.send(payload)
        await asyncio.sleep(every)


async def attack_git_flood(url: str, seconds: float) -> None:
    async with _reading(url) as ws:
        payload = flag_request("load_git_info")
        for _ in range(1000):
            await ws.send(payload)
        await asyncio.sleep(seconds)


async def attack_clear_cache(url: str, seconds: float) -> None:
    async with _reading(url) as ws:
        await _send_for(ws, flag_request("clear_cache"), seconds, every=0.1)


async def attack_rerun_flood(url: str, seconds: float, sessions: int = 4) -> None:
    async def one() -> None:
        async with _reading(url) as ws:
            await _send_for(ws, rerun_request(*HEAVY), seconds, every=0.02)

    await asyncio.gather(*(one() for _ in range(sessions)))


async def attack_heavy_loops(url: str, seconds: float, sessions: int = 8) -> None:
    async def one() -> None:
        session = await Session.open(url, *HEAVY)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            await session.rerun(timeout=60)
        await session.close()

    await asyncio.gather(*(one() for _ in range(sessions)))


async def attack_slow_readers(url: str, seconds: float, sessions: int = 10) -> None:
    sockets = [await connect(url) for _ in range(sessions)]
    payload = rerun_request(*HEAVY)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for ws in sockets:
            await ws.send(payload)
        await asyncio.sleep(0.25)
    for ws in sockets:
        ws.transport.abort()


ATTACKS = {
    "git-flood": attack_git_flood,
    "clear-cache": attack_clear_cache,
    "rerun-flood": attack_rerun_flood,
    "heavy-loops": attack_heavy_loops,
    "slow-readers": attack_slow_readers,
}


async def _measure(srv, attack, seconds: float) -> dict:
    stop = asyncio.Event()
    victim_times: list[float] = []
    health_times: list[float] = []
    errors: list[str] = []
    ready = asyncio.Event()
    victim = asyncio.create_task(_victim(srv.ws_url, ready, stop, victim_times, errors))
    await asyncio.wait_for(ready.wait(), 180)  # its first run and five quiet reruns
    quiet = len(victim_times)
    health = asyncio.create_task(_health(srv.url, stop, health_times))
    rss_before = srv.rss_mib()
    started = time.perf_counter()
    await asyncio.wait_for(attack(srv.ws_url, seconds), timeout=seconds + 120)
    attack_s = time.perf_counter() - started
    rss_after = srv.rss_mib()
    await asyncio.sleep(0.5)
    stop.set()
    await asyncio.gather(victim, health, return_exceptions=True)
    during = victim_times[quiet:] or [float("nan")]
    return {
        "victim_quiet_median_ms": round(1000 * sorted(victim_times[:quiet] or [0])[quiet // 2], 1),
        "victim_median_ms": round(1000 * sorted(during)[len(during) // 2], 1),
        "victim_p95_ms": round(1000 * percentile(during, 95), 1),
        "victim_max_ms": round(1000 * max(during), 1),
        "victim_reruns": len(during),
        "health_max_ms": round(1000 * max(health_times or [float("nan")]), 1),
        "attack_s": round(attack_s, 1),
        "rss_before_mib": round(rss_before),
        "rss_after_mib": round(rss_after),
        "errors": len(errors),
    }


async def _first_runs(srv, n: int) -> tuple[list[float], int]:
    sessions = [await Session.open(srv.ws_url, "simulador", "minimo=40") for _ in range(n)]
    runs = await asyncio.gather(*(s.rerun(timeout=120) for s in sessions))
    ok = [s.metrics.get("Brechas prioritarias (juntas)") == "40.00 %" for s in sessions]
    for s in sessions:
        await s.close()
    return [r.seconds for r in runs], sum(ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each attack")
    parser.add_argument("--attacks", default=",".join(ATTACKS), help="comma-separated names")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    rows = []
    for name in args.attacks.split(","):
        for guarded in (False, True):
            unguarded = {"BRECHAS_UNGUARDED": None if guarded else "1"}
            with server(env=unguarded) as srv:
                row = {"attack": name, "mode": "guarded" if guarded else "unguarded"}
                row.update(asyncio.run(_measure(srv, ATTACKS[name], args.seconds)))
            rows.append(row)
            print(row, flush=True)

    first = []
    for n in (1, 8):
        with server() as srv:
            times, ok = asyncio.run(_first_runs(srv, n))
        first.append(
            {
                "sessions at once": n,
                "all done s": round(max(times), 2),
                "median s": round(sorted(times)[len(times) // 2], 2),
                "showing the link's scenario": f"{ok} of {n}",
            }
        )

    print(f"\nmachine: {machine()}")
    columns = [
        *("attack", "mode", "victim_quiet_median_ms", "victim_median_ms", "victim_p95_ms"),
        *("victim_max_ms", "victim_reruns", "health_max_ms", "rss_before_mib", "rss_after_mib"),
        "errors",
    ]
    print(table(rows, columns))
    print("\nFirst page of a fresh server (/simulador?minimo=40):")
    print(table(first, list(first[0])))
    if args.json:
        OUT.mkdir(exist_ok=True)
        (OUT / "abuse.json").write_text(
            json.dumps({"machine": machine(), "attacks": rows, "first_runs": first}, indent=1)
        )


if __name__ == "__main__":
    main()
