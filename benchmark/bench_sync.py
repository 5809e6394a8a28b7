"""The sync against a real Neo4j 5.26: first sync (rows/s), re-sync, 1% change with prune, and
the ``graph.cypher`` load, side by side; then the first sync again at several batch sizes.

    python benchmark/bench_sync.py /tmp/bulk-graph [--rows 100,1000,5000] [--json out.json]

Build the graph first (both files are read from the folder):
``graphbuild build ../shared/corpus/bulk.jsonl.gz -o /tmp/bulk-graph -j 2 --formats json --formats cypher``.

Starts the throwaway server of ``scripts/neo4j_server.sh`` (built by scripts/install_neo4j.sh;
1 GB heap) inside a private network namespace (``scripts/run_in_netns.sh``; the script
re-executes itself there). Each run starts from an empty database (nodes, constraints and
indexes dropped), except the re-sync and the update, which follow the first sync.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphbuild.build import read_graph  # noqa: E402
from graphbuild.db.connect import open_driver  # noqa: E402
from graphbuild.db.queryfile import split_statements  # noqa: E402
from graphbuild.db.sync import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS, SyncOptions, sync_graph  # noqa: E402
from tests.neo4j_server import neo4j_server, wipe  # noqa: E402


def in_private_network() -> None:
    """Re-run this script under scripts/run_in_netns.sh unless already there."""
    if not os.environ.get("GRAPHBUILD_NETNS"):
        script = str(REPO / "scripts" / "run_in_netns.sh")
        os.execvp("bash", ["bash", script, sys.executable, *sys.argv])


def row(name: str, seconds: float, rows: int, batches: int) -> dict:
    rate = rows / seconds if seconds else 0.0
    print(f"  {name:<44} {seconds:7.1f} s  {rows:>7} rows  {rate:>7.0f} rows/s  {batches:>5} transactions",
          flush=True)
    return {"run": name, "seconds": round(seconds, 2), "rows": rows, "rows_per_s": round(rate), "batches": batches}


def timed_sync(driver, g, name: str, **options) -> dict:
    report = sync_graph(driver, g, SyncOptions(**options))
    return row(name, report.seconds, report.rows_sent, report.batches)


def load_script(driver, path: Path, rows: int) -> dict:
    """graph.cypher statement by statement, each auto-committed (as ``cypher-shell -f``)."""
    statements = split_statements(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    with driver.session() as session:
        for statement in statements:
            session.run(statement).consume()
    return row("graph.cypher load (empty database)", time.perf_counter() - start, rows, len(statements))


def side_by_side(driver, g, h, folder: Path, dropped: int) -> list[dict]:
    """First sync, re-sync, the update with --prune, then graph.cypher into an empty database."""
    runs = [timed_sync(driver, g, "first sync (empty database)"),
            timed_sync(driver, g, "re-sync (nothing changed)"),
            timed_sync(driver, h, f"1% of the documents dropped ({dropped}), --prune", prune=True)]
    wipe(driver)
    runs.append(load_script(driver, folder / "graph.cypher", g.number_of_nodes() + g.number_of_edges()))
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", default="/tmp/bulk-graph", help="a build folder (graph.json, graph.cypher)")
    ap.add_argument("--rows", default="100,1000,5000", help="batch sizes (rows) for the first-sync sweep")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--sweep-only", action="store_true", help="only the batch-size sweep")
    args = ap.parse_args()
    in_private_network()
    logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())    # "gb_hash does not exist"
    logging.getLogger("neo4j.notifications").propagate = False

    folder = Path(args.graph)
    g = read_graph(folder / "graph.json")
    h = g.copy()
    docs = sorted(n for n, a in h.nodes(data=True) if a.get("label") == "Document")
    h.remove_nodes_from(docs[: len(docs) // 100])
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships; "
          f"default batches: {DEFAULT_BATCH_ROWS} rows, {DEFAULT_BATCH_BYTES} bytes; "
          f"network: {os.environ.get('GRAPHBUILD_NETNS')}", flush=True)
    runs = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, neo4j_server(Path(tmp)) as server:
        print(f"  server up (the three lines printed) in {time.perf_counter() - started:.1f} s", flush=True)
        driver = open_driver(server.uri, server.auth)
        try:
            wipe(driver)
            if not args.sweep_only:
                runs += side_by_side(driver, g, h, folder, len(docs) // 100)
            for rows in (int(r) for r in args.rows.split(",")):
                wipe(driver)
                runs.append(timed_sync(driver, g, f"first sync, batches of {rows} rows", batch_rows=rows))
        finally:
            driver.close()
    if args.json:
        Path(args.json).write_text(json.dumps({"nodes": g.number_of_nodes(), "relationships": g.number_of_edges(),
                                               "runs": runs}, indent=1) + "\n")


if __name__ == "__main__":
    main()
