"""data/projects_by_gap.csv: invariants of the committed table and a byte-for-byte rebuild."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

from brechas_core import data as d
from brechas_core import projects as P

REPO = Path(__file__).resolve().parents[2]
RAW = REPO.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return d.load_projects_by_gap()


def test_the_data_schema_accepts_exactly_the_classifier_classes():
    assert P.gap_classes() == d._GAP_CLASSES


def test_every_project_is_split_over_exactly_its_locations(projects):
    rows_per_project = projects.groupby("cui")["ubigeo"].transform("size")
    assert (rows_per_project == projects["n_locations"]).all()


def test_the_projects_are_in_the_ten_departments_of_the_invierte_files(projects):
    # Amazonas 01, Callao 07, Ica 11, Lambayeque 14, Madre de Dios 17, Moquegua 18,
    # Pasco 19, Tacna 23, Tumbes 24, Ucayali 25.
    assert set(projects["ubigeo"].str[:2]) == {
        "01", "07", "11", "14", "17", "18", "19", "23", "24", "25"
    }  # fmt: skip


def test_the_committed_classes_are_what_the_rules_give_today(projects):
    sample = projects.drop_duplicates("cui").sample(2000, random_state=0)
    c = P.classify(sample["name"].tolist())
    assert list(c.gap_id) == sample["gap_id"].tolist()
    assert list(c.rule_id) == sample["rule_id"].tolist()


@pytest.mark.skipif(not (RAW / "invierte").is_dir(), reason="raw Invierte.pe files not present")
def test_rebuilding_from_the_raw_workbooks_gives_the_same_bytes(tmp_path):
    spec = importlib.util.spec_from_file_location("bp", REPO / "scripts" / "build_projects.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("districts.csv", "project_rules.csv"):
        shutil.copy(REPO / "data" / name, tmp_path / name)
    module.build(RAW, tmp_path)
    built = (tmp_path / "projects_by_gap.csv").read_bytes()
    assert built == (REPO / "data" / "projects_by_gap.csv").read_bytes()


def test_the_districts_and_the_provinces_projects_add_up_to_all_of_them(projects):
    from brechas_core import portfolio as PF

    districts, gaps = d.load_districts(), d.load_study_priority_gaps()
    ubigeos = districts.loc[districts["department_code"] == "18", "ubigeo"].tolist()
    every = PF.table2(projects, districts, gaps, ubigeos, (2021, 2023))
    parts = [
        PF.table2(projects, districts, gaps, ubigeos, (2021, 2023), who)
        for who in ("distrital", "provincial", "otra")
    ]
    assert abs(sum(p.total for p in parts) - every.total) < 1e-3
