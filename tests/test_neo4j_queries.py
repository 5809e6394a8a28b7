"""Every ``cypher/*.cypher`` query against a real Neo4j, compared with the same question asked
of the NetworkX graph: on the seeds graph and on the graph of 3,000 bulk documents.

To add a query to the library, add ``cypher/NAME.cypher`` and its NetworkX twin here::

    @twin("NAME")
    def case_name(g):
        return params, expected_rows, project      # project(rows from Neo4j) == expected_rows

``params`` override the file's ``:param`` defaults (each must be declared there); a variant of
the same file takes a name ``NAME/variant``. A query without a twin fails
``test_every_library_query_has_a_twin``.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

import pytest

from graphbuild.db.model import evidence_strings
from graphbuild.db.queryfile import load_query
from graphbuild.db.read import read_query
from graphbuild.db.sync import SyncOptions, sync_graph
from graphbuild.graph import analysis, status

from .conftest import REPO
from .neo4j_server import wipe

CYPHER = REPO / "cypher"
TWINS: dict[str, Callable] = {}


def twin(name: str):
    """Register the NetworkX twin of ``cypher/<name>.cypher`` (``name/variant`` for a variant)."""
    def register(fn):
        assert name not in TWINS, f"two twins for {name}"
        TWINS[name] = fn
        return fn
    return register


def norm(value):
    """Lists as tuples (hashable, comparable with the NetworkX side)."""
    if isinstance(value, list):
        return tuple(norm(v) for v in value)
    return value


def instruments(g):
    return {n: a for n, a in g.nodes(data=True) if a.get("label") == "Instrument"}


def citing_docs(g, n) -> set:
    return {u for u, _, k in g.in_edges(n, keys=True) if k == "CITES" and g.nodes[u]["label"] == "Document"}


def matching(g, text) -> list:
    return [n for n, a in instruments(g).items() if text in (a.get("symbol"), a.get("key"))]


def ranked(g, nodes) -> list:
    return [g.nodes[n]["key"] for n in sorted(nodes, key=lambda n: (-len(citing_docs(g, n)), g.nodes[n]["key"]))]


def label_of(g, n):
    return g.nodes[n]["label"]


def evidence(data, limit=None):
    return tuple(evidence_strings(data.get("evidence", []))[:limit])


@twin("most_cited")
def case_most_cited(g):
    rows = [(a["key"], a.get("symbol"), a.get("type"), a.get("year"), len(citing_docs(g, n)))
            for n, a in instruments(g).items() if citing_docs(g, n)]
    expected = sorted(rows, key=lambda r: (-r[4], r[0]))
    columns = ("instrument", "symbol", "type", "year", "documents")
    return {"limit": len(expected)}, expected, lambda rs: [tuple(norm(r[c]) for c in columns) for r in rs]


def grouped_by(g, attribute, per):
    groups: dict = {}
    for n, a in instruments(g).items():
        if citing_docs(g, n) and (attribute != "year" or a.get("year") is not None):
            groups.setdefault(a.get(attribute) or "(unknown)", []).append(n)
    return {k: (sum(len(citing_docs(g, n)) for n in ns_), len(ns_), tuple(ranked(g, ns_)[:per]))
            for k, ns_ in groups.items()}


@twin("most_cited_by_type")
def case_most_cited_by_type(g):
    groups = grouped_by(g, "type", 3)
    expected = sorted(((t, *v) for t, v in groups.items()), key=lambda r: (-r[1], r[0]))
    return {"per_type": 3}, expected, lambda rs: [(r["type"], norm(r["citing"]), r["instruments"], norm(r["top"]))
                                                  for r in rs]


@twin("most_cited_by_year")
def case_most_cited_by_year(g):
    since = 2000
    groups = {y: v for y, v in grouped_by(g, "year", 3).items() if y >= since}
    expected = sorted(((y, *v) for y, v in groups.items()), reverse=True)
    return ({"since": since, "until": None, "per_year": 3}, expected,
            lambda rs: [(r["year"], norm(r["citing"]), r["instruments"], norm(r["top"])) for r in rs])


def edge_rows(g, nodes, incoming, limit):
    rows = []
    for n in nodes:
        edges = g.in_edges(n, keys=True, data=True) if incoming else g.out_edges(n, keys=True, data=True)
        for u, v, k, d in edges:
            other = u if incoming else v
            rows.append((g.nodes[n]["key"], k, label_of(g, other), other, d.get("count", 1), evidence(d, limit)))
    return sorted(rows, key=lambda r: (r[0], r[1], -r[4], r[3]))


@twin("cited_by")
def case_cited_by(g):
    root = max(instruments(g), key=lambda n: (bool(g.nodes[n].get("symbol")), g.in_degree(n), n))
    symbol = g.nodes[root]["symbol"]                  # by symbol: every year of it matches
    return ({"symbol": symbol, "evidence": 2}, edge_rows(g, matching(g, symbol), True, 2),
            lambda rs: [(r["instrument"], r["relation"], r["source_label"], r["source_id"], r["count"],
                         norm(r["evidence"])) for r in rs])


@twin("cites")
def case_cites(g):
    root = max(instruments(g), key=lambda n: (g.out_degree(n), n))
    key = g.nodes[root]["key"]
    return ({"symbol": key, "evidence": 2}, edge_rows(g, [root], False, 2),
            lambda rs: [(r["instrument"], r["relation"], r["target_label"], r["target_id"], r["count"],
                         norm(r["evidence"])) for r in rs])


def chains_to(g, root, types=("IMPLEMENTS", "REVIEWS"), depth=6):
    """Every (start, chain of keys, relations) reaching root: no relationship twice, like Cypher."""
    out = []

    def walk(node, path, rels, used):
        for u, _, k in g.in_edges(node, keys=True):
            if k in types and (u, node, k) not in used and len(rels) < depth:
                new_path, new_rels = [u] + path, [k] + rels
                out.append((g.nodes[u]["key"], len(new_rels),
                            tuple(g.nodes[x]["key"] for x in new_path), tuple(new_rels)))
                walk(u, new_path, new_rels, used | {(u, node, k)})

    walk(root, [root], [], frozenset())
    return sorted(out)


@twin("implementation_chain")
def case_implementation_chain(g):
    root = max(instruments(g), key=lambda n: (len(chains_to(g, n)), n))
    assert chains_to(g, root), "the seeds hold an implementation chain"
    return ({"symbol": g.nodes[root]["key"]}, chains_to(g, root),
            lambda rs: sorted((r["instrument"], r["depth"], norm(r["chain"]), norm(r["relations"])) for r in rs))


@twin("path_between")
def case_path_between(g):
    # The 25 best-connected instruments (all of them in the seeds): every pair is a path search.
    insts = sorted(sorted(instruments(g), key=lambda n: (-g.degree(n), n))[:25])
    pairs = [(len(analysis.instrument_path(g, a, b)), a, b) for a in insts for b in insts if a < b]
    hops, a, b = max(p for p in pairs if 0 < p[0] <= 8)         # the query looks 8 hops far
    # A shortest path may pass through any instrument, not only the 25 endpoints.
    every = set(instruments(g))
    edges = {f"{g.nodes[x]['key']} -[{k}]-> {g.nodes[y]['key']}" for x, y, k in g.edges(keys=True)
             if x in every and y in every}

    def project(rs):
        assert rs and all(set(r["steps"]) <= edges for r in rs), rs
        return sorted({(r["source"], r["target"], r["hops"]) for r in rs})

    return ({"source": g.nodes[a]["key"], "target": g.nodes[b]["key"]},
            [(g.nodes[a]["key"], g.nodes[b]["key"], hops)], project)


@twin("co_cited")
def case_co_cited(g):
    expected = sorted(((g.nodes[x]["key"], g.nodes[y]["key"], n) for x, y, n in analysis.co_cited(g, 10**9)),
                      key=lambda r: (-r[2], r[0], r[1]))
    return {"limit": 100000}, expected, lambda rs: [(r["first"], r["second"], r["documents"]) for r in rs]


@twin("cite_both")
def case_cite_both(g):
    x, y, _ = analysis.co_cited(g, 1)[0]
    rows = set()
    for d in citing_docs(g, x) & citing_docs(g, y):
        a = g.nodes[d]
        rows.add((d, a.get("title"), a.get("date"), g.nodes[x]["key"], g.nodes[y]["key"],
                  (evidence(g.edges[d, x, "CITES"]) or (None,))[0], (evidence(g.edges[d, y, "CITES"]) or (None,))[0]))
    return ({"first": g.nodes[x]["key"], "second": g.nodes[y]["key"]}, sorted(rows, key=str),
            lambda rs: sorted((tuple(r.values()) for r in rs), key=str))


def issued(g, issuer, term):
    rows = set()
    for n, b, k in g.edges(keys=True):
        a = g.nodes[n]
        if k == "ISSUED_BY" and g.nodes[b]["name"] == issuer and (term is None or a.get("term") == term):
            rows.add((issuer, a.get("term"), a["key"], a.get("type"), a.get("date"), a.get("documents", 0)))
    return sorted(rows, key=str)


@twin("by_issuer_term")
def case_by_issuer_term(g):
    issuer = Counter(g.nodes[b]["name"] for _, b, k in g.edges(keys=True) if k == "ISSUED_BY").most_common(1)[0][0]
    terms = Counter(r[1] for r in issued(g, issuer, None) if r[1])
    term = terms.most_common(1)[0][0] if terms else None
    return ({"issuer": issuer, "term": term}, issued(g, issuer, term),
            lambda rs: sorted((tuple(r.values()) for r in rs), key=str))


@twin("by_issuer_term/any_term")
def case_by_issuer_any_term(g):
    params, _, project = case_by_issuer_term(g)
    return {**params, "term": None}, issued(g, params["issuer"], None), project


@twin("ambiguous_to_review")
def case_ambiguous_to_review(g):
    rows = sorted((a["key"], a["status"], tuple(a.get("candidates") or ()), len(citing_docs(g, n)))
                  for n, a in instruments(g).items() if a.get("status") in ("ambiguous", "unresolved"))
    samples = {s for u, v, k, d in g.edges(keys=True, data=True) if k == "CITES" for s in evidence(d)[:1]}

    def project(rs):
        assert all(len(r["evidence"]) <= 2 and set(r["evidence"]) <= samples for r in rs)
        return sorted((r["instrument"], r["status"], norm(r["candidates"]), r["documents"]) for r in rs)

    return {"evidence": 2}, rows, project


@twin("citations_per_year")
def case_citations_per_year(g):
    docs = Counter()
    for u, a in g.nodes(data=True):
        if a["label"] == "Document" and a.get("date") and any(k == "CITES" for _, _, k in g.out_edges(u, keys=True)):
            docs[int(a["date"][:4])] += 1
    expected = [(y, c, docs[y]) for y, c in analysis.citations_per_year(g)]
    return {}, expected, lambda rs: [(r["year"], norm(r["citations"]), r["documents"]) for r in rs]


@twin("instrument")
def case_instrument(g):
    top = max(instruments(g), key=lambda n: (bool(g.nodes[n].get("symbol")), len(citing_docs(g, n)), n))
    symbol = g.nodes[top]["symbol"]
    rows = []
    for n in matching(g, symbol):
        a = g.nodes[n]
        bodies = [g.nodes[b]["name"] for _, b, k in g.out_edges(n, keys=True) if k == "ISSUED_BY"] or [None]
        rows += [(a["key"], a.get("symbol"), a.get("type"), a.get("date"), a.get("status"), body, a.get("term"),
                  a.get("title"), a.get("name"), a.get("documents"), a.get("mentions"),
                  tuple(a.get("variants") or ()) or None) for body in bodies]
    return {"symbol": symbol}, sorted(rows, key=str), lambda rs: sorted((tuple(norm(v) for v in r.values())
                                                                         for r in rs), key=str)


IN_FORCE_COLUMNS = ("instrument", "type", "since", "status", "reason", "ended_on", "superseded_by",
                    "repealed_by", "in_part_by")


def in_force_case(g, at, type_):
    """The answer of graph.status.in_force, which derives the status from the edges afresh (the
    query reads the properties the build stored)."""
    expected = [tuple(norm(r[c]) for c in IN_FORCE_COLUMNS) for r in status.in_force(g, at, type_).rows]
    return ({"at": at, "type": type_}, expected,
            lambda rs: [tuple(norm(r[c]) for c in IN_FORCE_COLUMNS) for r in rs])


@twin("in_force")
def case_in_force(g):
    return in_force_case(g, "2020-01-01", None)


@twin("in_force/late_2025")
def case_in_force_late_2025(g):
    # Most replacements and repeals of the bulk corpus date from 2025: ended, dated, undated.
    params, expected, project = in_force_case(g, "2025-11-20", None)
    if sum(k in ("REPLACES", "REPEALS") for _, _, k in g.edges(keys=True)) >= 20:     # the bulk graph
        assert {r[3] for r in expected} == set(status.VERDICTS), "every verdict occurs"
    return params, expected, project


@twin("in_force/laws")
def case_in_force_laws(g):
    return in_force_case(g, "2024-07-01", "Luật")


@pytest.fixture(scope="module")
def driver(neo4j_server):
    from graphbuild.db.connect import open_driver

    drv = open_driver(neo4j_server.uri, neo4j_server.auth)
    yield drv
    drv.close()


@pytest.fixture(scope="module", params=["seeds", "bulk3000"])
def loaded(request, driver):
    """The database holding exactly one graph (the tests are grouped by it: two loads)."""
    g = request.getfixturevalue("seeds_graph" if request.param == "seeds" else "bulk_graph_3000")
    wipe(driver)
    sync_graph(driver, g, SyncOptions())
    return g


def test_every_library_query_has_a_twin():
    files = {p.stem for p in CYPHER.glob("*.cypher")} - {"schema"}
    assert files == {name.split("/")[0] for name in TWINS}


@pytest.mark.parametrize("name", sorted(TWINS))
def test_library_query_answers_like_networkx(driver, loaded, name):
    query = load_query(str(CYPHER / f"{name.split('/')[0]}.cypher"))
    params, expected, project = TWINS[name](loaded)
    assert set(params) <= set(query.params), "a twin may only set parameters the file declares"
    columns, rows = read_query(driver, query.text, {**query.params, **params}, None)
    assert project([dict(zip(columns, r)) for r in rows]) == expected
