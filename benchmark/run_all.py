"""The benchmark suite on the bulk corpus: a Markdown table and a chart.

    python benchmark/run_all.py [../shared/corpus/bulk.jsonl.gz] [--out benchmark/results]

Measures, on the same bytes in the same run:

* the floor: one pass of ``grep -c`` (or ``rg -c``) for the trigger words over the text;
* extraction in process, one core (``get_citations`` only), MB/s, docs/s, citations/s;
* the reading floor: inflating, UTF-8 decoding and ``json.loads`` of every record, nothing
  else (what any Python reader must do before parsing);
* ``graphbuild extract`` end to end with ``--jobs 1`` and ``--jobs 2`` (JSON decoding and
  output included), ``--rounds`` paired runs: medians, and the median of the paired speed-ups;
* ``graphbuild build --jobs 2``: wall time and peak RSS;
* the export time of every format.

The commands run in a user's default environment: without ``PYTHONUNBUFFERED`` (set on these
machines), under which ``extract`` writes each document to the pipe as it comes, as
``python -u`` asks (0.2 s more on the bulk corpus with ``--jobs 1``).

Not a test: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_extract import use_build  # noqa: E402

BUILD = use_build(pure=False)        # the installed graphbuild: compiled after `pip install .`

from graphbuild import get_citations  # noqa: E402
from graphbuild.build import read_graph  # noqa: E402
from graphbuild.export.formats import FORMATS, write_into  # noqa: E402

TRIGGERS = ("Nghị quyết|Nghị định|Quyết định|Kết luận|Chỉ thị|Thông tư|Quy định|Hướng dẫn|"
            "Luật|Hiến pháp|Pháp lệnh|Điều lệ|[0-9]/")


# Runs a command and prints the peak RSS (KB) of its process tree.  A small wrapper process,
# so the figure is not inflated by the pages a fork of this (large) process would share.
_WRAPPER = ("import resource, subprocess, sys; "
            "out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL); "
            "out.check_returncode(); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


_DEFAULT_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command.  Its output is read, not sent to
    /dev/null: GNU grep stops at the first match when it sees /dev/null."""
    t0 = time.perf_counter()
    # Run outside the source tree, so "python -m graphbuild" loads the installed build.
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], check=True, capture_output=True, text=True,
                          cwd=tempfile.gettempdir(), env=_DEFAULT_ENV)
    return time.perf_counter() - t0, int(done.stdout.split()[-1]) / 1024


def measure(corpus: str, workdir: Path, rounds: int = 3) -> dict:
    rows = {}
    texts = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    mb = nbytes / 1e6
    plain = workdir / "bulk.txt"
    plain.write_text("\n".join(texts), encoding="utf-8")
    os.sync()            # flush it now, not during the timed runs

    os.environ.setdefault("LC_ALL", "C.UTF-8")
    scanner = shutil.which("rg")
    for key, flags in (("floor", []), ("floor_i", ["-i"])):
        cmd = ([scanner, "-c", *flags, TRIGGERS, str(plain)] if scanner
               else ["grep", "-c", *flags, "-E", TRIGGERS, str(plain)])
        seconds, _ = timed(cmd)
        label = "case-insensitive, as the parser matches" if flags else "case-sensitive"
        rows[key] = {"what": f"plain scan: {Path(cmd[0]).name} -c trigger words, {label}",
                     "seconds": seconds, "MB_s": mb / seconds}

    get_citations("warm up")
    t0 = time.process_time()
    citations = sum(len(get_citations(t)) for t in texts)
    seconds = time.process_time() - t0
    rows["extract_core"] = {"what": f"get_citations, in process, 1 core, {BUILD}", "seconds": seconds,
                            "MB_s": mb / seconds, "docs_s": len(texts) / seconds, "citations_s": citations / seconds}
    del texts
    rows["reading_floor"] = reading_floor(corpus, mb)
    pure = json.loads(subprocess.run(
        [sys.executable, str(HERE / "bench_extract.py"), corpus, "--pure", "--json"],
        check=True, capture_output=True, text=True).stdout)
    rows["extract_core_pure"] = {"what": "get_citations, in process, 1 core, pure Python",
                                 "seconds": pure["seconds"], "MB_s": pure["MB_per_s"],
                                 "docs_s": pure["docs_per_s"], "citations_s": pure["citations_per_s"]}

    exe = [sys.executable, "-m", "graphbuild"]
    runs: dict[int, list] = {1: [], 2: []}
    for _ in range(rounds):                     # paired: --jobs 1 then --jobs 2, each round
        for jobs in (1, 2):
            runs[jobs].append(timed(exe + ["extract", corpus, "-j", str(jobs), "-q"]))
    for jobs, timings in runs.items():
        seconds = statistics.median(t for t, _ in timings)
        rows[f"extract_j{jobs}"] = {"what": f"graphbuild extract --jobs {jobs} (end to end, median of {rounds})",
                                    "seconds": seconds, "MB_s": mb / seconds,
                                    "peak_MB": max(p for _, p in timings), "all_seconds": [t for t, _ in timings]}
    rows["speedup"] = statistics.median(a[0] / b[0] for a, b in zip(runs[1], runs[2]))

    outdir = workdir / "graph"
    seconds, peak = timed(exe + ["build", corpus, "-o", str(outdir), "-j", "2", "-q", "--formats", "json"])
    summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    rows["build_j2"] = {"what": "graphbuild build --jobs 2 (parse, resolve, graph, JSON)", "seconds": seconds,
                        "MB_s": mb / seconds, "peak_MB": peak, "instruments": summary["instruments"],
                        "edges": summary["edges"], "ambiguous": summary["ambiguous"]}

    g = read_graph(outdir / "graph.json")
    exports = {}
    for fmt in FORMATS:
        t0 = time.perf_counter()
        write_into(g, fmt, workdir)
        exports[fmt] = time.perf_counter() - t0
    rows["exports"] = exports
    rows["corpus"] = {"docs": summary["documents"], "MB": mb, "citations": citations}
    return rows


