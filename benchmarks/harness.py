"""What every server benchmark shares: the app's servers and client, and the figures' format.

The servers (``streamlit run`` on loopback, nginx from deploy/nginx.conf) and the client of
Streamlit's websocket protocol live in ``brechas_harness`` (``servers.py``, ``client.py``),
which the e2e tests use too; this module puts the repository on ``sys.path`` for a script
run as ``python benchmarks/<name>.py`` and re-exports them, next to the helpers that turn
timings into the printed tables.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from brechas_harness.client import Run, Session  # noqa: E402
from brechas_harness.servers import Server, deployment, server  # noqa: E402

__all__ = [
    "OUT",
    "ROOT",
    "Run",
    "Server",
    "Session",
    "deployment",
    "machine",
    "percentile",
    "server",
    "summary_ms",
    "table",
]

OUT = ROOT / "benchmarks" / "out"


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
