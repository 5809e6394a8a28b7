"""What every command shares: failing in one line, input problems, progress, tables,
``--output`` streams, option types.  The command modules import from here only."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, NoReturn, Optional

import typer

from graphbuild.corpus.inputs import (DUPLICATE_POLICIES, STDIN_FORMATS, DuplicateIds, InputError, InputProblem,
                                     to_document)
from graphbuild.corpus.parallel import default_jobs
from graphbuild.fileio import atomic_file
from graphbuild.resolve.catalog import Catalog


class OutputFormat(str, Enum):
    """``--format`` of every command that prints data: the same four everywhere."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FORMAT_HELP = "Output format: table (for people), json, jsonl (one object per line) or csv."


def cell(value) -> str:
    """A value as one CSV or table cell: lists and objects as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit_rows(rows: list[dict], columns, format: OutputFormat, out=None) -> None:
    """``rows`` (dicts) on ``out`` (stdout) as a table, a JSON list, JSON lines or CSV with
    the header ``columns`` (keys of a row not in ``columns`` are left out of CSV and table)."""
    out = out or sys.stdout
    if format is OutputFormat.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif format is OutputFormat.jsonl:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    elif format is OutputFormat.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[cell(r.get(c)) for c in columns] for r in rows])
    else:
        print_table([{c: cell(r.get(c)) for c in columns} for r in rows], columns, out)


StdinFormat = Enum("StdinFormat", {f: f for f in STDIN_FORMATS}, type=str)  # type: ignore[misc]
STDIN_FORMAT_HELP = ("What - (standard input) holds: auto (a JSONL corpus when its first line is a JSON "
                     "object with a \"text\" string, else one text), jsonl or text.")
OnDuplicate = Enum("OnDuplicate", {p: p for p in DUPLICATE_POLICIES}, type=str)  # type: ignore[misc]
ON_DUPLICATE_HELP = ("A document id seen twice: error (name both lines, keep the first, exit 1), "
                     "first or last (keep that one, no error).")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr and end the command with ``code``.

    Called while a closed pipe is being handled (``graphbuild export ... | head``), it lets
    the BrokenPipeError go on instead: :func:`graphbuild.cli.commands.main` ends quietly."""
    closed = sys.exc_info()[1]
    if isinstance(closed, BrokenPipeError):
        raise closed
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


class Problems:
    """Collects input problems: one line on stderr each, and the exit code at the end."""

    def __init__(self):
        self.count = 0
        self.output = None

    def follow(self, output) -> None:
        """Write each problem after what ``output`` holds: a log of both (``2>&1``) keeps the
        order of the records, however large the output's buffer."""
        self.output = output

    def __call__(self, problem: InputProblem) -> None:
        self.count += 1
        if self.output is not None:
            self.output.flush()
        typer.echo(f"Error: {problem}", err=True)

    def exit(self) -> None:
        if self.count:
            typer.echo(f"{self.count} input problem(s); the other inputs were processed.", err=True)
            raise typer.Exit(1)


def worker_count(jobs: Optional[int]) -> int:
    """``--jobs``: None or 0 means every core."""
    return default_jobs() if jobs is None or jobs <= 0 else jobs


def catalog_or_fail(path: Optional[Path], no_catalog: bool) -> Catalog:
    """The catalog of ``--catalog``/``--no-catalog`` (the shipped one by default)."""
    if no_catalog:
        return Catalog()
    try:
        return Catalog.load(path)
    except ValueError as exc:
        fail(str(exc))


def graph_or_fail(graph: Path):
    """The graph at ``graph`` (graph.json or a build folder), or one ``Error:`` line."""
    try:
        from graphbuild.build import read_graph      # NetworkX: only the commands that read a graph

        return read_graph(graph)
    except (OSError, ValueError) as exc:
        fail(str(exc))


def print_table(rows: list[dict], columns, out=None) -> None:
    """``rows`` as aligned columns (cells cut at 60 characters) on ``out`` (stdout)."""
    out = out or sys.stdout
    cells = [[("" if r.get(c) is None else " ".join(str(r.get(c)).split()))[:60] for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


# Python writes stdout to a pipe 8 KB at a time: the 32 MB that `extract` prints for the bulk
# corpus woke the reader 4,000 times, 0.3 s of a 5.5 s run.  A megabyte at a time instead.
STDOUT_BUFFER = 2**20


@contextlib.contextmanager
def output_stream(output: Optional[Path]):
    """stdout (with a large buffer when it is a pipe or a file), or a text stream into an
    atomic temp file renamed at the end."""
    if output is None:
        stream = _buffered_stdout()
        try:
            yield stream
            if stream is not sys.stdout:
                stream.detach()          # flushes; stdout's descriptor stays open
        except BrokenPipeError:
            quit_on_closed_pipe()
        return
    try:
        with atomic_file(output) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")


def utf8_sink(out):
    """A ``write(bytes)`` into the binary stream under the text stream ``out`` (flushed first)
    when UTF-8 bytes may go there directly: ``out`` writes UTF-8 with "\\n" line ends; else None.
    Output stays as prompt as ``out`` would make it: a line-buffered stream (a terminal) or a
    write-through one (``python -u``) has its binary stream flushed at each write."""
    buffer, encoding = getattr(out, "buffer", None), getattr(out, "encoding", None)
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8" or os.linesep != "\n":
        return None
    out.flush()
    if not (getattr(out, "line_buffering", False) or getattr(out, "write_through", False)):
        return buffer.write

    def write_and_flush(data: bytes) -> None:
        # Under python -u the binary stream is the raw file, whose write may take only part
        # of the bytes (a signal in a write to a pipe): what is left is written again.
        view = memoryview(data)
        while view and (written := buffer.write(view)) is not None:    # None: non-blocking, full
            view = view[written:]
        buffer.flush()
    return write_and_flush


def _buffered_stdout():
    """stdout with a :data:`STDOUT_BUFFER` buffer, or stdout itself for a terminal (output
    as it comes), ``python -u`` (unbuffered asked for) or a stream without a descriptor (a
    test runner's)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return sys.stdout
    if os.isatty(fd) or getattr(sys.stdout, "write_through", False) or sys.stdout.line_buffering:
        return sys.stdout
    sys.stdout.flush()
    return io.TextIOWrapper(open(fd, "wb", buffering=STDOUT_BUFFER, closefd=False),
                            encoding=sys.stdout.encoding, errors=sys.stdout.errors)


def quit_on_closed_pipe() -> NoReturn:
    """stdout's reader went away (``graphbuild extract ... | head``): stop at once, without a
    word, exit code 1.

    Not through Click, which ends such a command with ``sys.exit(1)``: the interpreter would
    then wait at exit for the worker pool's thread, which can hang on a result half written by
    a worker stopped mid-send.  What is still buffered can never be written: stdout goes to
    /dev/null so no flush prints an error ("Exception ignored" under ``python -X dev``).
    """
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    os._exit(1)


# --- the worker side of corpus commands: raw items in, (problem, ident, payload) out ---------

def decode_item(item):
    """``(document, problem)``: exactly one is None."""
    try:
        return to_document(item, utf8=True), None
    except InputError as exc:
        return None, exc.problem


def item_ident(doc, item) -> tuple:
    """What names a document in a duplicate-id report: its id, file and line."""
    return doc.id, item.path, item.line


def unique_payloads(results, problems: Problems, policy) -> Iterator:
    """Worker results ``(problem, ident, payload)`` -> payloads: each problem reported,
    duplicate ids handled by ``--on-duplicate``."""
    return DuplicateIds(getattr(policy, "value", policy), problems).filter_results(results)
