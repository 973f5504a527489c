"""Alignment along the minimum: the study's tables under the rule."""

from __future__ import annotations

import numpy as np
import pytest

from brechas_core.alignment import (
    alignment,
    exact_smallest_minimum,
    minimum_curve,
    smallest_significant_minimum,
)
from brechas_core.rules import priority_view, sector_view
from brechas_core.stats import spearman, t_critical
from tests.core.support import T2, T3

STUDY_MEAN_GAP = 61.38  # x̄ reported by the study for Table 3


def test_alignment_of_table_2_baseline_recomputed():
    # Average ranks over the tied zeros of Table 2: rho = 0.265, t = 0.78 < 2.306.
    res = alignment(T2["gap_pct"], T2["attention_pct"])
    assert res.spearman.statistic == pytest.approx(0.2651, abs=1e-4)
    assert not res.spearman.significant
    assert res.fit.n == 10


def test_curve_columns_and_critical_value():
    curve = minimum_curve("prioritarias", T2["gap_pct"], T2["attention_pct"])
    assert list(curve.columns) == [
        "minimum",
        "rho",
        "r",
        "t_rho",
        "t_r",
        "significant_rho",
        "significant_r",
        "feasible",
    ]
    assert len(curve) == 101
    assert curve.attrs["t_critical"] == pytest.approx(t_critical(0.05, 8))


def test_table_2_brecha_rho_rises_with_the_minimum():
    # Below 27.07 % (what the gaps already hold) the rule moves nothing: rho stays at the
    # baseline 0.265. From F = 28 the top-ups follow gap size and rho jumps to 0.72, then
    # keeps rising (non-decreasing over the grid) to 0.90 at F = 100.
    curve = minimum_curve("prioritarias", T2["gap_pct"], T2["attention_pct"], reparto="brecha")
    rho = curve["rho"].to_numpy()
    assert np.all(np.diff(rho) >= -1e-12)
    assert rho[27] == pytest.approx(0.2651, abs=1e-4)
    assert rho[28] == pytest.approx(0.7212, abs=1e-4)
    assert rho[100] == pytest.approx(0.9030, abs=1e-4)
    assert curve["feasible"].all()


def test_smallest_significant_minimum_agrees_with_t_above_critical():
    curve = minimum_curve("prioritarias", T2["gap_pct"], T2["attention_pct"], reparto="brecha")
    crit = t_critical(0.05, 8)  # 2.306
    f_rho = smallest_significant_minimum(curve, "spearman")
    f_r = smallest_significant_minimum(curve, "pearson")
    assert (f_rho, f_r) == (28.0, 44.0)
    by_f = curve.set_index("minimum")
    assert by_f.loc[f_rho, "t_rho"] > crit >= by_f.loc[f_rho - 1, "t_rho"]
    assert by_f.loc[f_r, "t_r"] > crit >= by_f.loc[f_r - 1, "t_r"]
    # The single-scenario test from stats.py agrees at that minimum.
    res = priority_view(T2["gap_pct"], T2["attention_pct"], minimum=f_rho)
    single = spearman(T2["gap_pct"], res.shares[:10])
    assert single.statistic == pytest.approx(by_f.loc[f_rho, "rho"])
    assert single.significant


def test_table_3_sector_view_at_the_study_mean_gap():
    # Targets: the 10 functions with gap >= 61.38 %. rho (t > 2.145, 14 df) from F = 82,
    # r from F = 91.
    curve = minimum_curve("sectores", T3["gap_pct"], T3["attention_pct"], threshold=STUDY_MEAN_GAP)
    assert smallest_significant_minimum(curve, "spearman") == 82.0
    assert smallest_significant_minimum(curve, "pearson") == 91.0
    assert curve.attrs["n"] == 16


def test_never_significant_returns_none():
    # With every gap at or above 50 % protected, the payers are the zero-gap functions and
    # the alignment never becomes significantly positive on the grid.
    curve = minimum_curve("sectores", T3["gap_pct"], T3["attention_pct"], threshold=50.0)
    assert smallest_significant_minimum(curve, "spearman") is None


def test_curve_rows_equal_single_views():
    minimums = np.array([0.0, 35.0, 60.0, 90.0])
    curve = minimum_curve(
        "sectores",
        T3["gap_pct"],
        T3["attention_pct"],
        minimums=minimums,
        threshold=70.0,
        reparto="igual",
    )
    for i, f in enumerate(minimums):
        view = sector_view(
            T3["gap_pct"], T3["attention_pct"], threshold=70.0, minimum=f, reparto="igual"
        )
        res = alignment(T3["gap_pct"], view.shares)
        assert curve["r"].iloc[i] == pytest.approx(res.pearson.statistic)
        assert curve["rho"].iloc[i] == pytest.approx(res.spearman.statistic)


def test_unknown_view_is_rejected():
    with pytest.raises(ValueError, match="Vista desconocida"):
        minimum_curve("otra", T2["gap_pct"], T2["attention_pct"])


# -- exact_smallest_minimum (issue 8, item 7) -------------------------------------------------


def _grid_then_bisect(view, gap, att, method, **rule):
    """Independent: the first significant F on a 0.01 grid, from the vectorised curve."""
    grid = np.round(np.arange(0, 10001) / 100, 2)
    curve = minimum_curve(view, gap, att, minimums=grid, **rule)
    column = "significant_rho" if method == "spearman" else "significant_r"
    ok = curve[column].to_numpy(bool) & curve["feasible"].to_numpy(bool)
    return float(grid[ok][0]) if ok.any() else None


@pytest.mark.parametrize(
    ("view", "kwargs"),
    [
        ("prioritarias", {}),
        ("prioritarias", {"reparto": "igual"}),
        ("prioritarias", {"protected_pct": 40.0}),
        ("sectores", {"threshold": 61.38}),
        ("sectores", {"threshold": 70.0, "reparto": "igual"}),
        ("sectores", {"threshold": 83.0}),
    ],
    ids=["t2-brecha", "t2-igual", "t2-protected", "t3-61", "t3-70-igual", "t3-83"],
)
@pytest.mark.parametrize("method", ["spearman", "pearson"])
def test_exact_smallest_minimum_agrees_with_a_fine_grid(view, kwargs, method):
    table = T2 if view == "prioritarias" else T3
    gap, att = table["gap_pct"].to_numpy(float), table["attention_pct"].to_numpy(float)
    exact = exact_smallest_minimum(view, gap, att, method, **kwargs)
    grid = _grid_then_bisect(view, gap, att, method, **kwargs)
    if grid is None:
        assert exact is None
    else:
        # the grid's first significant point lies within one step above the exact infimum
        assert exact <= grid + 1e-9 and grid - exact <= 0.01 + 1e-9


def test_exact_smallest_minimum_is_zero_when_the_baseline_is_already_significant():
    gap = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert exact_smallest_minimum("prioritarias", gap, [1.0, 2.0, 3.0, 4.0, 5.0]) == 0.0


def test_exact_smallest_minimum_is_none_when_no_feasible_minimum_is_significant():
    # everything protected: nothing ever moves, and the baseline is not aligned
    gap, att = T2["gap_pct"].to_numpy(float), T2["attention_pct"].to_numpy(float)
    assert exact_smallest_minimum("prioritarias", gap, att, protected_pct=72.93) is None
