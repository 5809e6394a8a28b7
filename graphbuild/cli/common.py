"""What every command shares: failing in one line, input problems, progress, tables,
``--output`` streams, option types.  The command modules import from here only."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Iterator, NoReturn, Optional

import typer

from graphbuild.build import read_graph
from graphbuild.corpus.inputs import DUPLICATE_POLICIES, DuplicateIds, InputError, InputProblem, to_document
from graphbuild.corpus.parallel import default_jobs
from graphbuild.fileio import atomic_file
from graphbuild.resolve.catalog import Catalog


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


OnDuplicate = Enum("OnDuplicate", {p: p for p in DUPLICATE_POLICIES}, type=str)  # type: ignore[misc]
ON_DUPLICATE_HELP = ("A document id seen twice: error (name both lines, keep the first, exit 1), "
                     "first or last (keep that one, no error).")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr and end the command with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


class Problems:
    """Collects input problems: one line on stderr each, and the exit code at the end."""

    def __init__(self):
        self.count = 0

    def __call__(self, problem: InputProblem) -> None:
        self.count += 1
        typer.echo(f"Error: {problem}", err=True)

    def exit(self) -> None:
        if self.count:
            typer.echo(f"{self.count} input problem(s); the other inputs were processed.", err=True)
            raise typer.Exit(1)


class Progress:
    """A progress line on stderr every few seconds, for long runs only."""

    def __init__(self, what: str, every: float = 2.0, quiet: bool = False):
        self.what, self.every, self.quiet = what, every, quiet
        self.start = self.last = time.perf_counter()
        self.docs = self.chars = 0

    def tick(self, chars: int) -> None:
        self.docs += 1
        self.chars += chars
        now = time.perf_counter()
        if not self.quiet and now - self.last >= self.every:
            self.last = now
            rate = self.docs / (now - self.start)
            typer.echo(f"{self.what}: {self.docs} documents, {self.chars / 1e6:.1f} M chars, "
                       f"{rate:.0f} docs/s", err=True)

    def done(self) -> None:
        elapsed = time.perf_counter() - self.start
        if not self.quiet and elapsed >= self.every:
            typer.echo(f"{self.what}: {self.docs} documents in {elapsed:.1f} s", err=True)


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


@contextlib.contextmanager
def output_stream(output: Optional[Path]):
    """stdout, or a text stream into an atomic temp file renamed at the end."""
    if output is None:
        yield sys.stdout
        return
    try:
        with atomic_file(output) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")


# --- the worker side of corpus commands: raw items in, (problem, ident, payload) out ---------

def decode_item(item):
    """``(document, problem)``: exactly one is None."""
    try:
        return to_document(item), None
    except InputError as exc:
        return None, exc.problem


def item_ident(doc, item) -> tuple:
    """What names a document in a duplicate-id report: its id, file and line."""
    return doc.id, item.path, item.line


def unique_payloads(results, problems: Problems, policy) -> Iterator:
    """Worker results ``(problem, ident, payload)`` -> payloads: each problem reported,
    duplicate ids handled by ``--on-duplicate``."""
    def known():
        for problem, ident, payload in results:
            if problem is not None:
                problems(problem)
            else:
                yield (*ident, payload)
    return DuplicateIds(getattr(policy, "value", policy), problems).filter(known())
