// One instrument: its facts and the body that issued it.
// Returns: instrument (key), symbol, type, date, status, issuer, term, title, name, documents,
//          mentions, variants (as written in the texts).
// Parameters: $symbol (string) a symbol or key, e.g. '49-NQ/TW'.
// Neo4j Browser: run the :param line first, then the query.
:param symbol => '49-NQ/TW'
MATCH (i:Instrument)
WHERE i.symbol = $symbol OR i.key = $symbol
OPTIONAL MATCH (i)-[:ISSUED_BY]->(b:Body)
RETURN i.key AS instrument, i.symbol AS symbol, i.type AS type, i.date AS date,
       i.status AS status, b.name AS issuer, i.term AS term, i.title AS title, i.name AS name,
       i.documents AS documents, i.mentions AS mentions, i.variants AS variants
ORDER BY instrument
