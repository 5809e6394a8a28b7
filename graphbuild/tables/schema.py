"""The Arrow schemas of graphbuild's Parquet tables: one place, documented column by column.

Two families of tables:

* **extraction tables**, one row per thing found in one document, in input order; what
  ``graphbuild build`` and the distributed engine (:mod:`graphbuild.scale.dask`) write, and
  what ``graphbuild build --from-tables`` turns into the graph without re-parsing:
  ``documents``, ``mentions`` (resolved citations with their facts and evidence sentence),
  ``relations`` (instrument-to-instrument relations with their evidence);
* **graph tables**, one row per node or edge of the finished graph: ``instruments``,
  ``bodies``, ``edges`` (every edge with its count and evidence samples);

and ``citations``, what ``graphbuild extract --format parquet`` writes: one row per
citation with the document's provenance columns.

Plain Parquet types only (string, int64, list<string>, list<struct>), so DuckDB, Polars
and Spark read the files as they are.  This module is the only one that names columns;
pyarrow is imported on first use.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache

from graphbuild.graph.vocab import EVIDENCE_FIELDS, INSTRUMENT, NODES, BODY
from graphbuild.models import CITATION_FIELDS
from graphbuild.pipeline import FACT_FIELDS, DocResult

S, I, LS = "string", "int64", "list<string>"
EVIDENCE = "list<evidence>"

_CITATION_DOCS = {
    "start": "str offset of the citation in the text", "end": "str offset of its end",
    "text": "the citation as written", "kind": "party | state | named",
    "type": "full Vietnamese type word: Nghị quyết, Luật", "number": "the number: 49, 30a",
    "symbol": "canonical symbol: 49-NQ/TW", "year": "year of issue, when the citation says it",
    "date": "ISO date of issue, when the citation says it", "issuer": "issuer as cited",
    "term": "term of the issuer: khóa IX", "subject": "the 'về ...' phrase",
    "id": "deterministic id of the instrument named",
}
_DOCUMENT_DOCS = {
    "doc_id": "the document's id (file path or JSONL id)", "path": "the file it was read from",
    "title": "title, from the record or the first line", "date": "ISO date of the document, when known",
    "chars": "length of the text, in characters", "about": "key of the instrument the document is or reports on",
    "about_kind": "self | reported | null",
}
#: DocResult fields that are tables of their own, not columns of ``documents``.
NESTED_RESULT_FIELDS = ("mentions", "relations")


def document_fields() -> tuple[str, ...]:
    """The scalar fields of :class:`~graphbuild.pipeline.DocResult`, in declaration order: the
    ``documents`` table follows the pipeline's result, whatever fields it gains."""
    return tuple(f.name for f in fields(DocResult) if f.name not in NESTED_RESULT_FIELDS)


def _document_columns() -> tuple[tuple[str, str, str], ...]:
    types = {f.name: str(f.type) for f in fields(DocResult)}
    columns = [(name, I if types[name].startswith("int") else S, _DOCUMENT_DOCS.get(name, f"the result's {name}"))
               for name in document_fields()]
    return (*columns, ("line", I, "its line in a JSONL corpus (null for a text file)"),
            ("citations", I, "mentions found in it"))

#: (column, type, meaning) per table.  ``evidence`` is a struct {doc, start, end, sentence, rule}.
COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "citations": (
        ("doc", S, "id of the citing document"),
        ("doc_path", S, "file it was read from"),
        ("doc_line", I, "line of a JSONL corpus (null for a text file)"),
        ("doc_title", S, "the record's title (null when it has none)"),
        ("doc_date", S, "the record's ISO date (null when it has none)"),
    ) + tuple((f, I if f in ("start", "end", "year") else S, _CITATION_DOCS[f]) for f in CITATION_FIELDS),
    "documents": _document_columns(),
    "mentions": (
        ("doc_id", S, "the citing document"),
        ("mention", I, "position of the mention in the document (0, 1, ...)"),
        ("key", S, "instrument key it resolves to: 49-NQ/TW@2008"),
        ("status", S, "resolved | ambiguous | unresolved"),
        ("rule", S, "the resolution step that decided"),
        ("candidates", LS, "candidate keys when ambiguous"),
        ("start", I, "str offset of the mention in the text"),
        ("end", I, "str offset of its end"),
        ("text", S, "the mention as written"),
        ("sentence", S, "evidence sentence (empty after the first mention of a key in a document)"),
    ) + tuple((f"fact_{f}", I if f == "year" else S, f"the instrument's {f}, as this mention tells it")
              for f in FACT_FIELDS),
    "relations": (
        ("doc_id", S, "the document that states it"),
        ("relation", I, "position of the relation in the document (0, 1, ...)"),
        ("source", S, "instrument key of the acting instrument"),
        ("type", S, "AMENDS, REPLACES, REPEALS, REVIEWS, GUIDES, IMPLEMENTS, BASED_ON or CITES"),
        ("target", S, "instrument key it acts on"),
        ("start", I, "str offset of the evidence mention (the target's)"),
        ("end", I, "str offset of its end"),
        ("sentence", S, "the evidence sentence"),
        ("rule", S, "subject:<cue> or phrase:<cue>"),
    ),
    "instruments": (("id", S, "graph node id: inst:<key>"),) + tuple(
        (p.name, LS if p.is_list else (I if p.type is int else S), p.doc) for p in NODES[INSTRUMENT].properties),
    "bodies": (("id", S, "graph node id: body:<slug>"),) + tuple(
        (p.name, S, p.doc) for p in NODES[BODY].properties),
    "edges": (
        ("source", S, "graph node id of the source"),
        ("target", S, "graph node id of the target"),
        ("type", S, "edge type (CITES, ABOUT, ISSUED_BY, AMENDS, ...)"),
        ("count", I, "how many times the documents state it"),
        ("evidence", EVIDENCE, "a few samples {doc, start, end, sentence, rule}"),
    ),
}

EXTRACTION_TABLES = ("documents", "mentions", "relations")
GRAPH_TABLES = ("instruments", "bodies", "edges")


def _arrow_type(name: str):
    import pyarrow as pa
    if name == S:
        return pa.string()
    if name == I:
        return pa.int64()
    if name == LS:
        return pa.list_(pa.string())
    evidence = pa.struct([(f, pa.int64() if f in ("start", "end") else pa.string()) for f in EVIDENCE_FIELDS])
    return pa.list_(evidence)


@lru_cache(maxsize=None)
def schema(table: str):
    """The ``pyarrow.Schema`` of ``table`` (a key of :data:`COLUMNS`), with each column's meaning
    as field metadata."""
    import pyarrow as pa
    return pa.schema([pa.field(name, _arrow_type(kind), metadata={"doc": doc})
                      for name, kind, doc in COLUMNS[table]])


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _, _ in COLUMNS[table])


def markdown(tables=tuple(COLUMNS)) -> str:
    """The schemas as Markdown tables: ``docs/tables.md`` is this text (a test keeps it so)."""
    out = ["# graphbuild's Parquet tables", "",
           "Made by `python -c \"from graphbuild.tables.schema import markdown; print(markdown(), end='')\" "
           "> docs/tables.md`; see the README, *Columnar tables*.", ""]
    for table in tables:
        out += [f"## `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| {name} | {kind.replace('<', '&lt;').replace('>', '&gt;')} | {doc} |"
                for name, kind, doc in COLUMNS[table]]
        out.append("")
    return "\n".join(out)
