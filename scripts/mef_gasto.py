"""The full-year MEF "Presupuesto y Ejecución de Gasto" files, streamed with DuckDB.

Used by ``scripts/build_data.py --gasto FILE [FILE ...]``. Each ``{YEAR}-Gasto.csv`` has 7 to
11 million rows (7-10 GB): never loaded in pandas. DuckDB reads the CSV in parallel and
aggregates it in one pass into a small table (one row per year × level × ubigeo × function
× project), from which three tables for ``data/`` are derived:

``functions_by_municipality.csv``
    ``year, ubigeo, function_code, pia, pim, devengado``: each municipality's real spending by
    function (``NIVEL_GOBIERNO = 'M'``; ubigeo from the three ``*_EJECUTORA`` codes).
``projects_by_municipality.csv``
    ``year, ubigeo, cui, function_code, gap_id, also_gap_id, rule_id, pim, devengado``: each
    municipal project (``TIPO_ACT_PROY = '2'``) classified into a gap by its name
    (:func:`brechas_core.projects.classify`, the same rules as everywhere in the app).
``gap_spending_by_municipality.csv``
    ``year, ubigeo, gap_id, devengado, share_pct``: the projects' devengado per gap (a
    water-and-sewage project half and half) and its share of the municipality's whole
    devengado, as the study's Table 2 (``otros`` included). The app uses these shares instead
    of the department estimate wherever they exist.

The rules are those of :mod:`brechas_core.imports.mef_csv` (the upload reader); the tests
check on generated files that both give the same figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from brechas_core import projects  # noqa: E402
from brechas_core.imports.mef_csv import COLUMNS  # noqa: E402

AMOUNTS = {"MONTO_PIA", "MONTO_PIM", "MONTO_DEVENGADO"}
#: DuckDB's memory limit for the aggregation (the 1.5 GB RSS target leaves room for Python).
MEMORY_LIMIT = "900MB"

_AGGREGATE = """
SELECT
    TRY_CAST(ANO_EJE AS INTEGER) AS year,
    NIVEL_GOBIERNO AS level,
    lpad(DEPARTAMENTO_EJECUTORA, 2, '0') || lpad(PROVINCIA_EJECUTORA, 2, '0')
        || lpad(DISTRITO_EJECUTORA, 2, '0') AS ubigeo,
    lpad(FUNCION, 2, '0') AS function_code,
    CASE WHEN TIPO_ACT_PROY = '2' THEN PRODUCTO_PROYECTO ELSE '' END AS cui,
    any_value(CASE WHEN TIPO_ACT_PROY = '2' THEN PRODUCTO_PROYECTO_NOMBRE END) AS project,
    sum(MONTO_PIA) AS pia,
    sum(MONTO_PIM) AS pim,
    sum(MONTO_DEVENGADO) AS devengado,
    count(*) AS n_rows
