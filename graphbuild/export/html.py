"""The ``html`` export: the corpus explorer as ONE self-contained HTML file, for sharing.

``write_html(g, target)`` (``graphbuild export GRAPH --format html``) writes the same
explorer as ``graphbuild serve`` (search over every instrument, filters, instrument and
document pages, the whole graph drawn with sigma.js/WebGL) with all of its data embedded:
the page needs no network and no server.  The static document page lists the document's
evidence sentences; the full annotated text needs the texts, so only ``serve`` shows it.
"""

from __future__ import annotations

import networkx as nx

from graphbuild.fileio import Target, path_or_file
from graphbuild.view.explorer import explorer_data
from graphbuild.view.page import fill_template, inline_code, render_explorer, script_json, static_text

<<<<<<< HEAD
__all__ = ["write_html", "render_html", "fill_template", "inline_code", "script_json", "static_text"]
=======
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
    DOCUMENT: ("doc_id", "title", "date", "source", "url", "path", "chars", "citations"),
}
_PLACEHOLDER = re.compile(r"/\*\{\{(\w+)\}\}\*/")
>>>>>>> ident


def render_html(g: nx.MultiDiGraph, title: str | None = None) -> str:
    """The explorer page of ``g`` with every instrument, relation and evidence sample embedded."""
    return render_explorer(explorer_data(g, title), "static")


def write_html(g: nx.MultiDiGraph, target: Target, *, title: str | None = None) -> None:
    """Write the explorer page to a path (atomically) or an open binary file."""
    page = render_html(g, title).encode("utf-8")
    with path_or_file(target) as f:
        f.write(page)
