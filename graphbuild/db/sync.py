"""Sync the citation graph into Neo4j 5 with the official driver.

``sync_graph(driver, g, options)`` writes the :mod:`graphbuild.db.model` rows:

1. the schema (:mod:`graphbuild.db.schema`, the statements of ``cypher/schema.cypher``):
   constraints first, so every ``MERGE`` on ``id`` is an index lookup;
2. reads the ``id`` and ``gb_hash`` of every node and relationship graphbuild wrote before;
3. sends nodes, then relationships, whose hash differs (:mod:`graphbuild.db.plan`), in
   ``UNWIND $rows AS row MERGE …`` batches (:mod:`graphbuild.db.batches`) through managed
   write transactions (``execute_write``: retried on transient errors);
4. with ``prune``: relationships, then nodes, that the graph no longer holds (only
   graphbuild's labels and relationship types, only what carries ``gb_hash``).

Each batch is one transaction and every batch is idempotent, so a sync killed half-way
leaves whole batches behind and the next sync sends what is still missing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Mapping

import networkx as nx

from graphbuild.db import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS
from graphbuild.db.batches import Statement, write_statements
from graphbuild.db.connect import ServerInfo, probe_server
from graphbuild.db.model import LABELS
from graphbuild.db.plan import DbState, graph_rows, plan_sync
from graphbuild.db.queries import REL_TYPES, node_state_query, rel_state_query
from graphbuild.db.schema import schema_statements

COUNTER_NAMES = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                 "properties_set", "labels_added", "labels_removed", "indexes_added",
                 "indexes_removed", "constraints_added", "constraints_removed")


@dataclass(frozen=True)
class SyncOptions:
    batch_rows: int = DEFAULT_BATCH_ROWS
    batch_bytes: int = DEFAULT_BATCH_BYTES
    prune: bool = False
    schema: bool = True
    database: str | None = None

    def __post_init__(self):
        if self.batch_rows < 1 or self.batch_bytes < 1:
            raise ValueError("batch sizes must be positive")


@dataclass(frozen=True)
class SyncReport:
    server: ServerInfo
    schema: str
    nodes_sent: int
    rels_sent: int
    nodes_unchanged: int
    rels_unchanged: int
    stale_nodes: int
    stale_rels: int
    pruned: bool
    batches: int
    seconds: float
    counters: Mapping[str, int]
    rows_sent: int = 0                  # rows in all batches (relationships of pruned nodes go with them)
    largest_batch_bytes: int = 0

    def lines(self) -> list[str]:
        """The summary printed at the end of ``graphbuild sync``."""
        out = [f"server: {self.server.describe()}; schema: {self.schema}",
               f"nodes: {self.nodes_sent} sent, {self.nodes_unchanged} unchanged; "
               f"relationships: {self.rels_sent} sent, {self.rels_unchanged} unchanged",
               f"{self.rows_sent} rows in {self.batches} batches in {self.seconds:.1f} s"]
        if self.pruned:
            out.append(f"pruned: {self.stale_nodes} nodes, {self.stale_rels} relationships")
        elif self.stale_nodes or self.stale_rels:
            out.append(f"not in the graph any more: {self.stale_nodes} nodes, {self.stale_rels} "
                       "relationships (kept; --prune removes them)")
        out.append("counters: " + ", ".join(f"{k}={self.counters.get(k, 0)}" for k in COUNTER_NAMES))
        return out


def _write(session, statement: Statement):
    def work(tx):
        return tx.run(statement.query, statement.params).consume().counters
    return session.execute_write(work)


def _read(session, query: str) -> list[dict]:
    return session.execute_read(lambda tx: tx.run(query).data())


def fetch_state(session) -> DbState:
    """Ids and hashes of what graphbuild wrote (anything without gb_hash is not ours)."""
    nodes: dict[str, tuple[str, str]] = {}
    for label in LABELS:
        for r in _read(session, node_state_query(label)):
            nodes[r["id"]] = (label, r["hash"])
    rels: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for label in LABELS:
        for r in _read(session, rel_state_query(label)):
            end = next((lb for lb in r["end_labels"] if lb in LABELS), None)
            if r["type"] in REL_TYPES and end is not None:
                rels[(r["type"], r["s"], r["t"])] = (label, end, r["hash"])
    return DbState(nodes, rels)


class _Progress:
    """A line on stderr per phase, and every few seconds within a long phase."""

    def __init__(self, say: Callable[[str], None] | None, every: float = 2.0):
        self.say, self.every = say, every
        self.last = time.perf_counter()

    def __call__(self, message: str, force: bool = False) -> None:
        now = time.perf_counter()
        if self.say and (force or now - self.last >= self.every):
            self.last = now
            self.say(message)


def sync_graph(driver, g: nx.MultiDiGraph, options: SyncOptions = SyncOptions(),
               progress: Callable[[str], None] | None = None) -> SyncReport:
    """Bring the database in line with ``g``; see the module docstring for the steps."""
    start = time.perf_counter()
    say = _Progress(progress)
    nodes, rels = graph_rows(g)                 # bad graph data fails before anything is written
    server = probe_server(driver, options.database)
    counters: Counter = Counter()
    with driver.session(database=options.database) as session:
        schema = _apply_schema(session, options, counters, say)
        say(f"reading what graphbuild wrote before ({len(nodes)} nodes, {len(rels)} relationships "
            "in the graph)", force=True)
        plan = plan_sync(nodes, rels, fetch_state(session))
        statements = write_statements(plan, options)
        _run_statements(session, statements, counters, say)
    return SyncReport(
        server=server, schema=schema, nodes_sent=len(plan.upsert_nodes), rels_sent=len(plan.upsert_rels),
        nodes_unchanged=plan.unchanged_nodes, rels_unchanged=plan.unchanged_rels,
        stale_nodes=len(plan.stale_nodes), stale_rels=len(plan.stale_rels), pruned=options.prune,
        batches=len(statements), seconds=time.perf_counter() - start,
        counters={k: counters[k] for k in COUNTER_NAMES}, rows_sent=sum(s.rows for s in statements),
        largest_batch_bytes=max((s.size() for s in statements), default=0))


def _apply_schema(session, options: SyncOptions, counters: Counter, say) -> str:
    if not options.schema:
        return "skipped (--no-schema)"
    statements = [Statement("schema", q, {}) for q in schema_statements()]
    _run_statements(session, statements, counters, say)
    return f"{len(statements)} constraints and indexes ensured"


def _run_statements(session, statements: list[Statement], counters: Counter, say) -> None:
    total: Counter = Counter(s.phase for s in statements)
    done: Counter = Counter()
    rows: Counter = Counter()
    for i, statement in enumerate(statements):
        c = _write(session, statement)
        for name in COUNTER_NAMES:
            counters[name] += getattr(c, name, 0)
        done[statement.phase] += 1
        rows[statement.phase] += statement.rows
        last_of_phase = i + 1 == len(statements) or statements[i + 1].phase != statement.phase
        say(f"{statement.phase}: {done[statement.phase]}/{total[statement.phase]} batches, "
            f"{rows[statement.phase]} rows", force=last_of_phase)
