// Most cited instruments by type: for each type (Nghị quyết, Kết luận, Nghị định, ...), how many
// citing documents its instruments gather, how many of them are cited, and which lead.
// Returns: type, citing (sum of citing documents), instruments, top (keys, most cited first).
// Parameters: $per_type (integer) instruments listed per type.
// Neo4j Browser: run the :param line first, then the query.
:param per_type => 5
MATCH (d:Document)-[:CITES]->(i:Instrument)
WITH coalesce(i.type, '(unknown)') AS type, i, count(DISTINCT d) AS documents
ORDER BY documents DESC, i.key
WITH type, collect(i.key) AS ranked, sum(documents) AS citing
RETURN type, citing, size(ranked) AS instruments, ranked[0..$per_type] AS top
ORDER BY citing DESC, type
