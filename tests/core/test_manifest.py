"""data/manifest.json: the committed data match it, and every kind of damage is named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from brechas_core import manifest
from brechas_core.data import DATA_DIR


def test_the_manifest_describes_every_file_of_data_as_it_is_now():
    written = json.loads((DATA_DIR / manifest.MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    now = manifest.describe(DATA_DIR)["files"]
    stale = sorted(
        f"{name}: manifest {written.get(name)} / file {now.get(name)}"
        for name in set(written) | set(now)
        if written.get(name) != now.get(name)
    )
    assert not stale, (
        "data/manifest.json disagrees with these files of data/ (changed, added or removed "
        f"without refreshing it); run `{manifest.REFRESH_COMMAND}`:\n" + "\n".join(stale)
    )


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the shipped data/ (with its manifest) to damage."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert manifest.check(copy) == []
    return copy


def test_districts_cut_in_half_is_detected_with_its_row_counts(data_copy):
    path = data_copy / "districts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    (fault,) = manifest.check(data_copy)
    assert fault.file == "districts.csv"
    assert fault.rows_expected == len(lines) - 1
    assert fault.rows_found == len(lines) // 2 - 1
    assert "filas" in fault.problem and "incompleto" in fault.problem


def test_a_missing_file_is_named(data_copy):
    (data_copy / "study_priority_gaps.csv").unlink()
    assert [(f.file, f.problem) for f in manifest.check(data_copy)] == [
        ("study_priority_gaps.csv", "Falta el archivo.")
    ]


def test_a_changed_value_with_the_same_rows_is_detected(data_copy):
    path = data_copy / "study_priority_gaps.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("agua", "aguu", 1), encoding="utf-8")
    (fault,) = manifest.check(data_copy)
    assert fault.file == "study_priority_gaps.csv"
    assert fault.rows_found == fault.rows_expected


def test_a_truncated_map_is_detected_by_its_size(data_copy):
    path = data_copy / "districts_geo_puno.json"
    path.write_bytes(path.read_bytes()[:1000])
    (fault,) = manifest.check(data_copy)
    assert fault.file == "districts_geo_puno.json"
    assert "bytes" in fault.problem


def test_a_missing_manifest_or_folder_is_a_fault(data_copy):
    (data_copy / manifest.MANIFEST_NAME).unlink()
    assert [f.file for f in manifest.check(data_copy)] == [manifest.MANIFEST_NAME]
    assert [f.file for f in manifest.check(data_copy / "nada")] == ["data/"]


def test_a_file_the_build_did_not_write_is_not_a_fault_for_the_app(data_copy):
    (data_copy / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert manifest.check(data_copy) == []


def test_refreshing_the_manifest_accepts_the_new_state(data_copy):
    (data_copy / "unit_costs.csv").write_text("a\n1\n", encoding="utf-8")
    assert manifest.check(data_copy)
    manifest.write(data_copy)
    assert manifest.check(data_copy) == []


def test_the_build_script_refreshes_the_manifest_without_raw_data(data_copy):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_data", DATA_DIR.parent / "scripts" / "build_data.py"
    )
    build_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_data)
    (data_copy / "new.csv").write_text("a\n1\n2\n", encoding="utf-8")
    assert build_data.main(["--manifest", "--out", str(data_copy), "--raw", "/nonexistent"]) == 0
    files = json.loads((data_copy / manifest.MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert files["new.csv"]["rows"] == 2
