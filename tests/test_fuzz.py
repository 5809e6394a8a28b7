"""Fuzzing in CI: every kept crash input replayed, then each atheris target for a bounded time.

The four targets (tests/fuzz/targets.py: the JSONL reader, the text reader, the parser, the
graph reader) run at once, ``GRAPHBUILD_FUZZ_SECONDS`` each (default 25: well under two
minutes of wall time on two cores), seeded at run time from data/ and ../shared.  A crash
fails the test and leaves its input in tests/fuzz/regressions/<target>/: fix the bug, keep
the file.  A longer run is one command per target (tests/fuzz/run.py's docstring).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

REPO = Path(__file__).resolve().parents[1]
REGRESSIONS = REPO / "tests" / "fuzz" / "regressions"
SECONDS = int(os.environ.get("GRAPHBUILD_FUZZ_SECONDS", "25"))


def _kept() -> list[tuple[str, Path]]:
    return [(target, path) for target in sorted(TARGETS)
            for path in sorted((REGRESSIONS / target).glob("*")) if path.is_file() and path.name != "README"]


@pytest.mark.parametrize("target, path", _kept() or [pytest.param(None, None, marks=pytest.mark.skip("none kept"))],
                         ids=lambda v: getattr(v, "name", v))
def test_kept_crash_inputs_no_longer_crash(target, path):
    TARGETS[target](path.read_bytes())


def test_each_fuzz_target_runs_its_budget_without_a_crash(tmp_path):
    pytest.importorskip("atheris", reason="atheris (the test extra) is not installed")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    before = {p for p in REGRESSIONS.rglob("*") if p.is_file()}
    runs = {target: subprocess.Popen(
        [sys.executable, "-m", "tests.fuzz.run", target, "--seconds", str(SECONDS), "--work", str(tmp_path / target)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for target in sorted(TARGETS)}
    failures, stats = [], []
    for target, run in runs.items():
        out, _ = run.communicate(timeout=SECONDS + 120)
        done = re.findall(r"#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+)", out)
        rate = re.search(r"stat::average_exec_per_sec:\s+(\d+)", out)
        if run.returncode != 0 or not done:
            failures.append(f"{target}: exit {run.returncode}\n{out[-3000:]}")
        else:
            stats.append(f"{target}: {done[-1][0]} runs, {rate.group(1) if rate else '?'} exec/s, "
                         f"cov {done[-1][1]}, ft {done[-1][2]}")
    new = sorted(str(p) for p in {p for p in REGRESSIONS.rglob("*") if p.is_file()} - before)
    print("\n".join(stats))
    assert not failures, "\n\n".join(failures) + f"\nnew crash inputs: {new}"
    assert not new
