"""One document through the whole pipeline: parse, resolve, relate.

``analyse_document`` is a pure function of a document and a catalog, returning
a compact, picklable :class:`DocResult`; the graph builder merges results in
input order, so the graph is the same whatever the number of worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphbuild.resolve.catalog import Catalog
from graphbuild.corpus.documents import document_title
from graphbuild.parse.find import get_citations
from graphbuild.models import Document
from graphbuild.relate.relations import find_relations
from graphbuild.resolve.sentences import sentence_at
from graphbuild.resolve.dates import document_date
from graphbuild.resolve.document import unify_mentions
from graphbuild.resolve.resolver import resolve_citations
from graphbuild.resolve.subject import date_subject, find_subject, subject_kind


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """What the graph keeps of one mention: the instrument, the evidence."""

    key: str
    status: str
    rule: str
    candidates: tuple[str, ...]
    start: int
    end: int
    text: str
    sentence: str
    facts: tuple          # (kind, type, number, symbol, year, date, issuer, term, title, name)


@dataclass(frozen=True, slots=True)
class DocResult:
    doc_id: str
    path: str
    title: str | None
    date: str | None
    chars: int
    mentions: tuple[MentionRecord, ...]
    about: str | None
    relations: tuple       # of relations.Relation
    about_kind: str | None = None   # "self": the document is the subject's text; "reported"
    source: str | None = None       # provenance of a JSONL record: its outlet or collection
    url: str | None = None          # and its address


FACT_FIELDS = ("kind", "type", "number", "symbol", "year", "date", "issuer", "term", "title", "name")


def analyse_document(doc: Document, catalog: Catalog, sentences_per_instrument: int = 1) -> DocResult:
    text = doc.text
    date = doc.date or document_date(text)
    citations = get_citations(text, utf8=doc.utf8)
    mentions = unify_mentions(text, resolve_citations(citations, doc_date=date, catalog=catalog))
    subject = find_subject(text, mentions)
    if subject is not None and subject.key.endswith("@?"):
        mentions, subject = date_subject(text, mentions, subject, date)
    kind = subject_kind(text, subject)
    relations = find_relations(text, mentions, subject, kind) if mentions else []
    records = []
    kept: dict[str, int] = {}
    for m in mentions:
        c = m.citation
        e = m.entry
        # Evidence sentences are the bulk of the memory: keep a few per instrument.
        n = kept.get(m.key, 0)
        sentence = sentence_at(text, c.start, c.end) if n < sentences_per_instrument else ""
        kept[m.key] = n + 1
        facts = (
            (e.kind if e and e.kind else c.kind), (e.type if e and e.type else c.type),
            c.number if c.number else (e.number if e else None),
            (e.symbol if e and e.symbol else c.symbol),
            (e.year if e and e.year else c.year), (e.date if e and e.date else c.date),
            (e.issuer if e and e.issuer else c.issuer), (e.term if e and e.term else c.term),
            (e.title if e and e.title else (f"về {c.subject}" if c.subject else None)),
            (e.name if e and e.name else c.name),
        )
        records.append(MentionRecord(m.key, m.status, m.rule, m.candidates, c.start, c.end,
                                     c.text, sentence, facts))
    return DocResult(
        doc_id=doc.id, path=doc.path, title=doc.title or document_title(text), date=date,
        chars=len(text), mentions=tuple(records), about=subject.key if subject else None,
        relations=tuple(relations), about_kind=kind, source=_meta(doc, "source"),
        url=document_url(doc),
    )


def _meta(doc: Document, name: str) -> str | None:
    """A field of the JSONL record, as a string (``"source": 12`` is ``"12"``), or None."""
    value = doc.meta.get(name)
    return str(value) if value not in (None, "") else None


def document_url(doc: Document) -> str | None:
    """The document's source address: an http(s) ``url`` (or ``source_url``) of its JSONL record
    (anything else, e.g. ``javascript:``, is not a link a page should carry)."""
    for field in ("url", "source_url"):
        value = doc.meta.get(field)
        if isinstance(value, str) and value.strip().startswith(("http://", "https://")):
            return value.strip()
    return None
