"""Extraction throughput on the bulk corpus: MB/s, docs/s, citations/s, peak memory.

    python benchmark/bench_extract.py ../shared/corpus/bulk.jsonl.gz [--limit N] [--tokenizer regex] [--pure]

Reads every document into memory first, so the figures measure the parser only
(decompression and JSON decoding are timed separately).  Single process.  Measures the
installed graphbuild (compiled by mypyc when installed with ``pip install .``), or with
``--pure`` the plain modules of this source tree; the output says which ran.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_build(pure: bool) -> str:
    """Make ``import graphbuild`` load the installed build, or the source tree's plain
    modules (``pure``, or nothing installed); say which it loaded."""
    if pure or importlib.util.find_spec("graphbuild") is None:
        sys.path.insert(0, str(ROOT))
    import graphbuild.parse.find
    return "compiled (mypyc)" if not graphbuild.parse.find.__file__.endswith(".py") else "pure Python"


def load(path: str, limit: int | None) -> list[str]:
    opener = gzip.open if path.endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/bulk.jsonl.gz")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--tokenizer", choices=["aho-corasick", "regex"], default="aho-corasick")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--pure", action="store_true", help="the source tree's plain modules, not the installed build")
    args = ap.parse_args()
    build = use_build(args.pure)
    from graphbuild import get_citations
    from graphbuild.parse.tokenizers import AhoCorasickTokenizer, RegexTokenizer

    t0 = time.perf_counter()
    texts = load(args.corpus, args.limit)
    load_s = time.perf_counter() - t0
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    tokenizer = AhoCorasickTokenizer() if args.tokenizer == "aho-corasick" else RegexTokenizer()
    get_citations("warm up", tokenizer)

    t0 = time.perf_counter()
    cpu0 = time.process_time()
    citations = 0
    for text in texts:
        citations += len(get_citations(text, tokenizer))
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "corpus": args.corpus, "build": build, "tokenizer": tokenizer.name, "docs": len(texts),
        "MB": round(nbytes / 1e6, 1), "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
        "MB_per_s": round(nbytes / 1e6 / wall, 1), "docs_per_s": round(len(texts) / wall),
        "citations": citations, "citations_per_s": round(citations / wall),
        "load_seconds": round(load_s, 1), "peak_rss_MB": round(peak_mb),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>16}: {v}")


if __name__ == "__main__":
    main()
