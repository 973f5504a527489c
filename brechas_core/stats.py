"""Correlation tests and the least-squares line, as in the study.

The study tests the alignment between need (gap %) and money (budget share %) with
Spearman's rho (Table 2) and Pearson's r (Table 3), and judges significance with the
t statistic ``t = r * sqrt((n - 2) / (1 - r**2))`` against the two-sided critical t with
``n - 2`` degrees of freedom. This module gives those numbers as small result objects, plus
vectorised versions that evaluate many scenarios (rows) in one call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import special as _special
from scipy import stats as _st

from brechas_core.i18n import _

__all__ = [
    "CRITICAL_R_FORMULA",
    "PEARSON_T_FORMULA",
    "SPEARMAN_NO_TIES_FORMULA",
    "CorrelationResult",
    "CorrelationRows",
    "OLSResult",
    "correlation_result",
    "correlation_rows",
    "ols",
    "pearson",
    "pearson_rows",
    "spearman",
    "spearman_no_ties_formula",
    "spearman_rows",
    "t_critical",
    "t_from_r",
]


@dataclass(frozen=True)
class CorrelationResult:
    """A correlation coefficient with the study's t test.

    Attributes
    ----------
    method : {"spearman", "pearson"}
    statistic : float
        The coefficient (rho or r), in [-1, 1]; NaN when a variable is constant.
    pvalue : float
        Two-sided p-value of the t test with ``df`` degrees of freedom.
    n, df : int
        Number of pairs and degrees of freedom (``n - 2``).
    t : float
        ``statistic * sqrt(df / (1 - statistic**2))``.
    t_critical : float
        Two-sided critical value of Student's t at ``alpha``.
    alpha : float
    """

    method: str
    statistic: float
    pvalue: float
    n: int
    df: int
    t: float
    t_critical: float
    alpha: float

    @property
    def significant(self) -> bool:
        """True when ``|t|`` exceeds the critical value (H0 of no correlation rejected).

        A perfect correlation (``|r| = 1``, infinite t) is significant; an undefined one
        (a constant variable) is not.
        """
        return bool(not np.isnan(self.t) and abs(self.t) > self.t_critical)

    @property
    def decision(self) -> str:
        """The decision in plain words, as the study words it (Spanish, or the run's language:
        brechas_core.i18n)."""
        name = "Spearman" if self.method == "spearman" else "Pearson"
        if not np.isfinite(self.statistic):
            return _(
                "No se puede calcular la correlación de {name}: una de las variables no varía."
            ).format(name=name)
        cmp = ">" if self.significant else "<"
        verdict = (
            _("se rechaza la hipótesis nula: hay una correlación significativa")
            if self.significant
            else _(
                "no se rechaza la hipótesis nula: no hay evidencia de una correlación significativa"
            )
        )
        return _("|t| = {t} {cmp} {t_critical} (gl = {df}, α = {alpha}): {verdict}.").format(
            t=f"{abs(self.t):.2f}",
            cmp=cmp,
            t_critical=f"{self.t_critical:.3f}",
            df=self.df,
            alpha=f"{self.alpha:g}",
            verdict=verdict,
        )


@dataclass(frozen=True)
class OLSResult:
    """Ordinary least-squares line ``y = intercept + slope * x``.

    Attributes
    ----------
    slope, intercept : float
    r2 : float
        Coefficient of determination (NaN when ``y`` is constant).
    n : int
    """

    slope: float
    intercept: float
    r2: float
    n: int

    def predict(self, x: ArrayLike) -> np.ndarray:
        """Values of the line at ``x``."""
        return self.intercept + self.slope * np.asarray(x, dtype=float)


def t_from_r(r: ArrayLike, n: int) -> np.ndarray | float:
    """t statistic of a correlation coefficient: ``r * sqrt((n - 2) / (1 - r**2))``.

    Examples
    --------
    >>> round(float(t_from_r(0.5, 10)), 4)
    1.633
    """
    r = np.asarray(r, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt((n - 2) / (1.0 - r**2))
    return t if t.ndim else float(t)


def t_critical(alpha: float, df: int) -> float:
    """Two-sided critical value of Student's t.

    Examples
    --------
    >>> round(t_critical(0.05, 8), 3)
    2.306
    """
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    # scipy.special's Student t quantile: the same value as scipy.stats.t.ppf, without the
    # distribution object's per-call overhead (the Simulador calls this on every rerun).
    return float(_special.stdtrit(df, 1 - alpha / 2))


def _pairs(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("x and y must be 1-D arrays of the same length")
    if len(x) < 3:
        raise ValueError("at least 3 pairs are needed")
    return x, y


def correlation_result(method: str, r: float, n: int, alpha: float) -> CorrelationResult:
    """The t test of a coefficient ``r`` on ``n`` pairs (:func:`spearman`, :func:`pearson`):
    one row of :func:`correlation_rows`, so one coefficient and many get the same test.

    Examples
    --------
    >>> res = correlation_result("pearson", 0.5, 10, 0.05)
    >>> round(res.t, 4), res.significant
    (1.633, False)
    """
    return correlation_rows(method, [r], n, alpha)[0]


@dataclass(frozen=True)
class CorrelationRows:
    """The t tests of many coefficients (:func:`correlation_rows`): ``rows[i]`` is the test
    of ``r[i]``, as :func:`correlation_result` gives it."""

    method: str
    r: np.ndarray
    t: np.ndarray
    p: np.ndarray
    n: int
    alpha: float
    critical: float

    def __getitem__(self, i: int) -> CorrelationResult:
        return CorrelationResult(
            self.method,
            float(self.r[i]),
            float(self.p[i]),
            self.n,
            self.n - 2,
            float(self.t[i]),
            self.critical,
            self.alpha,
        )


def correlation_rows(method: str, r: ArrayLike, n: int, alpha: float) -> CorrelationRows:
    """The t tests of the coefficients ``r`` (one per row, from :func:`spearman_rows` or
    :func:`pearson_rows`) on ``n`` pairs each: ``t = r sqrt((n - 2) / (1 - r²))``, the
    two-sided p-value ``2 t.sf(|t|, n - 2)`` (0 for a perfect line, NaN for an undefined
    coefficient) and the critical t at ``alpha``.

    Examples
    --------
    >>> rows = correlation_rows("pearson", [0.5, 1.0, float("nan")], 10, 0.05)
    >>> rows[0] == correlation_result("pearson", 0.5, 10, 0.05)
    True
    >>> rows[1].pvalue, rows[1].significant, rows[2].significant
    (0.0, True, False)
    """
    r = np.asarray(r, dtype=float)
    finite = np.isfinite(r)
    t = np.where(finite, t_from_r(r, n), np.nan)
    tail = 2 * _special.stdtr(n - 2, -np.abs(np.where(np.isfinite(t), t, 0.0)))
    p = np.where(np.isfinite(t), tail, np.where(finite, 0.0, np.nan))
    return CorrelationRows(method, r, t, p, n, alpha, t_critical(alpha, n - 2))


def spearman(x: ArrayLike, y: ArrayLike, alpha: float = 0.05) -> CorrelationResult:
    """Spearman's rho with average ranks for ties, and its t test.

    rho is Pearson's r of the ranks, the exact definition when there are ties.

    Examples
    --------
    >>> res = spearman([1, 2, 3, 4], [1, 3, 2, 4])
    >>> round(res.statistic, 3), res.df
    (0.8, 2)
    """
    x, y = _pairs(x, y)
    r = _pearson_r(ranks(x), ranks(y))
    return correlation_result("spearman", r, len(x), alpha)


def ranks(x: ArrayLike) -> np.ndarray:
    """Average ranks (ties share the mean of their positions), 1 for the smallest.

    ``scipy.stats.rankdata``'s result and algorithm for one 1-D array (a NaN anywhere
    gives NaN ranks, as its default ``nan_policy="propagate"``), without the generality
    that costs it twice as long on the ten values a Simulador rerun ranks (issue 12).
    tests/core/test_stats.py checks it against scipy.

    Examples
    --------
    >>> ranks([30.0, 10.0, 20.0, 10.0]).tolist()
    [4.0, 1.5, 3.0, 1.5]
    """
    x = np.asarray(x, dtype=float)
    if np.isnan(x).any():
        return np.full(x.shape, np.nan)
    order = np.argsort(x, kind="mergesort")
    where = np.empty(len(x), dtype=np.intp)
    where[order] = np.arange(len(x))
    ordered = x[order]
    new = np.r_[True, ordered[1:] != ordered[:-1]]  # the first of each run of equal values
    dense = new.cumsum()[where]  # each value's run, from 1
    bounds = np.r_[np.nonzero(new)[0], len(new)]  # where each run starts, and the end
    return 0.5 * (bounds[dense] + bounds[dense - 1] + 1)


def spearman_no_ties_formula(x: ArrayLike, y: ArrayLike) -> float:
    """The study's formula (1), ``1 - 6 Σd² / (n(n² - 1))``, on average ranks.

    It equals Spearman's rho only when there are no ties; with ties it overstates it.

    Examples
    --------
    >>> spearman_no_ties_formula([1, 2, 3, 4], [1, 3, 2, 4])
    0.8
    """
    x, y = _pairs(x, y)
    d = ranks(x) - ranks(y)
    n = len(x)
    return float(1 - 6 * np.sum(d**2) / (n * (n**2 - 1)))


def _pearson_r(x: np.ndarray, y: np.ndarray) -> float:
    dx = x - x.mean()
    dy = y - y.mean()
    den = np.sqrt(np.sum(dx**2) * np.sum(dy**2))
    if den == 0:
        return float("nan")
    return float(np.clip(np.sum(dx * dy) / den, -1.0, 1.0))


def pearson(x: ArrayLike, y: ArrayLike, alpha: float = 0.05) -> CorrelationResult:
    """Pearson's r (the study's formula (2)) and its t test.

    Examples
    --------
    >>> res = pearson([1, 2, 3, 4], [2, 4, 6, 9])
    >>> round(res.statistic, 4), res.significant
    (0.9944, True)
    """
    x, y = _pairs(x, y)
    return correlation_result("pearson", _pearson_r(x, y), len(x), alpha)


def _rows_r(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    dx = x - x.mean(axis=-1, keepdims=True)
    dy = y - y.mean(axis=-1, keepdims=True)
    num = np.sum(dx * dy, axis=-1)
    den = np.sqrt(np.sum(dx**2, axis=-1) * np.sum(dy**2, axis=-1))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return np.clip(r, -1.0, 1.0)


def pearson_rows(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Pearson's r of each row of ``y`` against ``x`` (broadcast), in one call.

    Parameters
    ----------
    x : array_like, shape (k,) or (m, k)
    y : array_like, shape (m, k)

    Examples
    --------
    >>> pearson_rows([1, 2, 3], [[1, 2, 3], [3, 2, 1]]).tolist()
    [1.0, -1.0]
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return _rows_r(np.broadcast_to(x, y.shape), y)


def spearman_rows(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Spearman's rho (average ranks) of each row of ``y`` against ``x``, in one call.

    Examples
    --------
    >>> spearman_rows([1, 2, 3], [[10, 20, 30], [5, 5, 1]]).round(3).tolist()
    [1.0, -0.866]
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    rx = _st.rankdata(np.broadcast_to(x, y.shape), axis=-1)
    ry = _st.rankdata(y, axis=-1)
    return _rows_r(rx, ry)


def ols(x: ArrayLike, y: ArrayLike) -> OLSResult:
    """Least-squares fit of ``y`` (budget share) on ``x`` (gap size) with scikit-learn.

    scikit-learn is imported on the first call, not with this module: its import costs
    ~0.8 s once per process, which a fresh server's first page should not pay before it
    needs a fitted line. A constant ``x`` gives scikit-learn's answer, a flat line at the
    mean of ``y``.

    Examples
    --------
    >>> fit = ols([0, 1, 2], [1, 3, 5])
    >>> round(fit.slope, 6), round(fit.intercept, 6), round(fit.r2, 6)
    (2.0, 1.0, 1.0)
    >>> fit = ols([2, 2, 2], [1, 3, 5])
    >>> float(fit.slope), float(fit.intercept)
    (0.0, 3.0)
    """
    import sklearn
    from sklearn.linear_model import LinearRegression

    x, y = _pairs(x, y)
    # _pairs has already checked shapes; finite inputs are the caller's contract, so skip
    # scikit-learn's per-call validation (it dominates the cost on 10-16 points).
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        model = LinearRegression().fit(x.reshape(-1, 1), y)
    slope, intercept = float(model.coef_[0]), float(model.intercept_)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(np.sum((y - intercept - slope * x) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")
    return OLSResult(slope, intercept, r2, len(x))


# -- the formulas, as Metodología writes them --------------------------------------------------

#: Spearman's formula (1) of the study, valid without ties.
SPEARMAN_NO_TIES_FORMULA = r"r_s = 1 - \frac{6 \sum d_i^2}{n (n^2 - 1)}"
#: Pearson's r (the study's formula (2)) and its t statistic with n - 2 degrees of freedom.
PEARSON_T_FORMULA = (
    r"r = \frac{\sum (x_i - \bar x)(y_i - \bar y)}{\sqrt{\sum (x_i - \bar x)^2 "
    r"\sum (y_i - \bar y)^2}} \qquad t = r \sqrt{\frac{n-2}{1-r^2}}"
)
#: The critical t as a threshold on the coefficient itself (drawn on the minimum curve).
CRITICAL_R_FORMULA = r"r_c = \frac{t_c}{\sqrt{n - 2 + t_c^2}}"
