"""``graphbuild extract``: every citation of a corpus, one record per citation.

The work is :func:`graphbuild.scale.extract.extract_records`: workers read their own share
of the input and return finished output.  ``--format parquet`` writes the ``citations``
table of :mod:`graphbuild.tables.schema` (one row per citation, with the document's
provenance columns).
"""

from __future__ import annotations

import csv
import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from graphbuild.cli.common import (FORMAT_HELP, ON_DUPLICATE_HELP, OnDuplicate, OutputFormat, Problems,
                                   STDIN_FORMAT_HELP, StdinFormat, fail, output_stream, print_table, utf8_sink,
                                   worker_count)
from graphbuild.cli.progress import Progress, progress_option
from graphbuild.scale.extract import OUTPUT_FIELDS, extract_records
from graphbuild.corpus.inputs import input_size

TABLE_COLUMNS = ("doc", "start", "end", "kind", "type", "number", "symbol", "year", "date", "issuer", "text")


# table, json, jsonl, csv (the set every command prints), and parquet (docs/tables.md)
ExtractFormat = Enum("ExtractFormat", {f.value: f.value for f in OutputFormat} | {"parquet": "parquet"}, type=str)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``graphbuild`` app."""
    app.command()(extract)


def extract(
    paths: List[str] = typer.Argument(..., help="Files, folders, .jsonl/.jsonl.gz corpora, or - for stdin."),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f",
                                         help=FORMAT_HELP + " Or parquet (-o FILE): the citations table."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress (same as --no-progress)."),
    progress_shown: Optional[bool] = progress_option(),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=ON_DUPLICATE_HELP),
    stdin_format: StdinFormat = typer.Option("auto", "--stdin-format", help=STDIN_FORMAT_HELP),
):
    """Print every citation found in PATHS, one record per citation.

    Example:

        graphbuild extract data/corpus --format table

        cat report.txt | graphbuild extract - --format csv

        head -n 100 corpus.jsonl | graphbuild extract - --format table

        graphbuild extract corpus.jsonl --format parquet -o citations.parquet
    """
    problems = Problems()
    progress = Progress("extract", total=input_size(paths), show=progress_shown, quiet=quiet)
    if format is ExtractFormat.parquet:
        if output is None:
            progress.done()
            fail("--format parquet writes a file: give it with -o FILE.parquet")
        _extract_parquet(output, paths, jobs, problems, progress, on_duplicate, stdin_format.value)
    else:
        with output_stream(output) as out:
            problems.follow(out)
            _extract_to(out, paths, format, jobs, problems, progress, on_duplicate, stdin_format.value)
    problems.exit()


def _extract_to(out, paths, format, jobs, problems, progress, on_duplicate, stdin_format="auto") -> None:
    if format is ExtractFormat.csv:
        csv.DictWriter(out, fieldnames=OUTPUT_FIELDS, lineterminator="\n").writeheader()
    table_rows = []
    write = _writer(out) if format is ExtractFormat.jsonl else out.write
    for text, chars, records in extract_records(paths, format.value, problems, worker_count(jobs), on_duplicate.value,
                                                stdin_format, progress.advance):
        progress.tick(chars)
        write(text)
        table_rows.extend(records)
    if format is ExtractFormat.table:
        print_table(table_rows, TABLE_COLUMNS, out)
    elif format is ExtractFormat.json:
        out.write(json.dumps(table_rows, ensure_ascii=False, indent=1) + "\n")
    progress.done()


def _writer(out):
    """A writer of JSONL output, bytes (UTF-8) or text: bytes go straight to the binary stream
    under ``out`` when it takes them (graphbuild.cli.common.utf8_sink)."""
    write_bytes = utf8_sink(out)
    if write_bytes is None:
        return lambda lines: out.write(lines.decode("utf-8") if isinstance(lines, bytes) else lines)
    encoding, errors = out.encoding, out.errors or "strict"
    return lambda lines: write_bytes(lines if isinstance(lines, bytes) else lines.encode(encoding, errors))


def _extract_parquet(output: Path, paths, jobs, problems, progress, on_duplicate, stdin_format) -> None:
    """The ``citations`` table (graphbuild.tables.schema) into the file ``output``."""
    from graphbuild.tables.parquet import TableWriter
    try:
        writer = TableWriter(output, "citations")
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    ok = False
    try:
        for rows, chars, _ in extract_records(paths, "parquet", problems, worker_count(jobs), on_duplicate.value,
                                              stdin_format, progress.advance):
            progress.tick(chars)
            writer.add(rows)
        ok = True
    finally:
        writer.close(ok)
    progress.done()
