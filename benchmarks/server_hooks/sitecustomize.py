"""What a benchmark's servers measure or change in themselves, never the app's: this folder
is put on a server's PYTHONPATH only by ``benchmarks/rerun.py``.

``BRECHAS_BENCH_FLUSH_MS``: Streamlit's flush interval. Its event loop sends what runs have
queued, then sleeps ``MESSAGE_FLUSH_INTERVAL_SECS`` (5 ms in 1.67) before it sends more, so
wall times come in 5 ms steps. A shorter interval shows what the pages cost without the
steps. The name is read from ``streamlit.runtime.runtime``, which imports it by value: it
is set there.

``BRECHAS_BENCH_CLOCK``: a file that gets one JSON line per rerun, measured in the server
from the ``rerun_script`` request to its ``script_finished`` message: the page asked for,
the wall time and the CPU time of the whole process (every thread: the script's, the event
loop's), from ``getrusage``, exact to the microsecond where ``/proc`` counts in 10 ms ticks.
So a benchmark can take the median CPU cost of a rerun, which one garbage collection or
other spike in a few hundred runs does not move. It assumes one rerun at a time per server
(the benchmark waits for each before the next).
"""

import os

_MS = os.environ.get("BRECHAS_BENCH_FLUSH_MS")
if _MS:
    import streamlit.runtime.runtime as _runtime

    _runtime.MESSAGE_FLUSH_INTERVAL_SECS = float(_MS) / 1000

_CLOCK = os.environ.get("BRECHAS_BENCH_CLOCK")
if _CLOCK:
    import json
    import resource
    import time

    from streamlit.runtime import app_session as _app_session
    from streamlit.web.server.starlette import starlette_websocket as _websocket

    _now: dict = {}

    def _cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    _handle = _app_session.AppSession.handle_backmsg

    def _handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script":
            _now.update(
                page=msg.rerun_script.page_name,
                fragment=bool(msg.rerun_script.fragment_id),
                wall=time.perf_counter(),
                cpu=_cpu(),
            )
        return _handle(self, msg)

    _app_session.AppSession.handle_backmsg = _handle_backmsg

    _write = _websocket.StarletteSessionClient.write_forward_msg

    def _write_forward_msg(self, msg):
        result = _write(self, msg)
        if msg.WhichOneof("type") == "script_finished" and _now:
            wall, cpu = time.perf_counter() - _now["wall"], _cpu() - _now["cpu"]
            line = {"page": _now["page"], "fragment": _now["fragment"]}
            line.update(wall_ms=wall * 1000, cpu_ms=cpu * 1000)
            _now.clear()
            with open(_CLOCK, "a", encoding="utf-8") as out:
                out.write(json.dumps(line) + "\n")
        return result

    _websocket.StarletteSessionClient.write_forward_msg = _write_forward_msg
