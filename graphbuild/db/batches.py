"""The plan as write statements: ``UNWIND $rows`` batches bounded in rows and in bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from graphbuild.db.plan import SyncPlan
from graphbuild.db.queries import (delete_nodes_query, delete_rels_query, upsert_nodes_query,
                                   upsert_rels_query)


@dataclass(frozen=True)
class Statement:
    phase: str                     # schema | nodes | relationships | prune
    query: str
    params: Mapping[str, Any] = field(compare=False)
    rows: int = 0

    def size(self) -> int:
        """Bytes of the query text plus its parameters as JSON (close to the Bolt message)."""
        return len(self.query.encode()) + len(json.dumps(self.params, ensure_ascii=False).encode())


def batches(rows: Iterable[dict], query: str, max_rows: int, max_bytes: int) -> Iterator[list[dict]]:
    """Split rows so that each ``{"rows": [...]}`` message stays within both bounds.

    A single row larger than ``max_bytes`` goes alone: it cannot be split.
    """
    base = Statement("", query, {"rows": []}).size()
    chunk: list[dict] = []
    size = base
    for row in rows:
        row_size = len(json.dumps(row, ensure_ascii=False).encode()) + 2      # ", " between rows
        if chunk and (len(chunk) >= max_rows or size + row_size > max_bytes):
            yield chunk
            chunk, size = [], base
        chunk.append(row)
        size += row_size
    if chunk:
        yield chunk


def _grouped(items, key):
    groups: dict[Any, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items())


def write_statements(plan: SyncPlan, options) -> list[Statement]:
    """Nodes, then relationships, then (with ``options.prune``) stale relationships and nodes,
    in batches of at most ``options.batch_rows`` rows and ``options.batch_bytes`` bytes."""
    out: list[Statement] = []

    def add(phase, query, rows):
        for chunk in batches(rows, query, options.batch_rows, options.batch_bytes):
            out.append(Statement(phase, query, {"rows": chunk}, len(chunk)))

    for label, rows in _grouped(plan.upsert_nodes, lambda n: n.label):
        add("nodes", upsert_nodes_query(label), [dict(n.props) for n in rows])
    for (t, sl, el), rows in _grouped(plan.upsert_rels, lambda r: (r.type, r.start_label, r.end_label)):
        add("relationships", upsert_rels_query(t, sl, el),
            [{"s": r.start, "t": r.end, "props": dict(r.props)} for r in rows])
    if options.prune:
        gone = {i for _, i in plan.stale_nodes}
        # Relationships of pruned nodes go with DETACH DELETE; delete only the others here.
        kept = [r for r in plan.stale_rels if r[2] not in gone and r[4] not in gone]
        for (t, sl, el), rows in _grouped(kept, lambda r: (r[0], r[1], r[3])):
            add("prune", delete_rels_query(t, sl, el), [{"s": r[2], "t": r[4]} for r in rows])
        for label, rows in _grouped(plan.stale_nodes, lambda n: n[0]):
            add("prune", delete_nodes_query(label), [{"id": i} for _, i in rows])
    return out
