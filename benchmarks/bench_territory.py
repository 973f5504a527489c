"""Timings of the rule on every municipality of Peru, the Territorios page, and map sizes.

Run: ``.venv/bin/python benchmarks/bench_territory.py [--page-rounds 7]``

Each figure is the median of repeated runs (``time.perf_counter``). The core figures sit next
to a same-size numpy baseline measured in the same process (``a * b + c`` then a row sum on
an array of shape (1,891, 4)), so they compare across machines. The page figures are
AppTest reruns in-process (script run and Altair/Arrow serialisation, no network, no
browser drawing). The map figure is ``len(json.dumps(chart.to_dict()))``, the Vega-Lite
spec the browser receives. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import REPEATS, median_seconds, numpy_baseline  # noqa: E402

from brechas_core import data, geometry, rules  # noqa: E402
from brechas_core import territory as T  # noqa: E402
from brechas_core.charts import maps  # noqa: E402
from brechas_core.scenario import Scenario  # noqa: E402

TARGET_MS = 20.0


def core(frame, unit_costs) -> None:
    scenario = Scenario(minimum_pct=20, floors=(("agua", 5.0),), protected_pct=40)
    gap = np.nan_to_num(
        frame[["water_gap_pct", "sewage_gap_pct", "electricity_gap_pct"]].to_numpy()
    )
    att = frame[["est_share_water_pct", "est_share_sewage_pct", "est_share_electricity_pct"]]
    att = att.to_numpy()
    n = len(frame)
    base = numpy_baseline((n, 4))
    cases = [
        (
            f"priority_view, {n:,} districts x (3 + resto)",
            lambda: rules.priority_view(
                gap, att, minimum=20.0, floors=[5.0, 0.0, 0.0], protected_pct=40.0
            ),
        ),
        (
            f"apply_rule (all columns, projection, stats), {n:,}",
            lambda: T.apply_rule(frame, scenario, unit_costs),
        ),
        (
            "apply_rule, Puno (110)",
            lambda: T.apply_rule(frame[frame["department_code"] == "21"], scenario, unit_costs),
        ),
    ]
    print(
        f"numpy {np.__version__}; median of {REPEATS} runs; "
        f"target <= {TARGET_MS:.0f} ms for the rule on all of Peru"
    )
    print(f"{'case':<58} {'median':>10} {'baseline':>10} {'ratio':>7}")
    for name, fn in cases:
        s = median_seconds(fn)
        print(f"{name:<58} {s * 1e3:>7.2f} ms {base * 1e6:>7.1f} µs {s / base:>7.0f}")


def map_sizes(frame, unit_costs) -> None:
    scenario = Scenario(minimum_pct=20)
    print("\nmap sent to the browser on each rerun (template cached, validated once)")
    template = maps.district_map_template("soles").to_dict()
    for label, rows, geo in [
        ("Perú (coarsened, step 3)", frame, geometry.coarsen(data.load_district_geo(), 3)),
        ("Perú (as shipped)", frame, data.load_district_geo()),
        ("Puno", frame[frame["department_code"] == "21"], data.load_district_geo("21")),
    ]:
        res = T.apply_rule(rows, scenario, unit_costs)

        def rerun(res=res, geo=geo):
            values = maps.district_map_data(res.districts, "soles").to_dict("records")
            spec = {**template, "datasets": {"poligonos": geo["features"], "valores": values}}
            return json.dumps(spec)

        per_rerun = median_seconds(rerun, 7)
        size = len(rerun())
        print(f"{label:<28} {size / 1e3:>9,.1f} kB   data + JSON {per_rerun * 1e3:>7.1f} ms")


def page(rounds: int) -> None:
    from streamlit.testing.v1 import AppTest

    print(f"\nTerritorios page rerun (AppTest, in-process), median of {rounds}")
    for label, query in [
        ("Puno 2023", {"territorio": "21", "anio": "2023", "minimo": "20"}),
        ("Perú 2023", {"territorio": "PE", "anio": "2023", "minimo": "20"}),
    ]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in query.items():
            at.query_params[k] = v
        at.switch_page("pages/territorios.py")
        start = time.perf_counter()
        at.run()
        first = time.perf_counter() - start
        assert not at.exception, [e.value for e in at.exception]
        times = []
        for i in range(rounds):
            # Move the minimum each time, as a user dragging the slider would.
            scenario = at.session_state["scenario"]
            at.session_state["scenario"] = scenario.with_(minimum_pct=20.0 + (i % 5))
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        print(
            f"{label:<12} first run {first * 1e3:>7.0f} ms   "
            f"rerun median {statistics.median(times) * 1e3:>7.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--page-rounds", type=int, default=7)
    args = parser.parse_args()
    frame = T.load_district_frame("2023")  # as the app loads it
    unit_costs = data.load_unit_costs()
    core(frame, unit_costs)
    map_sizes(frame, unit_costs)
    page(args.page_rounds)


if __name__ == "__main__":
    main()
