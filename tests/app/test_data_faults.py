"""Damaged data gets a Spanish page naming the file and how to rebuild it, on every page.

Each test runs the app on a damaged copy of data/ (brechas_core.data.DATA_DIR pointed at
it): the check against data/manifest.json, the scenario (state.init) and the territory
selector are all inside the safety net, so no page shows Streamlit's English error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from brechas_core import data, manifest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
DATA_PAGE = "Los datos de la aplicación están dañados o incompletos"


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    """``damaged(change)``: a copy of data/ changed by ``change(dir)``, used by the app."""

    def _damage(change) -> Path:
        copy = tmp_path / "data"
        shutil.copytree(data.DATA_DIR, copy)
        change(copy)
        monkeypatch.setattr(data, "DATA_DIR", copy)
        return copy

    return _damage


def half_of_districts(root: Path) -> None:
    path = root / "districts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")


def garbage_study_table(root: Path) -> None:
    (root / "study_priority_gaps.csv").write_bytes(b"\x00\xff garbage, not a table\n")


def no_data_folder(root: Path) -> None:
    shutil.rmtree(root)


def open_app(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page != "inicio":
        at.switch_page(f"pages/{page}.py")
    return at.run()


def shown_errors(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    return "\n".join(e.value for e in at.error)


@pytest.mark.parametrize("page", PAGES)
def test_districts_cut_in_half_gives_every_page_the_spanish_data_page(damaged, page):
    damaged(half_of_districts)
    text = shown_errors(open_app(page, {"territorio": "21", "minimo": "40"}))
    assert DATA_PAGE in text
    assert "`data/districts.csv`" in text
    assert "filas" in text and manifest.REBUILD_COMMAND in text
    assert "Cambie el último valor" not in text


@pytest.mark.parametrize("page", ["inicio", "simulador", "territorios"])
@pytest.mark.parametrize("fault", [garbage_study_table, no_data_folder], ids=lambda f: f.__name__)
def test_a_damaged_or_missing_data_folder_names_what_is_wrong(damaged, page, fault):
    damaged(fault)
    text = shown_errors(open_app(page))
    assert DATA_PAGE in text
    assert ("study_priority_gaps.csv" if fault is garbage_study_table else "`data/`") in text
    assert "Cambie el último valor" not in text


def test_a_table_that_matches_its_manifest_but_not_its_schema_is_named(damaged):
    def bad_but_listed(root: Path) -> None:
        path = root / "study_priority_gaps.csv"
        path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
        manifest.write(root)

    damaged(bad_but_listed)
    text = shown_errors(open_app("inicio"))
    assert DATA_PAGE in text
    assert "`data/study_priority_gaps.csv`" in text
    assert "Cambie el último valor" not in text
