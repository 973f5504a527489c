"""Loading and validating the project's own tables in ``data/``.

Every table the app shows is read here, validated with a pandera schema, and returned as a
plain DataFrame. Nothing here caches: the UI layer decides what to cache. Column meanings,
units and sources are documented in ``data/README.md``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

__all__ = [
    "DATA_DIR",
    "data_version",
    "load_study_functions",
    "load_study_priority_gaps",
    "load_study_reported",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_pct = pa.Check.in_range(0.0, 100.0)

STUDY_PRIORITY_GAPS = pa.DataFrameSchema(
    {
        "gap_id": pa.Column(str, pa.Check.str_matches(r"^[a-z_]+$"), unique=True),
        "label": pa.Column(str),
        "gap_pct": pa.Column(float, _pct),
        "attention_pct": pa.Column(float, _pct),
    },
    strict=True,
    coerce=True,
)

STUDY_FUNCTIONS = pa.DataFrameSchema(
    {
        "function_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$"), unique=True),
        "label": pa.Column(str),
        "gap_pct": pa.Column(float, _pct),
        "attention_pct": pa.Column(float, _pct),
    },
    strict=True,
    coerce=True,
)

STUDY_REPORTED = pa.DataFrameSchema(
    {
        "key": pa.Column(str, unique=True),
        "value": pa.Column(float),
        "unit": pa.Column(str, pa.Check.isin(["count", "pct", "t", "r", "probability"])),
        "label": pa.Column(str),
        "where": pa.Column(str),
    },
    strict=True,
    coerce=True,
)


def _read(name: str, schema: pa.DataFrameSchema, **kwargs) -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / name, **kwargs)
    return schema.validate(frame)


def load_study_priority_gaps() -> pd.DataFrame:
    """The study's Table 2: the ten priority gaps.

    Returns
    -------
    DataFrame
        ``gap_id, label, gap_pct, attention_pct``; ``attention_pct`` is the average share of
        the whole executed budget (2021-2023) that attended the gap.

    Examples
    --------
    >>> t2 = load_study_priority_gaps()
    >>> len(t2), round(float(t2["gap_pct"].mean()), 2)
    (10, 56.71)
    """
    return _read("study_priority_gaps.csv", STUDY_PRIORITY_GAPS, dtype={"gap_id": str})


def load_study_functions() -> pd.DataFrame:
    """The study's Table 3: sector gap and share of the executed budget for 16 functions.

    Returns
    -------
    DataFrame
        ``function_code`` (MEF FUNCION code, 2-digit text), ``label``, ``gap_pct``,
        ``attention_pct`` (sums to 100).

    Examples
    --------
    >>> t3 = load_study_functions()
    >>> len(t3), round(float(t3["attention_pct"].sum()), 2)
    (16, 100.0)
    """
    return _read("study_functions.csv", STUDY_FUNCTIONS, dtype={"function_code": str})


def load_study_reported() -> pd.Series:
    """The figures the study reports in its text, by key.

    Examples
    --------
    >>> reported = load_study_reported()
    >>> float(reported["pearson_r"]), float(reported["spearman_t"])
    (-0.662, -0.97)
    """
    frame = _read("study_reported.csv", STUDY_REPORTED)
    return frame.set_index("key")["value"]


def load_study_reported_labels() -> pd.DataFrame:
    """The reported figures with their Spanish label and where the paper states them."""
    return _read("study_reported.csv", STUDY_REPORTED).set_index("key")


def data_version(data_dir: Path | None = None) -> str:
    """A short fingerprint of the tables that results depend on.

    Scenario links carry it, so that a link opened after the data changed can say so.
    It hashes the bytes of every CSV in ``data/`` (names and contents, in name order).

    Examples
    --------
    >>> v = data_version()
    >>> len(v), v == data_version()
    (8, True)
    """
    root = data_dir or DATA_DIR
    digest = hashlib.sha256()
    for path in sorted(root.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]
