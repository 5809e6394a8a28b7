"""A document as HTML with every citation highlighted (``graphbuild annotate``).

The text is written as it is, escaped, inside an element with
``white-space: pre-wrap``; only the citations are wrapped, at their exact
offsets, in ``<a class="cite">`` elements.  Taking the text of the page's
``.text`` element back gives the original text, character for character.
Each citation links to its row in the table of instruments below the text,
and its ``title`` (shown on hover) gives the instrument's key, type, year,
issuer and the relation the document states.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Iterable
from urllib.parse import quote

from graphbuild.fileio import Target, path_or_file
from graphbuild.resolve.catalog import Catalog
from graphbuild.view.page import inline_code
from graphbuild.models import Document
from graphbuild.pipeline import FACT_FIELDS, DocResult, MentionRecord, analyse_document

KINDS = {"party": "Party", "state": "State", "named": "Named (no symbol)"}


def facts(m: MentionRecord) -> dict:
    return dict(zip(FACT_FIELDS, m.facts))


def escape_text(text: str) -> str:
    """Escape text content; a CR becomes ``&#13;`` because parsers turn a raw CR into LF."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def attr(value) -> str:
    return html.escape(str(value), quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


# --- what each mention says ---------------------------------------------------------

def relations_at(result: DocResult) -> dict[tuple[int, int], list]:
    """The document's relations by the offsets of the mention that shows them (the target's)."""
    found: dict[tuple[int, int], list] = defaultdict(list)
    for r in result.relations:
        found[(r.start, r.end)].append(r)
    return found


def tooltip(m: MentionRecord, relations: list, about: str | None) -> str:
    """The lines shown on hover: key and status, facts, title, relations."""
    f = facts(m)
    details = [f["type"], KINDS.get(f["kind"], f["kind"]), f["year"] or f["date"], f["issuer"], f["term"]]
    lines = [f"{m.key} ({m.status})", " · ".join(str(x) for x in details if x)]
    if f["title"] or f["name"]:
        lines.append(f["name"] or f["title"])
    if m.candidates:
        lines.append("candidates: " + ", ".join(m.candidates))
    if m.key == about:
        lines.append("the document's own instrument (ABOUT)")
    lines += [f"{r.source} {r.type} this ({r.rule})" for r in relations]
    return "\n".join(lines)


# --- the marked-up text -------------------------------------------------------------

def non_overlapping(mentions: Iterable[MentionRecord]) -> list[MentionRecord]:
    """Mentions in order; one overlapping an earlier mention is left unmarked."""
    kept, end = [], 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start >= end and m.end > m.start:
            kept.append(m)
            end = m.end
    return kept


def marked_text(text: str, result: DocResult, anchors: dict[str, str]) -> str:
    """``text`` escaped, with each citation wrapped in an ``<a class="cite">`` at its offsets."""
    relations = relations_at(result)
    parts, pos = [], 0
    for m in non_overlapping(result.mentions):
        shown = relations.get((m.start, m.end), [])
        kind = facts(m)["kind"] or "unknown"
        parts.append(escape_text(text[pos:m.start]))
        parts.append(
            f'<a class="cite kind-{attr(kind)} status-{attr(m.status)}" href="#{anchors[m.key]}" '
            f'data-key="{attr(m.key)}" data-start="{m.start}" data-end="{m.end}" '
            f'data-relation="{attr(" ".join(sorted({r.type for r in shown})))}" '
            f'title="{attr(tooltip(m, shown, result.about))}">{escape_text(text[m.start:m.end])}</a>')
        pos = m.end
    parts.append(escape_text(text[pos:]))
    return "".join(parts)


# --- tables and page ------------------------------------------------------------------

def instrument_rows(result: DocResult) -> list[tuple[MentionRecord, int]]:
    """One row per instrument: its first mention and how many times the text cites it."""
    first: dict[str, MentionRecord] = {}
    count: dict[str, int] = defaultdict(int)
    for m in result.mentions:
        first.setdefault(m.key, m)
        count[m.key] += 1
    return [(m, count[key]) for key, m in first.items()]


def relations_of(result: DocResult, key: str) -> list[str]:
    rows = [f"{r.type} ← {r.source}" for r in result.relations if r.target == key]
    rows += [f"{r.type} → {r.target}" for r in result.relations if r.source == key]
    return sorted(set(rows))


def instrument_table(result: DocResult, anchors: dict[str, str], graph_href: str | None) -> str:
    body = []
    for m, count in instrument_rows(result):
        f = facts(m)
        key = escape_text(m.key)
        if graph_href:
            key = f'<a href="{attr(graph_href)}#{attr(quote(m.key, safe=""))}">{key}</a>'
        values = [f["type"], KINDS.get(f["kind"], f["kind"]), f["year"] or f["date"], f["issuer"],
                  m.status, count, "; ".join(relations_of(result, m.key))]
        cells = [key] + ["" if v is None else escape_text(str(v)) for v in values]
        row = "".join(f"<td>{c}</td>" for c in cells)
        body.append(f'<tr id="{anchors[m.key]}" class="kind-{attr(f["kind"])}">{row}</tr>')
    head = "".join(f"<th>{h}</th>" for h in
                   ("instrument", "type", "kind", "year", "issuer", "status", "mentions", "relations"))
    return f'<table class="instruments"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def article(doc: Document, result: DocResult, number: int, graph_href: str | None = None) -> str:
    anchors = {key: f"d{number}-i{i}" for i, key in enumerate(dict.fromkeys(m.key for m in result.mentions), 1)}
    meta = " · ".join(str(x) for x in (doc.id, result.date, f"{len(result.mentions)} citations",
                                        f"{len(anchors)} instruments") if x)
    title = result.title or doc.id
    return (f'<article id="doc-{number}" data-doc="{attr(doc.id)}">\n'
            f"<h2>{escape_text(title)}</h2>\n<p class=\"meta\">{escape_text(meta)}</p>\n"
            f'<div class="text">{marked_text(doc.text, result, anchors)}</div>\n'
            f"<h3>Instruments cited</h3>\n{instrument_table(result, anchors, graph_href)}\n</article>")


def legend() -> str:
    kinds = "".join(f'<span class="cite kind-{k}">{escape_text(v)}</span> ' for k, v in KINDS.items())
    return (f'<p class="legend">{kinds}<span class="cite status-ambiguous">ambiguous</span> '
            f'<span class="cite status-unresolved">unresolved</span> '
            "Hover a citation for its instrument; click it for the table row.</p>")


def page_title(items: list[tuple[Document, DocResult]]) -> str:
    if len(items) == 1:
        doc, result = items[0]
        return result.title or doc.id
    return f"{len(items)} documents"


def render_page(items: list[tuple[Document, DocResult]], graph_href: str | None = None) -> str:
    title = page_title(items)
    css = inline_code("annotate.css", "</style")
    articles = "\n".join(article(doc, result, i, graph_href) for i, (doc, result) in enumerate(items, 1))
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="graphbuild">\n'
            f"<title>Citations: {escape_text(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
            f"<header><h1>Citations: {escape_text(title)}</h1>{legend()}</header>\n"
            f"{articles}\n</body>\n</html>\n")


def annotate(docs: Iterable[Document], catalog: Catalog | None = None,
             graph_href: str | None = None) -> str:
    """The page for ``docs``: each document with its citations highlighted."""
    catalog = catalog if catalog is not None else Catalog.load()
    items = [(doc, analyse_document(doc, catalog)) for doc in docs]
    if not items:
        raise ValueError("no document to annotate")
    return render_page(items, graph_href)


def write_annotated(docs: Iterable[Document], target: Target, catalog: Catalog | None = None,
                    graph_href: str | None = None) -> None:
    """Write the page to a path (atomically) or an open binary file."""
    page = annotate(docs, catalog, graph_href).encode("utf-8")
    with path_or_file(target) as f:
        f.write(page)
