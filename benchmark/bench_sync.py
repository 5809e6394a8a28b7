"""Sync throughput into a real Bolt server: first sync (rows/s), re-sync, an update with prune.

    python benchmark/bench_sync.py /tmp/bulk-graph [--batch-bytes 3000] [--batch-rows 1000] [--no-index]

Build the graph first:
``graphbuild build ../shared/corpus/bulk.jsonl.gz -o /tmp/bulk-graph -j 2 --formats json``.

Starts a throwaway FalkorDB (``tests/falkordb_server.py``) inside a private network
namespace (``scripts/run_in_netns.sh``; the script re-executes itself there). FalkorDB
inlines parameters into a 4 KB buffer, hence the small default byte cap; rows it cannot
carry at all (a ``'`` or a trailing backslash in a string) are left out and counted.
Unless ``--no-index``, FalkorDB's own ``CREATE INDEX FOR (n:Label) ON (n.id)`` is run
over the Redis port first: the sync's schema step is Neo4j syntax and skipped there,
and without an index every MERGE scans its label.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphbuild.db import sync as ns  # noqa: E402
from graphbuild.build import read_graph  # noqa: E402
from tests.falkordb_server import falkordb_carriable_graph, falkordb_server, neo4j_driver  # noqa: E402


def in_private_network() -> None:
    """Re-run this script under scripts/run_in_netns.sh unless already there."""
    if not os.environ.get("GRAPHBUILD_NETNS"):
        script = str(REPO / "scripts" / "run_in_netns.sh")
        os.execvp("bash", ["bash", script, sys.executable, *sys.argv])


def timed_sync(driver, g, options) -> ns.SyncReport:
    report = ns.sync_graph(driver, g, options)
    rows = report.rows_sent
    rate = rows / report.seconds if report.seconds else 0.0
    print(f"  {report.seconds:7.1f} s  {rows:>7} rows sent  {rate:>8.0f} rows/s  "
          f"{report.batches:>6} batches (largest {report.largest_batch_bytes} bytes)")
    print("           " + ", ".join(f"{k}={v}" for k, v in report.counters.items() if v))
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", default="/tmp/bulk-graph")
    ap.add_argument("--batch-bytes", type=int, default=3000)
    ap.add_argument("--batch-rows", type=int, default=1000)
    ap.add_argument("--no-index", action="store_true", help="no FalkorDB index on id")
    args = ap.parse_args()
    in_private_network()

    start = time.perf_counter()
    full = read_graph(args.graph)
    g, reasons = falkordb_carriable_graph(full)
    print(f"graph: {full.number_of_nodes()} nodes, {full.number_of_edges()} relationships "
          f"(read in {time.perf_counter() - start:.1f} s); FalkorDB cannot carry {len(reasons)} rows: "
          f"syncing {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships")
    print(f"batches: at most {args.batch_rows} rows and {args.batch_bytes} bytes; "
          f"network: {os.environ.get('GRAPHBUILD_NETNS')}")
    options = ns.SyncOptions(batch_rows=args.batch_rows, batch_bytes=args.batch_bytes)
    with falkordb_server() as server:
        if not args.no_index:
            for label in ns.LABELS:
                server.redis("GRAPH.QUERY", "falkordb", f"CREATE INDEX FOR (n:{label}) ON (n.id)")
        driver = neo4j_driver(server.bolt_uri, max_transaction_retry_time=30.0)
        try:
            print("first sync (empty database):")
            timed_sync(driver, g, options)
            print("re-sync (nothing changed):")
            timed_sync(driver, g, options)
            h = g.copy()
            docs = sorted(n for n, a in h.nodes(data=True) if a.get("label") == "Document")
            h.remove_nodes_from(docs[: len(docs) // 100])
            print(f"update with --prune (1% of the documents dropped: {len(docs) // 100}):")
            timed_sync(driver, h, ns.SyncOptions(batch_rows=args.batch_rows,
                                                 batch_bytes=args.batch_bytes, prune=True))
        finally:
            driver.close()


if __name__ == "__main__":
    main()
