"""``graphbuild catalog build``: learn instruments from the full citations of a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from graphbuild.cli.common import (ON_DUPLICATE_HELP, OnDuplicate, Problems, catalog_or_fail,
                                   decode_item, fail, item_ident, unique_payloads, worker_count)
from graphbuild.cli.progress import Progress, progress_option
from graphbuild.corpus.inputs import input_size
from graphbuild.fileio import atomic_file
from graphbuild.parse.find import get_citations, load_default_tokenizer
from graphbuild.resolve.catalog import Catalog, learn_catalog
from graphbuild.scale.local import map_items


def register(app: typer.Typer) -> None:
    """Add the ``catalog`` group to the ``graphbuild`` app."""
    catalog_app = typer.Typer(no_args_is_help=True, help="Build or inspect instrument catalogs.")
    catalog_app.command("build")(catalog_build)
    app.add_typer(catalog_app, name="catalog")


def catalog_build(
    corpus: List[str] = typer.Argument(..., help="Files, folders, .jsonl/.jsonl.gz corpora, or -."),
    output: Path = typer.Option(..., "--output", "-o", help="Catalog JSON to write."),
    base: Optional[Path] = typer.Option(None, "--base", help="Start from this catalog (default: the shipped one)."),
    empty: bool = typer.Option(False, "--empty", help="Start from an empty catalog."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress (same as --no-progress)."),
    progress_shown: Optional[bool] = progress_option(),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=ON_DUPLICATE_HELP),
):
    """Learn instruments (symbol, type, date, issuer, term, title, aliases) from full citations.

    Example:

        graphbuild catalog build ../shared/corpus/bulk.jsonl.gz -o my-catalog.json
    """
    problems = Problems()
    progress = Progress("catalog", total=input_size(corpus), show=progress_shown, quiet=quiet)
    start = Catalog() if empty else catalog_or_fail(base, False)

    def batches():
        load_default_tokenizer()        # once, before the workers fork: they share it
        results = map_items(_catalog_item, corpus, problems, worker_count(jobs), progress=progress.advance)
        for chars, cits in unique_payloads(results, problems, on_duplicate):
            progress.tick(chars)
            yield cits

    try:
        with atomic_file(output) as f:          # opened before the parse: a bad -o fails at once
            learned = learn_catalog(batches(), base=start)
            progress.done()
            f.write(learned.to_bytes(description="graphbuild catalog learned from " + ", ".join(corpus)))
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    typer.echo(f"{len(learned)} instruments ({len(learned) - len(start)} learned) -> {output}")
    problems.exit()


def _catalog_item(item):
    doc, problem = decode_item(item)
    if doc is None:
        return problem, None, None
    return None, item_ident(doc, item), (len(doc.text), get_citations(doc.text, utf8=doc.utf8))
