// Most cited instruments by year of issue: for each year, how many citing documents its
// instruments gather and which lead.
// Returns: year, citing (sum of citing documents), instruments, top (keys, most cited first).
// Parameters: $since, $until (integer or null) years to keep (null: no bound);
//             $per_year (integer) instruments listed per year.
// Neo4j Browser: run the :param lines first, then the query.
:param since => null
:param until => null
:param per_year => 5
MATCH (d:Document)-[:CITES]->(i:Instrument)
WHERE i.year IS NOT NULL
  AND ($since IS NULL OR i.year >= $since)
  AND ($until IS NULL OR i.year <= $until)
WITH i.year AS year, i, count(DISTINCT d) AS documents
ORDER BY documents DESC, i.key
WITH year, collect(i.key) AS ranked, sum(documents) AS citing
RETURN year, citing, size(ranked) AS instruments, ranked[0..$per_year] AS top
ORDER BY year DESC
