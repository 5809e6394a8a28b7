// What an instrument cites: the instruments it implements, reviews, amends, replaces, guides,
// is based on or cites, and the body that issued it, with evidence.
// Returns: instrument, relation, target_label, target (key or name), target_id, count, evidence.
// Parameters: $symbol (string) a symbol or key, e.g. '84-KL/TW' or '84-KL/TW@2020';
//             $evidence (integer) evidence sentences per row.
// Neo4j Browser: run the :param lines first, then the query.
:param symbol => '84-KL/TW'
:param evidence => 2
MATCH (i:Instrument)
WHERE i.symbol = $symbol OR i.key = $symbol
MATCH (i)-[r]->(y)
RETURN i.key AS instrument, type(r) AS relation, labels(y)[0] AS target_label,
       coalesce(y.key, y.name, y.id) AS target, y.id AS target_id, r.count AS count,
       coalesce(r.evidence, [])[0..$evidence] AS evidence
ORDER BY instrument, relation, count DESC, target_id
