"""Timings of the core rule, relative to plain numpy work of the same size.

Run: ``.venv/bin/python benchmarks/bench_core.py``

Each figure is the median of repeated runs (``time.perf_counter``). Next to each, the ratio
to a baseline measured in the same process on the same array size (an elementwise
``a * b + c`` then a row sum), so figures are comparable across machines.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import REPEATS, median_seconds, numpy_baseline

from brechas_core.alignment import minimum_curve
from brechas_core.data import load_study_functions, load_study_priority_gaps
from brechas_core.rules import priority_view, reallocate
from brechas_core.scenario import Scenario
from brechas_core.simulation import load_inputs, simulate

N_DISTRICTS = 1_891


def main() -> None:
    t2 = load_study_priority_gaps()
    t3 = load_study_functions()
    rng = np.random.default_rng(1)
    raw = rng.random((N_DISTRICTS, 4))
    districts = raw / raw.sum(axis=1, keepdims=True) * 100.0
    target = np.array([True, True, False, False])
    minimum = rng.uniform(0, 100, N_DISTRICTS)
    weights = np.array([2.0, 1.0, 0.0, 0.0])
    inputs = load_inputs()
    # a minimum never simulated before on each call, as a slider move to a new value
    minimums = itertools.cycle([i / 100 for i in range(10_001)])

    cases = [
        (
            "minimum_curve Table 2 (101 minimums)",
            lambda: minimum_curve("prioritarias", t2["gap_pct"], t2["attention_pct"]),
            (101, 11),
        ),
        (
            "minimum_curve Table 3 (101 minimums)",
            lambda: minimum_curve("sectores", t3["gap_pct"], t3["attention_pct"], threshold=61.38),
            (101, 16),
        ),
        (
            "priority_view, one scenario",
            lambda: priority_view(t2["gap_pct"], t2["attention_pct"], minimum=40.0),
            (11,),
        ),
        (
            "simulate, Table 2, a new minimum (rerun)",
            lambda: simulate(Scenario(minimum_pct=next(minimums)), inputs),
            (11,),
        ),
        (
            f"reallocate, {N_DISTRICTS:,} districts x 4",
            lambda: reallocate(districts, target, minimum, weights=weights),
            (N_DISTRICTS, 4),
        ),
    ]
    print(f"numpy {np.__version__}; median of {REPEATS} runs")
    print(f"{'case':<42} {'median':>12} {'numpy baseline':>15} {'ratio':>8}")
    for name, fn, shape in cases:
        seconds = median_seconds(fn)
        base = numpy_baseline(shape)
        print(f"{name:<42} {seconds * 1e3:>9.3f} ms {base * 1e6:>12.2f} µs {seconds / base:>8.0f}")


if __name__ == "__main__":
    main()
