"""Fault test of the sync (issue 13): ``kill -9`` of ``graphbuild sync`` at random moments of
a first sync of 3,000 bulk documents into the session's Neo4j, then a plain re-sync: the
database reaches exactly the state one uninterrupted sync gives (every node, relationship
and property compared)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import pytest

from graphbuild.export.nodelink import write_json

from .conftest import REPO
from .neo4j_server import contents, wipe

pytestmark = pytest.mark.integration
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def _sync(server, graph_file) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphbuild", "sync", str(graph_file), "--uri", server.uri,
                             "--user", server.user, "-q"], env={**ENV, "NEO4J_PASSWORD": server.password},
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_sync_killed_at_random_moments_then_run_again_reaches_the_same_database(
        neo4j_server, bulk_graph_3000, tmp_path):
    from graphbuild.db.connect import open_driver

    graph_file = tmp_path / "graph.json"
    write_json(bulk_graph_3000, graph_file)
    driver = open_driver(neo4j_server.uri, neo4j_server.auth)
    try:
        wipe(driver)
        start = time.monotonic()
        clean = _sync(neo4j_server, graph_file)
        _, err = clean.communicate(timeout=600)
        took = time.monotonic() - start
        assert clean.returncode == 0, err
        expected = contents(driver)
        assert len(expected[0]) > 3000 and len(expected[1]) > 5000
        rng = random.Random(1313)
        for fraction in (rng.uniform(0.15, 0.45), rng.uniform(0.55, 0.9)):        # early, late
            wipe(driver)
            killed = _sync(neo4j_server, graph_file)
            time.sleep(took * fraction)
            killed.kill()
            killed.wait()
            again = _sync(neo4j_server, graph_file)
            _, err = again.communicate(timeout=600)
            assert again.returncode == 0, err
            assert contents(driver) == expected, f"killed at {fraction:.0%} of a sync"
    finally:
        wipe(driver)
        driver.close()
