"""The data of the corpus explorer: what ``graphbuild serve`` and the ``html`` export show.

``explorer_data(g)`` turns a citation graph into two plain, JSON-ready parts:

- ``index``: what the first paint and the search need, for EVERY instrument, in columns
  (``nodes["key"][i]``, ``nodes["type"][i]``...; small integers index the ``types``,
  ``kinds``, ``statuses`` and ``issuers`` lists) and the instrument-to-instrument relations
  as one flat list ``[source, target, relation, count, ...]``.  Instruments are ordered by
  citing documents (the most cited first), so ``i`` is also a rank.
- ``details``: per instrument ``i``, its relations in both directions and the documents
  citing it, each with evidence samples ``[document, start, end, sentence, rule]``, and
  the ``documents`` table (``id``, ``title``, ``date``, ``url`` columns) they point into.

The browser code (``graphbuild/static/explorer.js``) reads the same structure whether it
comes embedded in one HTML file or from the local server.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from graphbuild.graph.vocab import ABOUT, CITES, DOCUMENT, INSTRUMENT, ISSUED_BY, RELATION_LABELS, STATUSES

FORMAT = 1
KINDS = ("party", "state", "named")
# Okabe-Ito and Tableau colours, readable on white; the most frequent types get them first.
TYPE_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
                "#8c564b", "#7f7f00", "#9467bd", "#17becf", "#bcbd22", "#e377c2")
OTHER_COLOUR = "#9e9e9e"
RELATION_COLOURS = {
    "CITES": "#9aa5b1", "IMPLEMENTS": "#0072b2", "REVIEWS": "#9467bd", "AMENDS": "#e69f00",
    "REPLACES": "#d62728", "REPEALS": "#8b0000", "GUIDES": "#17becf", "BASED_ON": "#009e73",
}
NODE_COLUMNS = ("key", "label", "type", "kind", "status", "year", "issuer", "docs", "number",
                "symbol", "name", "title")


_MARKS = re.compile("[\u0300-\u036f]")
_PARTY_TU = re.compile(r"/tu\b")


def fold(text) -> str:
    """What the explorer's search compares (``GB.fold`` in explorer_core.js does the same):
    no case, no diacritics, đ → d, ``/TƯ`` → ``/tw``, single spaces."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", "" if text is None else str(text)))
    text = text.replace("đ", "d").replace("Đ", "d").lower()
    return " ".join(_PARTY_TU.sub("/tw", text).split())


@dataclass(frozen=True)
class ExplorerData:
    """The explorer's view of one graph (see the module docstring)."""

    index: dict
    details: list
    documents: dict

    def instrument(self, i: int) -> dict:
        """Instrument ``i``'s details with the records of the documents they point to."""
        detail = self.details[i]
        docs = sorted({ev[0] for part in detail.values() for row in part for ev in row[3]}
                      | {row[0] for row in detail["docs"]})
        return {"details": detail, "documents": {str(d): self.document(d) for d in docs}}

    def document(self, d: int) -> dict:
        """Document ``d`` of the table as a record."""
        return {name: column[d] for name, column in self.documents.items()}


def instrument_label(attrs: dict) -> str:
    """What lists and the graph write for an instrument: its key for symbols (``27-NQ/TW@2022``
    and ``27-NQ/TW@2018`` are two instruments), else its name with its year."""
    if attrs.get("symbol"):
        return attrs.get("key") or attrs["symbol"]
    name = attrs.get("name") or attrs.get("title") or attrs.get("key") or ""
    year = attrs.get("year")
    return f"{name} {year}" if year and str(year) not in name else name


def _ranked_instruments(g: nx.MultiDiGraph) -> list[str]:
    nodes = [n for n, a in g.nodes(data=True) if a.get("label") == INSTRUMENT]
    return sorted(nodes, key=lambda n: (-(g.nodes[n].get("documents") or 0), g.nodes[n].get("key") or n))


def _issuers(g: nx.MultiDiGraph, nodes: list[str]) -> dict[str, str]:
    """The issuing body's canonical name per instrument (its ISSUED_BY edge)."""
    found = {}
    for n in nodes:
        for _, body, k in g.out_edges(n, keys=True):
            if k == ISSUED_BY:
                found[n] = g.nodes[body].get("name") or body
                break
    return found


def _ranked_values(values) -> list[str]:
    counts = Counter(v for v in values if v)
    return sorted(counts, key=lambda v: (-counts[v], v))


def _node_columns(g: nx.MultiDiGraph, nodes: list[str], issuer_of: dict[str, str], lists: dict) -> dict:
    position = {name: {v: i for i, v in enumerate(values)} for name, values in lists.items()}
    columns: dict[str, list] = {c: [] for c in NODE_COLUMNS}
    for n in nodes:
        a = g.nodes[n]
        columns["key"].append(a.get("key") or n.removeprefix("inst:"))
        columns["label"].append(instrument_label(a))
        columns["type"].append(position["types"].get(a.get("type"), -1))
        columns["kind"].append(position["kinds"].get(a.get("kind"), -1))
        columns["status"].append(position["statuses"].get(a.get("status"), -1))
        columns["issuer"].append(position["issuers"].get(issuer_of.get(n), -1))
        columns["docs"].append(a.get("documents") or 0)
        for field in ("year", "number", "symbol", "name", "title"):
            columns[field].append(a.get(field))
    return columns


