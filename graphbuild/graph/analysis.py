"""Questions asked of a graph: most cited, by type, issuer and year; one instrument; paths."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graphbuild.corpus.documents import year_of
from graphbuild.graph.status import status_rows
from graphbuild.graph.vocab import (CITES, DOCUMENT, INSTRUMENT, ISSUED_BY, LABEL_ATTR, RESOLVED,
                                    STRUCTURAL_TYPES, inst_node)

STRUCTURAL = STRUCTURAL_TYPES


def instruments(g: nx.MultiDiGraph):
    return [n for n, a in g.nodes(data=True) if a.get(LABEL_ATTR) == INSTRUMENT]


def pagerank(g: nx.MultiDiGraph, alpha: float = 0.85, iterations: int = 100, tol: float = 1e-9) -> dict:
    """PageRank over citations (documents and instruments; weights = mention counts).

    Pure power iteration: no SciPy needed, linear in edges per iteration.
    """
    nodes = [n for n, a in g.nodes(data=True) if a.get(LABEL_ATTR) in (DOCUMENT, INSTRUMENT)]
    index = {n: i for i, n in enumerate(nodes)}
    out_weight = [0.0] * len(nodes)
    links = []
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in STRUCTURAL or u not in index or v not in index:
            continue
        w = float(d.get("count", 1))
        links.append((index[u], index[v], w))
        out_weight[index[u]] += w
    n = len(nodes) or 1
    rank = [1.0 / n] * len(nodes)
    for _ in range(iterations):
        new = [(1.0 - alpha) / n] * len(nodes)
        dangling = sum(r for r, w in zip(rank, out_weight) if w == 0)
        spread = alpha * dangling / n
        for i in range(len(new)):
            new[i] += spread
        for u, v, w in links:
            new[v] += alpha * rank[u] * w / out_weight[u]
        delta = sum(abs(a - b) for a, b in zip(new, rank))
        rank = new
        if delta < tol:
            break
    return {node: rank[index[node]] for node in nodes}


def top_cited(g: nx.MultiDiGraph, limit: int = 20, by: str = "documents") -> list[dict]:
    """Instruments by number of citing documents (``documents``) or by ``pagerank``."""
    pr = pagerank(g) if by == "pagerank" or limit else {}
    rows = []
    for n in instruments(g):
        a = g.nodes[n]
        cited_by = sum(1 for u, _, k in g.in_edges(n, keys=True) if k not in STRUCTURAL)
        rows.append({"node": n, "instrument": a.get("key"), "symbol": a.get("symbol"),
                     "name": a.get("name"), "type": a.get("type"), "year": a.get("year"),
                     "documents": a.get("documents", 0), "in_degree": cited_by,
                     "pagerank": round(pr.get(n, 0.0), 6), "status": a.get("status")})
    key = (lambda r: (-r["pagerank"], r["instrument"])) if by == "pagerank" else \
        (lambda r: (-r["documents"], -r["in_degree"], r["instrument"]))
    return sorted(rows, key=key)[:limit]


def counts_by(g: nx.MultiDiGraph, attribute: str) -> list[tuple[str, int]]:
    """Citing documents per instrument ``type``, ``kind`` or ``issuer`` (as a Body)."""
    counter: Counter = Counter()
    for n in instruments(g):
        a = g.nodes[n]
        if attribute == "issuer":
            bodies = [g.nodes[b].get("name") for _, b, k in g.out_edges(n, keys=True) if k == ISSUED_BY]
            value = bodies[0] if bodies else "(unknown)"
        else:
            value = a.get(attribute) or "(unknown)"
        counter[value] += a.get("documents", 0)
    return counter.most_common()


def citations_per_year(g: nx.MultiDiGraph) -> list[tuple[int, int]]:
    """Mentions per year of the citing document (documents with a known date)."""
    per_year: Counter = Counter()
    for u, v, k, d in g.edges(keys=True, data=True):
        if k == CITES and g.nodes[u].get(LABEL_ATTR) == DOCUMENT:
            y = year_of(g.nodes[u].get("date"))
            if y:
                per_year[y] += d.get("count", 1)
    return sorted(per_year.items())


def find_instruments(g: nx.MultiDiGraph, query: str) -> list[str]:
    """Instrument nodes whose key, symbol or name matches ``query`` (``49-NQ/TW``, ``27-NQ/TW@2022``)."""
    q = " ".join(query.split()).lower().replace("tư", "tw").replace("qd", "qđ")
    exact, partial = [], []
    for n in instruments(g):
        a = g.nodes[n]
        names = [str(a.get(f) or "").lower() for f in ("key", "symbol", "name")]
        names = [s.replace("tư", "tw") for s in names]
        if q in names or inst_node(q) == n.lower():
            exact.append(n)
        elif any(q in s for s in names if s):
            partial.append(n)
    return sorted(exact) or sorted(partial)


def describe(g: nx.MultiDiGraph, node: str, evidence: int = 2) -> dict:
    """What an instrument cites and what cites it, with evidence sentences; what replaced or
    repealed it (``legal_status``, :func:`graphbuild.graph.status.status_rows`)."""
    a = g.nodes[node]

    def edge_rows(edges, other_index):
        rows = []
        for e in edges:
            u, v, k, d = e
            if k == ISSUED_BY:
                continue
            other = (u, v)[other_index]
            oa = g.nodes[other]
            rows.append({"relation": k, "node": other, "label": oa.get(LABEL_ATTR),
                         "name": oa.get("symbol") or oa.get("name") or oa.get("title") or other,
                         "count": d.get("count", 1),
                         "evidence": [f"{s['doc']}: {s['sentence']}" for s in d.get("evidence", [])[:evidence]]})
        return sorted(rows, key=lambda r: (r["relation"], -r["count"], r["node"]))

    return {
        "node": node, **{k: v for k, v in a.items() if v not in (None, [], "")},
        "issued_by": [g.nodes[b].get("name") for _, b, k in g.out_edges(node, keys=True) if k == ISSUED_BY],
        "cites": edge_rows(g.out_edges(node, keys=True, data=True), 1),
        "cited_by": edge_rows(g.in_edges(node, keys=True, data=True), 0),
        "legal_status": status_rows(g, node),
    }


def instrument_path(g: nx.MultiDiGraph, source: str, target: str) -> list[tuple[str, str, str]]:
    """Shortest chain of instrument relations between two instruments, either direction.

    ``[(from, relation, to), ...]`` with each step's true direction; [] when none.
    """
    h = nx.Graph()
    directed: dict[tuple, str] = {}
    for u, v, k in g.edges(keys=True):
        if k in STRUCTURAL or g.nodes[u].get(LABEL_ATTR) != INSTRUMENT or g.nodes[v].get(LABEL_ATTR) != INSTRUMENT:
            continue
        h.add_edge(u, v)
        directed.setdefault((u, v), k)
    try:
        nodes = nx.shortest_path(h, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    steps = []
    for x, y in zip(nodes, nodes[1:]):
        if (x, y) in directed:
            steps.append((x, directed[(x, y)], y))
        else:
            steps.append((y, directed[(y, x)], x))
    return steps


def co_cited(g: nx.MultiDiGraph, limit: int = 20) -> list[tuple[str, str, int]]:
    """Pairs of instruments cited together by the most documents."""
    by_doc = defaultdict(set)
    for u, v, k in g.edges(keys=True):
        if k == CITES and g.nodes[u].get(LABEL_ATTR) == DOCUMENT:
            by_doc[u].add(v)
    pairs: Counter = Counter()
    for cited in by_doc.values():
        ordered = sorted(cited)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1:]:
                pairs[(x, y)] += 1
    return [(x, y, n) for (x, y), n in pairs.most_common(limit)]


def review_list(g: nx.MultiDiGraph) -> list[dict]:
    """Ambiguous or unresolved instruments, with candidates and evidence, for a person to check."""
    rows = []
    for n in instruments(g):
        a = g.nodes[n]
        if a.get("status") == RESOLVED:
            continue
        sentences = [s["sentence"] for u, _, k, d in g.in_edges(n, keys=True, data=True)
                     if k == CITES for s in d.get("evidence", [])]
        evidence = list(dict.fromkeys(sentences))[:2]          # a sentence once, however cited
        rows.append({"node": n, "instrument": a.get("key"), "status": a.get("status"),
                     "candidates": a.get("candidates") or [], "documents": a.get("documents", 0),
                     "evidence": evidence})
    return sorted(rows, key=lambda r: (r["status"], -r["documents"], r["instrument"]))
