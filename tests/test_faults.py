"""Fault tests (issue 13): a build killed, starved of disk or stopped by SIGTERM leaves its
output folder holding the old build or the new one, whole, and the next run cleans up.

* kill -9 during the parse of a bulk build, and at each file of the exports (the moment
  the file's temp file, or the file, appears in the staging folder) and just before the
  swap: the folder is the old build or the new one, file for file; after a last run nothing
  of the killed runs is left.
* A full disk (a small tmpfs; skipped when mounting is not permitted) before the parse and
  during each export file: one ``Error:`` line, exit 1, the old build intact, nothing left.
* SIGTERM to the parent while its workers parse: exit 143, workers gone, old build intact.

The bulk corpus (``GRAPHBUILD_FAULT_DOCS`` documents of ../shared/corpus/bulk.jsonl.gz, 2,000
by default) is parsed once for the reference; the export-phase kills rebuild from that
graph (``build ONE.txt --update REF``: no parsing), so the whole file stays within CI time.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path

DOCS = int(os.environ.get("GRAPHBUILD_FAULT_DOCS", "2000"))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
# The order write_graph writes in; each is a kill point (its temp file, then the file).
FILES = ["graph.graphml", "graph.gexf", "graph.json", "csv", "graph.cypher", "graph.html", "summary.json"]


def _cli(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphbuild", *map(str, args)], env=ENV, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def _run(*args) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "graphbuild", *map(str, args)], env=ENV, cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    return done


def snapshot(folder: Path) -> dict[str, str]:
    """File name -> SHA-1 of every file under ``folder`` (hidden ones too)."""
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".") and p.name != ".out.lock")


@pytest.fixture(scope="module")
def bulk(tmp_path_factory):
    """``(folder, corpus.jsonl, one.txt, ref/, old/)``: the bulk corpus cut to DOCS, a one-line
    text, the reference build of both, and an old build (data/corpus) to be replaced."""
    root = tmp_path_factory.mktemp("faults")
    corpus = root / "bulk.jsonl"
    with gzip.open(shared_path("bulk.jsonl.gz"), "rb") as f, open(corpus, "wb") as out:
        out.writelines(itertools.islice(f, DOCS))
    one = root / "one" / "one.txt"
    one.parent.mkdir()
    one.write_text("Căn cứ Nghị quyết số 49-NQ/TW ngày 02/6/2005 của Bộ Chính trị.", encoding="utf-8")
    for args in ([corpus, one, "-o", root / "ref"], [REPO / "data" / "corpus", "-o", root / "old"]):
        done = _run("build", *args, "-q", "-j", "2")
        assert done.returncode == 0, done.stderr
    return root


def _update_args(bulk: Path, out: Path) -> list:
    return ["build", bulk / "one" / "one.txt", "--update", bulk / "ref", "-o", out, "-q", "-j", "1"]


@pytest.fixture(scope="module")
def new(bulk):
    """The snapshot of an uninterrupted export run: what a finished build holds."""
    done = _run(*_update_args(bulk, bulk / "new"))
    assert done.returncode == 0, done.stderr
    return snapshot(bulk / "new")


def _fresh_old(bulk: Path, parent: Path) -> tuple[Path, dict]:
    out = parent / "out"
    subprocess.run(["cp", "-a", str(bulk / "old"), str(out)], check=True)
    return out, snapshot(out)


def _kill_when(proc: subprocess.Popen, parent: Path, name: str, timeout: float = 120) -> bool:
    """kill -9 ``proc`` as soon as ``name`` (or its temp file) shows in a staging folder."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        for staging in parent.glob(".out.staging-*"):
            try:
                names = os.listdir(staging)
            except OSError:
                continue
            if any(n == name or n.startswith(f".{name}.") for n in names):
                proc.kill()
                proc.wait()
                return True
        time.sleep(0.002)
    proc.kill()
    proc.wait()
    return False


def test_kill_9_at_each_file_of_the_exports_leaves_old_or_new_whole(bulk, new, tmp_path):
    out, old = _fresh_old(bulk, tmp_path)
    outcomes = {}
    for name in FILES:
        proc = _cli(*_update_args(bulk, out))
        hit = _kill_when(proc, tmp_path, name)
        state = snapshot(out)
        assert state in (old, new), f"killed at {name}: a mix of builds"
        outcomes[name] = ("killed" if hit else "finished") + (", old build" if state == old else ", new build")
        if state == new:                        # finished before the kill point: start again from old
            subprocess.run(["rm", "-rf", str(out)], check=True)
            out, old = _fresh_old(bulk, tmp_path)
    print(outcomes)
    assert sum(v.startswith("killed") for v in outcomes.values()) >= len(FILES) - 1, outcomes
    done = _run(*_update_args(bulk, out))            # the next run cleans what the kills left
    assert done.returncode == 0, done.stderr
    assert snapshot(out) == new and _leftovers(tmp_path) == []


