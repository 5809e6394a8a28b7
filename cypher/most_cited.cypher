// Most cited instruments overall: which instruments do the most documents cite?
// Returns: instrument (key), symbol, type, year, documents (distinct citing documents).
// Parameters: $limit (integer) how many instruments to list.
// Neo4j Browser: run the :param line first, then the query.
:param limit => 20
MATCH (d:Document)-[:CITES]->(i:Instrument)
WITH i, count(DISTINCT d) AS documents
RETURN i.key AS instrument, i.symbol AS symbol, i.type AS type, i.year AS year, documents
ORDER BY documents DESC, instrument
LIMIT $limit
