// Citations per year: how many citations (mentions) and citing documents per year of the
// citing document (documents without a date are left out).
// Returns: year, citations, documents.
// Parameters: none.
MATCH (d:Document)-[r:CITES]->(:Instrument)
WHERE d.date IS NOT NULL
RETURN toInteger(substring(d.date, 0, 4)) AS year, sum(r.count) AS citations,
       count(DISTINCT d) AS documents
ORDER BY year