def reading_floor(corpus: str, mb: float) -> dict:
    """What any Python reader of the corpus must do on the parser's core before parsing:
    decode every line from UTF-8 and json.loads it, nothing else.  The inflating is timed
    apart: graphbuild runs it in a thread of its own (corpus/inflate.py), beside the parser."""
    from isal import igzip
    t0 = time.process_time()
    with igzip.open(corpus, "rb") as f:
        lines = f.read().split(b"\n")
    inflate = time.process_time() - t0
    t0 = time.process_time()
    for line in lines:
        if line:
            json.loads(line.decode("utf-8"))
    seconds = time.process_time() - t0
    return {"what": f"reading floor: UTF-8 decode + json.loads of every record, 1 core (inflating apart: {inflate:.1f} s)",
            "seconds": seconds, "MB_s": mb / seconds, "inflate_seconds": inflate}


def markdown(r: dict) -> str:
    c = r["corpus"]
    lines = [f"Corpus: {c['docs']:,} documents, {c['MB']:.1f} MB of UTF-8 text, {c['citations']:,} citations.",
             "", "| measure | seconds | MB/s | notes |", "|---|---|---|---|"]
    for key in ("floor", "floor_i", "reading_floor", "extract_core", "extract_core_pure", "extract_j1", "extract_j2",
                "build_j2"):
        row = r[key]
        notes = []
        if "docs_s" in row:
            notes.append(f"{row['docs_s']:,.0f} docs/s, {row['citations_s']:,.0f} citations/s")
        if "peak_MB" in row:
            notes.append(f"peak RSS {row['peak_MB']:,.0f} MB")
        if "instruments" in row:
            notes.append(f"{row['instruments']:,} instruments, {row['edges']:,} edges, {row['ambiguous']} ambiguous")
        lines.append(f"| {row['what']} | {row['seconds']:.1f} | {row['MB_s']:.1f} | {'; '.join(notes)} |")
    core, j1, floor = r["extract_core"]["seconds"], r["extract_j1"]["seconds"], r["reading_floor"]["seconds"]
    lines += ["", f"`extract --jobs 1` end to end: **{j1 / core:.2f}x** the parser alone; the parser plus the reading "
              f"floor is {(core + floor) / core:.2f}x, so {j1 / (core + floor):.2f}x that. "
              f"`--jobs 2` speed-up over `--jobs 1`: **{r['speedup']:.2f}x**. "
              f"Per-core extraction ({r['extract_core']['what'].rsplit(', ', 1)[-1]}) is "
              f"**{r['floor_i']['MB_s'] / r['extract_core']['MB_s']:.1f}x** slower than the case-insensitive plain "
              f"scan ({r['floor']['MB_s'] / r['extract_core']['MB_s']:.1f}x the case-sensitive one); pure Python is "
              f"{r['floor_i']['MB_s'] / r['extract_core_pure']['MB_s']:.1f}x.",
              "", "| export format | seconds |", "|---|---|"]
    lines += [f"| {fmt} | {s:.2f} |" for fmt, s in r["exports"].items()]
    return "\n".join(lines) + "\n"


def chart(r: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ["grep -c", "grep -c -i", "extract\n1 core", "extract\n1 core, pure", "extract CLI\n--jobs 1",
              "extract CLI\n--jobs 2", "build\n--jobs 2"]
    values = [r[k]["MB_s"] for k in ("floor", "floor_i", "extract_core", "extract_core_pure", "extract_j1",
                                     "extract_j2", "build_j2")]
    fig, ax = plt.subplots(figsize=(9.5, 4.2), dpi=120)
    bars = ax.bar(labels, values, color=["#9e9e9e", "#bdbdbd", "#1f77b4", "#9ecae1", "#6baed6", "#2171b5", "#e6550d"])
    ax.bar_label(bars, fmt="%.1f")
    ax.set_yscale("log")
    ax.set_ylabel("MB/s of UTF-8 text (log scale)")
    ax.set_title(f"graphbuild on the bulk corpus ({r['corpus']['MB']:.0f} MB, {r['corpus']['docs']:,} documents)")
    fig.tight_layout()
    fig.savefig(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/bulk.jsonl.gz")
    ap.add_argument("--out", default="benchmark/results", help="writes OUT.md, OUT.json and OUT.png")
    ap.add_argument("--rounds", type=int, default=3, help="paired runs of extract --jobs 1 / --jobs 2 (medians)")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    with tempfile.TemporaryDirectory(prefix="graphbuild-bench-") as tmp:
        results = measure(str(Path(args.corpus).resolve()), Path(tmp), args.rounds)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(results)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    chart(results, out.with_suffix(".png"))
    print(text)
    print(f"cpu count: {os.cpu_count()}; results in {out}.md/.json/.png")


if __name__ == "__main__":
    main()
