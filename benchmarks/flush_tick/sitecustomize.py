"""Streamlit's flush interval for a benchmark's servers (``rerun.py --flush-ms``), never
the app's: this folder is put on a server's PYTHONPATH only by the benchmark.

Streamlit's event loop sends what runs have queued, then sleeps
``MESSAGE_FLUSH_INTERVAL_SECS`` (5 ms in 1.67) before it sends more, so wall times come in
5 ms steps. A shorter interval shows what the pages cost without the steps. The name is
read from ``streamlit.runtime.runtime``, which imports it by value: it is set there.
"""

import os

_MS = os.environ.get("BRECHAS_BENCH_FLUSH_MS")
if _MS:
    import streamlit.runtime.runtime as _runtime

    _runtime.MESSAGE_FLUSH_INTERVAL_SECS = float(_MS) / 1000
