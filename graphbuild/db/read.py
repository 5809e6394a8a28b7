"""Running library queries: READ access mode by default, values made JSON-ready."""

from __future__ import annotations

from typing import Any, Mapping


def read_query(driver, query: str, params: Mapping[str, Any], database: str | None,
               write: bool = False) -> tuple[list[str], list[list]]:
    """Run ``query`` in READ access mode (WRITE with ``write``): ``(column names, rows)``."""
    from neo4j import READ_ACCESS, WRITE_ACCESS

    def work(tx):
        result = tx.run(query, dict(params))
        return list(result.keys()), [[plain(v) for v in record.values()] for record in result]

    mode = WRITE_ACCESS if write else READ_ACCESS
    with driver.session(database=database, default_access_mode=mode) as session:
        return (session.execute_write if write else session.execute_read)(work)


def plain(value: Any) -> Any:
    """Driver values as JSON-ready Python: nodes and relationships as property maps."""
    from neo4j.graph import Node, Path as GraphPath, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, GraphPath):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
