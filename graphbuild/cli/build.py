"""``graphbuild build``: a corpus to the citation graph, written in every export format."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from graphbuild.build import ALL_FORMATS, build_corpus, build_from_tables, write_graph
from graphbuild.cli.common import (ON_DUPLICATE_HELP, STDIN_FORMAT_HELP, OnDuplicate, Problems, StdinFormat,
                                   catalog_or_fail, fail)
from graphbuild.cli.progress import Progress, progress_option
from graphbuild.corpus.inputs import input_size
from graphbuild.export.formats import FORMATS, check_formats


def register(app: typer.Typer) -> None:
    """Add ``build`` to the ``graphbuild`` app."""
    app.command()(build)


def build(
    corpus: List[str] = typer.Argument(None, help="Files, folders, .jsonl/.jsonl.gz corpora, or -."),
    outdir: Path = typer.Option(..., "--output", "-o", help="Folder for graph.json, .graphml, .gexf, .cypher, csv/."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Catalog JSON (default: the shipped one)."),
    no_catalog: bool = typer.Option(False, "--no-catalog", help="Resolve without any catalog."),
    update: Optional[Path] = typer.Option(None, "--update", help="Add new documents to this existing graph."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--formats",
                                help="Comma-separated export formats."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress (same as --no-progress)."),
    progress_shown: Optional[bool] = progress_option(),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=ON_DUPLICATE_HELP),
    stdin_format: StdinFormat = typer.Option("auto", "--stdin-format", help=STDIN_FORMAT_HELP),
    from_tables: List[Path] = typer.Option(None, "--from-tables", help="Build from these Parquet tables "
                                           "(a build's tables/, the Dask engine's output) instead of a corpus."),
):
    """Parse, resolve and write the citation graph of CORPUS in every export format
    (graph.json, .graphml, .gexf, .cypher, .html, csv/ and the Parquet tables/).

    Example:

        graphbuild build data/corpus -o out/

        graphbuild build new-articles/ --update out/ -o out/

        graphbuild build --from-tables out/tables -o graph2/
    """
    wanted, tables = _plan(formats, corpus, from_tables, outdir)
    cat = catalog_or_fail(catalog, no_catalog)
    problems = Problems()
    progress = Progress("build", total=input_size(corpus or []), show=progress_shown, quiet=quiet)
    try:
        g = build_from_tables(from_tables) if from_tables else build_corpus(
            corpus, jobs=jobs, catalog=cat, update=update, on_problem=problems, on_duplicate=on_duplicate.value,
            on_document=lambda r: progress.tick(r.chars), progress=progress.advance,
            stdin_format=stdin_format.value, tables=tables)
    except (OSError, ValueError) as exc:        # the --update graph or the tables cannot be read
        progress.done()
        fail(str(exc))
    progress.phase("export", len(wanted))
    try:
        info = write_graph(g, outdir, wanted, on_format=progress.step)
    except OSError as exc:
        progress.done()
        fail(f"{outdir}: cannot write the graph ({exc.strerror or exc})")
    progress.done()
    print_summary(info, added=progress.docs)
    problems.exit()


def _plan(formats: str, corpus, from_tables, outdir: Path) -> tuple[list[str], Optional[Path]]:
    """The formats to write, and the folder of the extraction tables (beside the graph's, in the
    parquet format's folder) when a corpus is parsed with the parquet format."""
    try:
        wanted = check_formats(f.strip() for f in formats.split(",") if f.strip())
    except ValueError as exc:
        fail(str(exc))
    if bool(corpus) == bool(from_tables):
        fail("give a corpus or --from-tables FOLDER (not both)")
    return wanted, outdir / FORMATS["parquet"].filename if "parquet" in wanted and corpus else None


def print_summary(info: dict, added: int) -> None:
    """What a build prints: the counts, then the most cited instruments."""
    typer.echo(f"documents: {info['documents']} ({added} parsed now)")
    typer.echo(f"instruments: {info['instruments']} (resolved {info['resolved']}, "
               f"ambiguous {info['ambiguous']}, unresolved {info['unresolved']})")
    typer.echo(f"bodies: {info['bodies']}   edges: {info['edges']}  "
               + " ".join(f"{k}={v}" for k, v in info["edge_types"].items()))
    typer.echo("top cited:")
    for row in info["top_cited"]:
        typer.echo(f"  {row['documents']:>6}  {row['instrument']}")
