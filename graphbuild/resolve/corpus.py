"""The corpus pass of resolution: date yearless mentions from the rest of the corpus.

Runs once the graph holds every document (``GraphBuilder.finish`` calls it): a
``27-NQ/TW@?`` cited by a 2023 document moves to ``27-NQ/TW@2022`` when that is the
only dated instrument of that symbol the corpus knows that can be cited in 2023.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.graph.vocab import AMBIGUOUS, CITES, DOCUMENT, INSTRUMENT, ISSUED_BY, LABEL_ATTR, UNRESOLVED, inst_node
from graphbuild.resolve.dates import year_of


def resolve_from_corpus(g: nx.MultiDiGraph, evidence_limit: int) -> None:
    """``27-NQ/TW@?`` cited by a 2023 document, when the corpus knows only 27-NQ/TW@2022:
    move that citation to the dated node.  More than one consistent year: ambiguous."""
    years_by_symbol: dict[str, set[int]] = {}
    for n, a in g.nodes(data=True):
        if a.get(LABEL_ATTR) == INSTRUMENT and a.get("symbol") and not a["key"].endswith("@?"):
            if a.get("year"):
                years_by_symbol.setdefault(a["symbol"], set()).add(a["year"])
    for n in [n for n, a in g.nodes(data=True) if a.get(LABEL_ATTR) == INSTRUMENT
              and a["key"].endswith("@?") and a.get("symbol")]:
        a = g.nodes[n]
        years = sorted(years_by_symbol.get(a["symbol"], ()))
        if not years:
            a["status"] = a["status"] if a["status"] == AMBIGUOUS else UNRESOLVED
            continue
        dated_in: dict[str, str] = {}          # document -> the node it dates n to
        for u, _, k, data in list(g.in_edges(n, keys=True, data=True)):
            if g.nodes[u].get(LABEL_ATTR) != DOCUMENT:
                continue
            doc_year = year_of(g.nodes[u].get("date"))
            viable = [y for y in years if doc_year is None or y <= doc_year]
            if len(viable) == 1:
                target = inst_node(f"{a['symbol']}@{viable[0]}")
                dated_in[g.nodes[u].get("doc_id")] = target
                _move_edge(g, evidence_limit, u, n, k, u, target, data)
        # Relations a document states follow the dating that document's citation got.
        for u, v, k, data in list(g.in_edges(n, keys=True, data=True)) + list(g.out_edges(n, keys=True, data=True)):
            if g.nodes[u].get(LABEL_ATTR) == DOCUMENT or k == ISSUED_BY:
                continue
            targets = {dated_in.get(e["doc"]) for e in data["evidence"]}
            if len(targets) == 1 and None not in targets:
                new = targets.pop()
                _move_edge(g, evidence_limit, u, v, k, new if u == n else u, new if v == n else v, data)
        if g.degree(n) == 0:
            g.remove_node(n)
        else:
            a["status"] = AMBIGUOUS if len(years) > 1 or a["status"] == AMBIGUOUS else a["status"]
            a["candidates"] = sorted(set(a["candidates"]) |
                                     {f"{a['symbol']}@{y}" for y in years})

def _move_edge(g, evidence_limit: int, u, v, k, nu, nv, data) -> None:
    g.remove_edge(u, v, key=k)
    for sample in data["evidence"]:
        sample["rule"] = f"{sample['rule']}+corpus"
    if g.has_edge(nu, nv, key=k):
        existing = g.edges[nu, nv, k]
        existing["count"] += data["count"]
        room = evidence_limit - len(existing["evidence"])
        existing["evidence"].extend(data["evidence"][:max(0, room)])
    else:
        g.add_edge(nu, nv, key=k, **data)
        if k == CITES:
            g.nodes[nv]["documents"] = g.nodes[nv].get("documents", 0) + 1
    if k == CITES:                            # only a document's citations are mentions
        g.nodes[nv]["mentions"] = g.nodes[nv].get("mentions", 0) + data["count"]
        g.nodes[v]["mentions"] -= data["count"]
        g.nodes[v]["documents"] -= 1
