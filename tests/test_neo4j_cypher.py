"""Every Cypher text graphbuild ships or sends parses with a real Cypher grammar.

Two grammars from PyPI, per statement: ``graphglot`` (its neo4j dialect: DDL, UNWIND/MERGE,
EXISTS {}, CALL {}) first, then ``cypherast`` (Neo4j 5 reading: shortestPath, COUNT {},
map projections, FOREACH; no DDL). A statement passes if either accepts it.
"""

from __future__ import annotations

import re

import cypherast                      # pip: cypherast (the "test" extra)
import graphglot.dialect as graphglot_dialect   # pip: graphglot (the "test" extra)
import pytest

from graphbuild.db.queries import all_sync_queries
from graphbuild.db.queryfile import parse_query_text
from graphbuild.db.schema import schema_script, schema_statements

from .conftest import REPO

CYPHER = REPO / "cypher"
LIBRARY = sorted(p for p in CYPHER.glob("*.cypher") if p.name != "schema.cypher")


def statements(text: str) -> list[str]:
    """Statements of a script: ``:param`` lines and ``//`` comment lines dropped, split on ';'."""
    kept = [line for line in text.splitlines()
            if not line.strip().startswith((":param", "//"))]
    parts = re.split(r";\s*(?:\n|$)", "\n".join(kept))
    return [p.strip() for p in parts if p.strip()]


def grammar_errors(statement: str) -> list[str]:
    """[] if one grammar accepts ``statement``; otherwise both grammars' complaints."""
    errors = []
    try:
        graphglot_dialect.Dialect.get_or_raise("neo4j").parse(statement)
        return []
    except Exception as exc:            # graphglot raises ParseError (and a few others)
        errors.append(f"graphglot: {exc}")
    try:
        cypherast.parse_one(statement.rstrip().rstrip(";"), read="neo4j5")
        return []
    except Exception as exc:
        errors.append(f"cypherast: {exc}")
    return errors


def check_script(text: str) -> None:
    found = statements(text)
    assert found, "no statement"
    for s in found:
        errors = grammar_errors(s)
        assert not errors, f"{s}\n" + "\n".join(errors)


def test_the_library_has_at_least_ten_queries():
    assert len(LIBRARY) >= 10


@pytest.mark.parametrize("path", LIBRARY + [CYPHER / "schema.cypher"], ids=lambda p: p.name)
def test_every_cypher_file_parses(path):
    check_script(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("query", sorted(set(all_sync_queries())))
def test_every_sync_query_parses(query):
    assert grammar_errors(query) == []


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_library_files_are_headed_and_declare_every_parameter(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("// ") and len(lines[0]) > 20, "first line: what the query answers"
    assert any(line.startswith("// Parameters:") for line in lines)
    loaded = parse_query_text(text)
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z_0-9]*)", loaded.text))
    assert used == set(loaded.params), "a :param line for each $parameter, and no other"
    assert len(statements(text)) == 1, "one query per file"


def test_schema_file_mirrors_schema_module():
    assert (CYPHER / "schema.cypher").read_text(encoding="utf-8") == schema_script()
    assert statements(schema_script()) == list(schema_statements())


# --- the checker can fail ------------------------------------------------------------------

@pytest.mark.parametrize("broken", [
    "MATCH (a RETURN a",                                        # unclosed node pattern
    "MATCH (a)-[:CITES]->(b) RETURN a.key AS x ORDER",          # ORDER without BY
    "UNWIND $rows AS row MERGE (n:Instrument {id: row.id} SET n = row",
    "RETURN 1 +",
    "MATCH (n) RETURN n LIMIT 1 garbage",
    "CREATE CONSTRAINT FOR (n:Document) REQUIRE",
])
def test_broken_queries_fail_the_checker(broken):
    assert grammar_errors(broken) != []
    with pytest.raises(AssertionError):
        check_script(broken)


def test_a_broken_statement_in_a_script_fails_it():
    good = (CYPHER / "most_cited.cypher").read_text(encoding="utf-8")
    check_script(good)
    with pytest.raises(AssertionError):
        check_script(good.replace("RETURN i.key AS instrument", "RETURN i.key AS"))


def test_checker_strips_param_and_comment_lines():
    assert statements("// a comment\n:param x => 1\nRETURN $x;\n") == ["RETURN $x"]
    assert statements("RETURN 1;\nRETURN 2;\n") == ["RETURN 1", "RETURN 2"]
