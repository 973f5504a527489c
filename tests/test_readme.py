"""The README's layout section matches the tree: every path it names exists, and every
module and package of the app's own packages is named in it.

The section is the code block under ``### Layout``: a tree whose entries start a line
(``brechas_core/``, two spaces in for what lies inside it) and whose descriptions may name
more files (``mef_csv.py (MEF open data)``). A bare name is looked up in the entry's own
folder (a file's folder, or the folder itself), a name with a slash from the repository's
root.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# Folders whose every module (and subpackage) the layout must name, and scripts/.
PACKAGES = ("brechas_core", "brechas_ui", "brechas_store", "brechas_harness", "scripts")
# A path as the repository spells them: folders in lower case with a trailing slash, files
# with a known ending ("S/", "rho/r" and "CSV/XLSX" are prose, not paths).
NAME = re.compile(
    r"(?<![\w./-])((?:[a-z_][\w.-]*/)*"
    r"(?:[A-Za-z_][\w-]*(?:\.[\w-]+)*\.(?:py|md|csv|toml|txt|json|sh|conf|yml)|[a-z_][\w.-]*/))"
    r"(?![\w/-])"
)


def layout_block(text: str) -> list[str]:
    """The lines of the first code block after the ``### Layout`` heading."""
    section = text.split("\n### Layout\n", 1)[1]
    block = section.split("```", 2)[1]
    return block.split("\n")[1:]  # drop the fence's language line


def resolve(name: str, entry_dir: Path) -> str:
    """``name`` in the entry's folder, else from the root, else in the folder above; the
    first that exists (the entry's folder when none does)."""
    for base in (entry_dir, Path("."), entry_dir.parent):
        if (ROOT / base / name).exists():
            return (base / name).as_posix().rstrip("/")
    return (entry_dir / name).as_posix().rstrip("/")


def named_paths(lines: list[str]) -> dict[str, str]:
    """Each path the layout names (relative to the root) -> the line that names it."""
    found: dict[str, str] = {}
    stack: list[tuple[int, Path]] = []  # (indent, entry) of the enclosing entries
    entry_dir = Path(".")
    for line in lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        first = line.split()[0]
        is_entry = NAME.fullmatch(first) is not None and indent < 12
        if is_entry:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            parent = stack[-1][1] if stack else Path(".")
            entry = parent / first if "/" not in first.rstrip("/") else Path(first)
            if first.endswith("/"):
                stack.append((indent, entry))
                entry_dir = entry
            else:
                entry_dir = entry.parent
            found[entry.as_posix().rstrip("/")] = line.strip()
            rest = line.strip()[len(first) :]
        else:
            rest = line
        for name in NAME.findall(rest):
            found[resolve(name, entry_dir)] = line.strip()
    return found


def tree_modules() -> set[str]:
    """Every module and subpackage of PACKAGES, and every top-level folder of the project."""
    wanted = set()
    for package in PACKAGES:
        for path in (ROOT / package).iterdir():
            if path.name.startswith(("_", ".")):
                continue
            if path.suffix in {".py", ".sh"} or (path / "__init__.py").exists():
                wanted.add(path.relative_to(ROOT).as_posix())
    for path in ROOT.iterdir():
        if path.is_dir() and not path.name.startswith((".", "_")):
            if path.name in {"node_modules", "var", "mutants", "tmp"}:
                continue
            wanted.add(path.name)
    return wanted


@pytest.fixture(scope="module")
def named() -> dict[str, str]:
    return named_paths(layout_block(README.read_text(encoding="utf-8")))


def test_every_path_the_readme_layout_names_exists(named):
    missing = {path: line for path, line in named.items() if not (ROOT / path).exists()}
    assert not missing, f"the README's layout names paths that do not exist: {missing}"


def test_every_module_and_package_is_in_the_readme_layout(named):
    absent = sorted(tree_modules() - set(named))
    assert not absent, f"add to the README's layout (### Layout): {absent}"


def test_the_layout_reader_resolves_entries_descriptions_and_nesting():
    lines = [
        "app.py            the frame",
        "brechas_core/     the model",
        "  rules/            the rule: floor.py (the floor), priority.py",
        "  fmt.py            formats; see data/README.md",
        "brechas_ui/       helpers: state.py (links), cache.py",
        "                  render.py (charts)",
    ]
    assert set(named_paths(lines)) == {
        "app.py",
        "brechas_core",
        "brechas_core/rules",
        "brechas_core/rules/floor.py",
        "brechas_core/rules/priority.py",
        "brechas_core/fmt.py",
        "data/README.md",
        "brechas_ui",
        "brechas_ui/state.py",
        "brechas_ui/cache.py",
        "brechas_ui/render.py",
    }
