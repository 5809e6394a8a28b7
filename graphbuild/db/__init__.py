"""Neo4j: the graph's model, schema, sync and query files (not to be confused with the neo4j driver)."""

# The batch bounds of a sync, here so that the command line's defaults cost no import.
# Chosen by measurement against Neo4j 5.26 (benchmark/bench_sync.py, README "Neo4j"):
# bigger batches gain little past this, and a batch stays a small transaction.
DEFAULT_BATCH_ROWS = 1000
DEFAULT_BATCH_BYTES = 4_000_000
