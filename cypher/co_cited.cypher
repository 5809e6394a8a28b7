// Co-cited pairs: which two instruments are cited together by the most documents?
// Returns: first, second (keys), documents (citing both).
// Parameters: $limit (integer) how many pairs to list.
// Neo4j Browser: run the :param line first, then the query.
:param limit => 20
MATCH (a:Instrument)<-[:CITES]-(d:Document)-[:CITES]->(b:Instrument)
WHERE a.id < b.id
RETURN a.key AS first, b.key AS second, count(DISTINCT d) AS documents
ORDER BY documents DESC, first, second
LIMIT $limit
