// What cites an instrument, with evidence: the documents that cite it or are about it, and the
// instruments that implement, review, amend, replace, guide, are based on or cite it.
// Returns: instrument, relation, source_label, source (key or title), source_id, count, evidence.
// Parameters: $symbol (string) a symbol or key, e.g. '49-NQ/TW' or '27-NQ/TW@2022';
//             $evidence (integer) evidence sentences per row.
// Neo4j Browser: run the :param lines first, then the query.
:param symbol => '49-NQ/TW'
:param evidence => 2
MATCH (i:Instrument)
WHERE i.symbol = $symbol OR i.key = $symbol
MATCH (x)-[r]->(i)
RETURN i.key AS instrument, type(r) AS relation, labels(x)[0] AS source_label,
       coalesce(x.key, x.title, x.id) AS source, x.id AS source_id, r.count AS count,
       coalesce(r.evidence, [])[0..$evidence] AS evidence
ORDER BY instrument, relation, count DESC, source_id
