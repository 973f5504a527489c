"""Mutation testing of brechas_core: run mutmut module by module and print the score of each.

Usage (from the repository root; slow, so not part of scripts/test.sh or CI):

    .venv/bin/python scripts/mutation.py                       # the six modules of issue 8
    .venv/bin/python scripts/mutation.py rules stats           # some modules
    .venv/bin/python scripts/mutation.py --children 2 --fresh  # 2 workers, regenerate mutants
    .venv/bin/python scripts/mutation.py --sample 300 rules     # a seeded sample of its mutants
    .venv/bin/python scripts/mutation.py --report-only --survivors rules  # no run: list them

mutmut 3 (pinned in requirements-dev.txt, configured in pyproject.toml's [tool.mutmut]) copies
brechas_core into ``mutants/``, makes one mutant per small change (``<=`` -> ``<``, ``+`` ->
``-``, a constant changed, a call argument dropped...), and runs, for each mutant, the tests of
tests/core and the doctests that call the mutated function. A mutant the tests do not notice
"survives": a wrong number that no test would catch.

The score of a module is killed / all of its mutants (a mutant with no test counts as
survived). Survivors judged *equivalent* (the code behaves identically, so no test can kill
them) are listed with the reason in tests/core/mutation_equivalents.csv; the script also
prints the score with those left out, and flags listed equivalents that no longer survive or
no longer exist. Mutants are matched to that list by function and by the changed line, not by
mutmut's number, which shifts when the code changes.

The modules asked for are one ``mutmut run "brechas_core.<module>.*" ...``, one or two
workers at a time (``--children``): the machine has two cores. A module of ~1,300 mutants
(rules) takes about 20-40 minutes with two workers on a quiet machine. ``--sample N`` runs
a seeded random sample of N mutants of each module instead, and prints the score with its
95 % (Wilson) interval.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODULES = ("rules", "stats", "scenario", "projection", "alignment", "fmt")
EQUIVALENTS = ROOT / "tests" / "core" / "mutation_equivalents.csv"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def source(module: str) -> Path:
    """``rules.floor`` -> ``brechas_core/rules/floor.py``."""
    return ROOT / "brechas_core" / f"{module.replace('.', '/')}.py"


def expand(module: str) -> list[str]:
    """A package (``rules``) stands for each of its modules (``rules.floor``, ...)."""
    package = ROOT / "brechas_core" / module.replace(".", "/")
    if package.is_dir():
        return [f"{module}.{p.stem}" for p in sorted(package.glob("*.py")) if p.stem != "__init__"]
    return [module]


def mutmut_bin() -> str:
    local = ROOT / ".venv" / "bin" / "mutmut"
    return str(local) if local.exists() else (shutil.which("mutmut") or "mutmut")


GENERATE = """
import os, sys
os.chdir(sys.argv[1])
from mutmut.__main__ import copy_also_copy_files, copy_src_dir, create_mutants, setup_source_paths
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants(1)
"""


def sample_names(module: str, n: int, seed: int) -> list[str]:
    """A seeded random sample of the module's mutant names (mutants are generated first)."""
    subprocess.run(
        [sys.executable, "-c", GENERATE, str(ROOT)], check=True, capture_output=True, text=True
    )
    names = sorted(statuses(module))
    return sorted(random.Random(f"{seed}:{module}").sample(names, min(n, len(names))))


