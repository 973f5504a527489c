"""Load test: N concurrent sessions moving the Simulador's slider at a workshop's pace.

Run: ``.venv/bin/python benchmarks/load.py [--sessions 10,50,100] [--changes 8]
[--processes 1] [--soak 1000] [--json]``

For each N, a fresh server (``streamlit run app.py`` on 127.0.0.1) and N websocket sessions
speaking Streamlit's protocol (see ``harness.py``):

1. open: every session loads ``/simulador`` (first runs: all at once, or each at a random
   moment within ``--open-within`` seconds, as a room opening a shared link). Each process
   is first warmed by ``scripts/warm.py`` (what deploy/Dockerfile does once the process is
   healthy) unless ``--cold``: then the room's first visitors meet a process that has
   imported and loaded nothing yet;
2. workshop: each session moves the guaranteed-minimum slider ``--changes`` times, waiting
   a jittered 1-3 s between moves, and times each rerun (request to ``script_finished``);
   the slider is drawn inside a fragment (brechas_ui.frame.live), so, as in a browser, a
   move reruns that fragment only;
3. burst: every session moves the slider at the same moment; time until all have finished;
4. memory: server RSS before, at its peak, right after all sessions close, and after the
   disconnected-session TTL has passed (after each wave with ``--waves``: a leak grows wave
   after wave, memory the allocator keeps does not) (the server runs with
   ``--server.disconnectedSessionTTL`` = ``--ttl``, 120 s by default in Streamlit).

Only loopback addresses; every loop is bounded in count and in time (``--max-seconds`` per
phase), so the run stops by itself. Figures are printed (and written to benchmarks/out/ with
``--json``), never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import time

import psutil
from harness import OUT, Session, machine, server, summary_ms, table

from scripts.warm import warm

SLIDER = "w_minimum_pct"
TARGETS = (
    "targets: 100 sessions p95 <= 500 ms with no errors; burst of 100 <= 2 s; "
    "first page p95 <= 3 s when 100 open within 5 s"
)


async def _sample_rss(rss, peak: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], rss())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.25)


async def move(session: Session, value: float, timeout: float = 60):
    """Move the slider as the browser does: only its fragment reruns when it is in one."""
    if SLIDER in getattr(session, "fragments", {}):
        return await session.send(doubles={SLIDER: value}, fragment=SLIDER, timeout=timeout)
    return await session.rerun({SLIDER: value}, timeout=timeout)


async def _open(
    url: str, n: int, deadline: float, within: float = 0.0, seed: int = 0
) -> tuple[list[Session], list[float], list]:
    rng = random.Random(seed)
    delays = [rng.uniform(0, within) for _ in range(n)]

    async def one(i: int):
        await asyncio.sleep(delays[i])
        session = await Session.open(url, "simulador")
        run = await session.rerun(timeout=max(1.0, deadline - time.monotonic()))
        return session, run

    results = await asyncio.gather(*(one(i) for i in range(n)), return_exceptions=True)
    sessions, times, errors = [], [], []
    for result in results:
        if isinstance(result, BaseException):
            errors.append(repr(result))
            continue
        session, run = result
        sessions.append(session)
        times.append(run.seconds)
        errors += run.errors
    return sessions, times, errors


async def _workshop(sessions, changes, gap, seed, deadline) -> tuple[list[float], list[str]]:
    times: list[float] = []
    errors: list[str] = []

    async def user(i: int, session: Session) -> None:
        rng = random.Random(seed * 1000 + i)
        for _ in range(changes):
            await asyncio.sleep(rng.uniform(*gap))
            if time.monotonic() > deadline:
                errors.append("phase time limit reached")
                return
            run = await move(session, rng.randrange(0, 201) / 2)
            times.append(run.seconds)
            errors.extend(run.errors)

    await asyncio.gather(*(user(i, s) for i, s in enumerate(sessions)))
    return times, errors


async def _burst(sessions, timeout) -> tuple[float, list[float], list[str]]:
    start = time.perf_counter()
    runs = await asyncio.gather(
        *(move(s, 10.0 + (i % 90), timeout=timeout) for i, s in enumerate(sessions))
    )
    total = time.perf_counter() - start
    return total, [r.seconds for r in runs], [e for r in runs for e in r.errors]


async def scenario(n: int, args) -> dict:
    """One load scenario on ``args.processes`` servers; session i talks to server i mod k.

    Several processes stand for a proxy with sticky sessions (every message of a session
    goes to the same process), which is what a deployment behind nginx ``ip_hash`` gives.
    """
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(server("app.py", f"--server.disconnectedSessionTTL={args.ttl}"))
            for _ in range(args.processes)
        ]

        def rss() -> float:
            return sum(srv.rss_mib() for srv in servers)

        warmed = {}
        if not args.cold:  # as deployed: scripts/warm.py once the process is healthy
            for srv in servers:
                warmed = await warm(srv.url)
        rss_before = rss()
        waves = [await _wave(servers, rss, n, args) for _ in range(args.waves)]

    first = waves[0]
    return {
        **first,
        "sessions": n,
        "processes": args.processes,
        "warm_up_s": {page: round(t, 2) for page, t in warmed.items()},
        "rss_mib": {
            "before": round(rss_before),
            **first["rss_mib"],
            "after_ttl_by_wave": [w["rss_mib"]["after_ttl"] for w in waves],
        },
    }


async def _wave(servers, rss, n: int, args) -> dict:
    """Open n sessions, work, burst, close them all, wait out the TTL."""
    peak = [rss()]
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(rss, peak, stop))
    t0 = time.monotonic()
    opened = await asyncio.gather(
        *(
            _open(
                srv.ws_url,
                len(range(k, n, args.processes)),
                t0 + args.max_seconds,
                args.open_within,
                seed=k,
            )
            for k, srv in enumerate(servers)
        )
    )
    sessions = [s for o in opened for s in o[0]]
    open_times = [t for o in opened for t in o[1]]
    open_errors = [e for o in opened for e in o[2]]
    work_times, work_errors = await _workshop(
        sessions, args.changes, (args.min_gap, args.max_gap), n, t0 + args.max_seconds
    )
    burst_total, burst_times, burst_errors = await _burst(sessions, args.max_seconds)
    rss_loaded = rss()
    for session in sessions:
        await session.close()
    stop.set()
    await sampler
    await asyncio.sleep(1)
    rss_closed = rss()
    # Disconnected sessions are kept for reconnection until the TTL; the store drops
    # expired ones when it is next written, which a new session's disconnect does.
    await asyncio.sleep(args.ttl + 1)
    for srv in servers:
        probe = await Session.open(srv.ws_url, "simulador")
        await probe.rerun()
        await probe.close()
    await asyncio.sleep(1)
    errors = open_errors + work_errors + burst_errors
    return {
        "connected": len(sessions),
        "open": summary_ms(open_times) if open_times else {},
        "workshop": summary_ms(work_times) if work_times else {},
        "burst_total_s": round(burst_total, 2),
        "burst": summary_ms(burst_times) if burst_times else {},
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "rss_mib": {
            "peak": round(peak[0]),
            "loaded": round(rss_loaded),
            "closed": round(rss_closed),
            "after_ttl": round(rss()),
        },
    }


async def soak(reruns: int, args) -> dict:
    """One session rerunning back to back: does the server's memory grow with reruns?"""
    with server("app.py") as srv:
        session = await Session.open(srv.ws_url, "simulador")
        await session.rerun()
        rng = random.Random(7)
        deadline = time.monotonic() + args.max_seconds
        checkpoints, times, errors = {0: srv.rss_mib()}, [], []
        for i in range(1, reruns + 1):
            if time.monotonic() > deadline:
                errors.append("phase time limit reached")
                break
            run = await move(session, rng.randrange(0, 201) / 2)
            times.append(run.seconds)
            errors += run.errors
            if i % max(1, reruns // 4) == 0:
                checkpoints[i] = srv.rss_mib()
        await session.close()
    return {
        "reruns": len(times),
        "rerun": summary_ms(times),
        "errors": len(errors),
        "rss_mib_by_rerun": {k: round(v, 1) for k, v in checkpoints.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="10,50,100", help="comma-separated N values")
    parser.add_argument("--changes", type=int, default=8, help="slider moves per session")
    parser.add_argument("--min-gap", type=float, default=1.0, help="seconds between moves")
    parser.add_argument("--max-gap", type=float, default=3.0)
    parser.add_argument("--max-seconds", type=float, default=120, help="per-phase limit")
    parser.add_argument("--ttl", type=int, default=10, help="disconnectedSessionTTL, s")
    parser.add_argument("--waves", type=int, default=1, help="repeat open..close this often")
    parser.add_argument("--processes", type=int, default=1, help="servers, sticky sessions")
    parser.add_argument("--soak", type=int, default=0, help="also: one session, this many reruns")
    parser.add_argument(
        "--open-within", type=float, default=0.0, help="sessions open at random within this, s"
    )
    parser.add_argument(
        "--cold", action="store_true", help="no scripts/warm.py before the room opens"
    )
    parser.add_argument("--json", action="store_true", help="write benchmarks/out/load.json")
    args = parser.parse_args()

    results = []
    for n in (int(x) for x in args.sessions.split(",")):
        print(f"... {n} sessions", flush=True)
        results.append(asyncio.run(scenario(n, args)))

    rows = [
        {
            "N": r["sessions"],
            "processes": r["processes"],
            "warm-up": "no" if args.cold else "yes",
            "open within s": args.open_within,
            "open median/p95 ms": f"{r['open'].get('median_ms')} / {r['open'].get('p95_ms')}",
            "rerun n": r["workshop"].get("n"),
            "rerun median ms": r["workshop"].get("median_ms"),
            "rerun p95 ms": r["workshop"].get("p95_ms"),
            "burst all done s": r["burst_total_s"],
            "errors": r["errors"],
            "RSS before/peak MiB": f"{r['rss_mib']['before']} / {r['rss_mib']['peak']}",
            "RSS closed/after TTL MiB": f"{r['rss_mib']['closed']} / "
            + " / ".join(str(x) for x in r["rss_mib"]["after_ttl_by_wave"]),
        }
        for r in results
    ]
    info = machine()
    info["load_average"] = " ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"\nLoad on /simulador ({info}; moves every {args.min_gap}-{args.max_gap} s):")
    print(table(rows, list(rows[0])))
    print(TARGETS)
    for r in results:
        if r["error_kinds"]:
            print(f"  N={r['sessions']} errors: {r['error_kinds']}")
    soaked = None
    if args.soak:
        print(f"... soak: one session, {args.soak} reruns", flush=True)
        soaked = asyncio.run(soak(args.soak, args))
        print(
            f"\nSoak: {soaked['reruns']} reruns, median {soaked['rerun']['median_ms']} ms, "
            f"p95 {soaked['rerun']['p95_ms']} ms, errors {soaked['errors']}; server RSS MiB "
            f"by rerun: {soaked['rss_mib_by_rerun']}"
        )
    if args.json:
        OUT.mkdir(exist_ok=True)
        payload = {"machine": info, "args": vars(args), "results": results, "soak": soaked}
        name = f"load-{args.processes}proc.json"
        (OUT / name).write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
