"""Workshop benchmark: database writes, the board's cost, and a room behind nginx.

Run: ``.venv/bin/python benchmarks/taller.py [--db sqlite,postgresql] [--burst 100]
[--sessions 100,200] [--processes 1,2] [--json]``

1. **Write burst** (in process, per database): 100 participants submit at the same moment
   (one thread each, released by a barrier); latency of each ``workshops.submit`` call.
2. **Board refresh** (in process): what one refresh of the board computes with 100
   proposals in the database (read the proposals and counts, summarise, the room's rule,
   ``simulate`` it), against ``simulate`` alone for the same rule, measured alternately.
3. **A room** (servers): ``--processes`` app processes on one database (SQLite file, or
   PostgreSQL with ``--room-db postgresql``), behind Debian's nginx running the shipped
   ``deploy/nginx.conf`` (sticky sessions by cookie, websocket upgrade, the public limits)
   when there are several. N websocket sessions open
   the participant link within 5 s (first page; each process has served one session first,
   unless ``--cold``), join, move the minimum slider twice (a fragment rerun) and submit,
   waiting a jittered 1-3 s between steps (load.py's workshop pace). Then a facilitator
   session opened directly on *each* process reads the board: every one must count N
   proposals (the board is consistent across processes).

PostgreSQL: ``BRECHAS_TEST_PG_URL`` (as in the tests; ``scripts/test.sh`` starts one). nginx:
``apt-get install nginx``. Figures are printed (and written to benchmarks/out/ with
``--json``), never asserted; loops are bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import threading
import time

from harness import OUT, ROOT, Session, deployment, machine, summary_ms, table

from brechas_core import workshop as wk
from brechas_core.charts import workshop as workshop_charts
from brechas_core.scenario import Scenario, to_query
from brechas_core.simulation import load_inputs, simulate
from brechas_harness.databases import fresh_database
from brechas_store import open_store
from brechas_store import workshops as ws
from brechas_store.db import close_store

# --- the store --------------------------------------------------------------------------------


def _workshop(store, controls=("minimo", "reparto")):
    base = Scenario()
    workshop, token = ws.create(
        store,
        title="Benchmark",
        question="¿Qué mínimo?",
        territory=base.territory,
        year=base.year,
        base_query=to_query(base),
        controls=controls,
        creator=secrets.token_hex(8),
    )
    return workshop, token


def write_burst(url: str, n: int) -> dict:
    store = open_store(url)
    workshop, _ = _workshop(store)
    inputs = load_inputs()
    for i in range(n):
        ws.join(store, workshop, f"s{i}", f"P{i}", None)
    figures = [
        (
            to_query(s := Scenario(minimum_pct=float(i % 60) + 10)),
            wk.proposal_figures(s, simulate(s, inputs)),
        )
        for i in range(n)
    ]
    barrier = threading.Barrier(n)
    times: list[float] = [0.0] * n
    errors: list[str] = []

    def one(i: int) -> None:
        query, f = figures[i]
        barrier.wait()
        start = time.perf_counter()
        try:
            ws.submit(store, workshop, f"s{i}", scenario_query=query, **f)
        except Exception as exc:  # counted and printed
            errors.append(repr(exc))
        times[i] = time.perf_counter() - start

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    total = time.perf_counter() - start
    stored = len(ws.proposal_rows(store, workshop))
    close_store(store)
    return {
        **summary_ms(times),
        "all_done_s": round(total, 2),
        "stored": stored,
        "errors": len(errors),
    }


def board_cost(url: str, proposals: int, rounds: int) -> dict:
    store = open_store(url)
    workshop, _ = _workshop(store)
    inputs = load_inputs()
    for i in range(proposals):
        ws.join(store, workshop, f"s{i}", f"P{i}", None)
        s = Scenario(minimum_pct=float(10 + i % 50), reparto=("brecha", "igual")[i % 2])
        ws.submit(
            store,
            workshop,
            f"s{i}",
            scenario_query=to_query(s),
            **wk.proposal_figures(s, simulate(s, inputs)),
        )
    base = Scenario()

    def refresh() -> Scenario:
        # What one refresh of brechas_ui.taller.board computes (drawing aside).
        rows = ws.proposal_rows(store, workshop)
        ws.participant_count(store, workshop)
        ws.is_open(store, workshop)
        visible = [r for r in rows if not r["hidden"]]
        summary = wk.summarize([r["minimum_pct"] for r in visible])
        props = [base.with_(minimum_pct=r["minimum_pct"], reparto=r["reparto"]) for r in visible]
        rule = wk.room_rule(base, props, workshop.controls)
        simulate(rule, inputs)
        workshop_charts.minimums_data([r["minimum_pct"] for r in visible], summary.median)
        return rule

    rule = refresh()
    board, alone = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        refresh()
        board.append(time.perf_counter() - t)
        t = time.perf_counter()
        simulate(rule, inputs)
        alone.append(time.perf_counter() - t)
    close_store(store)
    b, a = summary_ms(board), summary_ms(alone)
    return {
        "proposals": proposals,
        "board_median_ms": b["median_ms"],
        "board_p95_ms": b["p95_ms"],
        "simulate_median_ms": a["median_ms"],
        "ratio": round(b["median_ms"] / a["median_ms"], 2),
    }


# --- a room of phones over the websocket ----------------------------------------------------


async def _participant(http: str, code: str, i: int, start_within: float, out: dict) -> None:
    await asyncio.sleep(random.uniform(0, start_within))
    p = await Session.open_page(http, "taller", f"codigo={code}")
    out["upstreams"][p.upstream] = out["upstreams"].get(p.upstream, 0) + 1

    def note(step: str, run) -> None:
        out[step].append(run.seconds)
        out["errors"] += run.errors

    try:
        note("first", await p.send(timeout=60))
        joined = await p.send(
            strings={"taller_nombre": f"Participante {i}", "taller_distrito": ""},
            triggers=("taller_participar",),
        )
        note("join", joined)
        await asyncio.sleep(random.uniform(1, 3))
        for value in (random.choice((20.0, 30.0, 40.0)), float(10 + i % 60)):
            note("move", await p.send(doubles={"tw_minimo": value}, fragment="tw_minimo"))
            await asyncio.sleep(random.uniform(1, 3))
        note("submit", await p.send(triggers=("taller_enviar",), fragment="taller_enviar"))
        if not any("Propuesta enviada" in text for text in p.texts):
            out["errors"].append("no confirmation: " + " | ".join(p.texts)[:200])
    finally:
        await p.close()


async def _board_count(http: str, code: str, token: str) -> str:
    p = await Session.open_page(http, "taller", f"codigo={code}&clave={token}")
    try:
        await p.send(timeout=60)
        return p.metrics.get("Propuestas", "?")
    finally:
        await p.close()


def room(n: int, processes: int, db_url: str, max_seconds: float, warm: bool) -> dict:
    store = open_store(db_url)
    workshop, token = _workshop(store)
    env = {"BRECHAS_DB_URL": db_url, "BRECHAS_TALLER_ENVIOS_POR_MINUTO": "100"}
    # Several processes sit behind deploy/nginx.conf (cookie affinity), as in production.
    with deployment(processes, env=env, show_upstream=True, worker_connections=4096) as app:
        servers = app.servers
        if warm:
            # One session per process first, as the facilitator's own visit warms the
            # process they reach: the room then measures warm processes.
            async def warm_up():
                for s in servers:
                    await _board_count(s.url, workshop.code, token)

            asyncio.run(warm_up())
        out = {"first": [], "join": [], "move": [], "submit": [], "errors": [], "upstreams": {}}

        async def run():
            tasks = [_participant(app.url, workshop.code, i, 5.0, out) for i in range(n)]
            results = await asyncio.wait_for(
                asyncio.gather(*tasks, return_exceptions=True), max_seconds
            )
            out["errors"] += [repr(r) for r in results if isinstance(r, BaseException)]
            return [await _board_count(s.url, workshop.code, token) for s in servers]

        boards = asyncio.run(run())
        rss = [round(s.rss_mib()) for s in servers]
    stored = len(ws.proposal_rows(store, workshop))
    close_store(store)
    f, mv, sb = (summary_ms(out[k]) if out[k] else {} for k in ("first", "move", "submit"))
    return {
        "N": n,
        "processes": processes,
        "front": "nginx" if processes > 1 else "direct",
        "warm": "yes" if warm else "no",
        "first page median / p95 ms": f"{f.get('median_ms')} / {f.get('p95_ms')}",
        "slider (fragment) median / p95 ms": f"{mv.get('median_ms')} / {mv.get('p95_ms')}",
        "submit median / p95 ms": f"{sb.get('median_ms')} / {sb.get('p95_ms')}",
        "stored": stored,
        "sessions per process": " / ".join(map(str, out["upstreams"].values())),
        "board per process": " / ".join(boards),
        "errors": len(out["errors"]),
        "first errors": "; ".join(out["errors"][:3]),
        "RSS MiB": " / ".join(map(str, rss)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--board-rounds", type=int, default=30)
    parser.add_argument("--sessions", default="100,200")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--room-db", default="sqlite")
    parser.add_argument("--skip-room", action="store_true")
    parser.add_argument(
        "--cold", action="store_true", help="no warm-up session per process before the room"
    )
    parser.add_argument("--max-seconds", type=float, default=240)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    random.seed(12)
    report = {"machine": machine()}
    print("machine:", report["machine"])

    writes, boards = [], []
    for kind in args.db.split(","):
        with fresh_database(kind) as url:
            writes.append({"db": kind, **write_burst(url, args.burst)})
        with fresh_database(kind) as url:
            boards.append({"db": kind, **board_cost(url, 100, args.board_rounds)})
    print(f"\n## Write burst: {args.burst} submissions at once (one thread each)\n")
    print(
        table(
            writes, ["db", "n", "median_ms", "p95_ms", "max_ms", "all_done_s", "stored", "errors"]
        )
    )
    print("\n## Board refresh with 100 proposals (in process) vs simulate() alone\n")
    print(
        table(
            boards,
            ["db", "proposals", "board_median_ms", "board_p95_ms", "simulate_median_ms", "ratio"],
        )
    )
    report.update(write_burst=writes, board=boards)

    if not args.skip_room:
        rooms = []
        pairs = [
            (int(n), int(p))
            for n, p in zip(args.sessions.split(","), args.processes.split(","), strict=True)
        ]
        for n, p in pairs:
            with fresh_database(args.room_db) as url:
                rooms.append(room(n, p, url, args.max_seconds, warm=not args.cold))
            print(rooms[-1])
        columns = list(rooms[0])
        print(f"\n## A room on {args.room_db}: open within 5 s, join, move twice, submit\n")
        print(table(rooms, columns))
        report["room"] = rooms
    if args.json:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "taller.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        print("written", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
