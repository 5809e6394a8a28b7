// The chain of implementation under a resolution: plans implementing conclusions implementing
// the resolution, and the reviews of any of them, at any depth up to 6 steps.
// Returns: root, instrument, type, depth, chain (keys from the instrument up to the root), relations.
// Parameters: $symbol (string) the root instrument, a symbol or key, e.g. '49-NQ/TW'.
// Neo4j Browser: run the :param line first, then the query.
:param symbol => '49-NQ/TW'
MATCH (root:Instrument)
WHERE root.symbol = $symbol OR root.key = $symbol
MATCH p = (x:Instrument)-[:IMPLEMENTS|REVIEWS*1..6]->(root)
RETURN root.key AS root, x.key AS instrument, x.type AS type, length(p) AS depth,
       [n IN nodes(p) | n.key] AS chain, [r IN relationships(p) | type(r)] AS relations
ORDER BY root, depth, instrument
