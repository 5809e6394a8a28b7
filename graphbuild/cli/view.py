"""CLI commands for looking at results: ``annotate`` (registered on the main app)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import Problems, catalog_or_fail, fail


def register(app: typer.Typer) -> None:
    """Add the viewing commands to the ``graphbuild`` app."""
    app.command()(annotate)


def annotate(
    file: str = typer.Argument(..., help="A text file, a .jsonl/.jsonl.gz corpus, a folder, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file to write (default: stdout)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only the document with this id (in a JSONL corpus)."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Link instruments to this graph view, "
                                        "e.g. graph.html (from export --format html)."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Catalog JSON (default: the shipped one)."),
    no_catalog: bool = typer.Option(False, "--no-catalog", help="Resolve without any catalog."),
):
    """Write FILE as HTML with every citation highlighted: colour by kind, the instrument on hover.

    Example:

        graphbuild annotate data/corpus/01-ke-hoach-cai-cach-tu-phap.txt -o 01.html

        graphbuild annotate data/corpus/05-news.jsonl --doc news-2023-001 -o news.html --graph graph.html
    """
    from graphbuild.corpus.inputs import iter_documents
    from graphbuild.view.annotate import write_annotated

    cat = catalog_or_fail(catalog, no_catalog)
    problems = Problems()
    docs = [d for d in iter_documents([file], problems) if doc is None or d.id == doc]
    if not docs:
        if problems.count:                          # each problem already has its line
            raise typer.Exit(1)
        fail(f"{file}: no document with id {doc!r}" if doc else f"{file}: no document to annotate")
    try:
        write_annotated(docs, output if output else sys.stdout.buffer, cat, graph)
    except OSError as exc:
        fail(str(exc))
    problems.exit()
