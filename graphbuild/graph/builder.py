"""The citation graph in NetworkX: ``build_graph(documents) -> nx.MultiDiGraph``.

Its labels, edge types, statuses and properties are those of :mod:`graphbuild.graph.vocab`.
Nodes (``label`` attribute): ``Document`` (``doc:<id>``), ``Instrument``
(``inst:<key>``), ``Body`` (``body:<slug>``).  Edges (``type`` attribute, also
the multigraph key): ``Document-CITES->Instrument`` and ``Document-ABOUT->Instrument``
(with mention ``count`` and ``evidence``), ``Instrument-<RELATION>->Instrument``,
``Instrument-ISSUED_BY->Body``.

Evidence stays compact: every edge keeps its count and at most ``evidence_limit``
samples ``{doc, start, end, sentence, rule, source, url}``, so a million documents fit in
memory.  A document node carries the provenance of its record (``source``, ``url``, ``title``,
``date``), and so does every evidence sample (``source``, ``url``): each edge leads to its outlet.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import networkx as nx

from graphbuild.graph import status
from graphbuild.graph.vocab import (ABOUT, AMBIGUOUS, BODY, CITES, DOCUMENT, INSTRUMENT, ISSUED_BY, LABEL_ATTR,  # noqa: F401
                                    RESOLVED, UNRESOLVED, body_node, doc_node, inst_node)
from graphbuild.pipeline import FACT_FIELDS, DocResult
from graphbuild.resolve.corpus import resolve_from_corpus

EVIDENCE_LIMIT = 3
VARIANT_LIMIT = 5

# Bodies behind the issuer codes of state symbols, for instruments cited without "của ...".
CODE_BODIES = {
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ",
    "BTP": "Bộ Tư pháp", "BTC": "Bộ Tài chính", "BCA": "Bộ Công an", "BQP": "Bộ Quốc phòng",
    "BYT": "Bộ Y tế", "BCT": "Bộ Công Thương", "BXD": "Bộ Xây dựng", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BNV": "Bộ Nội vụ", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TANDTC": "Tòa án nhân dân tối cao", "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "VPQH": "Văn phòng Quốc hội", "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
}
_TERM_SUFFIX = re.compile(r"\s*\(?\s*kh[oó]a\s+[IVXL]+\s*\)?\s*$", re.I)
_BODY_ALIASES = {
    "Ban Bí thư Trung ương Đảng": "Ban Bí thư", "Ban Bí thư Trung ương": "Ban Bí thư",
    "Ban Bí thư T.Ư Đảng": "Ban Bí thư", "Ban Chấp hành Trung ương Đảng": "Ban Chấp hành Trung ương",
    "BCHTW Đảng": "Ban Chấp hành Trung ương", "BCHTW": "Ban Chấp hành Trung ương",
    "Bộ Chính trị Ban Chấp hành Trung ương": "Bộ Chính trị",
    "Bộ Chính trị Ban Chấp hành Trung ương Đảng": "Bộ Chính trị",
}


def canonical_body(issuer: str) -> str:
    """``"Bộ Chính trị khóa IX"`` -> ``"Bộ Chính trị"``; known variants to one name."""
    name = _TERM_SUFFIX.sub("", " ".join(issuer.split())).strip(" ,;")
    return _BODY_ALIASES.get(name, name)


def body_from_symbol(symbol: str | None) -> str | None:
    """Issuing body named by the last code of a state symbol: ``…/NĐ-CP`` -> Chính phủ."""
    if not symbol:
        return None
    last = re.split(r"[-/]", symbol.split("(")[0])[-1]          # "…/TT-BCA(C13)": BCA
    if last.startswith("QH") and last[2:].isdigit():
        return "Quốc hội"
    if last.startswith("UBTVQH"):
        return "Ủy ban Thường vụ Quốc hội"
    return CODE_BODIES.get(last)


class GraphBuilder:
    """Merge :class:`DocResult` objects, in order, into one graph."""

    def __init__(self, evidence_limit: int = EVIDENCE_LIMIT):
        self.g = nx.MultiDiGraph()
        self.evidence_limit = evidence_limit
        self._facts: dict[str, dict[str, Counter]] = {}

    @classmethod
    def from_graph(cls, g: nx.MultiDiGraph, evidence_limit: int = EVIDENCE_LIMIT) -> "GraphBuilder":
        """Continue building an existing graph (``build --update``)."""
        builder = cls(evidence_limit)
        builder.g = g
        for n, a in g.nodes(data=True):
            if a.get(LABEL_ATTR) == INSTRUMENT:
                builder._facts[n] = {f: Counter({a[f]: 1}) if a.get(f) is not None else Counter()
                                     for f in FACT_FIELDS}
        return builder

    def document_ids(self) -> set[str]:
        return {a.get("doc_id") for _, a in self.g.nodes(data=True) if a.get(LABEL_ATTR) == DOCUMENT}

    # -- adding documents ------------------------------------------------------------
    def add(self, r: DocResult) -> None:
        g = self.g
        d = doc_node(r.doc_id)
        g.add_node(d, label=DOCUMENT, doc_id=r.doc_id, title=r.title, date=r.date, path=r.path,
                   chars=r.chars, citations=len(r.mentions))
        for field in ("source", "url", "about_kind"):   # provenance, when the record has it; self/reported
            if getattr(r, field):
                g.nodes[d][field] = getattr(r, field)
        for m in r.mentions:
            n = self._instrument(m)
            self._edge(d, n, CITES, r, m.start, m.end, m.sentence, m.rule)
        if r.about:
            about = next(m for m in r.mentions if m.key == r.about)
            self._edge(d, inst_node(r.about), ABOUT, r, about.start, about.end,
                       about.sentence, "subject")
        for rel in r.relations:
            self._edge(inst_node(rel.source), inst_node(rel.target), rel.type, r,
                       rel.start, rel.end, rel.sentence, rel.rule)

    def _instrument(self, m) -> str:
        n = inst_node(m.key)
        g = self.g
        if n not in g:
            g.add_node(n, label=INSTRUMENT, key=m.key, status=m.status, candidates=list(m.candidates),
                       rule=m.rule, mentions=0, documents=0, variants=[])
            self._facts[n] = {f: Counter() for f in FACT_FIELDS}
        attrs = g.nodes[n]
        attrs["mentions"] += 1
        if m.status == RESOLVED and attrs["status"] != RESOLVED:
            attrs["status"], attrs["candidates"], attrs["rule"] = RESOLVED, [], m.rule
        elif m.status == AMBIGUOUS and attrs["status"] == AMBIGUOUS:
            attrs["candidates"] = sorted(set(attrs["candidates"]) | set(m.candidates))
        if len(attrs["variants"]) < VARIANT_LIMIT and m.text not in attrs["variants"]:
            attrs["variants"].append(" ".join(m.text.split()))
        facts = self._facts[n]
        for field, value in zip(FACT_FIELDS, m.facts):
            if value is not None:
                facts[field][value] += 1
        return n

    def _edge(self, u, v, rel, r: DocResult, start, end, sentence, rule) -> None:
        """Count one statement of ``u -rel-> v`` in document ``r``; keep it as evidence, with
        the document's provenance (``source``, ``url``), while there is room."""
        g = self.g
        if g.has_edge(u, v, key=rel):
            data = g.edges[u, v, rel]
            data["count"] += 1
        else:
            g.add_edge(u, v, key=rel, type=rel, count=1, evidence=[])
            data = g.edges[u, v, rel]
            if rel == CITES and g.nodes[u].get(LABEL_ATTR) == DOCUMENT:
                g.nodes[v]["documents"] += 1
        if sentence and len(data["evidence"]) < self.evidence_limit:
            data["evidence"].append({"doc": r.doc_id, "start": start, "end": end, "sentence": sentence,
                                     "rule": rule, "source": r.source, "url": r.url})

    # -- finishing ---------------------------------------------------------------------
    def finish(self) -> nx.MultiDiGraph:
        """Settle per-instrument facts, date yearless mentions from the corpus, add bodies, and
        the legal status the relations state (:mod:`graphbuild.graph.status`)."""
        for n, facts in self._facts.items():
            attrs = self.g.nodes[n]
            for field, counter in facts.items():
                attrs[field] = counter.most_common(1)[0][0] if counter else None
        self._facts.clear()
        resolve_from_corpus(self.g, self.evidence_limit)
        self._add_bodies()
        status.annotate(self.g)
        return self.g

    def _add_bodies(self) -> None:
        g = self.g
        for n, a in list(g.nodes(data=True)):
            if a.get(LABEL_ATTR) != INSTRUMENT:
                continue
            issuer = a.get("issuer")
            name = canonical_body(issuer) if issuer else body_from_symbol(a.get("symbol"))
            if not name:
                continue
            b = body_node(name)
            if b not in g:
                g.add_node(b, label=BODY, name=name)
            if not g.has_edge(n, b, key=ISSUED_BY):
                g.add_edge(n, b, key=ISSUED_BY, type=ISSUED_BY, count=1, evidence=[])


