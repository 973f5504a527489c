"""Alignment along the minimum with rules other than the default, row by row.

test_alignment.py checks the curve with the default rule; these call minimum_curve with
exclusions, floors, protected amounts, manual weights, pinned and locked functions and
another alpha, and compare every row with the single-scenario functions. (Found by mutation
testing: scripts/mutation.py alignment.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core.alignment import (
    MINIMUMS,
    alignment,
    exact_smallest_minimum,
    minimum_curve,
    smallest_significant_minimum,
)
from brechas_core.rules import priority_view, sector_view
from brechas_core.stats import ols, pearson, spearman, t_critical, t_from_r
from tests.core.support import T2, T3

GAP2 = T2["gap_pct"].to_numpy()
ATT2 = T2["attention_pct"].to_numpy()
GAP3 = T3["gap_pct"].to_numpy()
ATT3 = T3["attention_pct"].to_numpy()


def test_alignment_bundles_the_three_single_scenario_results():
    res = alignment(GAP3, ATT3, alpha=0.10)
    assert res.spearman == spearman(GAP3, ATT3, 0.10)
    assert res.pearson == pearson(GAP3, ATT3, 0.10)
    assert res.fit == ols(GAP3, ATT3)
    assert res.spearman.alpha == 0.10 and res.pearson.method == "pearson"


def test_default_grid_is_0_to_100_by_1():
    assert MINIMUMS.tolist() == [float(f) for f in range(101)]


def _check_rows(curve, gap, shares_by_row, alpha):
    n = len(gap)
    crit = t_critical(alpha, n - 2)
    assert curve.attrs == {"n": n, "alpha": alpha, "t_critical": crit}
    for i, shares in enumerate(shares_by_row):
        rho = spearman(gap, shares, alpha)
        r = pearson(gap, shares, alpha)
        row = curve.iloc[i]
        for got, want in ((row["rho"], rho.statistic), (row["r"], r.statistic)):
            assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, abs=1e-12)
        for got, want in ((row["t_rho"], rho.t), (row["t_r"], r.t)):
            assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=1e-9)
        # significant on the curve means a significant positive alignment
        assert bool(row["significant_rho"]) == bool(rho.significant and rho.statistic > 0)
        assert bool(row["significant_r"]) == bool(r.significant and r.statistic > 0)


def test_priority_curve_with_exclusions_floors_protection_and_manual_weights():
    included = np.ones(len(GAP2), bool)
    included[[2, 7]] = False
    floors = np.zeros(len(GAP2))
    floors[4] = 3.0
    weights = np.arange(1.0, len(GAP2) + 1)
    rule = {
        "included": included,
        "floors": floors,
        "protected_pct": 50.0,
        "reparto": "manual",
        "manual_weights": weights,
    }
    minimums = np.array([0.0, 20.0, 34.0, 40.0, 60.0])
    curve = minimum_curve("prioritarias", GAP2, ATT2, minimums=minimums, alpha=0.10, **rule)
    assert curve["minimum"].tolist() == minimums.tolist()
    views = [priority_view(GAP2, ATT2, minimum=f, **rule) for f in minimums]
    _check_rows(curve, GAP2, [v.shares[: len(GAP2)] for v in views], 0.10)
    # The included gaps hold 27.07 - 1.66 - 13.46 = 11.95 and resto can give
    # 72.93 - 50 = 22.93: above 11.95 + 22.93 = 34.88 % the minimum is infeasible.
    assert curve["feasible"].tolist() == [bool(v.feasible) for v in views]
    assert curve["feasible"].tolist() == [True, True, True, False, False]


def test_sector_curve_with_pinned_and_locked_functions():
    salud = int(np.flatnonzero(T3["label"] == "Salud")[0])
    locked = np.zeros(len(GAP3), bool)
    locked[0] = True
    rule = {"threshold": 70.0, "overrides": {salud: 5.0}, "locked": locked, "reparto": "igual"}
    minimums = np.array([0.0, 30.0, 60.0, 95.0])
    curve = minimum_curve("sectores", GAP3, ATT3, minimums=minimums, **rule)
    views = [sector_view(GAP3, ATT3, minimum=f, **rule) for f in minimums]
    _check_rows(curve, GAP3, [v.shares for v in views], 0.05)
    assert curve["feasible"].tolist() == [bool(v.reallocation.feasible) for v in views]
    assert not curve["feasible"].iloc[-1]


def test_a_constant_share_vector_is_never_significant():
    # Equal gaps: rho and r are undefined (NaN), which never counts as significant.
    gap = [40.0, 40.0, 40.0, 40.0]
    curve = minimum_curve("prioritarias", gap, [1.0, 2.0, 3.0, 4.0], minimums=[0.0, 50.0])
    assert curve["rho"].isna().all() and curve["r"].isna().all()
    assert not curve["significant_rho"].any() and not curve["significant_r"].any()


def test_a_perfect_line_is_significant():
    # Shares proportional to the gaps once F = 100 % is shared by gap size: r = rho = 1.
    gap = [10.0, 20.0, 30.0, 40.0]
    curve = minimum_curve("prioritarias", gap, [4.0, 3.0, 2.0, 1.0], minimums=[100.0])
    assert curve["r"].iloc[0] == pytest.approx(1.0)
    assert bool(curve["significant_r"].iloc[0]) and bool(curve["significant_rho"].iloc[0])


def test_minimums_must_be_a_vector():
    with pytest.raises(ValueError, match="vector"):
        minimum_curve("prioritarias", GAP2, ATT2, minimums=[[0.0, 10.0]])
    with pytest.raises(ValueError, match="vector"):
        minimum_curve("prioritarias", GAP2, ATT2, minimums=10.0)


def test_smallest_significant_minimum_skips_infeasible_rows_and_reads_the_method():
    curve = pd.DataFrame(
        {
            "minimum": [0.0, 10.0, 20.0, 30.0],
            "significant_rho": [False, True, True, True],
            "significant_r": [False, False, False, True],
            "feasible": [True, False, True, True],
        }
    )
    assert smallest_significant_minimum(curve) == 20.0
    assert smallest_significant_minimum(curve, "spearman") == 20.0
    assert smallest_significant_minimum(curve, "pearson") == 30.0
    curve["feasible"] = False
    assert smallest_significant_minimum(curve, "pearson") is None


@settings(max_examples=25)
@given(
    minimums=st.lists(st.floats(0.0, 100.0), min_size=1, max_size=3),
    reparto=st.sampled_from(["brecha", "igual"]),
    protected=st.floats(0.0, 72.0),
)
def test_every_curve_row_is_the_single_view_at_that_minimum(minimums, reparto, protected):
    curve = minimum_curve(
        "prioritarias", GAP2, ATT2, minimums=minimums, reparto=reparto, protected_pct=protected
    )
    for i, f in enumerate(minimums):
        view = priority_view(GAP2, ATT2, minimum=f, reparto=reparto, protected_pct=protected)
        rho = spearman(GAP2, view.shares[:10])
        assert curve["rho"].iloc[i] == pytest.approx(rho.statistic, abs=1e-9)
        assert curve["t_rho"].iloc[i] == pytest.approx(float(t_from_r(rho.statistic, 10)))
        assert bool(curve["feasible"].iloc[i]) == bool(view.feasible)


def test_too_few_points_give_an_unknown_alignment_that_keeps_alpha_and_n():
    res = alignment([1.0, 2.0], [3.0, 4.0], alpha=0.10)
    for test, method in ((res.spearman, "spearman"), (res.pearson, "pearson")):
        assert (test.method, test.n, test.df, test.alpha) == (method, 2, 0, 0.10)
        assert np.isnan(test.statistic) and np.isnan(test.t) and np.isnan(test.t_critical)
        assert not test.significant
    assert res.fit.n == 2 and np.isnan(res.fit.slope) and np.isnan(res.fit.r2)
    assert np.isnan(res.fit.intercept)


def test_exact_smallest_minimum_on_three_points_and_on_equal_gaps():
    # Three gaps: only rho = 1 is significant (df = 1); it is reached at F = 26 here.
    F = exact_smallest_minimum("prioritarias", [60.0, 20.0, 40.0], [1.0, 5.0, 2.0])
    assert pytest.approx(26.0) == F
    assert exact_smallest_minimum("prioritarias", [60.0, 20.0], [1.0, 5.0]) is None
    # Equal gaps: rho is undefined at every F, never significant.
    assert exact_smallest_minimum("prioritarias", [40.0] * 4, [1.0, 2.0, 3.0, 4.0]) is None


def test_a_minimum_grid_that_is_not_a_vector_gets_the_whole_sentence():
    with pytest.raises(ValueError) as info:
        minimum_curve("prioritarias", GAP2, ATT2, minimums=[[0.0, 10.0]])
    assert str(info.value) == "Los mínimos deben ser un vector."
