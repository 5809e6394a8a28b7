"""The sync without a server: rows and hashes, the plan, batches, parameters only, the CLI's errors."""

from __future__ import annotations

import json
import socket

import networkx as nx
import pytest
from typer.testing import CliRunner

from types import SimpleNamespace

from graphbuild.db import batches, connect, errors, model, plan, queries, queryfile, read, sync

# Every public name of the Neo4j layer, as one namespace for these tests.
ns = SimpleNamespace(**{k: v for m in (model, queries, plan, batches, errors, connect, queryfile, read, sync)
                        for k, v in vars(m).items() if not k.startswith("_")})
from graphbuild.cli.commands import app
from graphbuild.export.nodelink import write_json


from .conftest import REPO

SECRET = "s3cret-Pa55word-that-must-never-show"


def empty_state() -> ns.DbState:
    return ns.DbState({}, {})


def state_of(nodes, rels) -> ns.DbState:
    """The database after a complete sync of these rows."""
    return ns.DbState({n.id: (n.label, n.hash) for n in nodes},
                      {r.key: (r.start_label, r.end_label, r.hash) for r in rels})


# --- rows, hashes, plan --------------------------------------------------------------------

def test_rows_carry_a_stable_content_hash(seeds_graph):
    nodes, rels = ns.graph_rows(seeds_graph)
    assert len(nodes) == seeds_graph.number_of_nodes() and len(rels) == seeds_graph.number_of_edges()
    again, _ = ns.graph_rows(seeds_graph.copy())
    assert [n.hash for n in nodes] == [n.hash for n in again]
    assert all(n.props["gb_hash"] == n.hash == ns.content_hash(n.props) for n in nodes)
    assert all(r.props["gb_hash"] == r.hash for r in rels)


def test_a_changed_property_changes_the_hash():
    assert ns.content_hash({"id": "a", "count": 1}) != ns.content_hash({"id": "a", "count": 2})
    assert ns.content_hash({"id": "a", "x": 1}) == ns.content_hash({"x": 1, "id": "a", "gb_hash": "old"})


def test_first_sync_sends_everything_and_the_second_nothing(seeds_graph):
    nodes, rels = ns.graph_rows(seeds_graph)
    first = ns.plan_sync(nodes, rels, empty_state())
    assert (len(first.upsert_nodes), len(first.upsert_rels)) == (len(nodes), len(rels))
    second = ns.plan_sync(nodes, rels, state_of(nodes, rels))
    assert second.upsert_nodes == second.upsert_rels == second.stale_nodes == second.stale_rels == ()
    assert (second.unchanged_nodes, second.unchanged_rels) == (len(nodes), len(rels))
    assert ns.write_statements(second, ns.SyncOptions(prune=True)) == []


def changed_graph(g: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, str, tuple]:
    """``g`` plus one new relationship, minus one body (and its ISSUED_BY edges)."""
    h = g.copy()
    body = sorted(n for n, a in h.nodes(data=True) if a["label"] == "Body")[0]
    h.remove_node(body)
    insts = sorted(n for n, a in h.nodes(data=True) if a["label"] == "Instrument")
    u, v = next((u, v) for u in insts for v in insts if u != v and not h.has_edge(u, v, key="GUIDES"))
    h.add_edge(u, v, key="GUIDES", type="GUIDES", count=1, evidence=[])
    return h, body, (u, v)


def test_an_updated_graph_sends_only_the_change(seeds_graph):
    nodes, rels = ns.graph_rows(seeds_graph)
    h, body, (u, v) = changed_graph(seeds_graph)
    plan = ns.plan_sync(*ns.graph_rows(h), state_of(nodes, rels))
    assert plan.upsert_nodes == ()
    assert [(r.type, r.start, r.end) for r in plan.upsert_rels] == [("GUIDES", u, v)]
    assert plan.stale_nodes == (("Body", body),)
    assert len(plan.stale_rels) == seeds_graph.in_degree(body)
    kept = ns.write_statements(plan, ns.SyncOptions())
    assert [s.phase for s in kept] == ["relationships"]
    pruned = ns.write_statements(plan, ns.SyncOptions(prune=True))
    assert [s.phase for s in pruned] == ["relationships", "prune"]
    assert "DETACH DELETE" in pruned[-1].query and pruned[-1].params == {"rows": [{"id": body}]}


def test_prune_deletes_relationships_of_surviving_nodes_then_nodes():
    g = nx.MultiDiGraph()
    g.add_node("inst:a", label="Instrument", key="a")
    g.add_node("inst:b", label="Instrument", key="b")
    g.add_edge("inst:a", "inst:b", key="CITES", type="CITES", count=1, evidence=[])
    nodes, rels = ns.graph_rows(g)
    before = state_of(nodes, rels)
    g.remove_edge("inst:a", "inst:b", key="CITES")
    plan = ns.plan_sync(*ns.graph_rows(g), before)
    [statement] = ns.write_statements(plan, ns.SyncOptions(prune=True))
    assert statement.query.startswith("UNWIND $rows AS row MATCH (a:Instrument")
    assert statement.query.endswith("DELETE r") and statement.params == {"rows": [{"s": "inst:a", "t": "inst:b"}]}


