"""The data manifest: what ``data/`` must hold, written by the build, checked by the app.

``data/manifest.json`` lists every file of ``data/`` (except ``README.md`` and itself) with
its size, SHA-256 and row count: the lines after the header for a CSV, the features for a
GeoJSON file. ``scripts/build_data.py`` writes it after a build; after adding or changing a
file in ``data/`` by any other means, refresh it with::

    python scripts/build_data.py --manifest

The app checks ``data/`` against it (:func:`check`) before drawing any page, so a damaged,
truncated or missing file gets a Spanish page that names it and says how to rebuild it,
instead of wrong figures or an error. A file cut in half still parses and may still pass the
schemas (fewer districts look like a smaller country); its row count and hash do not match.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> tmp = Path(tempfile.mkdtemp())
>>> _ = (tmp / "a.csv").write_text("x\\n1\\n2\\n", encoding="utf-8")
>>> _ = write(tmp)
>>> check(tmp)
[]
>>> _ = (tmp / "a.csv").write_text("x\\n1\\n", encoding="utf-8")
>>> [(f.file, f.rows_found, f.rows_expected) for f in check(tmp)]
[('a.csv', 1, 2)]
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from brechas_core.fmt import num

__all__ = [
    "MANIFEST_NAME",
    "REBUILD_COMMAND",
    "REFRESH_COMMAND",
    "Fault",
    "check",
    "describe",
    "signature",
    "write",
]

MANIFEST_NAME = "manifest.json"
REBUILD_COMMAND = "python scripts/build_data.py"
REFRESH_COMMAND = "python scripts/build_data.py --manifest"
_NOT_LISTED = {MANIFEST_NAME, "README.md"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fault:
    """One file of ``data/`` that does not match the manifest, explained in Spanish."""

    file: str
    problem: str
    rows_found: int | None = None
    rows_expected: int | None = None


def _files(data_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in data_dir.iterdir()
        if p.is_file() and p.name not in _NOT_LISTED and not p.name.startswith(".")
    )


def _rows(path: Path, blob: bytes) -> int | None:
    """Lines after the header of a CSV; features of a GeoJSON file; None otherwise."""
    if path.suffix == ".csv":
        lines = blob.count(b"\n") + (0 if blob.endswith(b"\n") or not blob else 1)
        return max(lines - 1, 0)
    if path.suffix == ".json":
        try:
            doc = json.loads(blob)
        except ValueError:
            return None
        if isinstance(doc, dict) and isinstance(doc.get("features"), list):
            return len(doc["features"])
    return None


def _entry(path: Path, blob: bytes | None = None) -> dict:
    blob = path.read_bytes() if blob is None else blob
    return {
        "bytes": len(blob),
        "sha256": hashlib.sha256(blob).hexdigest(),
        "rows": _rows(path, blob),
    }


def describe(data_dir: Path) -> dict:
    """The manifest for ``data_dir`` as it is now (a JSON-ready dict)."""
    return {
        "note": f"Written by {REFRESH_COMMAND}; checked by the app on start.",
        "files": {p.name: _entry(p) for p in _files(data_dir)},
    }


def write(data_dir: Path) -> Path:
    """Write ``data_dir/manifest.json`` (stable: sorted keys, one file per line)."""
    path = data_dir / MANIFEST_NAME
    text = json.dumps(describe(data_dir), indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def signature(data_dir: Path) -> tuple:
    """Cheap fingerprint (names, sizes, modification times) to know when to check again."""
    try:
        return tuple(
            (p.name, st.st_size, st.st_mtime_ns)
            for p in sorted(data_dir.iterdir())
            if (st := p.stat())
        )
    except OSError:
        return ()


def check(data_dir: Path) -> list[Fault]:
    """Every file of the manifest that is missing, of another size, or of other content.

    Files present in ``data_dir`` but not listed are not faults here (the app does not read
    what the build did not write); ``tests/core/test_manifest.py`` requires the manifest to
    list them all.
    """
    if not data_dir.is_dir():
        return [Fault("data/", "La carpeta de datos no existe.")]
    try:
        manifest = json.loads((data_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        expected = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return [
            Fault(
                MANIFEST_NAME,
                "Falta la lista de control de los datos o no se puede leer; no se puede "
                "comprobar que los datos estén completos.",
            )
        ]
    faults = []
    for name, want in sorted(expected.items()):
        path = data_dir / name
        if not path.is_file():
            faults.append(Fault(name, "Falta el archivo."))
            continue
        try:
            blob = path.read_bytes()
        except OSError:
            faults.append(Fault(name, "El archivo no se puede leer."))
            continue
        if hashlib.sha256(blob).hexdigest() == want.get("sha256"):
            continue
        got = _entry(path, blob)
        rows, want_rows = got["rows"], want.get("rows")
        if rows is not None and want_rows is not None and rows != want_rows:
            problem = (
                f"Tiene {num(rows, 0)} filas y debería tener {num(want_rows, 0)}: está "
                "incompleto o fue modificado."
            )
        elif got["bytes"] != want.get("bytes"):
            problem = (
                f"Mide {num(got['bytes'], 0)} bytes y debería medir "
                f"{num(want.get('bytes', 0), 0)}: está dañado o fue modificado."
            )
        else:
            problem = "Su contenido no es el que escribió la construcción de los datos."
        faults.append(Fault(name, problem, rows, want_rows))
    return faults
