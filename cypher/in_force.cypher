// What the corpus says was in force on a day, and what it cannot tell: an instrument is in force
// when it was issued (dated) on or before $at and no text of the corpus says that it was wholly
// replaced or repealed on or before $at. What the corpus states, never a guess: the date of issue
// stands for the date of effect; a replacement or repeal of a part is listed (in_part_by), not an
// end. Reads the status properties the build derives from REPLACES and REPEALS (superseded_by,
// repealed_by, in_part_by, ended_on, undated_by); the same answer as `graphbuild in-force`.
// Returns: instrument, type, since (date or year of issue), status ('in force', 'ended',
//          'not yet issued' or 'cannot tell'), reason, ended_on, superseded_by, repealed_by,
//          in_part_by.
// Parameters: $at (string) an ISO day, e.g. '2020-01-01';
//             $type (string or null) an instrument type, e.g. 'Luật'; null: every type.
// Neo4j Browser: run the :param lines first, then the query.
:param at => '2020-01-01'
:param type => null
MATCH (i:Instrument)
WHERE $type IS NULL OR i.type = $type
WITH i, coalesce(i.date, toString(i.year)) AS since, coalesce(i.ended_on, []) AS ended
WITH i, since, ended,
     CASE size(since) WHEN 4 THEN since + '-01-01' WHEN 7 THEN since + '-01' ELSE since END AS first,
     CASE size(since) WHEN 4 THEN since + '-12-31' WHEN 7 THEN since + '-31' ELSE since END AS last,
     any(d IN ended WHERE CASE size(d) WHEN 4 THEN d + '-12-31' WHEN 7 THEN d + '-31' ELSE d END <= $at)
         AS surely_ended,
     any(d IN ended WHERE CASE size(d) WHEN 4 THEN d + '-01-01' WHEN 7 THEN d + '-01' ELSE d END <= $at)
         AS maybe_ended
WITH i, since, ended, CASE
    WHEN surely_ended THEN ['ended', 'replaced or repealed on or before the date']
    WHEN since IS NULL THEN ['cannot tell', 'no date of issue known']
    WHEN first > $at THEN ['not yet issued', 'issued after the date']
    WHEN last > $at THEN ['cannot tell', 'date of issue not precise enough']
    WHEN size(coalesce(i.undated_by, [])) > 0 THEN ['cannot tell', 'replaced or repealed, and the corpus gives no date']
    WHEN maybe_ended THEN ['cannot tell', 'date of replacement or repeal not precise enough']
    ELSE ['in force', 'issued on or before the date, not replaced or repealed before it']
    END AS verdict
RETURN i.key AS instrument, i.type AS type, since, verdict[0] AS status, verdict[1] AS reason,
       ended AS ended_on, coalesce(i.superseded_by, []) AS superseded_by,
       coalesce(i.repealed_by, []) AS repealed_by, coalesce(i.in_part_by, []) AS in_part_by
ORDER BY CASE verdict[0] WHEN 'in force' THEN 0 WHEN 'ended' THEN 1 WHEN 'not yet issued' THEN 2 ELSE 3 END,
         instrument
