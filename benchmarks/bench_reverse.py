"""Timings of «¿Qué mínimo necesito?» (brechas_core.reverse) and reparto=optimo
(brechas_core.optimal): one district and all of Peru's municipalities.

Run: ``.venv/bin/python benchmarks/bench_reverse.py``

Each figure is the median of repeated runs (``time.perf_counter``), next to a same-size numpy
baseline measured in the same process (``a * b + c`` then a row sum) and to the forward rule
(``rules.priority_view``) on the same rows, so ratios compare across machines. Targets
(issue 15): one district <= 50 ms, all 1,891 municipalities <= 1 s. Nothing is asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_seconds, numpy_baseline  # noqa: E402

from brechas_core import data, optimal, reverse, rules  # noqa: E402
from brechas_core import territory as T  # noqa: E402
from brechas_core.costs import district_costs  # noqa: E402
from brechas_core.scenario import Scenario  # noqa: E402
from brechas_core.simulation import assumptions, load_inputs  # noqa: E402

IDS = ["agua", "desague", "electricidad"]
STEMS = ["water", "sewage", "electricity"]


def main() -> None:
    unit_costs = data.load_unit_costs()
    frame = T.load_district_frame("2023")  # as the app loads it
    n = len(frame)
    gap = np.nan_to_num(frame[[f"{s}_gap_pct" for s in STEMS]].to_numpy(float))
    att = frame[[f"est_share_{s}_pct" for s in STEMS]].to_numpy(float)
    pop = np.nan_to_num(frame["population"].to_numpy(float))
    dev = frame["devengado"].to_numpy(float)
    cost3 = district_costs(unit_costs, IDS, frame["rural_weight"].to_numpy(float))  # (3, n, 3)
    base = unit_costs.set_index("gap_id").loc[IDS, "base_share"].to_numpy(float)
    target = np.array([0.0, 10.0, 0.0])
    scenario = Scenario(targets=(("agua", 0.0), ("desague", 10.0), ("electricidad", 0.0)))
    opt_scenario = scenario.with_(reparto="optimo")

    def reverse_all(reparto):
        return lambda: reverse.minimum_for_targets(
            gap,
            att,
            target_gap_pct=target,
            unit_cost=cost3,
            base_share=base,
            population=pop,
            executed_soles=dev,
            horizon_years=10,
            reparto=reparto,
        )

    opt_in = optimal.optimal_inputs(
        gap,
        unit_cost=cost3[1],
        base_share=base,
        population=pop,
        executed_soles=dev,
        horizon_years=10,
    )
    rng = np.random.default_rng(0)
    extra = rng.uniform(0, 30, n)
    room = np.maximum(opt_in["need_share_pct"] - att, 0)
    per_point = opt_in["people_per_point"]
    inc = np.ones((n, 3), dtype=bool)
    need = np.maximum(opt_in["need_share_pct"] - att, 0) / 100 * dev[:, None]

    one = frame[frame["ubigeo"] == "210101"]
    inputs = load_inputs()
    study = Scenario(targets=(("anemia", 0.0), ("electricidad", 0.0)))
    a = assumptions(study, inputs)

    cases = [
        ("baseline: numpy a*b+c, row sum, (1,891, 4)", numpy_baseline((n, 4))),
        (
            "forward: rules.priority_view, 1,891 x (3 + resto)",
            median_seconds(lambda: rules.priority_view(gap, att, minimum=20.0)),
        ),
        ("reverse, brecha, 1,891 x 3 gaps x 3 cost cases", median_seconds(reverse_all("brecha"))),
        ("reverse, optimo, 1,891 x 3 gaps x 3 cost cases", median_seconds(reverse_all("optimo"))),
        (
            "reverse for a territory (for_territory, Peru, all 1,891)",
            median_seconds(lambda: reverse.for_territory(frame, scenario, unit_costs), 7),
        ),
        (
            "reverse for one district (for_territory, Puno 210101)",
            median_seconds(lambda: reverse.for_territory(one, scenario, unit_costs)),
        ),
        (
            "reverse for the Simulador (for_simulation, study, 10 gaps)",
            median_seconds(lambda: reverse.for_simulation(study, inputs, a)),
        ),
        (
            "optimo split, closed form, 1,891 x 3",
            median_seconds(lambda: optimal.greedy_split(extra, room, per_point, gap, inc)),
        ),
        (
            "optimo split, linear programme (HiGHS), 1,891 x 3 in one LP",
            median_seconds(lambda: optimal.lp_split(extra, room, per_point, gap, inc), 7),
        ),
        (
            "optimo split, linear programme, one district",
            median_seconds(
                lambda: optimal.lp_split(extra[0], room[0], per_point[0], gap[0], inc[0])
            ),
        ),
        (
            "rule with reparto=optimo, 1,891 districts (priority_view)",
            median_seconds(
                lambda: rules.priority_view(gap, att, minimum=20.0, reparto="optimo", **opt_in)
            ),
        ),
        (
            "territory.apply_rule with reparto=optimo, all 1,891",
            median_seconds(
                lambda: T.apply_rule(frame, opt_scenario.with_(minimum_pct=20), unit_costs), 7
            ),
        ),
        (
            "fund split across 1,891 x 3 gaps, most people (LP)",
            median_seconds(lambda: optimal.fund_split(5e8, need, cost3[1], horizon_years=10), 7),
        ),
        (
            "fund split across 1,891 x 3 gaps, most gaps closed",
            median_seconds(
                lambda: optimal.fund_split(
                    5e8, need, cost3[1], horizon_years=10, objective="brechas"
                ),
                7,
            ),
        ),
    ]
    base_s = cases[0][1]
    print(f"{'measure':<66} {'median':>10} {'x numpy':>9}")
    for name, seconds in cases:
        print(f"{name:<66} {seconds * 1e3:>8.2f} ms {seconds / base_s:>8.0f}x")
    print("targets: one district <= 50 ms; all 1,891 municipalities <= 1 s")


if __name__ == "__main__":
    main()
