"""The study's statistics on cases where every field is checked, against scipy as a referee.

test_stats.py checks the coefficients; these pin the rest of what the app prints: the p-value,
the degrees of freedom, the critical value, the decision sentence, r² of an imperfect line,
and the errors for inputs the tests cannot use. (Found by mutation testing:
scripts/mutation.py stats.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sp

from brechas_core.stats import (
    CorrelationResult,
    OLSResult,
    ols,
    pearson,
    pearson_rows,
    spearman,
    spearman_no_ties_formula,
    spearman_rows,
    t_critical,
    t_from_r,
)

# Table 2 of the study (gap %, share %), rounded: ten points, ties in the shares.
X = [64.09, 83.81, 30.95, 71.53, 34.05, 71.91, 46.67, 58.0, 15.07, 91.32]
Y = [5.65, 3.08, 0.0, 0.0, 0.63, 2.05, 1.81, 0.4, 0.0, 13.46]


def test_pearson_fills_every_field_like_scipy():
    res = pearson(X, Y)
    ref = sp.pearsonr(X, Y)
    assert res.method == "pearson"
    assert res.statistic == pytest.approx(ref.statistic, abs=1e-12)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
    assert (res.n, res.df, res.alpha) == (10, 8, 0.05)
    r = ref.statistic
    assert res.t == pytest.approx(r * np.sqrt(8 / (1 - r**2)), rel=1e-12)
    assert res.t_critical == pytest.approx(sp.t.ppf(0.975, 8), rel=1e-12)


def test_spearman_fills_every_field_like_scipy_with_ties():
    res = spearman(X, Y, alpha=0.10)
    ref = sp.spearmanr(X, Y)
    assert res.method == "spearman"
    assert res.statistic == pytest.approx(ref.statistic, abs=1e-12)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-9)
    assert (res.n, res.df, res.alpha) == (10, 8, 0.10)
    assert res.t_critical == pytest.approx(sp.t.ppf(0.95, 8), rel=1e-12)


def test_decision_sentence_when_significant():
    res = pearson([1, 2, 3, 4], [2, 4, 6, 9])
    # r = 0.99437, t = r sqrt(2 / (1 - r^2)) = 13.28 > 4.303 (df 2)
    assert res.significant
    assert res.decision == (
        f"|t| = {abs(res.t):.2f} > 4.303 (gl = 2, α = 0.05): "
        "se rechaza la hipótesis nula: hay una correlación significativa."
    )
    assert f"{abs(res.t):.2f}" == "13.28"


def test_decision_sentence_when_not_significant_and_negative():
    res = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 0])
    # ranks of y: 3, 2, 5, 4, 1; d = (-2, 0, -2, 0, 4), Σd² = 24, rho = 1 - 6 * 24 / 120 = -0.2;
    # t = -0.2 * sqrt(3 / 0.96) = -0.354, below 3.182 in absolute value
    assert res.statistic == pytest.approx(-0.2)
    assert not res.significant
    assert res.decision == (
        "|t| = 0.35 < 3.182 (gl = 3, α = 0.05): no se rechaza la hipótesis nula: "
        "no hay evidencia de una correlación significativa."
    )


def test_decision_names_the_method_when_a_variable_is_constant():
    assert pearson([1, 2, 3], [5, 5, 5]).decision == (
        "No se puede calcular la correlación de Pearson: una de las variables no varía."
    )
    assert spearman([4, 4, 4], [1, 2, 3]).decision == (
        "No se puede calcular la correlación de Spearman: una de las variables no varía."
    )


@pytest.mark.parametrize(
    ("t", "crit", "significant"),
    [
        (2.5, 2.306, True),
        (-2.5, 2.306, True),
        (2.0, 2.306, False),
        (np.inf, 12.706, True),
        (np.nan, 2.306, False),
    ],
    ids=["above", "negative-above", "below", "perfect", "undefined"],
)
def test_significant_means_absolute_t_above_the_critical_value(t, crit, significant):
    res = CorrelationResult("pearson", 0.5, 0.1, 10, 8, t, crit, 0.05)
    assert res.significant is significant


def test_perfect_and_constant_p_values():
    perfect = spearman([1, 2, 3, 4], [10, 20, 30, 40])
    assert perfect.statistic == 1.0 and perfect.pvalue == 0.0 and perfect.t == np.inf
    assert perfect.significant
    negative = pearson([1, 2, 3], [3, 2, 1])
    assert negative.statistic == -1.0 and negative.t == -np.inf and negative.pvalue == 0.0
    flat = pearson([1, 2, 3], [5, 5, 5])
    assert np.isnan(flat.t) and np.isnan(flat.pvalue)


def test_ols_r2_on_an_imperfect_line():
    # y = 1 + 2x plus residuals (0.5, -1, 0.5) on x = 0, 1, 2: the fit is y = 1 + 2x
    # (the residuals sum to zero and are orthogonal to x); SS_res = 1.5,
    # SS_tot = Σ(y - 3)² = (1.5-3)² + (2-3)² + (5.5-3)² = 2.25 + 1 + 6.25 = 9.5,
    # r² = 1 - 1.5 / 9.5 = 0.84210...
    fit = ols([0, 1, 2], [1.5, 2.0, 5.5])
    assert fit.slope == pytest.approx(2.0, abs=1e-12)
    assert fit.intercept == pytest.approx(1.0, abs=1e-12)
    assert fit.r2 == pytest.approx(1 - 1.5 / 9.5, abs=1e-12)
    assert fit.n == 3
    assert fit.predict([0, 1, 2]).tolist() == pytest.approx([1.0, 3.0, 5.0])


def test_ols_r2_is_undefined_when_the_shares_are_all_equal():
    fit = ols([1, 2, 3], [4.0, 4.0, 4.0])
    assert fit.slope == pytest.approx(0.0, abs=1e-12)
    assert fit.intercept == pytest.approx(4.0)
    assert np.isnan(fit.r2)


def test_ols_predict_is_intercept_plus_slope_times_x():
    assert OLSResult(2.0, 1.0, 0.5, 4).predict([0, 1.5, -2]).tolist() == [1.0, 4.0, -3.0]


@given(
    st.integers(3, 12).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(0, 100), min_size=n, max_size=n, unique=True),
            st.lists(st.floats(0, 100), min_size=n, max_size=n),
        )
    )
)
def test_ols_matches_scipy_linregress(xy):
    x, y = (np.asarray(v) for v in xy)
    if np.ptp(x) < 1e-3 or np.ptp(y) < 1e-3:
        return
    fit = ols(x, y)
    ref = sp.linregress(x, y)
    assert fit.slope == pytest.approx(ref.slope, rel=1e-6, abs=1e-6)
    assert fit.intercept == pytest.approx(ref.intercept, rel=1e-6, abs=1e-4)
    assert fit.r2 == pytest.approx(ref.rvalue**2, abs=1e-6)
    assert 0.0 <= fit.r2 <= 1.0 + 1e-12
    assert fit.n == len(x)


@given(
    st.integers(3, 12).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, 20).map(float), min_size=n, max_size=n),
            st.lists(st.integers(0, 20).map(float), min_size=n, max_size=n),
        )
    )
)
def test_p_values_and_statistics_match_scipy(xy):
    x, y = xy
    if len(set(x)) < 2 or len(set(y)) < 2:
        return
    for ours, ref in ((pearson(x, y), sp.pearsonr(x, y)), (spearman(x, y), sp.spearmanr(x, y))):
        assert ours.statistic == pytest.approx(ref.statistic, abs=1e-9)
        if abs(ref.statistic) < 1 - 1e-9:
            assert ours.pvalue == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-12)
        assert ours.df == len(x) - 2


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([1, 2, 3], [1, 2], "same length"),
        ([[1, 2, 3]], [[1, 2, 3]], "1-D"),
        ([1, 2], [3, 4], "at least 3"),
    ],
    ids=["lengths-differ", "two-dimensional", "two-points"],
)
def test_unusable_inputs_are_rejected(x, y, message):
    for f in (pearson, spearman, ols, spearman_no_ties_formula):
        with pytest.raises(ValueError, match=message):
            f(x, y)


def test_three_points_are_enough():
    assert pearson([1, 2, 3], [1, 3, 2]).df == 1
    assert spearman_no_ties_formula([1, 2, 3], [1, 3, 2]) == pytest.approx(0.5)


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.05, 1.5])
def test_t_critical_rejects_an_alpha_outside_0_1(alpha):
    with pytest.raises(ValueError, match="alpha"):
        t_critical(alpha, 8)


def test_t_critical_at_10_percent_and_one_percent():
    assert t_critical(0.10, 8) == pytest.approx(1.8595, abs=1e-4)
    assert t_critical(0.01, 8) == pytest.approx(3.3554, abs=1e-4)


def test_t_from_r_on_arrays_and_at_the_edges():
    got = t_from_r(np.array([0.5, -0.5, 1.0, 0.0]), 10)
    assert isinstance(got, np.ndarray)
    assert got[:2].tolist() == pytest.approx([1.632993, -1.632993], abs=1e-6)
    assert got[2] == np.inf and got[3] == 0.0
    assert isinstance(t_from_r(0.5, 10), float)


def test_no_ties_formula_overstates_rho_with_ties():
    # y = (0, 0, 5, 0, 9): ranks 2, 2, 4, 2, 5; d = (-1, 0, -1, 2, 0), Σd² = 6,
    # 1 - 6 * 6 / (5 * 24) = 0.7, while the exact rho is 0.6708
    x = [10.0, 20.0, 30.0, 40.0, 50.0]
    y = [0.0, 0.0, 5.0, 0.0, 9.0]
    assert spearman_no_ties_formula(x, y) == pytest.approx(0.7)
    assert spearman(x, y).statistic == pytest.approx(sp.spearmanr(x, y).statistic)


def test_row_versions_give_nan_for_a_constant_row_and_clip_to_one():
    x = [1.0, 2.0, 3.0, 4.0]
    rows = [[5.0, 5.0, 5.0, 5.0], [2.0, 4.0, 6.0, 8.0], [8.0, 6.0, 4.0, 2.0], [1.0, 3.0, 2.0, 4.0]]
    r = pearson_rows(x, rows)
    rho = spearman_rows(x, rows)
    assert np.isnan(r[0]) and np.isnan(rho[0])
    assert r[1:3].tolist() == [1.0, -1.0] and rho[1:3].tolist() == [1.0, -1.0]
    assert r[3] == pytest.approx(0.8) and rho[3] == pytest.approx(0.8)
    # x as rows too (one x per row)
    assert pearson_rows([x, x], [rows[1], rows[2]]).tolist() == [1.0, -1.0]


def test_row_versions_accept_a_single_row():
    assert float(pearson_rows([1.0, 2.0, 3.0], [2.0, 4.0, 7.0])) == pytest.approx(
        pearson([1.0, 2.0, 3.0], [2.0, 4.0, 7.0]).statistic
    )
    assert float(spearman_rows([1, 2, 3], [3, 1, 2])) == pytest.approx(-0.5)


def test_a_perfect_negative_line_is_clipped_to_minus_one():
    # On this exact line the raw quotient is -1.0000000000000002: r must stay in [-1, 1].
    x = [
        26.97867137638703,
        4.0973523936194685,
        1.6527635528529094,
        81.32702392002724,
        91.27555772777217,
        60.663577576717984,
        72.94965609839984,
    ]
    y = [
        -141.98743784842964,
        -17.598869481183293,
        -4.309473604201408,
        -437.43866472539173,
        -491.5213807886798,
        -325.1070063051145,
        -391.89719962004267,
    ]
    assert pearson(x, y).statistic == -1.0
    assert pearson_rows(x, [y])[0] == -1.0


def test_unusable_inputs_get_the_whole_sentence():
    for x, y, message in (
        ([1, 2, 3], [1, 2], "x and y must be 1-D arrays of the same length"),
        ([1, 2], [3, 4], "at least 3 pairs are needed"),
    ):
        with pytest.raises(ValueError) as info:
            pearson(x, y)
        assert str(info.value) == message
