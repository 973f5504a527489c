"""Full-year MEF path: rows per second and peak memory of ``build_data.py --gasto``.

Usage::

    python benchmarks/bench_gasto.py [--rows 2000000] [--file EXISTING.csv] [--keep]

Writes a file in the exact official format with ``scripts/generate_gasto.py`` (unless
``--file`` is given), then runs, each in a child process so that its peak RSS is its own:

1. the baseline: DuckDB counting the file's rows (a bare scan of the same CSV);
2. the real command: ``python scripts/build_data.py --gasto FILE --out TMPDIR`` (read,
   aggregate, classify projects, write the three tables).

It prints wall-clock rows/s, CPU seconds, rows per CPU-second, peak RSS, and the ratio of the
command to the bare scan measured in the same run. Targets: >= 300,000 rows/s on the 2-core
machine and <= 1.5 GB peak RSS. On a shared machine the wall-clock figure depends on the
load (printed); rows per CPU-second does much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCAN = """
import sys, duckdb
sys.path.insert(0, {scripts!r})
import mef_gasto
con = duckdb.connect(config={{"threads": 2, "memory_limit": mef_gasto.MEMORY_LIMIT}})
con.execute("SET enable_progress_bar = false")
sql = ("SELECT count(*) FROM read_csv($f, header=true, delim=',', quote='\\"', escape='\\"', "
       "auto_detect=false, columns=$c, parallel=true)")
print(con.execute(sql, {{"f": [{path!r}], "c": mef_gasto._columns()}}).fetchone()[0])
"""


#: Runs a script or code in this child and reports the child's own peak RSS (KiB) at exit;
#: DuckDB's threads are inside the process, so ru_maxrss covers them.
WRAP = """
import resource, runpy, sys
target, args = sys.argv[1], sys.argv[2:]
sys.argv = [target, *args]
try:
    if target == "-c":
        exec(args[0], {"__name__": "__main__"})
    else:
        runpy.run_path(target, run_name="__main__")
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
finally:
    print(f"MAXRSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def _child(args: list[str]) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    cmd = [sys.executable, "-c", WRAP, *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{proc.stdout}\n{proc.stderr}")
    rss = [ln for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS_KB=")]
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "rss_mb": int(rss[-1].split("=")[1]) / 1024,
        "stdout": proc.stdout,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--file", type=Path, help="an existing MEF-format CSV to read")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="brechas-gasto-") as tmp:
        tmp = Path(tmp)
        path = args.file
        if path is None:
            path = tmp / "2024-Gasto.csv"
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "scripts/generate_gasto.py", str(path), "--rows", str(args.rows)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            took = time.perf_counter() - start
            print(f"generated {path.stat().st_size / 1e9:.2f} GB in {took:.0f} s")
        size_gb = path.stat().st_size / 1e9
        scan = _child(["-c", SCAN.format(scripts=str(ROOT / "scripts"), path=str(path))])
        rows = int(scan["stdout"].strip().splitlines()[-1])
        build = _child(
            [
                "scripts/build_data.py",
                "--gasto",
                str(path),
                "--out",
                str(tmp / "out"),
            ]
        )
        print(
            f"file: {rows:,} rows, {size_gb:.2f} GB; load average {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores (other work running makes wall-clock figures slower)"
        )
        print(f"{'':34}{'wall s':>8}{'rows/s':>12}{'CPU s':>8}{'rows/CPU-s':>13}{'peak RSS':>11}")
        for name, r in (("baseline: DuckDB count(*) scan", scan), ("build_data.py --gasto", build)):
            print(
                f"{name:34}{r['wall']:8.1f}{rows / r['wall']:12,.0f}{r['cpu']:8.1f}"
                f"{rows / r['cpu']:13,.0f}{r['rss_mb']:8,.0f} MB"
            )
        print(
            f"ratio command / bare scan: wall {build['wall'] / scan['wall']:.2f}x, "
            f"CPU {build['cpu'] / scan['cpu']:.2f}x"
        )
        print("targets: >= 300,000 rows/s (2 cores), <= 1,536 MB peak RSS")
        if args.keep and args.file is None:
            kept = ROOT / "benchmarks" / "out" / path.name
            kept.parent.mkdir(parents=True, exist_ok=True)
            path.replace(kept)
            print(f"kept {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
