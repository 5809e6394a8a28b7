"""The sync and the query command against a real Neo4j 5.26 (the session's throwaway server,
``scripts/neo4j_server.sh``): schema, first sync, re-sync sending nothing, updates, --prune,
batch limits, wrong password, unknown database, READ-mode refusal, the URI's password."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from graphbuild.cli.commands import app
from graphbuild.db.connect import open_driver
from graphbuild.db.model import evidence_strings
from graphbuild.db.plan import graph_rows
from graphbuild.db.read import read_query
from graphbuild.db.sync import SyncOptions, SyncReport, sync_graph
from graphbuild.export.nodelink import write_json

from .conftest import REPO
from .neo4j_server import contents, wipe
from .test_neo4j_queries import TWINS
from .test_neo4j_sync import changed_graph

pytestmark = pytest.mark.integration

BATCH_BYTES = 3000          # small, so the seeds go in several batches
SECRET = "wrong-Passw0rd-never-printed"
CYPHER = REPO / "cypher"


@pytest.fixture(scope="module")
def server(neo4j_server):
    return neo4j_server


@pytest.fixture(scope="module")
def driver(server):
    drv = open_driver(server.uri, server.auth)
    wipe(drv)
    yield drv
    drv.close()


@pytest.fixture(scope="module")
def graph(seeds_graph):
    return seeds_graph


def cli_args(server) -> list[str]:
    return ["--uri", server.uri, "--user", server.user]


def cli_env(server) -> dict:
    return {"NEO4J_PASSWORD": server.password}


def sync(driver, g, prune=False, **options) -> SyncReport:
    return sync_graph(driver, g, SyncOptions(batch_bytes=BATCH_BYTES, prune=prune, **options))


def read(driver, query, params=None) -> list[dict]:
    columns, rows = read_query(driver, query, params or {}, None)
    return [dict(zip(columns, r)) for r in rows]


def db_counts(driver) -> tuple[int, int]:
    nodes = read(driver, "MATCH (n) WHERE n.gb_hash IS NOT NULL RETURN count(n) AS c")[0]["c"]
    rels = read(driver, "MATCH ()-[r]->() WHERE r.gb_hash IS NOT NULL RETURN count(r) AS c")[0]["c"]
    return nodes, rels


def created_or_deleted(report) -> dict:
    kinds = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted")
    return {k: report.counters[k] for k in kinds if report.counters.get(k)}


@pytest.fixture(scope="module")
def first_syncs(driver, graph):
    """The first sync into an empty database, and a second one right after."""
    assert db_counts(driver) == (0, 0), "the test database must start empty"
    return sync(driver, graph), sync(driver, graph)


@pytest.fixture()
def seeded(driver, graph, first_syncs):
    """The database holds exactly ``graph`` (a pruning sync undoes what other tests changed)."""
    sync(driver, graph, prune=True)
    return graph


# --- the sync ----------------------------------------------------------------------------------

def test_first_sync_writes_the_whole_graph(driver, graph, first_syncs):
    first, _ = first_syncs
    n, e = graph.number_of_nodes(), graph.number_of_edges()
    assert (first.nodes_sent, first.rels_sent) == (n, e)
    assert first.counters["nodes_created"] == n and first.counters["relationships_created"] == e
    assert first.counters["nodes_deleted"] == first.counters["relationships_deleted"] == 0
    assert first.largest_batch_bytes <= BATCH_BYTES and first.batches > 2
    assert db_counts(driver) == (n, e)
    assert first.schema == "8 constraints and indexes ensured"
    assert (first.counters["constraints_added"], first.counters["indexes_added"]) == (3, 5)


def test_second_sync_sends_nothing_and_changes_nothing(first_syncs, graph):
    _, second = first_syncs
    assert (second.nodes_sent, second.rels_sent, second.batches) == (0, 0, 0)
    assert (second.nodes_unchanged, second.rels_unchanged) == (graph.number_of_nodes(), graph.number_of_edges())
    assert all(v == 0 for v in second.counters.values()), second.counters


def test_properties_arrive_intact(driver, seeded):
    nodes, rels = graph_rows(seeded)
    stored = read(driver, "MATCH (n) WHERE n.gb_hash IS NOT NULL "
                                  "RETURN labels(n) AS labels, properties(n) AS props")
    assert {json.dumps(r["props"], sort_keys=True, ensure_ascii=False) for r in stored} == \
        {json.dumps(dict(n.props), sort_keys=True, ensure_ascii=False) for n in nodes}
    assert Counter(r["labels"][0] for r in stored) == Counter(n.label for n in nodes)
    stored = read(driver, "MATCH (a)-[r]->(b) WHERE r.gb_hash IS NOT NULL "
                                  "RETURN a.id AS s, type(r) AS type, b.id AS t, properties(r) AS props")
    assert {(r["s"], r["type"], r["t"], json.dumps(r["props"], sort_keys=True, ensure_ascii=False))
            for r in stored} == \
        {(r.start, r.type, r.end, json.dumps(dict(r.props), sort_keys=True, ensure_ascii=False)) for r in rels}


def test_an_update_syncs_only_the_change_and_prune_removes_the_rest(driver, seeded):
    g = seeded
    h, body, (u, v) = changed_graph(g)
    dropped_edges = g.in_degree(body)

    update = sync(driver, h)
    assert (update.nodes_sent, update.rels_sent) == (0, 1)
    assert created_or_deleted(update) == {"relationships_created": 1}
    assert (update.stale_nodes, update.stale_rels) == (1, dropped_edges)
    assert db_counts(driver) == (g.number_of_nodes(), g.number_of_edges() + 1)

    pruned = sync(driver, h, prune=True)
    assert (pruned.nodes_sent, pruned.rels_sent) == (0, 0)
    assert created_or_deleted(pruned) == {"nodes_deleted": 1, "relationships_deleted": dropped_edges}
    assert db_counts(driver) == (h.number_of_nodes(), h.number_of_edges())
    assert read(driver, "MATCH (n {id: $id}) RETURN n.id AS id", {"id": body}) == []

    again = sync(driver, h, prune=True)
    assert again.batches == 0 and all(v == 0 for v in again.counters.values())

    back = sync(driver, g, prune=True)
    assert created_or_deleted(back) == {"nodes_created": 1, "relationships_created": dropped_edges,
                                        "relationships_deleted": 1}


def test_prune_leaves_foreign_nodes_alone(driver, seeded):
    write = "MERGE (n:Instrument {id: $id}) SET n.note = 'added by hand'"
    with driver.session() as session:
        session.execute_write(lambda tx: tx.run(write, id="inst:by-hand").consume())
    try:
        report = sync(driver, seeded, prune=True)
        assert report.counters["nodes_deleted"] == 0
        assert read(driver, "MATCH (n:Instrument {id: $id}) RETURN n.note AS note",
                    {"id": "inst:by-hand"}) == [{"note": "added by hand"}]
    finally:
        driver.execute_query("MATCH (n:Instrument {id: $id}) DETACH DELETE n", id="inst:by-hand")


def test_quotes_and_backslashes_in_evidence(driver, seeded):
    g = seeded.copy()
    a, b = sorted(n for n, d in g.nodes(data=True) if d["label"] == "Instrument")[:2]
    tricky = [{"doc": "t", "start": 0, "end": 1, "sentence": "Nghị quyết 'số 1' của C:\\", "rule": "x"}]
    g.add_edge(a, b, key="AMENDS", type="AMENDS", count=1, evidence=tricky)
    report = sync(driver, g)
    assert report.rels_sent == 1
    stored = read(driver, "MATCH (:Instrument {id: $a})-[r:AMENDS]->(:Instrument {id: $b}) "
                                  "RETURN r.evidence AS evidence", {"a": a, "b": b})
    assert stored == [{"evidence": evidence_strings(tricky)}]


def test_schema_constraints_and_indexes_and_running_them_again(driver, first_syncs, graph):
    names = {r["name"] for r in read(driver, "SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {"document_id", "instrument_id", "body_id"} <= names
    names = {r["name"] for r in read(driver, "SHOW INDEXES YIELD name RETURN name")}
    assert {"instrument_symbol", "instrument_year", "instrument_type"} <= names
    again = sync(driver, graph)
    assert again.counters["constraints_added"] == again.counters["indexes_added"] == 0
    with pytest.raises(Exception, match="ConstraintValidationFailed|already exists"):
        driver.execute_query("CREATE (:Instrument {id: $id})", id=sorted(graph)[0]
                             if graph.nodes[sorted(graph)[0]]["label"] == "Instrument" else
                             next(n for n in sorted(graph) if graph.nodes[n]["label"] == "Instrument"))


def test_batch_limits_change_the_batches_not_the_end_state(driver, seeded):
    want = contents(driver)
    wipe(driver)
    tiny = sync(driver, seeded, batch_rows=3)
    assert tiny.batches >= (seeded.number_of_nodes() + seeded.number_of_edges()) // 3
    assert tiny.largest_batch_bytes <= BATCH_BYTES or tiny.batches > 0
    assert contents(driver) == want
    wipe(driver)
    one = sync_graph(driver, seeded, SyncOptions(batch_rows=100_000, batch_bytes=10**9))
    assert one.batches <= 10                  # one per label and per relationship kind
    assert contents(driver) == want


# --- the command line --------------------------------------------------------------------------------

def cli(args, env):
    result = CliRunner().invoke(app, args, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_cli_sync_and_query(server, driver, seeded, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_json(seeded, graph_file)
    code, out, err = cli(["sync", str(graph_file), *cli_args(server), "--batch-bytes", str(BATCH_BYTES)],
                         cli_env(server))
    assert code == 0, err
    assert f"nodes: 0 sent, {seeded.number_of_nodes()} unchanged" in out and "nodes_created=0" in out
    assert "reading what graphbuild wrote before" in err                    # progress on stderr

    params, expected, project = TWINS["most_cited"](seeded)
    code, out, err = cli(["query", str(CYPHER / "most_cited.cypher"), *cli_args(server),
                          "--param", f"limit={params['limit']}", "--format", "json"], cli_env(server))
    assert code == 0, err
    assert project(json.loads(out)) == expected

    code, out, _ = cli(["query", str(CYPHER / "cited_by.cypher"), *cli_args(server), "-f", "csv",
                        "-p", f"symbol={TWINS['cited_by'](seeded)[0]['symbol']}"], cli_env(server))
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(table) == len(TWINS["cited_by"](seeded)[1]) and "evidence" in table[0]

    code, out, _ = cli(["query", "MATCH (n:Body) RETURN n.name AS name ORDER BY name", *cli_args(server)],
                       cli_env(server))
    bodies = sorted(a["name"] for _, a in seeded.nodes(data=True) if a["label"] == "Body")
    assert code == 0 and out.splitlines()[0] == "name" and out.splitlines()[2:] == bodies


def test_query_runs_in_read_access_mode(server, driver, seeded):
    code, out, err = cli(["query", "CREATE (n:Instrument {id: 'inst:written'}) RETURN n.id", *cli_args(server)],
                         cli_env(server))
    assert code == 1 and err.startswith("Error: the query writes") and err.count("\n") == 1
    assert read(driver, "MATCH (n {id: 'inst:written'}) RETURN n.id AS id") == []
    code, out, err = cli(["query", "CREATE (n:Instrument {id: 'inst:written'}) RETURN n.id AS id", "--write",
                          *cli_args(server), "-f", "json"], cli_env(server))
    assert code == 0 and json.loads(out) == [{"id": "inst:written"}]
    driver.execute_query("MATCH (n {id: 'inst:written'}) DELETE n")


def test_query_reads_the_query_from_stdin(server, seeded):
    text = "MATCH (n:Body) RETURN n.name AS name ORDER BY name;\nRETURN $x AS x"
    result = CliRunner().invoke(app, ["query", "-", *cli_args(server), "-p", "x=7", "-f", "json"],
                                input=text, env=cli_env(server))
    assert result.exit_code == 0, result.stderr
    bodies = sorted(a["name"] for _, a in seeded.nodes(data=True) if a["label"] == "Body")
    assert json.loads(result.stdout) == [[{"name": name} for name in bodies], [{"x": 7}]]      # a list per statement


def test_refused_credentials_print_one_line_and_never_the_password(server, driver, seeded, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_json(seeded, graph_file)
    args = ["sync", str(graph_file), "--uri", server.uri, "--user", "neo4j", "--quiet"]
    code, out, err = cli(args, {"NEO4J_PASSWORD": SECRET})
    assert code == 1 and out == "" and err.startswith("Error: ") and err.count("\n") == 1
    assert SECRET not in out + err
    assert "refused the credentials of user 'neo4j'" in err
    code, out, err = cli(["sync", str(graph_file), *cli_args(server)], cli_env(server))
    assert code == 0 and server.password not in out + err
    assert db_counts(driver) == (seeded.number_of_nodes(), seeded.number_of_edges())


def test_unknown_database_is_one_line(server, driver, seeded, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_json(seeded, graph_file)
    for command in (["sync", str(graph_file), "-q"], ["query", "RETURN 1 AS one"]):
        code, out, err = cli([*command, *cli_args(server), "--database", "nosuchdb"], cli_env(server))
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert err.startswith(f"Error: the server at {server.uri} has no database 'nosuchdb'"), err
        assert server.password not in err


def test_a_password_in_the_uri_is_used_and_never_shown(server, driver, seeded, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_json(seeded, graph_file)
    host = server.uri.split("://", 1)[1]
    code, out, err = cli(["sync", str(graph_file), "--uri", f"bolt://neo4j:{server.password}@{host}"],
                         {"NEO4J_PASSWORD": SECRET})
    assert code == 0, err
    assert server.password not in out + err and "nodes: 0 sent" in out
    code, out, err = cli(["sync", str(graph_file), "--uri", f"neo4j://neo4j:{SECRET}@{host}"], {})
    assert code == 1 and f"neo4j://{host}" in err and SECRET not in out + err, err


def test_multi_statement_file_runs_every_statement(server, driver, seeded):
    code, out, err = cli(["query", str(CYPHER / "schema.cypher"), "--write", *cli_args(server), "-f", "json"],
                         cli_env(server))
    assert code == 0, err
    assert json.loads(out) == [[]] * 8                  # eight statements, none returns rows
    code, out, err = cli(["query", "MATCH (n:Body) RETURN count(n) AS bodies; "
                                   "MATCH (n:Document) RETURN count(n) AS documents", *cli_args(server)],
                         cli_env(server))
    counts = Counter(a["label"] for _, a in seeded.nodes(data=True))
    assert code == 0 and out.split() == ["bodies", "------", str(counts["Body"]),
                                         "documents", "---------", str(counts["Document"])]