def run_modules(modules: list[str], children: int, log: Path, names: list[str]) -> float:
    """Run the mutants of the modules (all of them, or ``names``) in one mutmut run.

    mutmut first maps each test to the functions it calls. It is told to map the whole suite
    afresh: mutmut 3.8 maps only new tests by passing their ids back to pytest, which fails
    on parametrized ids with escaped characters (accents, line breaks).
    """
    (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    start = time.monotonic()
    with log.open("w") as fh:
        proc = subprocess.run(
            [mutmut_bin(), "run", "--max-children", str(children)]
            + (names or [f"brechas_core.{module}.*" for module in modules]),
            cwd=ROOT,
            stdout=fh,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if proc.returncode != 0:
        print(f"mutmut failed (exit {proc.returncode}); see {log}", file=sys.stderr)
    return time.monotonic() - start


def statuses(module: str) -> dict[str, str]:
    """Mutant name -> status, from mutmut's result file for the module."""
    from mutmut.stats import status_by_exit_code

    meta = ROOT / "mutants" / source(module).relative_to(ROOT).with_suffix(".py.meta")
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def function_of(mutant: str) -> str:
    """``brechas_core.rules.floor.x_reallocate__mutmut_12`` -> ``reallocate`` (methods:
    ``C.m``)."""
    name = mutant.rsplit(".", 1)[-1]
    name = re.sub(r"__mutmut_\d+$", "", name)
    name = name.replace("xǁ", "").replace("ǁ", ".")
    return name[2:] if name.startswith("x_") else name


def changed_lines(mutant: str, module: str) -> tuple[str, str]:
    """The removed and added lines of a mutant's diff, whitespace-normalised."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        diff = get_diff_for_mutant(mutant, path=str(source(module).relative_to(ROOT)))
    finally:
        os.chdir(cwd)
    minus = [ln[1:] for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return " | ".join(" ".join(m.split()) for m in minus), " | ".join(
        " ".join(p.split()) for p in plus
    )


def load_equivalents() -> list[dict[str, str]]:
    if not EQUIVALENTS.exists():
        return []
    with EQUIVALENTS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def report(
    modules: list[str], *, show_survivors: bool, only: dict[str, list[str]] | None = None
) -> int:
    """Print the score of each module (of the mutants in ``only[module]`` when given)."""
    equivalents = load_equivalents()
    by_key = {(e["module"], e["function"], e["before"], e["after"]): e for e in equivalents}
    matched: set[tuple[str, str, str, str]] = set()
    rows = []
    for module in modules:
        st = statuses(module)
        if not st:
            print(f"{module}: no results (run it first)")
            continue
        if only and module in only:
            st = {name: st[name] for name in only[module]}
        unchecked = sum(1 for s in st.values() if s == "not checked")
        st = {name: s for name, s in st.items() if s != "not checked"}
        counts = Counter(st.values())
        killed = sum(n for s, n in counts.items() if s in KILLED)
        total = len(st)
        survivors = sorted(name for name, s in st.items() if s not in KILLED)
        n_equivalent = 0
        unexplained = []
        for name in survivors:
            before, after = changed_lines(name, module)
            key = (module, function_of(name), before, after)
            if key in by_key:
                n_equivalent += 1
                matched.add(key)
            else:
                unexplained.append((name, st[name], before, after))
        rows.append((module, killed, total, n_equivalent, counts, unchecked))
        if show_survivors and unexplained:
            print(f"\n## {module}: survivors not judged equivalent ({len(unexplained)})")
            for name, status, before, after in unexplained:
                print(f"{name} [{status}]\n    - {before}\n    + {after}")
    print()
    print(f"{'module':<20} {'killed':>7} {'total':>6} {'score':>7} {'equiv.':>7} {'score*':>7}")
    for module, killed, total, n_eq, counts, unchecked in rows:
        score = 100 * killed / total if total else float("nan")
        denom = total - n_eq
        adjusted = 100 * killed / denom if denom else float("nan")
        other = ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()) if s != "killed")
        if unchecked:
            lo, hi = wilson(killed, total)
            other += f"; {unchecked} not run; 95 % interval {lo:.1f}-{hi:.1f} %"
        elif only and module in only:
            lo, hi = wilson(killed, total)
            other += f"; a sample of {total}: 95 % interval {lo:.1f}-{hi:.1f} %"
        print(
            f"{module:<20} {killed:>7} {total:>6} {score:>6.1f}% {n_eq:>7} {adjusted:>6.1f}%"
            f"   ({other})"
        )
    print("score* leaves out the survivors listed as equivalent in", EQUIVALENTS.relative_to(ROOT))
    sampled = only or any(row[5] for row in rows)  # a sample: unrun mutants are not stale
    stale = [k for k in by_key if k[0] in modules and k not in matched and not sampled]
    if stale:
        print(f"\n{len(stale)} listed equivalent(s) no longer survive or no longer exist:")
        for module, function, before, after in stale:
            print(f"  {module}.{function}: {before!r} -> {after!r}")
    return 0


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson interval of a proportion k / n, in %."""
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (centre - half), 100 * (centre + half)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=list(DEFAULT_MODULES))
    parser.add_argument("--children", type=int, default=1, help="mutmut workers (default 1)")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first")
    parser.add_argument("--sample", type=int, help="run only N random mutants per module")
    parser.add_argument("--seed", type=int, default=8, help="seed of the sample (default 8)")
    parser.add_argument("--report-only", action="store_true", help="only print the scores")
    parser.add_argument(
        "--survivors", action="store_true", help="list surviving mutants not judged equivalent"
    )
    args = parser.parse_args(argv)
    modules = [
        m
        for arg in args.modules
        for m in expand(arg.removeprefix("brechas_core.").removesuffix(".py").replace("/", "."))
    ]
    unknown = [m for m in modules if not source(m).exists()]
    if unknown:
        parser.error(f"no module {source(unknown[0]).relative_to(ROOT)}")
    only: dict[str, list[str]] = {}
    if not args.report_only:
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        names: list[str] = []
        for module in modules if args.sample else []:
            only[module] = sample_names(module, args.sample, args.seed)
            names += only[module]
        log = ROOT / "mutants" / "mutmut.log"
        log.parent.mkdir(exist_ok=True)
        seconds = run_modules(modules, args.children, log, names)
        print(f"mutmut ran in {seconds:.0f} s (log: {log.relative_to(ROOT)})", flush=True)
    return report(modules, show_survivors=args.survivors, only=only)


if __name__ == "__main__":
    sys.exit(main())