def test_kill_9_at_random_moments_of_a_bulk_build_leaves_old_or_new_whole(bulk, new, tmp_path):
    out, old = _fresh_old(bulk, tmp_path)
    rng = random.Random(13)
    for delay in [rng.uniform(0.0, 0.6) for _ in range(2)]:            # in the parse: the workers run
        proc = _cli("build", bulk / "bulk.jsonl", bulk / "one" / "one.txt", "-o", out, "-q", "-j", "2")
        end = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(delay)
        assert proc.poll() is None, "the build ended before the kill: raise GRAPHBUILD_FAULT_DOCS"
        proc.kill()
        proc.wait()
        assert snapshot(out) == old
    for delay in [rng.uniform(0.2, 3.0) for _ in range(3)]:            # anywhere in an export run
        proc = _cli(*_update_args(bulk, out))
        time.sleep(delay)
        proc.kill()
        proc.wait()
        assert snapshot(out) in (old, new)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def test_sigterm_with_workers_running_stops_everything_and_keeps_the_old_build(bulk, tmp_path):
    out, old = _fresh_old(bulk, tmp_path)
    proc = _cli("build", bulk / "bulk.jsonl", "-o", out, "-q", "-j", "2")
    end = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < end:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "no workers started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("Error: ") and "Traceback" not in err
    time.sleep(0.5)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}") and _state(w) != "Z"]
    assert snapshot(out) == old and _leftovers(tmp_path) == []


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


# --- disk full -------------------------------------------------------------------------

@pytest.fixture
def tmpfs(tmp_path):
    """A function mounting a tmpfs of a given size at a fresh folder (unmounted at the end)."""
    mounts = []

    def mount(size: int) -> Path:
        where = tmp_path / f"disk{len(mounts)}"
        where.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}): "
                        "the disk-full tests need root and mount permission")
        mounts.append(where)
        return where
    yield mount
    for where in mounts:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _sizes(folder: Path) -> dict[str, int]:
    """Bytes each output takes on a tmpfs (whole 4 KB pages per file)."""
    def pages(p: Path) -> int:
        return (p.stat().st_size + 4095) // 4096 * 4096
    return {name: (sum(pages(p) for p in (folder / name).rglob("*") if p.is_file())
                   if (folder / name).is_dir() else pages(folder / name)) for name in FILES}


@pytest.mark.parametrize("phase", ["before-parse"] + FILES[:-1])
def test_a_full_disk_in_each_phase_is_one_error_and_keeps_the_old_build(bulk, new, tmpfs, phase):
    old_bytes = sum(-(-n // 4096) * 4096 for n in _sizes(bulk / "old").values())    # tmpfs counts whole pages
    new_sizes = _sizes(bulk / "new")
    if phase == "before-parse":
        size = old_bytes + 64 * 1024             # the rest is filled below
    else:
        before = FILES[:FILES.index(phase)]
        size = old_bytes + sum(new_sizes[n] for n in before) + new_sizes[phase] // 2 + 64 * 1024
    disk = tmpfs(size)
    out = disk / "out"
    subprocess.run(["cp", "-a", str(bulk / "old"), str(out)], check=True)
    old = snapshot(out)
    if phase == "before-parse":                 # fill what is left
        subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'filler'}", "bs=4096"], capture_output=True)
    done = _run(*_update_args(bulk, out))
    assert done.returncode == 1, done.stdout
    expected = "cannot write the graph here" if phase == "before-parse" else "cannot write the graph"
    assert done.stderr == f"Error: {out}: {expected} (No space left on device)\n"
    assert snapshot(out) == old
    assert _leftovers(disk) == []


def test_a_mount_point_as_the_output_folder_is_written_from_inside(bulk, new, tmpfs):
    disk = tmpfs(64 * 2**20)
    for _ in range(2):                              # a first build, then one over it
        done = _run(*_update_args(bulk, disk))
        assert done.returncode == 0, done.stderr
    state = snapshot(disk)
    assert state.pop(".graphbuild.lock") and state == new
    assert [p.name for p in disk.iterdir() if p.name.startswith(".") and p.name != ".graphbuild.lock"] == []


def test_kill_9_of_extract_o_leaves_a_temp_file_that_the_next_write_removes(tmp_path):
    out = tmp_path / "citations.jsonl"
    proc = _cli("extract", "-", "-q", "-o", out, stdin=subprocess.PIPE)   # waits for stdin, its temp file open
    end = time.monotonic() + 60
    while not (left := list(tmp_path.glob(".citations.jsonl.*"))) and time.monotonic() < end:
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    assert len(left) == 1 and left[0].exists() and not out.exists()
    other_host = tmp_path / ".citations.jsonl.another-host.1.abcd"      # a writer elsewhere (NFS): kept
    live = tmp_path / f".citations.jsonl.{socket.gethostname()}.{os.getpid()}.abcd"   # a live writer: kept
    for kept in (other_host, live):
        kept.write_bytes(b"")
    done = _run("extract", REPO / "data" / "corpus", "-j", "1", "-q", "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0 and not left[0].exists() and other_host.exists() and live.exists()
