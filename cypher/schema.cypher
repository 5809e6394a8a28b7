// graphbuild schema: constraints first, then indexes. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT body_id IF NOT EXISTS FOR (n:Body) REQUIRE n.id IS UNIQUE;
CREATE INDEX instrument_symbol IF NOT EXISTS FOR (n:Instrument) ON (n.symbol);
CREATE INDEX instrument_year IF NOT EXISTS FOR (n:Instrument) ON (n.year);
CREATE INDEX instrument_type IF NOT EXISTS FOR (n:Instrument) ON (n.type);
CREATE INDEX instrument_status IF NOT EXISTS FOR (n:Instrument) ON (n.status);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
