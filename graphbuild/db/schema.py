"""The Neo4j schema of the graph: constraints first, then indexes.

``cypher/schema.cypher`` holds the same statements for the Neo4j Browser; a test
keeps the two equal.
"""

from __future__ import annotations

SCHEMA = (
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT body_id IF NOT EXISTS FOR (n:Body) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX instrument_symbol IF NOT EXISTS FOR (n:Instrument) ON (n.symbol)",
    "CREATE INDEX instrument_year IF NOT EXISTS FOR (n:Instrument) ON (n.year)",
    "CREATE INDEX instrument_type IF NOT EXISTS FOR (n:Instrument) ON (n.type)",
    "CREATE INDEX instrument_status IF NOT EXISTS FOR (n:Instrument) ON (n.status)",
    "CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date)",
)


def schema_statements() -> tuple[str, ...]:
    return SCHEMA


def schema_script() -> str:
    return ("// graphbuild schema: constraints first, then indexes. Idempotent (IF NOT EXISTS).\n"
            + "".join(f"{s};\n" for s in SCHEMA))
