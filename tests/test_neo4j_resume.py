"""`graphbuild sync` killed mid-way (SIGKILL) and run again, and the server going down under a
sync: against the session's real Neo4j 5.26, on the graph of 3,000 bulk documents.

A killed sync leaves whole batches behind (each is one transaction); the next sync sends what
is missing and the database ends up holding exactly the graph: every node's and every
relationship's properties, not only their numbers. A server that goes away mid-sync is one
`Error:` line, exit 1, no traceback and no password.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphbuild.db.connect import open_driver
from graphbuild.db.plan import graph_rows
from graphbuild import write_graph

from .conftest import REPO
from .neo4j_server import contents, wipe

pytestmark = pytest.mark.integration

BATCH_ROWS = 20                 # small batches: a sync of 3,000 documents takes many transactions


@pytest.fixture(scope="module")
def driver(neo4j_server):
    drv = open_driver(neo4j_server.uri, neo4j_server.auth)
    wipe(drv)
    yield drv
    drv.close()


@pytest.fixture(scope="module")
def bulk_file(tmp_path_factory, bulk_graph_3000) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    write_graph(bulk_graph_3000, folder, formats=["json"])
    return folder / "graph.json"


def expected_contents(g) -> tuple[set, set]:
    """What the database must hold after a complete sync of ``g`` (as :func:`contents` reads it)."""
    def key(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    nodes, rels = graph_rows(g)
    return ({key([[n.label], dict(n.props)]) for n in nodes},
            {key([r.start, r.type, r.end, dict(r.props)]) for r in rels})


def start_sync(uri: str, password: str, graph: Path, *extra: str) -> subprocess.Popen:
    """``graphbuild sync`` as its own process (what a user runs, and what kill -9 can hit)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEO4J_PASSWORD": password}
    return subprocess.Popen([sys.executable, "-m", "graphbuild", "sync", str(graph), "--uri", uri, *extra],
                            env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count(driver, pattern: str) -> int:
    records, _, _ = driver.execute_query(f"MATCH {pattern} WHERE x.gb_hash IS NOT NULL RETURN count(x) AS c")
    return records[0]["c"]


def kill_when(proc: subprocess.Popen, ready, timeout: float = 120.0) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds (polled), before it can finish."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"the sync ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "the sync made no progress"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def summary(out: str) -> dict:
    """``nodes: N sent, M unchanged; relationships: ...`` of the report, as numbers."""
    line = next(x for x in out.splitlines() if x.startswith("nodes: "))
    words = line.replace(",", "").replace(";", "").split()
    return {"nodes_sent": int(words[1]), "nodes_unchanged": int(words[3]),
            "rels_sent": int(words[6]), "rels_unchanged": int(words[8])}


def test_a_killed_sync_resumes_to_the_same_end_state(neo4j_server, driver, bulk_graph_3000, bulk_file):
    g = bulk_graph_3000
    n, e = g.number_of_nodes(), g.number_of_edges()
    assert n > 20 * BATCH_ROWS and e > 20 * BATCH_ROWS
    uri, password = neo4j_server.uri, neo4j_server.password

    # 1. killed while writing nodes: some node batches are in, no relationship yet
    small = ("--batch-rows", str(BATCH_ROWS))
    kill_when(start_sync(uri, password, bulk_file, *small), lambda: count(driver, "(x)") >= 5 * BATCH_ROWS)
    nodes_in = count(driver, "(x)")
    assert 0 < nodes_in < n and count(driver, "()-[x]->()") == 0
    assert nodes_in % BATCH_ROWS == 0 or nodes_in > n - 3 * BATCH_ROWS      # whole batches only

    # 2. run again, killed while writing relationships
    # (bigger batches: the nodes left go quickly; the relationships still take many)
    kill_when(start_sync(uri, password, bulk_file, "--batch-rows", str(5 * BATCH_ROWS)),
              lambda: count(driver, "()-[x]->()") >= 5 * BATCH_ROWS)
    rels_in = count(driver, "()-[x]->()")
    assert count(driver, "(x)") == n and 0 < rels_in < e

    # 3. run to the end (default batches): only what was missing is sent
    done = start_sync(uri, password, bulk_file)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    sent = summary(out)
    assert sent == {"nodes_sent": 0, "nodes_unchanged": n, "rels_sent": e - rels_in, "rels_unchanged": rels_in}
    assert contents(driver) == expected_contents(g)

    # 4. and once more: nothing to send, nothing changed
    again = start_sync(uri, password, bulk_file)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0 and summary(out)["rels_sent"] == summary(out)["nodes_sent"] == 0, err
    assert contents(driver) == expected_contents(g)


class Cut:
    """A TCP relay 127.0.0.1:port -> the server, that can go down at once like a crashed server:
    every open connection reset, then nothing listening on the port."""

    def __init__(self, target: str):
        host, port = target.rsplit("//", 1)[1].rsplit(":", 1)
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.uri = f"bolt://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        self.down = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.down:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a, b):
        try:
            while chunk := a.recv(65536):
                b.sendall(chunk)
        except OSError:
            pass

    def go_down(self):
        self.down = True
        self.listener.shutdown(socket.SHUT_RDWR)       # wakes the blocked accept(); close alone does not
        self.listener.close()
        for s in self.sockets:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            # close() alone leaves the socket open while a pump thread is blocked in recv() on it
            # (the kernel holds it for that call), so the client would wait for an answer forever:
            # shutdown wakes the pumps and tells the client, then close (linger 0) resets.
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_a_server_going_down_mid_sync_is_one_line(neo4j_server, driver, bulk_file):
    wipe(driver)
    relay = Cut(neo4j_server.uri)
    proc = start_sync(relay.uri, neo4j_server.password, bulk_file, "--batch-rows", str(BATCH_ROWS))
    deadline = time.monotonic() + 120
    while count(driver, "(x)") < 3 * BATCH_ROWS:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    relay.go_down()
    out, err = proc.communicate(timeout=120)       # the driver retries for up to 15 s first
    assert proc.returncode == 1, err
    assert "Traceback" not in err and neo4j_server.password not in out + err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and err.endswith(errors[0] + "\n"), err       # progress lines, then one error
    assert relay.uri in errors[0], errors[0]

    # and a server that is down before the sync starts: one line, nothing else
    proc = start_sync(relay.uri, neo4j_server.password, bulk_file, "--quiet")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"Error: cannot reach a Bolt server at {relay.uri}: ") and "Traceback" not in err
    assert neo4j_server.password not in err
