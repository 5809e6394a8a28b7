"""Run one fuzz target under atheris (coverage-guided, libFuzzer).

    python -m tests.fuzz.run TARGET [--seconds N] [--work DIR] [-- LIBFUZZER ARGS]

TARGET is jsonl, text, parser or graph (``tests/fuzz/targets.py``).  The corpus is seeded
at run time, in ``--work`` (a temp folder by default), from the repository's own
``data/`` and, when present, from ``../shared`` (never copied into the repository); the
kept regression inputs seed it too.  A crash is written to
``tests/fuzz/regressions/TARGET/crash-<sha1>``: keep it (it is replayed by
``tests/test_fuzz.py``) once fixed.  The last lines printed are libFuzzer's final stats
(``stat::number_of_executed_units``, ``stat::average_exec_per_sec``) and a ``cov:`` line.

CI runs each target for a few seconds (tests/test_fuzz.py); a longer run, e.g. an hour each:

    for t in jsonl text parser graph; do PYTHONPATH=. python -m tests.fuzz.run $t --seconds 3600; done
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent

with atheris.instrument_imports(include=["graphbuild"]):
    from tests.fuzz.targets import TARGETS
from tests.fuzz.seeds import write_seeds  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    args, extra = _arguments(argv)
    target = TARGETS[args.target]
    work = Path(args.work or tempfile.mkdtemp(prefix=f"fuzz-{args.target}-"))
    corpus = work / "corpus"
    count = write_seeds(args.target, corpus)
    crashes = HERE / "regressions" / args.target
    crashes.mkdir(parents=True, exist_ok=True)
    print(f"fuzz {args.target}: {count} seed inputs in {corpus}, {args.seconds} s", file=sys.stderr)
    flags = [sys.argv[0], str(corpus), f"-max_total_time={args.seconds}", "-print_final_stats=1",
             f"-artifact_prefix={crashes}/", f"-max_len={args.max_len}", "-timeout=20",
             "-rss_limit_mb=3072", "-print_pcs=0", *extra]
    atheris.Setup(flags, target)
    atheris.Fuzz()


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--work", help="folder for the corpus (default: a new temp folder)")
    parser.add_argument("--max-len", type=int, default=8192)
    return parser.parse_known_args(argv)


if __name__ == "__main__":
    main()
