"""Start and stop the throwaway Neo4j of ``scripts/neo4j_server.sh`` from Python (tests, benchmarks).

    with neo4j_server(tmp_dir) as server:      # a Neo4jServer: uri, user, password, http
        driver = GraphDatabase.driver(server.uri, auth=server.auth)

The server runs as a child that dies with this process (Linux parent-death signal), so an
aborted test run leaves no JVM behind. Build it first with ``scripts/install_neo4j.sh``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "neo4j_server.sh"
BUILT = Path(__file__).resolve().parent / "target" / "classes"


class Neo4jUnavailable(RuntimeError):
    """The server could not be started (not built, no Java, did not come up in time)."""


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    http: str                       # http://127.0.0.1:<port>/ (the Browser is at <http>browser/)
    pid: int
    data_dir: Path

    @property
    def auth(self) -> tuple[str, str]:
        return self.user, self.password

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)    # PR_SET_PDEATHSIG


def _read_lines(proc: subprocess.Popen, timeout: float) -> tuple[dict[str, str], list[str]]:
    """The KEY=VALUE lines of stdout (the three) and of stderr (NEO4J_HTTP), until all are in."""
    found: dict[str, str] = {}
    log: list[str] = []
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    deadline = time.monotonic() + timeout
    buffers = {"out": b"", "err": b""}
    while not {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_HTTP"} <= set(found):
        left = deadline - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            break
        for key, _ in sel.select(min(left, 1.0)):
            chunk = os.read(key.fileobj.fileno(), 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                continue
            buffers[key.data] += chunk
            *lines, buffers[key.data] = buffers[key.data].split(b"\n")
            for raw in lines:
                line = raw.decode(errors="replace")
                m = re.fullmatch(r"(NEO4J_[A-Z]+)=(\S+)", line)
                if m:
                    found[m.group(1)] = m.group(2)
                elif key.data == "err":
                    log.append(line)
    sel.close()
    return found, log


def start(data_dir: Path, *extra: str, timeout: float = 600.0) -> tuple[subprocess.Popen, Neo4jServer]:
    if not BUILT.is_dir():
        raise Neo4jUnavailable("tests/neo4j_server is not built: run scripts/install_neo4j.sh")
    proc = subprocess.Popen(["bash", str(SCRIPT), str(data_dir), *extra], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    found, log = _read_lines(proc, timeout)
    if len(found) < 4:
        stop(proc)
        raise Neo4jUnavailable("Neo4j did not start within %.0f s (exit code %s): %s"
                               % (timeout, proc.returncode, " | ".join(log[-15:]) or "nothing on stderr"))
    # Keep draining stderr so a chatty server never blocks on a full pipe.
    _drain(proc)
    return proc, Neo4jServer(found["NEO4J_URI"], found["NEO4J_USER"], found["NEO4J_PASSWORD"],
                             found["NEO4J_HTTP"], proc.pid, data_dir)


def _drain(proc: subprocess.Popen) -> None:
    import threading

    def pump(stream):
        for _ in iter(lambda: stream.read(65536), b""):
            pass
    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=pump, args=(stream,), daemon=True).start()


def stop(proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """SIGTERM (a clean shutdown), then SIGKILL if it hangs."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def neo4j_server(data_dir: Path, *extra: str) -> Iterator[Neo4jServer]:
    proc, server = start(Path(data_dir), *extra)
    try:
        yield server
    finally:
        stop(proc)


# --- helpers for the tests of one shared server --------------------------------------------

def wipe(driver) -> None:
    """An empty database: no nodes, no constraints, no indexes (a test starts from nothing)."""
    with driver.session() as session:           # IN TRANSACTIONS needs an auto-commit transaction
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    for kind in ("CONSTRAINT", "INDEX"):
        records, _, _ = driver.execute_query(f"SHOW {kind}ES YIELD name, type RETURN name, type"
                                             if kind == "INDEX" else
                                             "SHOW CONSTRAINTS YIELD name RETURN name, 'c' AS type")
        for r in records:
            if r["type"] != "LOOKUP":           # the token lookup indexes are Neo4j's own
                driver.execute_query(f"DROP {kind} `{r['name']}` IF EXISTS")


def contents(driver) -> tuple[set, set]:
    """Every node (labels, properties) and relationship (start id, type, end id, properties),
    as comparable JSON strings: what a round trip must preserve."""
    import json

    def key(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels, _, _ = driver.execute_query("MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS type, b.id AS t, "
                                      "properties(r) AS props")
    return ({key([sorted(r["labels"]), r["props"]]) for r in nodes},
            {key([r["s"], r["type"], r["t"], r["props"]]) for r in rels})
