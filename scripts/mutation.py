"""Mutation testing of brechas_core: run mutmut module by module and print the score of each.

Usage (from the repository root; slow, so not part of scripts/test.sh or CI):

    .venv/bin/python scripts/mutation.py                       # the six modules of issue 8
    .venv/bin/python scripts/mutation.py rules stats           # some modules
    .venv/bin/python scripts/mutation.py --children 2 --fresh  # 2 workers, regenerate mutants
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

Each module is a separate ``mutmut run "brechas_core.<module>.*"``, one or two workers at a
time (``--children``): the machine has two cores. A module of ~1,300 mutants (rules) takes
about 20-30 minutes with two workers on a quiet machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
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


def mutmut_bin() -> str:
    local = ROOT / ".venv" / "bin" / "mutmut"
    return str(local) if local.exists() else (shutil.which("mutmut") or "mutmut")


def run_module(module: str, children: int, log_dir: Path) -> float:
    """Run every mutant of one module; mutmut's own output goes to a log file."""
    log = log_dir / f"{module}.log"
    start = time.monotonic()
    with log.open("w") as fh:
        proc = subprocess.run(
            [mutmut_bin(), "run", "--max-children", str(children), f"brechas_core.{module}.*"],
            cwd=ROOT,
            stdout=fh,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if proc.returncode != 0:
        print(f"mutmut failed on {module} (exit {proc.returncode}); see {log}", file=sys.stderr)
    return time.monotonic() - start


def statuses(module: str) -> dict[str, str]:
    """Mutant name -> status, from mutmut's result file for the module."""
    from mutmut.stats import status_by_exit_code

    meta = ROOT / "mutants" / "brechas_core" / f"{module}.py.meta"
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def function_of(mutant: str) -> str:
    """``brechas_core.rules.x_reallocate__mutmut_12`` -> ``reallocate`` (methods: ``C.m``)."""
    name = mutant.split(".", 2)[-1]
    name = re.sub(r"__mutmut_\d+$", "", name)
    name = name.replace("xǁ", "").replace("ǁ", ".")
    return name[2:] if name.startswith("x_") else name


def changed_lines(mutant: str, module: str) -> tuple[str, str]:
    """The removed and added lines of a mutant's diff, whitespace-normalised."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        diff = get_diff_for_mutant(mutant, path=f"brechas_core/{module}.py")
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


def report(modules: list[str], *, show_survivors: bool) -> int:
    equivalents = load_equivalents()
    by_key = {(e["module"], e["function"], e["before"], e["after"]): e for e in equivalents}
    matched: set[tuple[str, str, str, str]] = set()
    rows = []
    for module in modules:
        st = statuses(module)
        if not st:
            print(f"{module}: no results (run it first)")
            continue
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
        rows.append((module, killed, total, n_equivalent, counts))
        if show_survivors and unexplained:
            print(f"\n## {module}: survivors not judged equivalent ({len(unexplained)})")
            for name, status, before, after in unexplained:
                print(f"{name} [{status}]\n    - {before}\n    + {after}")
    print()
    print(f"{'module':<12} {'killed':>7} {'total':>6} {'score':>7} {'equiv.':>7} {'score*':>7}")
    for module, killed, total, n_eq, counts in rows:
        score = 100 * killed / total if total else float("nan")
        denom = total - n_eq
        adjusted = 100 * killed / denom if denom else float("nan")
        other = ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()) if s != "killed")
        print(
            f"{module:<12} {killed:>7} {total:>6} {score:>6.1f}% {n_eq:>7} {adjusted:>6.1f}%"
            f"   ({other})"
        )
    print("score* leaves out the survivors listed as equivalent in", EQUIVALENTS.relative_to(ROOT))
    stale = [
        k for k in by_key if k[0] in modules and k not in matched and (rows and k[0] in modules)
    ]
    if stale:
        print(f"\n{len(stale)} listed equivalent(s) no longer survive or no longer exist:")
        for module, function, before, after in stale:
            print(f"  {module}.{function}: {before!r} -> {after!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=list(DEFAULT_MODULES))
    parser.add_argument("--children", type=int, default=1, help="mutmut workers (default 1)")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first")
    parser.add_argument("--report-only", action="store_true", help="only print the scores")
    parser.add_argument(
        "--survivors", action="store_true", help="list surviving mutants not judged equivalent"
    )
    args = parser.parse_args(argv)
    modules = [m.removeprefix("brechas_core.").removesuffix(".py") for m in args.modules]
    unknown = [m for m in modules if not (ROOT / "brechas_core" / f"{m}.py").exists()]
    if unknown:
        parser.error(f"no module brechas_core/{unknown[0]}.py")
    if not args.report_only:
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        log_dir = ROOT / "mutants" / "logs"
        for module in modules:
            log_dir.mkdir(parents=True, exist_ok=True)
            seconds = run_module(module, args.children, log_dir)
            st = statuses(module)
            killed = sum(1 for s in st.values() if s in KILLED)
            print(
                f"{module}: {killed}/{len(st)} killed in {seconds:.0f} s "
                f"(log: {(log_dir / f'{module}.log').relative_to(ROOT)})",
                flush=True,
            )
    return report(modules, show_survivors=args.survivors)


if __name__ == "__main__":
    sys.exit(main())