# --- batches and parameters -----------------------------------------------------------------

def test_batches_are_bounded_in_rows_and_bytes(seeds_graph):
    plan = ns.plan_sync(*ns.graph_rows(seeds_graph), empty_state())
    for rows, cap in ((5, 10**9), (10**6, 3000), (7, 1500)):
        statements = ns.write_statements(plan, ns.SyncOptions(batch_rows=rows, batch_bytes=cap))
        assert sum(s.rows for s in statements) == seeds_graph.number_of_nodes() + seeds_graph.number_of_edges()
        for s in statements:
            assert 1 <= s.rows <= rows and s.rows == len(s.params["rows"])
            assert s.size() <= cap or s.rows == 1


def test_a_row_over_the_byte_cap_goes_alone():
    rows = [{"id": "a", "text": "x" * 500}, {"id": "b"}, {"id": "c"}]
    chunks = list(ns.batches(rows, "UNWIND $rows AS row RETURN row", 100, 300))
    assert chunks == [[rows[0]], rows[1:]]


def test_values_travel_as_parameters_only(seeds_graph):
    plan = ns.plan_sync(*ns.graph_rows(seeds_graph), empty_state())
    texts = {s.query for s in ns.write_statements(plan, ns.SyncOptions())}
    assert len(texts) <= len(ns.LABELS) + len(ns.REL_TYPES) * len(ns.LABELS) ** 2
    for node_id in seeds_graph.nodes:
        assert not any(node_id in t for t in texts)
    assert all(t.startswith("UNWIND $rows AS row ") for t in texts)


@pytest.mark.parametrize("make", [
    lambda: ns.upsert_nodes_query("Person"),
    lambda: ns.upsert_nodes_query("Instrument) DETACH DELETE (x"),
    lambda: ns.upsert_rels_query("CITES]->(b) DELETE b //", "Document", "Instrument"),
    lambda: ns.delete_rels_query("KNOWS", "Document", "Instrument"),
    lambda: ns.rel_state_query("Person"),
])
def test_labels_and_types_come_from_the_whitelist(make):
    with pytest.raises(ValueError):
        make()


def test_graph_rows_refuse_a_foreign_relationship_type():
    g = nx.MultiDiGraph()
    g.add_node("inst:a", label="Instrument", key="a")
    g.add_edge("inst:a", "inst:a", key="LIKES", type="LIKES", count=1)
    with pytest.raises(ValueError, match="LIKES"):
        ns.graph_rows(g)


def test_options_need_positive_batches():
    with pytest.raises(ValueError):
        ns.SyncOptions(batch_rows=0)


# --- query files and parameters ----------------------------------------------------------------

def test_query_files_give_default_parameters():
    q = ns.parse_query_text("// what\n:param symbol => '49-NQ/TW'\n:param limit => 5\n"
                            ":param term => null\nMATCH (i) RETURN i LIMIT $limit;\n")
    assert q.text == "MATCH (i) RETURN i LIMIT $limit"
    assert q.params == {"symbol": "49-NQ/TW", "limit": 5, "term": None}


@pytest.mark.parametrize("text, value", [
    ("10", 10), ("'49-NQ/TW'", "49-NQ/TW"), ("49-NQ/TW", "49-NQ/TW"), ("2020-01", "2020-01"),
    ("[1, 'a']", [1, "a"]), ("true", True), ("null", None), ("Bộ Chính trị", "Bộ Chính trị"),
    ('"x"', "x"), ("1.5", 1.5),
])
def test_parameter_values_are_cypher_literals_or_text(text, value):
    assert ns.cypher_value(text) == value


@pytest.mark.parametrize("text", ["", "// only a comment", ":param x", ":play movies", ";\n;"])
def test_bad_query_text_is_refused(text):
    with pytest.raises(ValueError):
        ns.parse_query_text(text)


def test_a_file_of_several_statements_splits_at_the_ending_semicolons():
    text = (":param x => 1\n// a comment; not a statement end\nRETURN 'a;b' AS s;\n"
            "MATCH (n) // trailing; comment\nRETURN \"x;\\\";y\" AS t, `odd;name`;\n\n")
    loaded = ns.parse_query_text(text)
    assert loaded.statements == ("RETURN 'a;b' AS s", 'MATCH (n) \nRETURN "x;\\";y" AS t, `odd;name`')
    assert loaded.params == {"x": 1}
    with pytest.raises(ValueError):
        loaded.text                         # one statement was expected
    schema = ns.load_query(str(REPO / "cypher" / "schema.cypher"))
    assert schema.statements == ns.schema_statements()


