"""``graphbuild build``: a corpus to the citation graph, written in every export format."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from graphbuild.cli.common import (ON_DUPLICATE_HELP, STDIN_FORMAT_HELP, OnDuplicate, Problems, StdinFormat,
                                   catalog_or_fail, fail)
from graphbuild.cli.progress import Progress, progress_option
from graphbuild.corpus.inputs import input_size
from graphbuild.export.formats import FORMATS, check_formats, format_names
from graphbuild.export.staging import OutputBusy, StagedOutput

# graphbuild.build (NetworkX, the pipeline) is imported by the command, not here: the
# other commands start without it.


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
    formats: str = typer.Option(",".join(format_names()), "--formats",
                                help="Comma-separated export formats."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress (same as --no-progress)."),
    progress_shown: Optional[bool] = progress_option(),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=ON_DUPLICATE_HELP),
    stdin_format: StdinFormat = typer.Option("auto", "--stdin-format", help=STDIN_FORMAT_HELP),
    from_tables: List[Path] = typer.Option(None, "--from-tables", help="Build from these Parquet tables "
                                           "(a build's tables/, the Dask engine's output) instead of a corpus."),
):
    """Parse, resolve and write the citation graph of CORPUS in every export format
    (graph.json, .graphml, .gexf, .cypher, .html and csv/).

    Example:

        graphbuild build data/corpus -o out/

        graphbuild build new-articles/ --update out/ -o out/

        graphbuild build --from-tables out/tables -o graph2/
    """
    from graphbuild.build import build_corpus, build_from_tables        # NetworkX: not at start
    wanted = _plan(formats, corpus, from_tables)
    cat = catalog_or_fail(catalog, no_catalog)
    problems = Problems()
    progress = Progress("build", total=input_size(corpus or []), show=progress_shown, quiet=quiet)
    # Locked, cleaned of a killed run's leftovers and checked writable before any parsing;
    # swapped in whole once written, left as it was on any error or signal.
    staged = _open_output(outdir)
    try:
        try:
            tables = _tables(staged, update) if "parquet" in wanted and corpus else None
            g = build_from_tables(from_tables) if from_tables else build_corpus(
                corpus, jobs=jobs, catalog=cat, update=update, on_problem=problems, on_duplicate=on_duplicate.value,
                on_document=lambda r: progress.tick(r.chars), progress=progress.advance,
                stdin_format=stdin_format.value, tables=tables)
        except (OSError, ValueError) as exc:        # the --update graph or the tables cannot be read
            progress.done()
            fail(str(exc))
        info = _write(g, staged, wanted, progress)
    finally:
        staged.close()
    print_summary(info, added=progress.docs)
    problems.exit()


def _plan(formats: str, corpus, from_tables) -> list[str]:
    """The formats to write (unknown ones fail before anything is done); a corpus or tables."""
    try:
        wanted = check_formats(f.strip() for f in formats.split(",") if f.strip())
    except ValueError as exc:
        fail(str(exc))
    if bool(corpus) == bool(from_tables):
        fail("give a corpus or --from-tables FOLDER (not both)")
    return wanted


def _tables(staged: StagedOutput, update: Optional[Path]) -> Path:
    """The staged folder of the extraction tables (the parquet format's); with --update, the
    parts of the build it extends come along, and this run adds one."""
    from graphbuild.tables.parquet import carry_parts

    folder = staged.path / FORMATS["parquet"].filename
    if update is not None:                  # the parts of the build whose graph is extended
        carry_parts((update if update.is_dir() else update.parent) / FORMATS["parquet"].filename, folder)
    return folder


def _write(g, staged: StagedOutput, wanted: list[str], progress: Progress) -> dict:
    """Every format into the staging folder, then swapped in: the build's summary."""
    from graphbuild.build import write_graph

    progress.phase("export", len(wanted))
    try:
        info = write_graph(g, staged, wanted, on_format=progress.step)
        staged.commit()
    except OSError as exc:
        progress.done()
        fail(f"{staged.target}: cannot write the graph ({exc.strerror or exc})")
    progress.done()
    return info


def _open_output(outdir: Path) -> StagedOutput:
    try:
        return StagedOutput(outdir).open()
    except OutputBusy as exc:
        fail(f"{outdir}: {exc.strerror}")
    except OSError as exc:
        fail(f"{outdir}: cannot write the graph here ({exc.strerror or exc})")


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
