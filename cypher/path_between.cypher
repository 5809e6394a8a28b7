// Paths between two instruments: the shortest chains of relations that link them through
// instruments only, each step in its true direction (like `graphbuild path`).
// Returns: source, target, hops, steps ("A -[IMPLEMENTS]-> B", ...).
// Parameters: $source, $target (string) symbols or keys, e.g. '08-KH/BCĐ' and '49-NQ/TW'.
// Neo4j Browser: run the :param lines first, then the query.
:param source => '08-KH/BCĐ'
:param target => '49-NQ/TW'
MATCH (a:Instrument)
WHERE a.symbol = $source OR a.key = $source
MATCH (b:Instrument)
WHERE b.symbol = $target OR b.key = $target
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths((a)-[:AMENDS|REPLACES|REPEALS|REVIEWS|GUIDES|IMPLEMENTS|BASED_ON|CITES*..8]-(b))
WHERE all(n IN nodes(p) WHERE n:Instrument)
RETURN a.key AS source, b.key AS target, length(p) AS hops,
       [r IN relationships(p) | startNode(r).key + ' -[' + type(r) + ']-> ' + endNode(r).key] AS steps
ORDER BY hops, source, target
LIMIT 10
