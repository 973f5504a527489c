"""Timing helpers shared by the in-process benchmarks (bench_core.py, bench_territory.py)."""

from __future__ import annotations

import statistics
import time

import numpy as np

REPEATS = 31


def median_seconds(fn, repeats: int = REPEATS) -> float:
    """Median wall time of ``fn()`` over ``repeats`` runs, after one warm-up run."""
    fn()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def numpy_baseline(shape: tuple[int, ...]) -> float:
    """Plain numpy work of the same size (``a * b + c`` then a row sum), measured in the
    same process, so that ratios to it compare across machines."""
    rng = np.random.default_rng(0)
    a, b, c = (rng.random(shape) for _ in range(3))
    return median_seconds(lambda: (a * b + c).sum(axis=-1))
