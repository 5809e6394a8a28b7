"""Neo4j: the graph's model, schema, sync and query files (not to be confused with the neo4j driver)."""
