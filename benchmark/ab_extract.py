"""A/B of two builds of graphbuild on ``extract --jobs 1`` and ``--jobs 2``, alternating.

    python benchmark/ab_extract.py BUILD_A BUILD_B [--corpus ../shared/corpus/bulk.jsonl.gz] [--rounds 3]

``BUILD_A`` and ``BUILD_B`` are folders put first on ``PYTHONPATH`` (e.g. compiled copies made
with ``pip install --no-deps --target DIR .``).  Each round runs A and B with ``--jobs 1``,
then both with ``--jobs 2``; reports the medians of wall time and of CPU time (the children's
user + system), the paired ``--jobs 1`` / ``--jobs 2`` ratios, and whether the outputs are
byte-identical.  CPU time is the better guide when other jobs load the machine.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("builds", nargs=2)
    ap.add_argument("--corpus", default="../shared/corpus/bulk.jsonl.gz")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    corpus = str(Path(args.corpus).resolve())
    names = {"A": args.builds[0], "B": args.builds[1]}
    runs: dict[tuple, list] = {}
    with tempfile.TemporaryDirectory(prefix="graphbuild-ab-") as tmp:
        for r in range(args.rounds):
            for jobs in ("1", "2"):
                for name, path in names.items():
                    env = dict(os.environ, PYTHONPATH=str(Path(path).resolve()))
                    out = Path(tmp) / f"{name}-j{jobs}.jsonl"
                    c0, t0 = cpu(), time.perf_counter()
                    subprocess.run([sys.executable, "-m", "graphbuild", "extract", corpus, "-j", jobs, "-q", "-o",
                                    str(out)], check=True, env=env, cwd=tmp)
                    runs.setdefault((name, jobs), []).append((time.perf_counter() - t0, cpu() - c0))
            print(r, {f"{n}-j{j}": [round(x, 1) for x in v[-1]] for (n, j), v in runs.items()},
                  "load", os.getloadavg()[0], flush=True)
        same = {f"{n}: j1 == j2": filecmp.cmp(Path(tmp) / f"{n}-j1.jsonl", Path(tmp) / f"{n}-j2.jsonl", shallow=False)
                for n in names}
        same["A j1 == B j1"] = filecmp.cmp(Path(tmp) / "A-j1.jsonl", Path(tmp) / "B-j1.jsonl", shallow=False)
    for name, path in names.items():
        j1, j2 = runs[(name, "1")], runs[(name, "2")]
        print(f"{name} ({path}): --jobs 1 wall {statistics.median(x[0] for x in j1):.1f} s, "
              f"CPU {statistics.median(x[1] for x in j1):.1f} s; --jobs 2 wall {statistics.median(x[0] for x in j2):.1f} s, "
              f"CPU {statistics.median(x[1] for x in j2):.1f} s; paired ratio "
              f"{statistics.median(a[0] / b[0] for a, b in zip(j1, j2)):.2f}x")
    print(same)


if __name__ == "__main__":
    main()
