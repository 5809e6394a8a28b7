"""The citation graph as ONE self-contained, interactive HTML page.

``write_html(g, target)`` (``graphbuild export GRAPH --format html``) embeds the
graph as JSON in a ``<script type="application/json">`` and inlines the viewer's
own CSS and JavaScript from ``graphbuild/static``: the page needs no network.
The browser lays the graph out (a small force-directed layout) and draws it on
``<svg>``; search, filters and the details panel are plain DOM code.

Big graphs stay usable because only the most cited instruments are embedded
(``limit``, by citing documents), with the documents citing them (``doc_limit``);
the page says so when it leaves nodes out.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from importlib import resources

import networkx as nx

from graphbuild.corpus.documents import year_of
from graphbuild.graph.builder import DOCUMENT, INSTRUMENT
from graphbuild.export.flatten import display_name
from graphbuild.fileio import Target, path_or_file

INSTRUMENT_LIMIT = 300
DOCUMENT_LIMIT = 300
HIDDEN_EDGES = frozenset({"ISSUED_BY"})     # bodies are shown as the issuer field instead

# Okabe-Ito and Tableau colours, readable on white; the most frequent types get them first.
TYPE_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
                "#8c564b", "#7f7f00", "#9467bd", "#17becf", "#bcbd22", "#e377c2")
OTHER_COLOUR = "#9e9e9e"
RELATION_COLOURS = {
    "CITES": "#9aa5b1", "ABOUT": "#c8a165", "IMPLEMENTS": "#0072b2", "REVIEWS": "#9467bd",
    "AMENDS": "#e69f00", "REPLACES": "#d62728", "REPEALS": "#8b0000", "GUIDES": "#17becf",
    "BASED_ON": "#009e73",
}
NODE_FIELDS = {
    INSTRUMENT: ("key", "symbol", "type", "kind", "status", "number", "year", "date", "issuer",
                 "term", "title", "name", "documents", "mentions", "candidates", "variants"),
    DOCUMENT: ("doc_id", "title", "date", "path", "chars", "citations"),
}
_PLACEHOLDER = re.compile(r"/\*\{\{(\w+)\}\}\*/")


# --- choosing what to show -------------------------------------------------------------

def _by_label(g: nx.MultiDiGraph, label: str) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a.get("label") == label]


def _citing_count(g: nx.MultiDiGraph, node: str) -> int:
    return sum(1 for _, _, k in g.in_edges(node, keys=True) if k not in HIDDEN_EDGES)


def select_instruments(g: nx.MultiDiGraph, limit: int = INSTRUMENT_LIMIT) -> list[str]:
    """The ``limit`` most cited instruments: by citing documents, then by in-degree."""
    ranked = sorted(_by_label(g, INSTRUMENT),
                    key=lambda n: (-g.nodes[n].get("documents", 0), -_citing_count(g, n), n))
    return ranked[:limit]


def select_documents(g: nx.MultiDiGraph, kept: set[str], limit: int = DOCUMENT_LIMIT) -> list[str]:
    """Documents citing the kept instruments, those citing most of them first."""
    cited = Counter(u for v in kept for u, _ in g.in_edges(v)
                    if g.nodes[u].get("label") == DOCUMENT)
    return sorted(cited, key=lambda d: (-cited[d], d))[:limit]


# --- the embedded data -----------------------------------------------------------------

def type_colours(g: nx.MultiDiGraph, nodes: list[str]) -> dict[str, str]:
    """One colour per instrument type, the most frequent types first."""
    counts = Counter(g.nodes[n].get("type") or "(unknown)" for n in nodes)
    ranked = sorted(counts, key=lambda t: (-counts[t], t))
    return {t: TYPE_PALETTE[i] if i < len(TYPE_PALETTE) else OTHER_COLOUR for i, t in enumerate(ranked)}


def _radius(documents: int, most: int) -> float:
    # Area grows with the number of citing documents; the largest node stays readable.
    return round(5 + 17 * math.sqrt(documents / most), 1) if most else 5.0


def node_label(n: str, a: dict) -> str:
    """What the drawing writes by a node: the key for symbols (``27-NQ/TW@2022`` and
    ``27-NQ/TW@2018`` are two nodes), else the name or title."""
    if a.get("label") == INSTRUMENT and a.get("symbol"):
        return a.get("key") or a["symbol"]
    return display_name(n, a)


def _node_record(g: nx.MultiDiGraph, n: str, colours: dict[str, str], most: int) -> dict:
    a = g.nodes[n]
    label = a.get("label")
    fields = {f: a[f] for f in NODE_FIELDS.get(label, ()) if a.get(f) not in (None, "", [])}
    record = {"id": n, "group": label, "label": node_label(n, a), "fields": fields}
    if label == INSTRUMENT:
        kind = a.get("type") or "(unknown)"
        record.update(type=kind, colour=colours.get(kind, OTHER_COLOUR), year=a.get("year"),
                      size=a.get("documents", 0), r=_radius(a.get("documents", 0), most),
                      issuer=_issuer(g, n))
        if record["issuer"]:
            fields.setdefault("issuer", record["issuer"])
    else:
        record.update(type="Document", colour="#555555", year=year_of(a.get("date")),
                      size=a.get("citations", 0), r=4.0)
    return record


def _issuer(g: nx.MultiDiGraph, n: str) -> str | None:
    bodies = [g.nodes[b].get("name") for _, b, k in g.out_edges(n, keys=True) if k == "ISSUED_BY"]
    return bodies[0] if bodies else None


def _edge_records(g: nx.MultiDiGraph, index: dict[str, int]) -> list[dict]:
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in HIDDEN_EDGES or u not in index or v not in index:
            continue
        evidence = [{"doc": s.get("doc"), "sentence": s.get("sentence"), "rule": s.get("rule")}
                    for s in d.get("evidence", [])]
        edges.append({"source": index[u], "target": index[v], "type": d.get("type", k),
                      "count": d.get("count", 1), "evidence": evidence})
    return sorted(edges, key=lambda e: (e["source"], e["target"], e["type"]))


def view_data(g: nx.MultiDiGraph, limit: int = INSTRUMENT_LIMIT,
              doc_limit: int = DOCUMENT_LIMIT, title: str | None = None) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    instruments = select_instruments(g, limit)
    documents = select_documents(g, set(instruments), doc_limit)
    colours = type_colours(g, instruments)
    most = max((g.nodes[n].get("documents", 0) for n in instruments), default=0)
    nodes = [_node_record(g, n, colours, most) for n in instruments + documents]
    index = {rec["id"]: i for i, rec in enumerate(nodes)}
    edges = _edge_records(g, index)
    relations = sorted({e["type"] for e in edges}, key=lambda t: (t != "CITES", t))
    totals = {"instruments": len(_by_label(g, INSTRUMENT)), "documents": len(_by_label(g, DOCUMENT))}
    return {
        "title": title or "graphbuild: citation graph",
        "totals": totals,
        "shown": {"instruments": len(instruments), "documents": len(documents)},
        "limits": {"instruments": limit, "documents": doc_limit},
        "types": [[t, c] for t, c in colours.items()],
        "relations": [[r, RELATION_COLOURS.get(r, OTHER_COLOUR)] for r in relations],
        "nodes": nodes,
        "edges": edges,
    }


# --- the page --------------------------------------------------------------------------

def script_json(data) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or ``&`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def static_text(name: str) -> str:
    """A file shipped in ``graphbuild/static`` (package data)."""
    return resources.files("graphbuild").joinpath("static", name).read_text(encoding="utf-8")


def fill_template(template: str, parts: dict[str, str]) -> str:
    """Replace ``/*{{NAME}}*/`` once each; inserted text is never scanned again."""
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def inline_code(name: str, closing: str) -> str:
    """A static CSS or JS file, checked so it cannot end its ``<style>``/``<script>`` early."""
    text = static_text(name)
    if closing in text.lower():
        raise ValueError(f"graphbuild/static/{name} contains {closing!r}")
    return text


def render_html(data: dict) -> str:
    return fill_template(static_text("graph_view.html"), {
        "TITLE": html.escape(data["title"]),
        "CSS": inline_code("graph_view.css", "</style"),
        "DATA": script_json(data),
        "JS": inline_code("graph_view.js", "</script"),
    })


def write_html(g: nx.MultiDiGraph, target: Target, *, limit: int = INSTRUMENT_LIMIT,
               doc_limit: int = DOCUMENT_LIMIT, title: str | None = None) -> None:
    """Write the interactive view to a path (atomically) or an open binary file."""
    page = render_html(view_data(g, limit, doc_limit, title)).encode("utf-8")
    with path_or_file(target) as f:
        f.write(page)
