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

__all__ = ["write_html", "render_html", "fill_template", "inline_code", "script_json", "static_text"]


def render_html(g: nx.MultiDiGraph, title: str | None = None) -> str:
    """The explorer page of ``g`` with every instrument, relation and evidence sample embedded."""
    return render_explorer(explorer_data(g, title), "static")


def write_html(g: nx.MultiDiGraph, target: Target, *, title: str | None = None) -> None:
    """Write the explorer page to a path (atomically) or an open binary file."""
    page = render_html(g, title).encode("utf-8")
    with path_or_file(target) as f:
        f.write(page)
