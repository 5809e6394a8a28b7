"""Workers die with their parent; SIGTERM/SIGINT stop the whole tree (issue 13, item 5).

Before: after ``kill -9`` or SIGTERM of ``graphbuild build -j 2`` the two workers stayed
alive indefinitely (reparented to init), and SIGTERM took as long as the chunks in flight.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead child not yet reaped by init counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def start_build(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text('{"old": true}', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(shared_path("bulk.jsonl.gz")),
                             "-o", str(out), "-j", "2", "-q", "--formats", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(1.0)                                    # well into the parse
    return proc, workers, out


def wait_gone(pids, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(running(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if running(p)]


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_the_whole_tree_within_a_second(tmp_path, signum, code):
    proc, workers, out = start_build(tmp_path)
    start = time.monotonic()
    proc.send_signal(signum)
    try:
        proc.wait(timeout=5)
    finally:
        proc.kill()
    elapsed = time.monotonic() - start
    stderr = proc.stderr.read().decode()
    assert proc.returncode == code, stderr
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert wait_gone(workers, 1.0) == [], "a worker outlived its parent"
    assert "Traceback" not in stderr and stderr.count("Error:") == 1
    assert [p.name for p in out.iterdir()] == ["graph.json"]          # as before the run
    assert (out / "graph.json").read_text(encoding="utf-8") == '{"old": true}'


def test_kill_9_of_the_parent_takes_the_workers_with_it(tmp_path):
    proc, workers, out = start_build(tmp_path)
    proc.kill()
    proc.wait(timeout=5)
    left = wait_gone(workers, 1.0)
    for pid in left:                                  # do not leave them running on a failure
        os.kill(pid, signal.SIGKILL)
    assert left == [], "workers orphaned by kill -9"
    assert (out / "graph.json").read_text(encoding="utf-8") == '{"old": true}'
