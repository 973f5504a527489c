"""Correlation tests and least squares, on cases worked out by hand."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sp

from brechas_core.stats import (
    correlation_result,
    correlation_rows,
    ols,
    pearson,
    pearson_rows,
    ranks,
    spearman,
    spearman_no_ties_formula,
    spearman_rows,
    t_critical,
    t_from_r,
)


@pytest.mark.parametrize(
    ("x", "y", "rho"),
    [
        # identical ranks
        ([1, 2, 3, 4, 5], [10, 20, 30, 40, 50], 1.0),
        # reversed ranks
        ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], -1.0),
        # one swap: d = (0, 1, -1, 0), 1 - 6 * 2 / 60 = 0.8
        ([1, 2, 3, 4], [1, 3, 2, 4], 0.8),
    ],
    ids=["same-order", "reversed", "one-swap"],
)
def test_spearman_named_cases(x, y, rho):
    assert spearman(x, y).statistic == pytest.approx(rho)


def test_spearman_with_ties_differs_from_the_no_ties_formula():
    # y has three tied zeros: average ranks give the exact rho (= scipy's)
    x = [10.0, 20.0, 30.0, 40.0, 50.0]
    y = [0.0, 0.0, 5.0, 0.0, 9.0]
    exact = spearman(x, y).statistic
    assert exact == pytest.approx(sp.spearmanr(x, y).statistic)
    assert spearman_no_ties_formula(x, y) != pytest.approx(exact)


@pytest.mark.parametrize(
    ("r", "n", "t"),
    [(0.5, 10, 1.6330), (-0.234, 16, -0.9006), (0.0, 8, 0.0)],
    ids=["r0.5-n10", "table3", "zero"],
)
def test_t_from_r(r, n, t):
    # t = r sqrt((n - 2) / (1 - r^2)); e.g. 0.5 * sqrt(8 / 0.75) = 1.6330
    assert t_from_r(r, n) == pytest.approx(t, abs=1e-4)


@pytest.mark.parametrize(("df", "crit"), [(8, 2.306), (14, 2.145), (1, 12.706)])
def test_t_critical_two_sided_at_5_percent(df, crit):
    assert round(t_critical(0.05, df), 3) == crit


def test_perfect_correlation_is_significant_and_constant_is_not():
    assert pearson([1, 2, 3], [2, 4, 6]).significant
    assert pearson([1, 2, 3], [2, 4, 6]).pvalue == 0.0
    flat = pearson([1, 2, 3], [5, 5, 5])
    assert np.isnan(flat.statistic) and not flat.significant
    assert "no varía" in flat.decision


def test_ols_recovers_a_line_and_its_r2():
    fit = ols([0, 1, 2, 3], [1, 3, 5, 7])
    assert (fit.slope, fit.intercept, fit.r2) == pytest.approx((2.0, 1.0, 1.0))
    assert fit.predict([10]).tolist() == pytest.approx([21.0])


def test_ols_on_a_constant_gap_is_a_flat_line_at_the_mean():
    fit = ols([2, 2, 2], [1, 3, 5])
    assert (fit.slope, fit.intercept) == (0.0, 3.0)
    assert fit.predict([0, 100]).tolist() == [3.0, 3.0]


pairs = st.integers(3, 12).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0, 100, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.floats(0, 100, allow_nan=False), min_size=n, max_size=n),
    )
)


@given(pairs)
def test_row_versions_equal_the_single_versions(xy):
    x, y = (np.array(v) for v in xy)
    rows = np.stack([y, y[::-1]])
    for got, want in zip(spearman_rows(x, rows), (y, y[::-1]), strict=True):
        single = spearman(x, want).statistic
        assert (np.isnan(got) and np.isnan(single)) or got == pytest.approx(single, abs=1e-9)
    for got, want in zip(pearson_rows(x, rows), (y, y[::-1]), strict=True):
        single = pearson(x, want).statistic
        assert (np.isnan(got) and np.isnan(single)) or got == pytest.approx(single, abs=1e-9)


# few distinct values, so that ties are common; NaN sometimes
tied = st.lists(st.sampled_from([0.0, 1.5, 2.0, 7.25, 100.0, -3.0, np.nan]), max_size=14)


@given(tied)
def test_ranks_are_scipy_s_average_ranks_exactly(values):
    got, want = ranks(values), sp.rankdata(values)
    assert got.dtype == want.dtype == np.float64
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3.0, 1.0, 2.0], [3.0, 1.0, 2.0]),
        ([5.0, 5.0, 5.0], [2.0, 2.0, 2.0]),  # all tied: the mean position
        ([1.0, 2.0, 2.0, 3.0], [1.0, 2.5, 2.5, 4.0]),
        ([1.0, np.nan, 2.0], [np.nan, np.nan, np.nan]),  # scipy's nan_policy="propagate"
    ],
    ids=["distinct", "all-tied", "one-tie", "nan"],
)
def test_ranks_named_cases(values, expected):
    np.testing.assert_array_equal(ranks(values), expected)


@given(pairs)
def test_coefficients_stay_within_minus_one_and_one(xy):
    x, y = xy
    for res in (spearman(x, y), pearson(x, y)):
        assert np.isnan(res.statistic) or -1.0 <= res.statistic <= 1.0


@given(pairs)
def test_ols_agrees_with_scipy_linregress_whenever_x_varies(xy):
    x, y = (np.array(v) for v in xy)
    if np.ptp(x) < 1e-3:
        return
    fit, ref = ols(x, y), sp.linregress(x, y)
    assert fit.slope == pytest.approx(ref.slope, rel=1e-6, abs=1e-6)
    assert fit.intercept == pytest.approx(ref.intercept, rel=1e-6, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    r=st.lists(
        st.one_of(st.floats(-1.0, 1.0), st.sampled_from([-1.0, 1.0, 0.0, float("nan")])),
        min_size=1,
        max_size=8,
    ),
    n=st.integers(3, 40),
    alpha=st.sampled_from([0.01, 0.05, 0.1]),
)
def test_the_tests_of_many_coefficients_are_each_ones_test_to_the_bit(r, n, alpha):
    rows = correlation_rows("spearman", r, n, alpha)
    for i, value in enumerate(r):
        one, many = correlation_result("spearman", value, n, alpha), rows[i]
        for field in ("statistic", "pvalue", "t", "t_critical"):
            a, b = getattr(one, field), getattr(many, field)
            assert a == b or (math.isnan(a) and math.isnan(b)), field
        assert (one.n, one.df, one.significant) == (many.n, many.df, many.significant)