def build_graph(results: Iterable[DocResult], evidence_limit: int = EVIDENCE_LIMIT) -> nx.MultiDiGraph:
    """A graph from per-document results (see :func:`graphbuild.pipeline.analyse_document`)."""
    builder = GraphBuilder(evidence_limit)
    for r in results:
        builder.add(r)
    return builder.finish()


def summary(g: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts and the most cited instruments, for the CLI and the notebook."""
    labels = Counter(a.get(LABEL_ATTR) for _, a in g.nodes(data=True))
    statuses = Counter(a.get("status") for _, a in g.nodes(data=True) if a.get(LABEL_ATTR) == INSTRUMENT)
    edge_types = Counter(k for _, _, k in g.edges(keys=True))
    cited = sorted(((a.get("documents", 0), n) for n, a in g.nodes(data=True)
                    if a.get(LABEL_ATTR) == INSTRUMENT), reverse=True)[:top]
    mentions = sum(d.get("count", 1) for u, _, k, d in g.edges(keys=True, data=True)
                   if k == CITES and g.nodes[u].get(LABEL_ATTR) == DOCUMENT)
    return {
        "documents": labels.get(DOCUMENT, 0), "instruments": labels.get(INSTRUMENT, 0), "mentions": mentions,
        "bodies": labels.get(BODY, 0), "edges": g.number_of_edges(),
        "edge_types": dict(sorted(edge_types.items())),
        "resolved": statuses.get(RESOLVED, 0), "ambiguous": statuses.get(AMBIGUOUS, 0),
        "unresolved": statuses.get(UNRESOLVED, 0),
        "top_cited": [{"instrument": g.nodes[n].get("key"), "symbol": g.nodes[n].get("symbol"),
                       "name": g.nodes[n].get("name"), "documents": d} for d, n in cited],
    }
