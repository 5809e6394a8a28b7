"""Rows of the Parquet tables, from pipeline results and graphs, and back.

Pure Python (no pyarrow): a row is a tuple in the column order of :mod:`.schema`.
:func:`result_rows` and :func:`results_from_rows` are inverses, so a graph built from the
tables is the graph built from the corpus.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import networkx as nx

from graphbuild.graph.vocab import BODY, INSTRUMENT, LABEL_ATTR, NODES
from graphbuild.models import CITATION_FIELDS, Citation, Document
from graphbuild.pipeline import DocResult, MentionRecord
from graphbuild.relate.relations import Relation
from graphbuild.tables.schema import document_fields


def result_rows(r: DocResult, line: int | None) -> dict[str, list[tuple]]:
    """The extraction-table rows of one document's result: ``{table: [row, ...]}``."""
    document = (*(getattr(r, name) for name in document_fields()), line, len(r.mentions))
    mentions = [(r.doc_id, i, m.key, m.status, m.rule, list(m.candidates), m.start, m.end, m.text, m.sentence,
                 *m.facts) for i, m in enumerate(r.mentions)]
    relations = [(r.doc_id, i, x.source, x.type, x.target, x.start, x.end, x.sentence, x.rule)
                 for i, x in enumerate(r.relations)]
    return {"documents": [document], "mentions": mentions, "relations": relations}


def citation_rows(doc: Document, line: int | None, citations: Iterable[Citation]) -> list[tuple]:
    """Rows of the ``citations`` table (``graphbuild extract --format parquet``) for one document."""
    head = (doc.id, doc.path, line, doc.title, doc.date)
    return [(*head, *(getattr(c, f) for f in CITATION_FIELDS)) for c in citations]


def results_from_rows(documents: Iterable[tuple], mentions: Iterable[tuple],
                      relations: Iterable[tuple]) -> Iterator[DocResult]:
    """DocResults again, in the order of ``documents``.  ``mentions`` and ``relations`` come
    in the same document order (as the tables are written), so this is one merge pass."""
    mentions, relations = _Grouped(mentions), _Grouped(relations)
    names = document_fields()
    for row in documents:
        doc_id = row[0]
        records = tuple(MentionRecord(key, status, rule, tuple(candidates or ()), start, end, text, sentence,
                                      tuple(facts))
                        for _, _, key, status, rule, candidates, start, end, text, sentence, *facts
                        in mentions.take(doc_id))
        found = tuple(Relation(source, type_, target, start, end, sentence, rule)
                      for _, _, source, type_, target, start, end, sentence, rule in relations.take(doc_id))
        yield DocResult(mentions=records, relations=found, **dict(zip(names, row)))


class _Grouped:
    """Consecutive rows with the same first column (the document id), one group at a time."""

    def __init__(self, rows: Iterable[tuple]):
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, doc_id: str) -> list[tuple]:
        group = []
        while self._next is not None and self._next[0] == doc_id:
            group.append(self._next)
            self._next = next(self._rows, None)
        return group


def node_rows(g: nx.MultiDiGraph, label: str) -> Iterator[tuple]:
    """Rows of the ``instruments`` or ``bodies`` table: the node id, then its properties."""
    names = NODES[label].names
    for n in sorted(g.nodes):
        attrs = g.nodes[n]
        if attrs.get(LABEL_ATTR) == label:
            yield (n, *(attrs.get(name) for name in names))


def edge_rows(g: nx.MultiDiGraph) -> Iterator[tuple]:
    """Rows of the ``edges`` table, sorted by (source, target, type)."""
    for u, v, k in sorted(g.edges(keys=True)):
        attrs = g.edges[u, v, k]
        yield u, v, attrs.get("type", k), attrs.get("count"), attrs.get("evidence") or []


GRAPH_TABLE_ROWS = {
    "instruments": lambda g: node_rows(g, INSTRUMENT),
    "bodies": lambda g: node_rows(g, BODY),
    "edges": edge_rows,
}
