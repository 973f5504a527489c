"""reparto=optimo: the split that covers the most people within the horizon."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from brechas_core import optimal, rules
from brechas_core.projection import project_coverage
from tests.core.support import optimal_inputs_of


def _people_within(gap, shares, pop, cost, base, executed, horizon):
    """People newly covered within the horizon: Σ min(U0, H · spending / cost)."""
    p = project_coverage(
        gap,
        shares,
        budget_soles=executed,
        execution_rate=1.0,
        population=pop,
        unit_cost=cost,
        base_share=base,
        horizon_years=horizon,
    )
    return (p.uncovered[..., 0] - p.uncovered[..., -1]).sum(axis=-1)


@st.composite
def tables(draw, max_gaps=5):
    g = draw(st.integers(2, max_gaps))
    gap = np.array(draw(st.lists(st.floats(0.5, 95), min_size=g, max_size=g)))
    att = np.array(draw(st.lists(st.floats(0, 8), min_size=g, max_size=g)))
    cost = np.array(draw(st.lists(st.floats(100, 9000), min_size=g, max_size=g)))
    projectable = np.array(draw(st.lists(st.booleans(), min_size=g, max_size=g)))
    assume(projectable.any())
    cost = np.where(projectable, cost, np.nan)
    base = np.where(projectable, draw(st.sampled_from([1.0, 0.04])), np.nan)
    included = np.array(draw(st.lists(st.booleans(), min_size=g, max_size=g)))
    assume(included.any())
    floors = np.array(draw(st.lists(st.floats(0, 6), min_size=g, max_size=g)))
    return dict(
        gap=gap,
        att=att,
        cost=cost,
        base=base,
        included=included,
        floors=np.where(included, floors, 0.0),
        pop=draw(st.floats(500, 200_000)),
        executed=draw(st.floats(1e5, 5e8)),
        horizon=draw(st.integers(1, 25)),
        minimum=draw(st.floats(0, 100)),
        protected=draw(st.floats(0, 60)),
        weights=np.array(draw(st.lists(st.floats(0, 10), min_size=g, max_size=g))),
    )


def _shares(t, reparto):
    opt = optimal_inputs_of(t)
    res = rules.priority_view(
        t["gap"],
        t["att"],
        included=t["included"],
        minimum=t["minimum"],
        reparto=reparto,
        manual_weights=t["weights"] if reparto == "manual" else None,
        floors=t["floors"],
        protected_pct=t["protected"],
        **(opt if reparto == "optimo" else {}),
    )
    return res


def _covered(t, shares):
    proj = ~np.isnan(t["cost"])
    return float(
        _people_within(
            t["gap"][proj],
            shares[: len(t["gap"])][proj],
            t["pop"],
            t["cost"][proj],
            t["base"][proj],
            t["executed"],
            t["horizon"],
        )
    )


@settings(max_examples=150, deadline=None)
@given(t=tables())
def test_the_optimal_split_covers_at_least_as_many_people_as_every_other_sharing(t):
    best = _shares(t, "optimo")
    covered = _covered(t, best.shares)
    for reparto in ("brecha", "igual", "manual"):
        other = _shares(t, reparto)
        # same rule, same money: only the split of the top-up differs
        assert float(other.top_up) == pytest.approx(float(best.top_up), abs=1e-9)
        assert covered >= _covered(t, other.shares) * (1 - 1e-9) - 1e-6


@settings(max_examples=100, deadline=None)
@given(t=tables())
def test_the_optimal_split_keeps_the_rule_floors_exclusions_and_protection(t):
    res = _shares(t, "optimo")
    g = len(t["gap"])
    shares, base = res.shares[:g], res.baseline[:g]
    assert res.shares.sum() == pytest.approx(100.0)
    assert np.all(shares >= base - 1e-9)  # never takes from a gap
    # excluded: untouched (up to the rule's one tolerance for what counts as zero)
    np.testing.assert_allclose(shares[~t["included"]], base[~t["included"]], atol=1e-9)
    if bool(res.floors_feasible):
        assert np.all(shares[t["included"]] >= t["floors"][t["included"]] - 1e-9)
    resto = 100.0 - t["att"].sum()
    assert res.shares[-1] >= min(t["protected"], resto) - 1e-9  # protected part kept


def _brute_force(extra, room, per_point):
    """Best of filling the gaps one after another in every possible order (a fractional
    knapsack's optimum is one of these) - independent of the greedy's sorting."""
    best = -1.0
    for order in itertools.permutations(range(len(room))):
        left, people = extra, 0.0
        for i in order:
            give = min(left, room[i])
            people += give * per_point[i]
            left -= give
        best = max(best, people)
    return best


@settings(max_examples=150, deadline=None)
@given(
    extra=st.floats(0, 50),
    room=st.lists(st.floats(0, 20), min_size=2, max_size=4),
    data=st.data(),
)
def test_the_optimal_split_matches_a_brute_force_search_on_small_cases(extra, room, data):
    g = len(room)
    per_point = data.draw(st.lists(st.floats(0.1, 100), min_size=g, max_size=g))
    gap = data.draw(st.lists(st.floats(1, 90), min_size=g, max_size=g))
    x = optimal.greedy_split(extra, room, per_point, gap, [True] * g)
    useful = np.minimum(x, room)
    assert float(useful @ np.array(per_point)) == pytest.approx(
        _brute_force(extra, room, per_point), rel=1e-9, abs=1e-9
    )
    assert x.sum() == pytest.approx(extra)
    # and a grid search over every split in steps of extra / 20 does no better
    if g == 2 and extra > 0:
        grid = np.linspace(0, extra, 21)
        value = max(
            min(a, room[0]) * per_point[0] + min(extra - a, room[1]) * per_point[1] for a in grid
        )
        assert float(useful @ np.array(per_point)) >= value - 1e-9


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 30),
    g=st.integers(2, 4),
    seed=st.integers(0, 2**31 - 1),
)
def test_the_linear_programme_finds_the_same_split_as_the_closed_form(n, g, seed):
    rng = np.random.default_rng(seed)
    extra = rng.uniform(0, 30, n)
    room = rng.uniform(0, 15, (n, g)) * (rng.random((n, g)) > 0.2)
    per_point = rng.choice([0.0, 1.0, 2.5, 7.0, 7.0], (n, g))
    gap = rng.uniform(1, 90, (n, g))
    included = rng.random((n, g)) > 0.2
    lp = optimal.lp_split(extra, room, per_point, gap, included)
    closed = optimal.greedy_split(extra, room, per_point, gap, included)
    covered = lambda x: (np.minimum(x, room) * per_point).sum(axis=-1)  # noqa: E731
    np.testing.assert_allclose(covered(lp), covered(closed), rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(lp, closed, atol=1e-6)


def test_what_no_gap_can_use_goes_to_the_gaps_without_a_cost_per_person():
    x = optimal.greedy_split(
        10.0,
        [2.0, 3.0, 0.0, 0.0],
        [5.0, 1.0, 0.0, 0.0],
        [40.0, 30.0, 20.0, 60.0],
        [True, True, True, True],
    )
    assert x.tolist() == [2.0, 3.0, 5.0 * 20 / 80, 5.0 * 60 / 80]


def test_a_fund_goes_first_where_a_sol_covers_the_most_people():
    # three municipalities' water gaps: cheap, dear, and already closing
    f = optimal.fund_split(
        1_000_000.0,
        [[400_000.0], [900_000.0], [0.0]],
        [[1_500.0], [4_550.0], [2_000.0]],
        horizon_years=10,
    )
    assert f.soles.ravel().tolist() == pytest.approx([400_000.0, 600_000.0, 0.0])
    assert f.gaps_closed == 1
    assert f.people_total == pytest.approx(400_000 * 10 / 1_500 + 600_000 * 10 / 4_550)


def test_a_fund_larger_than_every_shortfall_is_not_all_used():
    f = optimal.fund_split(5e6, [[1e6, 2e6]], [[1_000.0, 2_000.0]], horizon_years=5)
    assert f.used_soles == pytest.approx(3e6)
    assert f.gaps_closed == 2


@settings(max_examples=80, deadline=None)
@given(
    costs=st.lists(st.floats(1, 1_000), min_size=1, max_size=8),
    budget=st.floats(0, 3_000),
)
def test_closing_the_most_gaps_matches_a_mixed_integer_programme_and_a_brute_force(costs, budget):
    from scipy.optimize import Bounds, LinearConstraint, milp

    c = np.array(costs)
    f = optimal.fund_split(
        budget, c[None, :], np.full((1, len(c)), 100.0), horizon_years=5, objective="brechas"
    )
    best = max(
        sum(mask)
        for mask in itertools.product([0, 1], repeat=len(c))
        if float(np.dot(mask, c)) <= budget
    )
    res = milp(
        -np.ones(len(c)),
        constraints=LinearConstraint(c[None, :], -np.inf, budget),
        integrality=np.ones(len(c)),
        bounds=Bounds(0, 1),
    )
    assert f.gaps_closed == best == round(-res.fun)
    assert f.used_soles <= budget + 1e-6


def test_closing_the_most_gaps_can_cover_fewer_people_than_covering_the_most_people():
    short, cost = [[900.0, 450.0, 500.0]], [[100.0, 400.0, 400.0]]
    people = optimal.fund_split(1000.0, short, cost, horizon_years=10)
    gaps = optimal.fund_split(1000.0, short, cost, horizon_years=10, objective="brechas")
    assert gaps.gaps_closed == 2 > people.gaps_closed == 1
    assert people.people_total > gaps.people_total
