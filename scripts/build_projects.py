"""Build ``data/projects_by_gap.csv`` from the Invierte.pe project lists.

Usage::

    python scripts/build_projects.py                  # raw files from ../shared/data/raw
    python scripts/build_projects.py --raw DIR --out data

Reads ``invierte/*.xlsx`` (one workbook per department, 16 columns; see
``../shared/data/raw/PROVENANCE.md``), keeps the investments of local governments
(``Sector == GOBIERNOS LOCALES``), classifies each name with
``brechas_core.projects.classify`` and writes one row per (project, district where it is
located). It is kept apart from ``scripts/build_data.py`` because it needs only the workbooks
and the rules; run both to rebuild all of ``data/``.

The workbooks are read with openpyxl in read-only mode: it is the maintained reference XLSX
reader for Python (pandas' own ``read_excel`` engine), streams rows without loading the
styles, and needs nothing at run time. DuckDB's ``read_xlsx`` would need its ``excel``
extension, which DuckDB downloads on first use: the build must work offline.

The output is reproducible: rows sorted by (ubigeo, cui), amounts with two decimals, nothing
from the clock. Like ``build_data.py``, it ends by rewriting ``data/manifest.json``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from brechas_core import manifest  # noqa: E402
from brechas_core.projects import classify, load_rules  # noqa: E402

DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO_ROOT / "data"
LOCAL = "GOBIERNOS LOCALES"

# Workbook header -> our column name.
COLUMNS = {
    "Código único de inversión": "cui",
    "Nombre de la inversión": "name",
    "Monto viable": "monto_viable",
    "Estado de la inversión": "status",
    "Sector": "sector",
    "Entidad": "entity",
    "Fecha de registro": "registered",
    "Fecha de viabilidad": "viable",
    "Costo actualizado": "costo_actualizado",
    "Ubigeo": "ubigeo",
}

OUTPUT_COLUMNS = [
    "ubigeo",
    "cui",
    "year",
    "status",
    "municipality",
    "n_locations",
    "monto_viable",
    "costo_actualizado",
    "gap_id",
    "also_gap_id",
    "rule_id",
    "name",
]


def iter_workbook(path: Path) -> Iterator[dict[str, object]]:
    """Rows of one Invierte.pe workbook as dicts keyed by our column names."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = next(rows)
        missing = set(COLUMNS) - set(header)
        if missing:
            raise ValueError(f"{path.name}: faltan columnas {sorted(missing)}")
        index = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
        for row in rows:
            yield {name: row[i] for name, i in index.items()}
    finally:
        workbook.close()


def read_invierte(raw: Path) -> pd.DataFrame:
    """Every workbook's rows, with the file's department as ``source``."""
    files = sorted((raw / "invierte").glob("*.xlsx"))
    if not files:
        raise FileNotFoundError(f"no invierte/*.xlsx under {raw}")
    frames = [pd.DataFrame(list(iter_workbook(f))).assign(source=f.stem) for f in files]
    return pd.concat(frames, ignore_index=True)


def municipal_locations(raw_rows: pd.DataFrame, district_codes: set[str]) -> pd.DataFrame:
    """One row per (local-government project, district where it is located).

    Exact duplicate rows in the workbooks are dropped; a project located in several districts
    has its amounts split equally among them (``n_locations``), so summing a department counts
    each project once. Locations that are not districts (``- TODOS -`` of a province) are
    dropped before the split.
    """
    rows = raw_rows[raw_rows["sector"].eq(LOCAL) & raw_rows["cui"].notna()].copy()
    rows["cui"] = rows["cui"].astype("int64")
    rows["ubigeo"] = rows["ubigeo"].astype("int64").astype(str).str.zfill(6)
    rows = rows[rows["ubigeo"].isin(district_codes)]
    rows = rows.drop_duplicates(["cui", "ubigeo"])
    rows["n_locations"] = rows.groupby("cui")["ubigeo"].transform("size")
    for column in ("monto_viable", "costo_actualizado"):
        rows[column] = pd.to_numeric(rows[column]).fillna(0.0) / rows["n_locations"]
    rows["year"] = pd.to_numeric(rows["registered"].astype(str).str[-4:]).astype("int64")
    entity = rows["entity"].fillna("").str.upper()
    rows["municipality"] = "otra"
    rows.loc[entity.str.contains("DISTRITAL"), "municipality"] = "distrital"
    rows.loc[entity.str.contains("PROVINCIAL"), "municipality"] = "provincial"
    rows["name"] = rows["name"].fillna("").astype(str).str.split().str.join(" ")
    return rows


def build(raw: Path, out: Path) -> pd.DataFrame:
    districts = pd.read_csv(out / "districts.csv", dtype={"ubigeo": str}, usecols=["ubigeo"])
    rows = municipal_locations(read_invierte(raw), set(districts["ubigeo"]))
    classified = classify(rows["name"].tolist(), load_rules(out / "project_rules.csv"))
    rows["gap_id"] = classified.gap_id
    rows["also_gap_id"] = classified.also_gap_id
    rows["rule_id"] = classified.rule_id
    table = rows[OUTPUT_COLUMNS].sort_values(["ubigeo", "cui"]).reset_index(drop=True)
    text = table.copy()
    for column in ("monto_viable", "costo_actualizado"):
        text[column] = table[column].map(lambda v: f"{v:.2f}")
    text.to_csv(out / "projects_by_gap.csv", index=False, lineterminator="\n")
    manifest.write(out)  # the app checks data/ against it (brechas_core/manifest.py)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    table = build(args.raw, args.out)
    share = table.groupby("gap_id")["costo_actualizado"].sum() / table["costo_actualizado"].sum()
    print(
        f"projects_by_gap.csv: {len(table):,} rows, {table['cui'].nunique():,} projects, "
        f"{table['ubigeo'].nunique():,} districts"
    )
    print((100 * share).round(1).sort_values(ascending=False).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