FROM read_csv(
    $files, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = $columns, parallel = true
)
GROUP BY ALL
"""


def _columns() -> dict[str, str]:
    return {c: ("DOUBLE" if c in AMOUNTS else "VARCHAR") for c in COLUMNS}


def _check_header(path: Path) -> None:
    with open(path, encoding="utf-8-sig") as f:
        header = [c.strip().strip('"') for c in f.readline().rstrip("\r\n").split(",")]
    if header != list(COLUMNS):
        missing = ", ".join(c for c in COLUMNS if c not in header) or "none, but reordered"
        raise SystemExit(
            f"{path}: not the MEF 'Presupuesto y Ejecución de Gasto' format "
            f"({len(header)} columns; missing: {missing})"
        )


def aggregate(files: list[Path], *, threads: int = 2, progress: bool = True) -> pd.DataFrame:
    """One pass over the year files: sums per year × level × ubigeo × function × project.

    Returns
    -------
    DataFrame
        ``year, level, ubigeo, function_code, cui, project, pia, pim, devengado, n_rows``;
        ``frame.attrs["rows"]`` is the number of rows read and ``attrs["seconds"]`` the time.
    """
    for path in files:
        _check_header(path)
    con = duckdb.connect(config={"threads": threads, "memory_limit": MEMORY_LIMIT})
    try:
        con.execute("SET preserve_insertion_order = false")
        if progress:
            con.execute("SET enable_progress_bar = true")
            con.execute("SET enable_progress_bar_print = true")
        start = time.perf_counter()
        frame = con.execute(
            _AGGREGATE, {"files": [str(f) for f in files], "columns": _columns()}
        ).df()
        seconds = time.perf_counter() - start
    finally:
        con.close()
    for column in ("level", "ubigeo", "function_code", "cui"):
        frame[column] = frame[column].fillna("")
    frame.attrs["rows"] = int(frame["n_rows"].sum())
    frame.attrs["seconds"] = seconds
    return frame


def tables(lines: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The three ``data/`` tables from :func:`aggregate`'s lines (municipalities only)."""
    m = lines[(lines["level"] == "M") & lines["ubigeo"].str.fullmatch(r"\d{6}")]
    functions = (
        m.groupby(["year", "ubigeo", "function_code"], as_index=False)[["pia", "pim", "devengado"]]
        .sum()
        .sort_values(["year", "ubigeo", "function_code"], ignore_index=True)
    )
    p = (
        m[m["cui"] != ""]
        .groupby(["year", "ubigeo", "cui"], as_index=False)
        .agg(
            function_code=("function_code", "first"),
            project=("project", "first"),
            pim=("pim", "sum"),
            devengado=("devengado", "sum"),
        )
    )
    c = projects.classify(p["project"].fillna("").tolist())
    p["gap_id"] = c.gap_id
    p["also_gap_id"] = c.also_gap_id
    p["rule_id"] = c.rule_id
    p = p.sort_values(["year", "ubigeo", "cui"], ignore_index=True)
    money = projects.attribute(p, ["devengado"])
    gaps = money.groupby(["year", "ubigeo", "gap_id"], as_index=False)["devengado"].sum()
    total = functions.groupby(["year", "ubigeo"])["devengado"].sum().rename("total")
    gaps = gaps.join(total, on=["year", "ubigeo"])
    gaps["share_pct"] = (100.0 * gaps["devengado"] / gaps["total"]).where(gaps["total"] > 0, 0.0)
    gaps = gaps.drop(columns="total").sort_values(["year", "ubigeo", "gap_id"], ignore_index=True)
    keep = ["year", "ubigeo", "cui", "function_code", "gap_id", "also_gap_id", "rule_id"]
    project_out = p[[*keep, "pim", "devengado"]]
    return {
        "functions_by_municipality.csv": functions,
        "projects_by_municipality.csv": project_out,
        "gap_spending_by_municipality.csv": gaps,
    }


def write(tables_: dict[str, pd.DataFrame], out: Path) -> None:
    """Write the tables reproducibly (sorted rows, fixed decimals)."""
    for name, frame in tables_.items():
        frame = frame.copy()
        for column in ("pia", "pim", "devengado"):
            if column in frame:
                frame[column] = frame[column].map(lambda v: f"{v:.2f}")
        if "share_pct" in frame:
            frame["share_pct"] = frame["share_pct"].map(lambda v: f"{v:.4f}")
        frame.to_csv(out / name, index=False, lineterminator="\n")


def run(files: list[Path], out: Path, *, threads: int = 2, progress: bool = True) -> dict:
    """Aggregate the files and write the tables; return figures for printing."""
    lines = aggregate(files, threads=threads, progress=progress)
    result = tables(lines)
    write(result, out)
    rows, seconds = lines.attrs["rows"], lines.attrs["seconds"]
    municipal = lines[lines["level"] == "M"]
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows / seconds if seconds > 0 else float("nan"),
        "municipal_rows": int(municipal["n_rows"].sum()),
        "municipalities": int(result["functions_by_municipality.csv"]["ubigeo"].nunique()),
        "years": sorted(int(y) for y in municipal["year"].dropna().unique()),
        "projects": len(result["projects_by_municipality.csv"]),
    }
