// Instruments by issuer and term: what did a body issue, in a given term (khóa)?
// Returns: issuer (body name), term, instrument (key), type, date, documents (citing documents).
// Parameters: $issuer (string or null) a body name, e.g. 'Bộ Chính trị' (null: every body);
//             $term (string or null) e.g. 'khóa XIII' (null: every term).
// Neo4j Browser: run the :param lines first, then the query.
:param issuer => 'Bộ Chính trị'
:param term => null
MATCH (i:Instrument)-[:ISSUED_BY]->(b:Body)
WHERE ($issuer IS NULL OR b.name = $issuer)
  AND ($term IS NULL OR i.term = $term)
RETURN b.name AS issuer, i.term AS term, i.key AS instrument, i.type AS type, i.date AS date,
       coalesce(i.documents, 0) AS documents
ORDER BY issuer, term, documents DESC, instrument
