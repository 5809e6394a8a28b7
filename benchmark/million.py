"""A million-document corpus from the bulk corpus, and the build that must fit in memory.

    python benchmark/million.py generate /tmp/million.jsonl --docs 1000000
    python benchmark/million.py build /tmp/million.jsonl -o /tmp/million-graph --jobs 2

``generate`` samples real documents from ``bulk.jsonl.gz`` (fixed seed) and varies
each copy so that no two are the same text: a random window of its paragraphs,
paragraphs shuffled within the window, and a new id.  Citations therefore repeat
with the frequencies of real text, as in a national archive.

``build`` runs ``graphbuild build`` and reports wall time, peak RSS, and bytes per
document and per mention.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path


def generate(bulk: str, out: str, docs: int, seed: int) -> None:
    rng = random.Random(seed)
    with gzip.open(bulk, "rt", encoding="utf-8") as f:
        sources = [json.loads(line)["text"] for line in f]
    written = 0
    with open(out, "w", encoding="utf-8") as sink:
        while written < docs:
            text = rng.choice(sources)
            paragraphs = [p for p in text.split("\n\n") if p.strip()] or [text]
            size = rng.randint(1, min(len(paragraphs), 12))
            start = rng.randrange(0, len(paragraphs) - size + 1)
            window = paragraphs[start:start + size]
            rng.shuffle(window)
            record = {"id": f"m{written:07d}", "text": "\n\n".join(window)}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if written % 100_000 == 0:
                print(f"generated {written:,}", file=sys.stderr)


def build(corpus: str, outdir: str, jobs: int) -> None:
    nbytes = Path(corpus).stat().st_size
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graphbuild", "build", corpus, "-o", outdir, "-j", str(jobs),
                    "--formats", "json"], check=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    summary = json.loads((Path(outdir) / "summary.json").read_text(encoding="utf-8"))
    mentions = summary["mentions"] if "mentions" in summary else None
    result = {
        "corpus_bytes": nbytes, "documents": summary["documents"], "instruments": summary["instruments"],
        "edges": summary["edges"], "seconds": round(seconds, 1), "peak_rss_MB": round(peak / 1e6),
        "bytes_per_document": round(peak / summary["documents"]),
    }
    if mentions:
        result["mentions"] = mentions
        result["bytes_per_mention"] = round(peak / mentions)
    print(json.dumps(result, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("out")
    g.add_argument("--docs", type=int, default=1_000_000)
    g.add_argument("--bulk", default="../shared/corpus/bulk.jsonl.gz")
    g.add_argument("--seed", type=int, default=20261122)
    b = sub.add_parser("build")
    b.add_argument("corpus")
    b.add_argument("-o", "--output", required=True)
    b.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.command == "generate":
        generate(args.bulk, args.out, args.docs, args.seed)
    else:
        build(args.corpus, args.output, args.jobs)


if __name__ == "__main__":
    main()
