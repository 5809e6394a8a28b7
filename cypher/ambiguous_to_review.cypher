// Ambiguous instruments to review: citations that could not be tied to one instrument
// (several candidate years, or no year at all), most cited first, with sample sentences.
// Returns: instrument (key), status, candidates, documents, evidence.
// Parameters: $evidence (integer) sample sentences per instrument.
// Neo4j Browser: run the :param line first, then the query.
:param evidence => 2
MATCH (i:Instrument)
WHERE i.status IN ['ambiguous', 'unresolved']
OPTIONAL MATCH (d:Document)-[r:CITES]->(i)
WITH i, count(DISTINCT d) AS documents, collect(r.evidence[0]) AS samples
RETURN i.key AS instrument, i.status AS status, coalesce(i.candidates, []) AS candidates,
       documents, samples[0..$evidence] AS evidence
ORDER BY status, documents DESC, instrument
