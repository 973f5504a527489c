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
    "DataFileError",
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


class DataFileError(Exception):
    """A table of ``data/`` is missing, unreadable or fails its schema: a data fault, not
    something the user did. ``file`` names it (for the Spanish page that explains it)."""

    def __init__(self, file: str, detail: str):
        super().__init__(f"data/{file}: {detail}")
        self.file = file


def _read(name: str, schema: pa.DataFrameSchema, **kwargs) -> pd.DataFrame:
    try:
        frame = pd.read_csv(DATA_DIR / name, **kwargs)
        return schema.validate(frame)
    except (OSError, ValueError, pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        # ValueError covers pandas' parser and empty-file errors and bad encodings.
        raise DataFileError(name, f"{type(exc).__name__}: {str(exc)[:300]}") from exc


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


# --------------------------------------------------------------------------------------
# Tables built by scripts/build_data.py (MEF budgets, INEI districts, unit costs, polygons)
# --------------------------------------------------------------------------------------

__all__ += [
    "load_district_geo",
    "load_districts",
    "load_functions_by_department",
    "load_municipalities",
    "load_typical_district",
    "load_unit_costs",
]

_soles = pa.Check.ge(0.0)
_ubigeo = pa.Check.str_matches(r"^\d{6}$")
_years = pa.Check.isin([2021, 2022, 2023])
#: municipalities.csv adds 2024 and 2025 (partial) from the Consulta Amigable export.
_budget_years = pa.Check.isin([2021, 2022, 2023, 2024, 2025])

MUNICIPALITIES = pa.DataFrameSchema(
    {
        "ubigeo": pa.Column(str, _ubigeo),
        "year": pa.Column(int, _budget_years),
        "pia": pa.Column(float, _soles),
        "pim": pa.Column(float, _soles),
        "devengado": pa.Column(float, _soles),
        "girado": pa.Column(float, _soles),
        # devengado can exceed PIM in a few places in MEF data, so no upper bound of 100 here.
        "execution_pct": pa.Column(float, pa.Check.ge(0.0)),
        # true for a year not closed yet (2025: execution as of the Consulta Amigable scrape)
        "partial": pa.Column(bool),
    },
    unique=["ubigeo", "year"],
    strict=True,
    coerce=True,
)

_gap_or_coverage = pa.Column(float, _pct, nullable=True)

DISTRICTS = pa.DataFrameSchema(
    {
        "ubigeo": pa.Column(str, _ubigeo, unique=True),
        "department_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
        "province_code": pa.Column(str, pa.Check.str_matches(r"^\d{4}$")),
        "department": pa.Column(str),
        "province": pa.Column(str),
        "district": pa.Column(str),
        "department_upper": pa.Column(str),
        "province_upper": pa.Column(str),
        "district_upper": pa.Column(str),
        "name_source": pa.Column(str, pa.Check.isin(["INEI", "MEF"])),
        "population": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "water_coverage_pct": _gap_or_coverage,
        "sewage_coverage_pct": _gap_or_coverage,
        "electricity_coverage_pct": _gap_or_coverage,
        "water_gap_pct": _gap_or_coverage,
        "sewage_gap_pct": _gap_or_coverage,
        "electricity_gap_pct": _gap_or_coverage,
        "internet_coverage_pct": _gap_or_coverage,
        "internet_gap_pct": _gap_or_coverage,
        "food_vulnerability": pa.Column("Int64", pa.Check.in_range(0, 100), nullable=True),
        "poverty_pct": _gap_or_coverage,
        "extreme_poverty_pct": _gap_or_coverage,
        "hdi": pa.Column(float, pa.Check.in_range(0.0, 1.0), nullable=True),
        "altitude_m": pa.Column("Int64", pa.Check.in_range(0, 6000), nullable=True),
        "density_km2": pa.Column(float, pa.Check.ge(0.0), nullable=True),
        "has_polygon": pa.Column(bool),
    },
    checks=[
        pa.Check(
            lambda df: (
                (df["ubigeo"].str[:2] == df["department_code"])
                & (df["ubigeo"].str[:4] == df["province_code"])
            ),
            error="department and province codes are the ubigeo's prefixes",
        ),
    ],
    strict=True,
    coerce=True,
)

FUNCTIONS_BY_DEPARTMENT = pa.DataFrameSchema(
    {
        "department_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
        "year": pa.Column(int, _years),
        "function_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
        "function_name": pa.Column(str),
        "pim": pa.Column(float, _soles),
        "devengado": pa.Column(float, _soles),
    },
    unique=["department_code", "year", "function_code"],
    strict=True,
    coerce=True,
)

TYPICAL_DISTRICT = pa.DataFrameSchema(
    {
        "key": pa.Column(str, unique=True),
        "value": pa.Column(float, pa.Check.ge(0.0)),
        "unit": pa.Column(str, pa.Check.isin(["S/", "%", "personas", "hab/km²"])),
        "statistic": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    checks=[
        pa.Check(
            lambda df: df.loc[df["unit"] == "%", "value"].between(0, 100).all(),
            error="percentages lie in 0-100",
        ),
    ],
    strict=True,
    coerce=True,
)

_cost = pa.Column(float, pa.Check.gt(0.0), nullable=True)

UNIT_COSTS = pa.DataFrameSchema(
    {
        "gap_id": pa.Column(str, pa.Check.str_matches(r"^[a-z_]+$"), unique=True),
        "projectable": pa.Column(bool),
        "unit": pa.Column(str),
        "base_share": pa.Column(
            float, pa.Check.in_range(0.0, 1.0, include_min=False), nullable=True
        ),
        "cost_low": _cost,
        "cost_central": _cost,
        "cost_high": _cost,
        "cost_urban": _cost,
        "cost_rural": _cost,
        "kind": pa.Column(
            str,
            pa.Check.isin(["referencia oficial", "referencia pública", "supuesto ilustrativo"]),
        ),
        "source": pa.Column(str, pa.Check.str_length(min_value=1)),
        "note": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    checks=[
        pa.Check(
            lambda df: (
                ~df["projectable"]
                | (
                    df[["base_share", "cost_low", "cost_central", "cost_high"]].notna().all(axis=1)
                    & (df["cost_low"] <= df["cost_central"])
                    & (df["cost_central"] <= df["cost_high"])
                    & (df["cost_low"] <= df["cost_urban"])
                    & (df["cost_urban"] <= df["cost_rural"])
                    & (df["cost_rural"] <= df["cost_high"])
                )
            ),
            error="projectable rows have a base share and costs with low <= central <= high "
            "and low <= urban <= rural <= high",
        ),
    ],
    strict=True,
    coerce=True,
)


def load_municipalities() -> pd.DataFrame:
    """Budget and execution of every district municipality, 2021-2025 (MEF).

    2021-2023 from MEF open data, 2024 and 2025 from the Consulta Amigable export; 2025 is a
    partial year (``partial``).

    Returns
    -------
    DataFrame
        One row per ``(ubigeo, year)``: ``ubigeo`` (6-digit text), ``year`` (int),
        ``pia, pim, devengado, girado`` (soles), ``execution_pct``
        (``100 * devengado / pim``, 0 where PIM is 0) and ``partial`` (bool).

    Examples
    --------
    >>> m = load_municipalities()
    >>> puno = m[(m["year"] == 2023) & m["ubigeo"].str.startswith("21")]
    >>> pim, dev = float(puno["pim"].sum()), float(puno["devengado"].sum())
    >>> len(puno), round(pim / 1e6, 2), round(dev / 1e6, 2), round(100 * dev / pim, 1)
    (110, 1707.98, 1321.43, 77.4)
    """
    return _read(
        "municipalities.csv",
        MUNICIPALITIES,
        dtype={"ubigeo": str, "year": "int64"},
        true_values=["true"],
        false_values=["false"],
    )


def load_districts() -> pd.DataFrame:
    """Every INEI district with names, census 2017 service coverage and gaps.

    Returns
    -------
    DataFrame
        One row per ``ubigeo``: codes (``department_code``, ``province_code``), Spanish names
        (``department``, ``province``, ``district``) and the upper-case source names
        (``*_upper``), ``name_source``, ``population``, ``water/sewage/electricity``
        ``_coverage_pct`` and ``_gap_pct`` (gap = 100 - coverage, missing where the census
        has no data), ``poverty_pct``, ``extreme_poverty_pct``, ``hdi`` (0-1),
        ``altitude_m``, ``density_km2`` (inhabitants per km², 2020, INEI via
        ubigeo-peru-aumentado; missing where unknown) and ``has_polygon`` (False where the
        map lacks the district).

    Examples
    --------
    >>> d = load_districts().set_index("ubigeo")
    >>> str(d.at["211105", "district"]), bool(d.at["211105", "has_polygon"])
    ('San Miguel', False)
    """
    codes = {"ubigeo": str, "department_code": str, "province_code": str}
    # Names are read verbatim (a district could be called "NA"); only numeric cells that
    # are empty are missing values.
    numeric = [
        c
        for c in DISTRICTS.columns
        if c.endswith(("_pct", "_m", "_km2")) or c in ("hdi", "population", "food_vulnerability")
    ]
    return _read(
        "districts.csv",
        DISTRICTS,
        dtype={
            **codes,
            "population": "Int64",
            "altitude_m": "Int64",
            "food_vulnerability": "Int64",
        },
        keep_default_na=False,
        na_values={c: [""] for c in numeric},
    )


def load_functions_by_department() -> pd.DataFrame:
    """Local governments' PIM and devengado by function, department and year (MEF).

    Returns
    -------
    DataFrame
        ``department_code`` (department of the spending goal), ``year``, ``function_code``
        (MEF FUNCION code, 2-digit text), ``function_name`` (Spanish), ``pim``,
        ``devengado`` (soles).

    Examples
    --------
    >>> f = load_functions_by_department()
    >>> puno = f[(f["department_code"] == "21") & (f["year"] == 2023)]
    >>> round(float(puno["pim"].sum()) / 1e6, 2)
    1707.98
    """
    return _read(
        "functions_by_department.csv",
        FUNCTIONS_BY_DEPARTMENT,
        dtype={"department_code": str, "function_code": str, "year": "int64"},
    )


def load_typical_district() -> pd.DataFrame:
    """Defaults for "a typical Puno district" (medians over Puno's 110 municipalities).

    Returns
    -------
    DataFrame
        Long format ``key, value, unit, statistic, source``; keys ``pim``, ``devengado``
        (S/ per year), ``execution_pct`` (%), ``population``, ``water_gap_pct``,
        ``sewage_gap_pct``, ``electricity_gap_pct`` (%), ``density_km2`` (inhabitants per
        km², 2020: picks the central unit cost, see :mod:`brechas_core.costs`).
        ``statistic`` says exactly which median each value is.

    Examples
    --------
    >>> t = load_typical_district().set_index("key")["value"]
    >>> sorted(t.index)[:3]
    ['density_km2', 'devengado', 'electricity_gap_pct']
    """
    return _read("typical_district_puno.csv", TYPICAL_DISTRICT, keep_default_na=False)


def load_unit_costs() -> pd.DataFrame:
    """Cost of closing one gap for one person (S/ of 2023), per priority gap of Table 2.

    Returns
    -------
    DataFrame
        ``gap_id, projectable, unit, base_share`` (share of the population the gap applies
        to), ``cost_low, cost_central, cost_high`` (the band, spanning urban and rural
        figures; central: a national reference), ``cost_urban, cost_rural`` (the two ends a
        district's rurality interpolates, see :mod:`brechas_core.costs`) (all missing for
        non-projectable gaps),
        ``kind`` ("referencia oficial" or "supuesto ilustrativo"), ``source``, ``note``.

    Examples
    --------
    >>> u = load_unit_costs().set_index("gap_id")
    >>> sorted(u.index[u["projectable"]])
    ['agua', 'anemia', 'desague', 'electricidad']
    """
    return _read(
        "unit_costs.csv",
        UNIT_COSTS,
        dtype={"gap_id": str, "projectable": bool},
        keep_default_na=False,
        na_values={
            c: [""]
            for c in (
                "base_share",
                "cost_low",
                "cost_central",
                "cost_high",
                "cost_urban",
                "cost_rural",
            )
        },
    )


def load_district_geo(department_code: str | None = None) -> dict:
    """Simplified district polygons as a parsed GeoJSON FeatureCollection.

    Parameters
    ----------
    department_code : str, optional
        Two-digit INEI department code (``"21"`` is Puno). ``None`` returns all of Peru.

    Returns
    -------
    dict
        A FeatureCollection whose features carry only ``properties.ubigeo``; names come
        from :func:`load_districts`. Districts missing from the map have
        ``has_polygon == False`` there.

    Examples
    --------
    >>> geo = load_district_geo("21")
    >>> len(geo["features"]), geo["features"][0]["properties"]
    (108, {'ubigeo': '210101'})
    """
    import json

    if department_code is not None and not (
        isinstance(department_code, str) and len(department_code) == 2 and department_code.isdigit()
    ):
        raise ValueError(f"department_code must be two digits, got {department_code!r}")
    name = "districts_geo_puno.json" if department_code == "21" else "districts_geo.json"
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        geo = json.load(fh)
    features = geo.get("features", [])
    if any(set(f.get("properties", {})) != {"ubigeo"} for f in features):
        raise ValueError(f"{name}: every feature must carry only the ubigeo property")
    if department_code is not None and department_code != "21":
        features = [f for f in features if f["properties"]["ubigeo"][:2] == department_code]
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------------------
# Investment projects classified into gaps (built by scripts/build_projects.py)
# --------------------------------------------------------------------------------------

__all__ += ["load_projects_by_gap"]

_GAP_CLASSES = [
    "agua",
    "desague",
    "electricidad",
    "tres_servicios",
    "desnutricion",
    "anemia",
    "asegurados",
    "locales_estado",
    "locales_servicios",
    "pea_inactiva",
    "otros",
]

PROJECTS_BY_GAP = pa.DataFrameSchema(
    {
        "ubigeo": pa.Column(str, _ubigeo),
        "cui": pa.Column("int64", pa.Check.gt(0)),
        "year": pa.Column("int64", pa.Check.in_range(1990, 2100)),
        "status": pa.Column(str, pa.Check.isin(["ACTIVO", "CERRADO"])),
        "municipality": pa.Column(str, pa.Check.isin(["distrital", "provincial", "otra"])),
        "n_locations": pa.Column("int64", pa.Check.ge(1)),
        "monto_viable": pa.Column(float, _soles),
        "costo_actualizado": pa.Column(float, _soles),
        "gap_id": pa.Column(str, pa.Check.isin(_GAP_CLASSES)),
        "also_gap_id": pa.Column(str, pa.Check.isin([*_GAP_CLASSES, ""])),
        "rule_id": pa.Column(str, pa.Check.str_matches(r"^[a-z_]+$")),
        "name": pa.Column(str),
    },
    strict=True,
    coerce=True,
    unique=["ubigeo", "cui"],
)


def load_projects_by_gap() -> pd.DataFrame:
    """Local-government investment projects of ten departments, each classified into a gap.

    Returns
    -------
    DataFrame
        One row per (project, district where it is located): ``ubigeo, cui, year``
        (registration), ``status, municipality`` (who runs it), ``n_locations`` (districts the
        project's amounts are split over), ``monto_viable, costo_actualizado`` (S/, this
        district's part), ``gap_id, also_gap_id, rule_id`` (from
        ``brechas_core.projects.classify``), ``name``.

    Examples
    --------
    >>> p = load_projects_by_gap()
    >>> sorted(p["ubigeo"].str[:2].unique())[:3], bool(p["gap_id"].isin(["otros"]).any())
    (['01', '07', '11'], True)
    """
    frame = pd.read_csv(
        DATA_DIR / "projects_by_gap.csv",
        dtype={"ubigeo": str, "also_gap_id": str, "name": str},
        keep_default_na=False,
    )
    return PROJECTS_BY_GAP.validate(frame)


GAP_SPENDING_BY_MUNICIPALITY = pa.DataFrameSchema(
    {
        "year": pa.Column("int64", pa.Check.in_range(1990, 2100)),
        "ubigeo": pa.Column(str, _ubigeo),
        "gap_id": pa.Column(str, pa.Check.isin(_GAP_CLASSES)),
        "devengado": pa.Column(float),
        "share_pct": pa.Column(float),
    },
    strict=True,
    coerce=True,
    unique=["year", "ubigeo", "gap_id"],
)


def load_gap_spending_by_municipality(data_dir: Path | None = None) -> pd.DataFrame:
    """Real spending by gap per municipality and year, from the MEF full-year files.

    Written by ``scripts/build_data.py --gasto`` (projects classified by name); empty until
    someone runs it on MEF's ``{YEAR}-Gasto.csv`` files (see ``data/README.md``).

    Returns
    -------
    DataFrame
        ``year, ubigeo, gap_id, devengado`` (S/), ``share_pct`` (% of the municipality's
        whole devengado that year).
    """
    path = (data_dir or DATA_DIR) / "gap_spending_by_municipality.csv"
    if not path.exists():
        frame = pd.DataFrame(columns=list(GAP_SPENDING_BY_MUNICIPALITY.columns))
    else:
        frame = pd.read_csv(path, dtype={"ubigeo": str, "gap_id": str})
    return GAP_SPENDING_BY_MUNICIPALITY.validate(frame)


__all__ += ["load_district_indicators"]

DISTRICT_INDICATORS = pa.DataFrameSchema(
    {
        "column": pa.Column(str, unique=True),
        "label": pa.Column(str),
        "unit": pa.Column(str),
        "function_code": pa.Column(str, pa.Check.str_matches(r"^(\d{2})?$")),
        "function": pa.Column(str),
        "used": pa.Column(bool),
        "reason": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source": pa.Column(str),
    },
    checks=[
        pa.Check(
            lambda df: (df["function_code"] != "") == df["used"],
            error="an indicator is used exactly when it maps to a municipal function",
        ),
        pa.Check(
            lambda df: df["column"].isin(list(DISTRICTS.columns)),
            error="every indicator is a column of districts.csv",
        ),
    ],
    strict=True,
    coerce=True,
)


def load_district_indicators() -> pd.DataFrame:
    """Which district indicators map to a municipal function (used), which not, and why.

    Examples
    --------
    >>> t = load_district_indicators()
    >>> t.loc[t["used"], "column"].tolist()[-2:]
    ['internet_gap_pct', 'food_vulnerability']
    """
    frame = pd.read_csv(
        DATA_DIR / "district_indicators.csv", dtype={"function_code": str}, keep_default_na=False
    )
    return DISTRICT_INDICATORS.validate(frame)
