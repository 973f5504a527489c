"""simulate() at a step of the minimum reads the rule computed at every step at once
(brechas_core.simulation._at_steps, issue 12): the same numbers and words as the rule
computed for that step alone."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core import simulation
from brechas_core.alignment import alignment
from brechas_core.scenario import Scenario
from brechas_core.simulation import MINIMUM_STEPS, load_inputs, simulate

INPUTS = load_inputs()
IDS = [str(i) for i in INPUTS.gaps["ids"]]


def alone(scenario: Scenario, inputs=INPUTS) -> simulation.Simulation:
    """The scenario computed for its minimum alone, as before the steps."""
    saved = simulation._at_steps
    simulation._at_steps = lambda *args: None
    try:
        return simulate(scenario, inputs)
    finally:
        simulation._at_steps = saved


def figures(sim: simulation.Simulation) -> dict:
    """Everything a page reads of a result, as plain values (NaN equal to NaN)."""
    out = {
        name: getattr(sim, name)
        for name in (
            "resto_before",
            "resto_after",
            "target_before",
            "target_after",
            "top_up_pct",
            "top_up_soles",
            "requested_minimum",
            "effective_minimum",
            "max_minimum",
            "feasible",
            "smallest_rho",
            "smallest_r",
            "r_critical",
            "reading",
            "situation",
            "tested",
            "alignment_words",
        )
    }
    out["notices"] = tuple(sim.notices)
    for when in ("before", "after"):
        for method in ("spearman", "pearson"):
            res = getattr(getattr(sim, when), method)
            out[f"{when}.{method}"] = (
                res.statistic,
                res.pvalue,
                res.t,
                res.t_critical,
                res.significant,
                res.decision,
            )
    return out


def assert_same(got: simulation.Simulation, want: simulation.Simulation) -> None:
    for name in ("id", "label", "is_target"):
        assert list(got.columns[name]) == list(want.columns[name]), name
    for name in ("gap_pct", "baseline_pct", "scenario_pct", "moved_pct", "moved_soles"):
        assert np.array_equal(got.columns[name], want.columns[name], equal_nan=True), name
    a, b = figures(got), figures(want)
    assert a.keys() == b.keys()
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, tuple):
            assert len(x) == len(y), key
            for u, v in zip(x, y, strict=True):
                assert u == v or (isinstance(u, float) and math.isnan(u) and math.isnan(v)), key
        elif isinstance(x, float) and math.isnan(x):
            assert math.isnan(y), key
        else:
            assert x == y, key
    # the fitted line is computed when first read, from the same shares
    fit, fit_alone = got.after.fit, want.after.fit
    assert (fit.slope, fit.intercept) == (fit_alone.slope, fit_alone.intercept)


@pytest.mark.parametrize(
    ("minimum", "step"),
    [(0.0, 0), (27.5, 55), (100.0, 200), (27.07, None), (0.25, None), (-0.5, None)],
)
def test_a_minimum_is_a_step_only_on_the_half_points(minimum, step):
    assert simulation._Steps.index(minimum) == step


def test_a_move_to_a_step_reads_the_steps_and_gives_the_numbers_of_that_step_alone():
    scenario = Scenario(minimum_pct=40)
    steps = simulation._at_steps(scenario, INPUTS.gaps, 0.05)
    assert steps is not None and steps.result.shares.shape == (len(MINIMUM_STEPS), len(IDS) + 1)
    assert_same(simulate(scenario, INPUTS), alone(scenario))
    # the study's figure, from the steps: 27.07 % to 40 %, 12.93 points moved
    sim = simulate(scenario, INPUTS)
    assert round(sim.target_after, 2) == 40.0 and round(sim.top_up_pct, 2) == 12.93


def test_a_minimum_between_steps_is_computed_alone():
    sim = simulate(Scenario(minimum_pct=27.07), INPUTS)
    assert sim.requested_minimum == 27.07
    assert_same(sim, alone(Scenario(minimum_pct=27.07)))


def test_the_optimal_sharing_has_no_steps():
    # its weights follow the minimum through the unit costs: computed for each minimum
    assert simulation._at_steps(Scenario(reparto="optimo"), INPUTS.gaps, 0.05) is None


def test_gaps_without_a_test_get_the_rule_at_every_step_and_no_alignment():
    rows = {
        "ids": np.array(["a", "b"]),
        "gap_pct": np.array([60.0, 20.0]),
        "attention_pct": np.array([5.0, 3.0]),
    }
    steps = simulation._at_steps(Scenario(), rows, 0.05)
    assert steps.spearman is None and steps.pearson is None
    res, after = steps.at(40, rows["gap_pct"])  # F = 20 %: 9 and 3 more (by gap)
    assert after is None
    assert res.shares.round(6).tolist() == [14.0, 6.0, 80.0]
    unknown = dict(rows, gap_pct=np.array([60.0, np.nan]))
    # (unknown gaps cannot share by gap: a district without census data shares equally)
    assert simulation._at_steps(Scenario(reparto="igual"), unknown, 0.05).spearman is None
    # what simulate() then uses says why there is no test
    assert math.isnan(alignment(unknown["gap_pct"], [1.0, 2.0]).spearman.statistic)


def test_other_settings_get_their_own_steps():
    a = simulation._at_steps(Scenario(minimum_pct=10), INPUTS.gaps, 0.05)
    assert simulation._at_steps(Scenario(minimum_pct=60), INPUTS.gaps, 0.05) is a  # same rule
    assert simulation._at_steps(Scenario(minimum_pct=60), INPUTS.gaps, 0.10) is not a
    b = simulation._at_steps(Scenario(minimum_pct=10, excluded=("agua",)), INPUTS.gaps, 0.05)
    assert b is not a
    assert not b.result.is_target[0, IDS.index("agua")]


@settings(max_examples=60, deadline=None)
@given(
    step=st.integers(0, len(MINIMUM_STEPS) - 1),
    reparto=st.sampled_from(["brecha", "igual", "manual"]),
    excluded=st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)),
    floors=st.dictionaries(st.sampled_from(IDS), st.integers(0, 60).map(lambda x: x / 2)),
    weights=st.dictionaries(st.sampled_from(IDS), st.integers(0, 5).map(float)),
    protected=st.integers(0, 200).map(lambda x: x / 2),
)
def test_every_step_gives_what_that_minimum_alone_gives(
    step, reparto, excluded, floors, weights, protected
):
    scenario = Scenario(
        minimum_pct=float(MINIMUM_STEPS[step]),
        reparto=reparto,
        excluded=tuple(excluded),
        floors=tuple(floors.items()),
        weights=tuple(weights.items()),
        protected_pct=protected,
    )
    assert simulation._Steps.index(scenario.minimum_pct) == step
    assert_same(simulate(scenario, INPUTS), alone(scenario))
