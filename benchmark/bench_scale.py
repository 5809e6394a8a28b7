"""The Dask engine against ``graphbuild build`` on the same bytes, in the same run.

    python benchmark/bench_scale.py [../shared/corpus/bulk.jsonl.gz] [--rounds 3] [--out benchmark/scale]

For 1 and 2 workers, alternating, ``--rounds`` times each:

* ``graphbuild build CORPUS --jobs N --formats json`` (parse, resolve, relate, graph, graph.json);
* the engine: a ``LocalCluster`` of N worker processes (loopback only) runs
  :func:`graphbuild.scale.dask.extract_tables` (the Parquet extraction tables), then
  ``build_from_tables`` makes the graph and writes graph.json: the whole path, cluster start
  included, and the engine's part alone.

Reports the medians of wall time and of the peak memory of the whole process tree (sampled
every 0.1 s: the client, the scheduler, the nannies and the workers together), the scaling
ratio (1 worker / 2 workers) and engine / build at the same parallelism; checks that the
engine's graph.json is byte-identical to build's.  Not a test: run it on a quiet machine
(the figures in the README say how loaded theirs was).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ENGINE = """
import sys, time, json
from pathlib import Path
from dask.distributed import Client, LocalCluster
from graphbuild.build import build_from_tables, write_graph
from graphbuild.scale.dask import extract_tables
corpus, out, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
if __name__ == "__main__":
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        t = time.perf_counter()
        report = extract_tables(client, [corpus], out / "tables", partition_bytes=16 << 20)
        engine = time.perf_counter() - t
    g = build_from_tables(out / "tables")
    write_graph(g, out, ["json"])
    print(json.dumps({"engine_seconds": engine, "partitions": report.partitions, "documents": report.documents}))
"""


def run(cmd: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the process tree, stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read().decode()
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return time.perf_counter() - t0, peak / 2**20, out


def measure(corpus: str, rounds: int, work: Path) -> dict:
    env = dict(os.environ)
    results: dict[str, list] = {}
    for r in range(rounds):
        for workers in (1, 2):
            build_out, engine_out = work / f"build{workers}", work / f"engine{workers}"
            seconds, peak, _ = run([sys.executable, "-m", "graphbuild", "build", corpus, "-j", str(workers), "-q",
                                    "-o", str(build_out), "--formats", "json"], env)
            results.setdefault(f"build_j{workers}", []).append((seconds, peak, None))
            seconds, peak, out = run([sys.executable, "-c", ENGINE, corpus, str(engine_out), str(workers)], env)
            results.setdefault(f"engine_w{workers}", []).append((seconds, peak, json.loads(out)["engine_seconds"]))
            same = (build_out / "graph.json").read_bytes() == (engine_out / "graph.json").read_bytes()
            if not same:
                raise SystemExit(f"the engine's graph differs from build's ({workers} workers)")
            print(r, workers, {k: round(v[-1][0], 2) for k, v in results.items()}, "load", os.getloadavg()[0],
                  flush=True)
    table = {k: {"seconds": statistics.median(x[0] for x in v), "peak_MB": statistics.median(x[1] for x in v),
                 "engine_seconds": statistics.median(x[2] for x in v) if v[0][2] is not None else None}
             for k, v in results.items()}
    table["ratios"] = {
        "build_scaling": table["build_j1"]["seconds"] / table["build_j2"]["seconds"],
        "engine_scaling": table["engine_w1"]["seconds"] / table["engine_w2"]["seconds"],
        "engine_part_scaling": table["engine_w1"]["engine_seconds"] / table["engine_w2"]["engine_seconds"],
        "engine_over_build_1": table["engine_w1"]["seconds"] / table["build_j1"]["seconds"],
        "engine_over_build_2": table["engine_w2"]["seconds"] / table["build_j2"]["seconds"],
    }
    table["load_average_after"] = os.getloadavg()
    return table


def markdown(t: dict, corpus: str, rounds: int) -> str:
    rows = ["| run | wall s (median) | engine part s | peak RSS of the tree, MB |", "|---|---|---|---|"]
    for key, what in (("build_j1", "graphbuild build --jobs 1"), ("engine_w1", "Dask engine, 1 worker + from-tables"),
                      ("build_j2", "graphbuild build --jobs 2"), ("engine_w2", "Dask engine, 2 workers + from-tables")):
        r = t[key]
        part = f"{r['engine_seconds']:.1f}" if r["engine_seconds"] is not None else ""
        rows.append(f"| {what} | {r['seconds']:.1f} | {part} | {r['peak_MB']:,.0f} |")
    q = t["ratios"]
    rows += ["", f"{Path(corpus).name}, {rounds} alternating rounds. Scaling 1 -> 2: build {q['build_scaling']:.2f}x, "
             f"engine {q['engine_scaling']:.2f}x (its extraction part {q['engine_part_scaling']:.2f}x); engine / build: "
             f"{q['engine_over_build_1']:.2f} (1), {q['engine_over_build_2']:.2f} (2). Load average after: "
             f"{t['load_average_after'][0]:.1f}."]
    return "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/bulk.jsonl.gz")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default="benchmark/scale", help="writes OUT.md and OUT.json")
    args = ap.parse_args()
    corpus = str(Path(args.corpus).resolve())
    with tempfile.TemporaryDirectory(prefix="graphbuild-scale-") as tmp:
        table = measure(corpus, args.rounds, Path(tmp))
    text = markdown(table, corpus, args.rounds)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(table, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