def _evidence(data: dict, doc_index: dict[str, int]) -> list[list]:
    return [[doc_index[s["doc"]], s.get("start"), s.get("end"), s.get("sentence") or "", s.get("rule") or ""]
            for s in data.get("evidence", []) if s.get("doc") in doc_index]


def _documents(g: nx.MultiDiGraph) -> tuple[dict, dict[str, int]]:
    """The table of documents that cite an instrument or give evidence, in id order."""
    ids = {a.get("doc_id") for _, a in g.nodes(data=True) if a.get("label") == DOCUMENT and a.get("citations")}
    ids |= {s.get("doc") for _, _, d in g.edges(data=True) for s in d.get("evidence", [])}
    ids.discard(None)
    table: dict[str, list] = {"id": [], "title": [], "date": [], "url": []}
    for doc_id in sorted(ids, key=str):
        a = g.nodes.get(f"doc:{doc_id}", {})
        table["id"].append(doc_id)
        for field in ("title", "date", "url"):
            table[field].append(a.get(field))
    return table, {doc_id: i for i, doc_id in enumerate(table["id"])}


def _details(g: nx.MultiDiGraph, index: dict[str, int], doc_index: dict[str, int],
             relation_index: dict[str, int]) -> tuple[list[dict], list[int]]:
    details = [{"out": [], "in": [], "docs": []} for _ in index]
    flat: list[int] = []
    cited: dict[tuple[int, int], list] = defaultdict(lambda: [0, 0, []])   # (inst, doc) -> about, count, ev
    for u, v, k, data in g.edges(keys=True, data=True):
        if v not in index:
            continue
        evidence = _evidence(data, doc_index)
        if u in index and k in relation_index:
            s, t, r = index[u], index[v], relation_index[k]
            details[s]["out"].append([t, r, data.get("count", 1), evidence])
            details[t]["in"].append([s, r, data.get("count", 1), evidence])
            flat += [s, t, r, data.get("count", 1)]
        elif k in (CITES, ABOUT) and g.nodes[u].get("doc_id") in doc_index:
            row = cited[(index[v], doc_index[g.nodes[u]["doc_id"]])]
            row[0] |= k == ABOUT
            row[1] += data.get("count", 1) if k == CITES else 0
            row[2] += [e for e in evidence if e[1:3] not in [x[1:3] for x in row[2]]]
    for (i, d), (about, count, evidence) in sorted(cited.items()):
        details[i]["docs"].append([d, int(about), count, evidence])
    for detail in details:
        for part in ("out", "in"):
            detail[part].sort(key=lambda row: (row[1], row[0]))
        detail["docs"].sort(key=lambda row: (-row[1], -row[2], row[0]))
    return details, flat


def explorer_data(g: nx.MultiDiGraph, title: str | None = None) -> ExplorerData:
    """The explorer's index and details of the graph ``g`` (every instrument)."""
    nodes = _ranked_instruments(g)
    index = {n: i for i, n in enumerate(nodes)}
    issuer_of = _issuers(g, nodes)
    lists = {"types": _ranked_values(g.nodes[n].get("type") for n in nodes), "kinds": list(KINDS),
             "statuses": list(STATUSES), "issuers": _ranked_values(issuer_of.values())}
    documents, doc_index = _documents(g)
    relation_index = {r.type: i for i, r in enumerate(RELATION_LABELS)}   # the portals' order
    details, flat = _details(g, index, doc_index, relation_index)
    colours = {t: TYPE_PALETTE[i] if i < len(TYPE_PALETTE) else OTHER_COLOUR for i, t in enumerate(lists["types"])}
    labels = {r.type: r for r in RELATION_LABELS}
    data = {
        "format": FORMAT,
        "title": title or "graphbuild: citation explorer",
        "totals": {"instruments": len(nodes), "relations": len(flat) // 4,
                   "documents": sum(1 for _, a in g.nodes(data=True) if a.get("label") == DOCUMENT),
                   "citing_documents": len(documents["id"])},
        **lists,
        "type_colours": [colours[t] for t in lists["types"]],
        "relations": [{"type": r, "colour": RELATION_COLOURS.get(r, OTHER_COLOUR),
                       "out_vi": labels[r].out_vi, "in_vi": labels[r].in_vi,
                       "out_en": labels[r].out_en, "in_en": labels[r].in_en} for r in relation_index],
        "nodes": _node_columns(g, nodes, issuer_of, lists),
        "edges": flat,
    }
    return ExplorerData(index=data, details=details, documents=documents)