# --- errors: one line, no password -------------------------------------------------------------

def test_error_lines_name_the_problem_and_never_the_password():
    from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, UnsupportedServerProduct

    uri = "bolt://db.example:7687"
    cases = [
        (AuthError("The client is unauthorized due to authentication failure."), "refused the credentials"),
        (ServiceUnavailable("Couldn't connect to db.example:7687 (resolved to ()):\nFailed to establish "
                            "connection to x (reason [Errno 111] Connection refused)"), "Connection refused"),
        (UnsupportedServerProduct("nope"), "too old or not Neo4j"),
        (ns.Neo4jSyncError(f"server said {SECRET}"), "server said ***"),
    ]
    not_found = ClientError(f"Database does not exist. {SECRET}")
    not_found._neo4j_code = "Neo.ClientError.Database.DatabaseNotFound"       # as the driver hydrates it
    cases.append((not_found, "has no database 'nope'"))
    for exc, expected in cases:
        line = ns.explain_error(exc, uri, "neo4j", "nope", secret=SECRET)
        assert expected in line and "\n" not in line and SECRET not in line


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def graph_file(tmp_path, seeds_graph):
    path = tmp_path / "graph.json"
    write_json(seeds_graph, path)
    return path


def run_cli(args, env=None, input=None):
    result = CliRunner().invoke(app, args, env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


def test_unreachable_server_is_one_line_and_no_password(graph_file):
    code, out, err = run_cli(["sync", str(graph_file), "--uri", f"bolt://127.0.0.1:{unused_port()}"],
                             env={"NEO4J_PASSWORD": SECRET})
    assert code == 1 and out == ""
    assert err.startswith("Error: cannot reach a Bolt server at bolt://127.0.0.1:") and err.count("\n") == 1
    assert SECRET not in out + err


def test_password_is_prompted_hidden_when_not_in_the_environment(graph_file):
    code, out, err = run_cli(["sync", str(graph_file), "--uri", f"bolt://127.0.0.1:{unused_port()}"],
                             env={"NEO4J_PASSWORD": ""}, input=SECRET + "\n")
    assert code == 1 and "Neo4j password" in err and "cannot reach" in err
    assert SECRET not in out + err                      # typed, not echoed


def test_no_password_and_no_terminal_is_a_clear_error(graph_file):
    code, _, err = run_cli(["sync", str(graph_file), "--uri", "bolt://127.0.0.1:7687"],
                           env={"NEO4J_PASSWORD": ""}, input="")
    assert code == 1 and "Error: no password: set NEO4J_PASSWORD" in err


def test_password_is_not_an_option():
    code, _, err = run_cli(["sync", "g.json", "--uri", "bolt://x", "--password", SECRET])
    assert code == 2 and "--password" in err


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "ftp://x"])
def test_a_uri_that_is_not_bolt_is_refused(graph_file, uri):
    code, _, err = run_cli(["sync", str(graph_file), "--uri", uri, "--no-auth"])
    assert code == 1 and "use one of bolt://" in err


def test_missing_graph_fails_before_asking_for_a_password(tmp_path):
    code, _, err = run_cli(["sync", str(tmp_path / "none.json"), "--uri", "bolt://127.0.0.1:1"], input="")
    assert code == 1 and "no such graph file" in err and "password" not in err


def test_query_reports_a_bad_parameter_and_a_missing_file(tmp_path):
    code, _, err = run_cli(["query", "RETURN $x", "--uri", "bolt://127.0.0.1:1", "--no-auth", "--param", "x"])
    assert code == 1 and "use NAME=VALUE" in err
    code, _, err = run_cli(["query", str(tmp_path / "none.cypher"), "--uri", "bolt://127.0.0.1:1", "--no-auth"])
    assert code == 1 and err.startswith("Error: ") and "none.cypher" in err


def test_report_lines_summarise_the_counters():
    server = ns.ServerInfo("Neo4j/5.20.0", (5, 20, 0), "community")
    report = ns.SyncReport(server, "8 constraints and indexes ensured", 3, 4, 1, 2, 5, 6, False, 2, 0.5,
                           {"nodes_created": 3, "relationships_created": 4})
    text = "\n".join(report.lines())
    assert "nodes_created=3" in text and "relationships_created=4" in text and "properties_set=0" in text
    assert "--prune removes them" in text and "Neo4j 5.20.0 community" in text
    assert json.dumps(report.counters)


@pytest.mark.parametrize("command", ["sync", "query"])
def test_neo4j_commands_have_help_with_an_example(command):
    code, out, _ = run_cli([command, "--help"])
    assert code == 0 and "Example" in out and f"graphbuild {command}" in out
