// Documents that cite both X and Y, with a sample sentence for each.
// Returns: document (id), title, date, first, second (the matched keys), evidence_first, evidence_second.
// Parameters: $first, $second (string) symbols or keys, e.g. '49-NQ/TW' and '84-KL/TW'.
// Neo4j Browser: run the :param lines first, then the query.
:param first => '49-NQ/TW'
:param second => '84-KL/TW'
MATCH (x:Instrument)
WHERE x.symbol = $first OR x.key = $first
MATCH (y:Instrument)
WHERE y.symbol = $second OR y.key = $second
MATCH (x)<-[rx:CITES]-(d:Document)-[ry:CITES]->(y)
RETURN d.id AS document, d.title AS title, d.date AS date, x.key AS first, y.key AS second,
       rx.evidence[0] AS evidence_first, ry.evidence[0] AS evidence_second
ORDER BY date, document, first, second
