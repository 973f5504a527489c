"""The study's figures, recomputed from its own tables (issue: an honest reproduction)."""

import pytest

from brechas_core.study import comparison_table, reproduce


@pytest.fixture(scope="module")
def rep():
    return reproduce()


@pytest.mark.parametrize(
    ("attribute", "expected", "decimals"),
    [
        # Table 2: mean of the ten gaps = 567.10 / 10
        ("mean_gap_pct", 56.71, 2),
        # 5.65 + 6.28 + 1.66 + 0.02 + 13.46 = 27.07 (the ten together)
        ("priority_total_pct", 27.07, 2),
        # 27.07 / 10 = 2.707: the study's "2.71 % of the budget"
        ("priority_mean_pct", 2.707, 3),
        # Table 3: x̄ = 964.01 / 16, ȳ = 100 / 16
        ("function_gap_mean_pct", 60.25, 2),
        ("function_share_mean_pct", 6.25, 2),
        ("function_share_sum_pct", 100.0, 2),
        # water 5.65 + sewage 6.28 = 11.93, close to function 18 Saneamiento's 12.07
        ("water_plus_sewage_pct", 11.93, 2),
        ("sanitation_function_pct", 12.07, 2),
        ("n_tied_zero_shares", 5, 0),
        # the no-ties formula (1) on average ranks: 1 - 6 * 114 / 990
        ("spearman_formula_rho", 0.309, 3),
        ("spearman_formula_t", 0.92, 2),
    ],
)
def test_recomputed_figures(rep, attribute, expected, decimals):
    assert round(getattr(rep, attribute), decimals) == expected


@pytest.mark.parametrize(
    ("result", "statistic", "t", "pvalue", "significant"),
    [
        # Table 2: rho with average ranks for the five tied zeros
        ("spearman", 0.265, 0.78, 0.46, False),
        # Table 3: Pearson over the 16 published pairs (the study reports -0.662)
        ("pearson", -0.234, -0.90, 0.38, False),
    ],
)
def test_correlations_recomputed_from_the_tables(rep, result, statistic, t, pvalue, significant):
    res = getattr(rep, result)
    assert round(res.statistic, 3) == statistic
    assert round(res.t, 2) == t
    assert round(res.pvalue, 2) == pvalue
    assert res.significant is significant


def test_critical_t_matches_the_study(rep):
    # two-sided, alpha 0.05, 8 degrees of freedom
    assert round(rep.spearman.t_critical, 3) == rep.reported["spearman_t_critical"] == 2.306


def test_conclusion_is_the_same_as_the_study_despite_the_different_t(rep):
    # |-0.97| and 0.78 are both below 2.306: no significant correlation either way
    assert abs(rep.reported["spearman_t"]) < rep.spearman.t_critical
    assert abs(rep.spearman.t) < rep.spearman.t_critical


def test_comparison_flags_exactly_the_figures_that_do_not_match():
    table = comparison_table().set_index("cifra")
    mismatched = set(table.index[~table["coincide"].astype(bool)])
    assert mismatched == {
        "Spearman t (Tabla 2)",
        "Pearson r (Tabla 3)",
        "Promedio de brecha por sector (x̄)",
        "Promedio de atención por función (ȳ)",
    }
    assert all(table["explicacion"].str.len() > 40)
