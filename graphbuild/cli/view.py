"""CLI commands for looking at results: ``annotate`` and ``serve`` (registered on the main app)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from graphbuild.cli.common import STDIN_FORMAT_HELP, Problems, StdinFormat, catalog_or_fail, fail
from graphbuild.corpus.parallel import Interrupted

DEFAULT_PORT = 8765


def register(app: typer.Typer) -> None:
    """Add the viewing commands to the ``graphbuild`` app."""
    app.command()(annotate)
    app.command()(serve)


def serve(
    outdir: Path = typer.Argument(..., help="A build folder (from graphbuild build) or its graph.json."),
    port: int = typer.Option(DEFAULT_PORT, "--port", "-p", min=0, max=65535,
                             help="Port on 127.0.0.1; 0 picks a free one."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Catalog JSON for the annotated "
                                           "documents (default: the shipped one)."),
    no_catalog: bool = typer.Option(False, "--no-catalog", help="Annotate documents without any catalog."),
):
    """Explore the graph in OUTDIR in a browser: a local web app on 127.0.0.1 (Ctrl-C stops it).

    Search every instrument (with or without diacritics), filter, open an instrument's relation diagram and follow its evidence to the annotated document. The address is printed on stdout; nothing leaves this machine.

    Example:

        graphbuild serve out/

        graphbuild serve out/ --port 0
    """
    from graphbuild.view.serve import ExplorerServer

    cat = catalog_or_fail(catalog, no_catalog)
    try:
        server = ExplorerServer.from_outdir(outdir, port=port, catalog=cat)
    except (OSError, ValueError) as exc:
        fail(f"{outdir}: {exc.strerror or exc}" if isinstance(exc, OSError) and exc.strerror else str(exc))
    server.documents.warm_up()
    typer.echo(server.url)
    typer.echo("graphbuild explorer: open the address above; Ctrl-C stops it.", err=True)
    sys.stdout.flush()
    try:
        server.serve_forever()
    except (Interrupted, KeyboardInterrupt):
        typer.echo("stopped.", err=True)
    finally:
        server.server_close()


def annotate(
    file: str = typer.Argument(..., help="A text file, a .jsonl/.jsonl.gz corpus, a folder, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file to write (default: stdout)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only the document with this id (in a JSONL corpus)."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Link instruments to this graph view, "
                                        "e.g. graph.html (from export --format html)."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Catalog JSON (default: the shipped one)."),
    no_catalog: bool = typer.Option(False, "--no-catalog", help="Resolve without any catalog."),
    stdin_format: StdinFormat = typer.Option("auto", "--stdin-format", help=STDIN_FORMAT_HELP),
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
    docs = [d for d in iter_documents([file], problems, stdin_format=stdin_format.value)
            if doc is None or d.id == doc]
    if not docs:
        if problems.count:                          # each problem already has its line
            raise typer.Exit(1)
        fail(f"{file}: no document with id {doc!r}" if doc else f"{file}: no document to annotate")
    try:
        write_annotated(docs, output if output else sys.stdout.buffer, cat, graph)
    except OSError as exc:
        fail(str(exc))
    problems.exit()
